#!/usr/bin/env bash
# The whole test suite. Tests that need ../shared/data skip with a visible reason when it is absent.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --build-tests
swift test --skip-build 2>&1 | tee .build/test-output.txt
