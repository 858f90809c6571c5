#!/usr/bin/env bash
# The main job: build a release binary and analyse a sample runner, end to end.
#   1. a synthetic heel striker with realistic pose-model artefacts (noise, dropouts, left/right swaps),
#   2. its analysis (terminal summary, analysis.json, steps.csv),
#   3. a coaching plan from that analysis (plan.md, plan.ics),
#   4. when ../shared/data is beside the project: the gait events of a real sprint checked against its force plates.
# Output goes to out/demo (or the folder given as the first argument).
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-out/demo}"
mkdir -p "$out"

echo "== Building PoseRun (release)"
swift build -c release --product poserun
bin=".build/release/poserun"

echo
echo "== A synthetic runner with known ground truth"
"$bin" synthetic "$out/heel-striker.json" --preset heel-striker --realistic --seconds 10

echo
echo "== Analysis"
"$bin" analyze "$out/heel-striker.json" --height 1.75 --out "$out"

echo
echo "== Coaching plan"
"$bin" plan "$out" --weeks 8 --out "$out" >/dev/null
echo "Wrote $out/plan.md and $out/plan.ics"

sprint="../shared/data/mocap/dorn-sprint-ja1/JA1Gait35.c3d"
if [[ -f "$sprint" ]]; then
    echo
    echo "== A real sprint (Dorn et al. 2012, 9.5 m/s): detected events vs the force plates"
    "$bin" validate "$sprint" --reference "$sprint" --reference-source force-plates | tail -n 6
else
    echo
    echo "(../shared/data is not beside the project: skipping the force-plate check)"
fi
