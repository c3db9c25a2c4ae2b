#!/usr/bin/env bash
# Installs (or upgrades) the Donghaeng bundle this script sits in.
#   as root:  /opt/donghaeng, /usr/local/bin/donghaeng, /usr/local/share/{applications,icons}
#   as user:  ~/.local/opt/donghaeng, ~/.local/bin/donghaeng, ~/.local/share/{applications,icons}
#   --prefix DIR  puts the program under DIR/opt/donghaeng and the links under DIR/{bin,share}
# Vaults are never touched: they live in each worker's data folder (docs/operations.md).
set -euo pipefail
SRC="$(cd "$(dirname "$0")" && pwd)"
if [ "$(id -u)" -eq 0 ]; then OPT=/opt; PREFIX=/usr/local; else OPT="$HOME/.local/opt"; PREFIX="$HOME/.local"; fi
if [ "${1:-}" = "--prefix" ]; then PREFIX="$2"; OPT="$2/opt"; fi
[ -x "$SRC/donghaeng" ] && [ -d "$SRC/_internal" ] || { echo "run install.sh from the unpacked donghaeng folder" >&2; exit 1; }

DEST="$OPT/donghaeng"
mkdir -p "$OPT" "$PREFIX/bin" "$PREFIX/share/applications"
if [ "$SRC" != "$DEST" ]; then
  # copy beside the old version, then swap: a running old copy keeps its files until it exits
  rm -rf "$DEST.new" "$DEST.old"
  cp -a "$SRC" "$DEST.new"
  [ -e "$DEST" ] && mv "$DEST" "$DEST.old"
  mv "$DEST.new" "$DEST"
  rm -rf "$DEST.old"
fi
ln -sfn "$DEST/donghaeng" "$PREFIX/bin/donghaeng"
# absolute Exec= path: ~/.local/bin is not on every desktop session's PATH
sed "s|^Exec=donghaeng|Exec=$DEST/donghaeng|" "$DEST/share/applications/donghaeng.desktop" \
  > "$PREFIX/share/applications/donghaeng.desktop"
for dir in "$DEST"/share/icons/hicolor/*/apps; do
  size="$(basename "$(dirname "$dir")")"
  mkdir -p "$PREFIX/share/icons/hicolor/$size/apps"
  cp "$dir"/donghaeng.* "$PREFIX/share/icons/hicolor/$size/apps/"
done
command -v update-desktop-database >/dev/null && update-desktop-database -q "$PREFIX/share/applications" || true
command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q -t "$PREFIX/share/icons/hicolor" || true
echo "$("$DEST/donghaeng" --version 2>/dev/null || echo donghaeng) installed in $DEST"
echo "command: $PREFIX/bin/donghaeng"
