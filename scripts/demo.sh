#!/usr/bin/env bash
# The main job: build a release binary and analyse a sample runner.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product poserun
bin=.build/release/poserun
"$bin" --help
