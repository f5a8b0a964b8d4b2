#!/usr/bin/env bash
# Build the one-folder bundle with PyInstaller into build/dist/ampdesk (or OUT/dist/ampdesk).
# Run from an environment that has ampdesk's dependencies and PyInstaller installed:
#   pip install . pyinstaller && bash packaging/build.sh [OUT]
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-build}
python -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath "$out/dist" --workpath "$out/work" packaging/ampdesk.spec
du -sh "$out/dist/ampdesk"
