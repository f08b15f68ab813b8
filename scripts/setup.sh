#!/usr/bin/env bash
# Installs what Foresight needs on a fresh machine, and nothing that is already there:
# npm packages (npm install), Debian's Prometheus (unpacked without root into .foresight/), the
# fonts the playground serves, and, only with `--browser` (the test path), Debian's Chromium for
# the browser tests (never a downloaded browser). `npm run demo` does not install a browser.
set -euo pipefail
cd "$(dirname "$0")/.."

apt_install() {
  local sudo=""
  if [ "$(id -u)" != 0 ]; then
    if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
      echo "setup: need root (or sudo) to install Debian packages: $*" >&2
      return 1
    fi
  fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

with_browser=0
for arg in "$@"; do
  case "$arg" in
    --browser) with_browser=1 ;;
    *) echo "setup: unknown option $arg (the only option is --browser)" >&2; exit 2 ;;
  esac
done
if [ "${FORESIGHT_SKIP_CHROMIUM:-}" = 1 ]; then with_browser=0; fi

# The fonts Grafana's UI asks for, served by the playground; Chromium only for the browser tests.
wanted=(fonts-inter fonts-dejavu-core)
if [ "$with_browser" = 1 ]; then wanted+=(chromium); fi
missing=()
for pkg in "${wanted[@]}"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing Debian ${missing[*]}"
  # Fonts are a nicety for the demo: without root it still runs, with the browser's default font.
  apt_install "${missing[@]}" || { [ "$with_browser" = 0 ] && echo "setup: continuing without ${missing[*]}" >&2; } || exit 1
fi

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  # `npm install`, not `npm ci`: npm 11 leaves some optional platform packages (@swc/core-*) out of
  # the lock file, and `npm ci` then refuses to run; `npm install` honours the lock and fills them in.
  echo "setup: npm install"
  npm install --no-audit --no-fund --loglevel=error
fi

# Debian's Prometheus: on PATH already, or unpacked from the .deb into .foresight/ (no root needed).
npx --no-install tsx scripts/prometheus/cli.ts install >/dev/null || {
  echo "setup: falling back to apt-get install prometheus"
  apt_install prometheus
}
