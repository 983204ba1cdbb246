#!/usr/bin/env bash
# Set up GreenZone Desktop on a Debian machine with Python 3.11:
# the Debian libraries Qt needs (plus the tools the tests use), then a virtual
# environment in .venv with the package installed in editable mode.
#   bash scripts/setup.sh          app only
#   bash scripts/setup.sh --test   app + test tools (pytest, LibreOffice, poppler, Xvfb)
set -euo pipefail
cd "$(dirname "$0")/.."

want_test=0
[ "${1:-}" = "--test" ] && want_test=1

# Libraries the PySide6 wheels load (xcb window plugin, EGL/GL, fonts, keyboard).
qt_pkgs=(libegl1 libgl1 libopengl0 libglib2.0-0 libfontconfig1 libfreetype6 libxkbcommon0
         libxkbcommon-x11-0 libdbus-1-3 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1
         libxcb-image0 libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-randr0
         libxcb-xkb1 libnss3 libxcomposite1 libxdamage1 libxrandr2 libxtst6 libasound2
         libcups2 fonts-dejavu-core)
# Real programs the tests drive: LibreOffice opens our Excel files, poppler reads our PDFs,
# Xvfb gives screenshots a screen.
test_pkgs=(poppler-utils libreoffice-calc-nogui xvfb xauth)

pkgs=("${qt_pkgs[@]}")
[ "$want_test" = 1 ] && pkgs+=("${test_pkgs[@]}")

missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  echo "Cài các gói Debian còn thiếu: ${missing[*]}"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

py="${PYTHON:-python3}"
[ -x .venv/bin/python ] || "$py" -m venv .venv
extra=""
[ "$want_test" = 1 ] && extra="[test]"
stamp=".venv/.installed$extra"
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e ".$extra"
  touch "$stamp"
fi
