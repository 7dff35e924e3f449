#!/usr/bin/env bash
# System packages the site build and the tests need: Debian's Chromium (browser tests, map
# previews) and a font that renders Chinese; and the loopback interface that Jupyter kernels use.
set -euo pipefail

need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
fc-list 2>/dev/null | grep -qi "WenQuanYi Micro Hei" || need+=(fonts-wqy-microhei)

if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "installing system packages: ${need[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  elif command -v sudo >/dev/null && command -v apt-get >/dev/null; then
    sudo apt-get update -qq
    sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  else
    echo "error: missing system packages: ${need[*]}. Install them with your package manager" >&2
    echo "       (Debian/Ubuntu: apt-get install ${need[*]}) and run the command again." >&2
    exit 1
  fi
fi

# Jupyter kernels talk to the notebook runner over 127.0.0.1.
if command -v ip >/dev/null && ip link show lo 2>/dev/null | grep -q "state DOWN"; then
  ip link set lo up 2>/dev/null || sudo ip link set lo up 2>/dev/null || true
fi
if ! python3 -c "import socket; s=socket.socket(); s.bind(('127.0.0.1', 0)); s.close()" 2>/dev/null; then
  echo "error: the loopback interface (127.0.0.1) is not usable; Jupyter kernels need it." >&2
  echo "       Bring it up with: ip link set lo up" >&2
  exit 1
fi
