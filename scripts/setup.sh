#!/usr/bin/env bash
# Makes sure the machine has what `npm start` and `npm test` need beyond npm packages:
# redis-server (fatal when missing), chromium (browser tests), nginx (the reverse-proxy test and
# deploys) and fonts-noto-cjk (Chinese glyphs).
# Installs what is missing with apt-get when it can (root or passwordless sudo on Debian/Ubuntu),
# otherwise prints the command to run. Quiet, fast no-op when everything is there.
set -uo pipefail
export DEBIAN_FRONTEND=noninteractive

missing=()
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing+=(nginx)
dpkg -s fonts-noto-cjk >/dev/null 2>&1 || missing+=(fonts-noto-cjk)

[ ${#missing[@]} -eq 0 ] && exit 0

echo "setup: missing: ${missing[*]}" >&2

sudo_cmd=()
can_install=false
if command -v apt-get >/dev/null 2>&1; then
  if [ "$(id -u)" -eq 0 ]; then
    can_install=true
  elif command -v sudo >/dev/null 2>&1 && sudo -n true >/dev/null 2>&1; then
    can_install=true
    sudo_cmd=(sudo -n env DEBIAN_FRONTEND=noninteractive)
  fi
fi

if $can_install; then
  echo "setup: installing ${missing[*]} with apt-get" >&2
  if ! "${sudo_cmd[@]}" apt-get update -qq >/dev/null; then
    echo "setup: apt-get update failed; trying the install anyway" >&2
  fi
  if ! "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; then
    echo "setup: apt-get install failed for: ${missing[*]}" >&2
  fi
else
  echo "setup: cannot install packages here; run:" >&2
  echo "  sudo apt-get update && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y ${missing[*]}" >&2
  echo "  (redis-server is required; chromium and fonts-noto-cjk are for the browser tests and Chinese glyphs)" >&2
fi

if ! command -v redis-server >/dev/null 2>&1; then
  echo "setup: FATAL: redis-server is not installed and is required (npm start runs it; tests use it)." >&2
  echo "  install it: sudo apt-get install -y redis-server" >&2
  exit 1
fi
[ -x /usr/bin/chromium ] || echo "setup: warning: /usr/bin/chromium is missing: browser tests will fail" >&2
dpkg -s fonts-noto-cjk >/dev/null 2>&1 || echo "setup: warning: fonts-noto-cjk is missing: Chinese text renders as boxes in Chromium" >&2
exit 0
