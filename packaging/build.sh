#!/usr/bin/env bash
# Build the one-folder bundle with PyInstaller into build/dist/ampdesk.
# Run from an environment that has ampdesk's dependencies and PyInstaller installed:
#   pip install . pyinstaller && bash packaging/build.sh
set -euo pipefail
cd "$(dirname "$0")/.."
python -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath build/dist --workpath build/work packaging/ampdesk.spec
du -sh build/dist/ampdesk
