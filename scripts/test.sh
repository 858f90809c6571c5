#!/usr/bin/env bash
# The whole test suite. First installs what the video tests need (ffmpeg, the pinned LiteRT runtime
# and BlazePose models, from Debian and PyPI) and the report's browser test needs (chromium, Debian);
# if that cannot be done, those tests skip and say why.
# Tests that need ../shared/data skip with a visible reason when it is absent.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! ./scripts/setup-models.sh; then
    echo "test.sh: setup-models.sh failed; video tests that need ffmpeg or the models will be skipped" >&2
fi
if ! ./scripts/setup-report-tools.sh; then
    echo "test.sh: setup-report-tools.sh failed; the report's browser test will be skipped" >&2
fi
swift build --build-tests
swift test --skip-build
