#!/usr/bin/env bash
# Installs the Debian packages Donghaeng needs (Qt offscreen/xcb libraries, the Korean
# TrueType font, poppler for PDF checks, NSS tools (certutil: a throwaway NSS database
# trusting the center's root, as a clerk makes one for pdfsig) and faketime (a file still
# validates a year later), Xvfb, ffmpeg (the video-hashing add-on, a separate program that
# is never bundled: the tests and the hash benchmark use it); with --with-postgres, PostgreSQL for the
# sync tests, which `make setup` passes: tests/sync starts a throwaway cluster as the
# `postgres` user the package creates).
# As root it installs what is missing; otherwise it prints the exact command and stops.
set -euo pipefail
PKGS=(fonts-nanum poppler-utils libegl1 libgl1 libfontconfig1 libdbus-1-3 libxkbcommon0
      libglib2.0-0 libxcb-icccm4 libxcb-keysyms1 libxcb-cursor0 libxcb-image0 libxcb-randr0
      libxcb-render-util0 libxcb-shape0 libxcb-xkb1 libxkbcommon-x11-0 xvfb xauth binutils
      libnss3-tools faketime ffmpeg)
if [ "${1:-}" = "--with-postgres" ]; then PKGS+=(postgresql); fi
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "Missing system packages. Run as root:" >&2
  echo "  apt-get update && apt-get install -y ${missing[*]}" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
