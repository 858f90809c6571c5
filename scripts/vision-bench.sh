#!/usr/bin/env bash
# Speed of the video → landmarks path (figures quoted in docs/vision.md). Needs the models
# (scripts/setup-models.sh) and ../shared/data for the pipeline figure. Release build.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --build-tests -Xswiftc -enable-testing
POSERUN_VISION_BENCH=1 swift test -c release -Xswiftc -enable-testing --skip-build \
    --filter VisionBenchmarkTests 2>&1 | grep -E "vision bench|passed|failed|skipped"
