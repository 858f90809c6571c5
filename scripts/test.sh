#!/usr/bin/env bash
# The whole test suite. First installs what the video tests need (ffmpeg, the pinned LiteRT runtime
# and BlazePose models, from Debian and PyPI), the report's browser test needs (chromium, Debian) and the
# web app's PostgreSQL cases need (PostgreSQL, Debian); if that cannot be done, those tests skip and say why.
# Tests that need ../shared/data skip with a visible reason when it is absent. Then the fuzz targets run.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! ./scripts/setup-models.sh; then
    echo "test.sh: setup-models.sh failed; video tests that need ffmpeg or the models will be skipped" >&2
fi
if ! ./scripts/setup-report-tools.sh; then
    echo "test.sh: setup-report-tools.sh failed; the report's browser test will be skipped" >&2
fi
./scripts/setup-build-deps.sh
# The web app's store, queue and isolation tests run against SQLite always and against PostgreSQL when
# POSERUN_TEST_POSTGRES_URL names a server: a local one from Debian's package (scripts/setup-postgres.sh)
# unless the variable is already set. If it cannot be installed or started, those cases skip and say why.
if [[ -z "${POSERUN_TEST_POSTGRES_URL:-}" ]]; then
    if url="$(./scripts/setup-postgres.sh)"; then
        export POSERUN_TEST_POSTGRES_URL="$url"
    else
        echo "test.sh: setup-postgres.sh failed; the web app's PostgreSQL test cases will be skipped (SQLite's still run)" >&2
    fi
fi
if [[ -n "${POSERUN_TEST_POSTGRES_URL:-}" ]]; then
    echo "test.sh: the web app's store tests run against SQLite and PostgreSQL at ${POSERUN_TEST_POSTGRES_URL#*@}"
fi
swift build --build-tests
swift test --skip-build
# Every fuzz target for a bounded time (FUZZ_SECONDS each, default 30; 0 skips): a crash, a leak, a slow
# input or a huge allocation fails the run (scripts/fuzz.sh).
if [[ "${FUZZ_SECONDS:-30}" != 0 ]]; then
    ./scripts/fuzz.sh all "${FUZZ_SECONDS:-30}"
fi
