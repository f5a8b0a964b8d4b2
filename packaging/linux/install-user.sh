#!/usr/bin/env bash
# Install a built ampdesk bundle for the current user (no root): the program, a command on
# PATH, the menu entry, the icon, AppStream data and the .ampdesk file type.
#   bash packaging/linux/install-user.sh [BUNDLE_DIR]   (default: build/dist/ampdesk)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bundle=$(cd "${1:-$here/../../build/dist/ampdesk}" && pwd)
data=${XDG_DATA_HOME:-$HOME/.local/share}
app_id=io.github.ampdesk.Ampdesk

mkdir -p "$HOME/.local/opt" "$HOME/.local/bin" "$data/applications" "$data/metainfo" "$data/mime/packages"
rm -rf "$HOME/.local/opt/ampdesk"
cp -r "$bundle" "$HOME/.local/opt/ampdesk"
ln -sf "$HOME/.local/opt/ampdesk/ampdesk" "$HOME/.local/bin/ampdesk"
cp "$here/$app_id.desktop" "$data/applications/"
cp "$here/$app_id.metainfo.xml" "$data/metainfo/"
cp "$here/ampdesk-mime.xml" "$data/mime/packages/"
for png in "$here"/icons/*.png; do
  size=$(basename "$png" .png)
  mkdir -p "$data/icons/hicolor/${size}x${size}/apps"
  cp "$png" "$data/icons/hicolor/${size}x${size}/apps/$app_id.png"
done
mkdir -p "$data/icons/hicolor/scalable/apps"
cp "$bundle/_internal/ampdesk/resources/icons/ampdesk.svg" "$data/icons/hicolor/scalable/apps/$app_id.svg"
command -v update-mime-database >/dev/null && update-mime-database "$data/mime" || true
command -v update-desktop-database >/dev/null && update-desktop-database "$data/applications" 2>/dev/null || true
command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q -t "$data/icons/hicolor" || true
echo "Installed ampdesk in $HOME/.local: run 'ampdesk', or open a .ampdesk file from the file manager."
