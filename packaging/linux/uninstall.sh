#!/usr/bin/env bash
# Removes the Donghaeng program installed by install.sh (same --prefix rules).
# Vaults are NOT removed: they hold records that may still be needed (and are encrypted).
# To remove a worker's data too, see "Uninstall" in docs/operations.md.
set -euo pipefail
if [ "$(id -u)" -eq 0 ]; then OPT=/opt; PREFIX=/usr/local; else OPT="$HOME/.local/opt"; PREFIX="$HOME/.local"; fi
if [ "${1:-}" = "--prefix" ]; then PREFIX="$2"; OPT="$2/opt"; fi
rm -rf "$OPT/donghaeng" "$OPT/donghaeng.new" "$OPT/donghaeng.old"
rm -f "$PREFIX/bin/donghaeng" "$PREFIX/share/applications/donghaeng.desktop"
rm -f "$PREFIX"/share/icons/hicolor/*/apps/donghaeng.png "$PREFIX"/share/icons/hicolor/scalable/apps/donghaeng.svg
echo "Donghaeng removed from $OPT."
echo "Vaults were kept: each account's \${XDG_DATA_HOME:-~/.local/share}/donghaeng (here: ${XDG_DATA_HOME:-$HOME/.local/share}/donghaeng)."
