#!/usr/bin/env bash
# Installs the C library headers the build needs: Debian's libsqlite3-dev, which GRDB (the web app's
# database, `poserun serve`) compiles against. Idempotent: does nothing when sqlite3.h is already there.
set -euo pipefail
if [ -e /usr/include/sqlite3.h ]; then
    exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "setup-build-deps.sh: no apt-get here; install SQLite's development files (sqlite3.h) yourself" >&2
    exit 1
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
echo "setup-build-deps.sh: installing libsqlite3-dev (Debian) for GRDB"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends libsqlite3-dev >/dev/null
