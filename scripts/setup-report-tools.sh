#!/usr/bin/env bash
# Installs what the report's browser test needs: Debian's chromium (headless rendering, screenshot,
# console errors). Idempotent: does nothing when chromium is already on the PATH. Without it the
# browser tests skip and say so.
set -euo pipefail
if command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1; then
    exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "setup-report-tools.sh: no apt-get here; install chromium yourself for the browser test" >&2
    exit 1
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
echo "setup-report-tools.sh: installing chromium (Debian) for the report's browser test"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends chromium >/dev/null
