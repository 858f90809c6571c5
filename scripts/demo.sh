#!/usr/bin/env bash
# The main job: set up, build a release binary and analyse runners, end to end.
#   0. scripts/setup-models.sh: ffmpeg, the LiteRT runtime and the BlazePose models (sha256-checked;
#      downloads nothing when they are already there),
#   1. a real clip of a jogger (samples/, the one video in the repository): video → BlazePose → analysis,
#      with the keypoints written as keypoints.json, keypoints.trc and an OpenPose folder, plus report.html
#      with its frame-by-frame player (player.js and the clip beside it; key frames drawn on the video),
#   2. a synthetic heel striker with realistic pose-model artefacts (noise, dropouts, left/right swaps),
#      its analysis (terminal summary, analysis.json, steps.csv, report.html) and a coaching plan
#      (plan.md, plan.ics), whose drills the report then names,
#   3. when ../shared/data is beside the project: the gait events of a real sprint checked against its force plates.
# Output goes to out/demo (or the folder given as the first argument).
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-out/demo}"
mkdir -p "$out"

echo "== Setting up ffmpeg and the pose models"
video_ready=1
if ! ./scripts/setup-models.sh; then
    video_ready=0
    echo "(setup-models.sh failed: skipping the video part; the other steps need nothing from it)"
fi

echo
echo "== Building PoseRun (release)"
./scripts/setup-build-deps.sh
swift build -c release --product poserun
bin=".build/release/poserun"

# Exit status 3 means "no running found": worth showing, not a failure of the demo.
analyze() {
    local status=0
    "$bin" analyze "$@" || status=$?
    if [[ $status -ne 0 && $status -ne 3 ]]; then exit "$status"; fi
}

jogging="samples/jogging-overground-side.mp4"
if [[ $video_ready -eq 1 ]]; then
    echo
    echo "== A real clip: a jogger filmed side-on (Sports2D demo, 480×352, 30 fps, one stride in view)"
    analyze "$jogging" --height 1.65 --out "$out/jogging"
    echo "Keypoints for other tools: $out/jogging/keypoints.trc (OpenSim, Sports2D), $out/jogging/openpose/ (OpenPose BODY_25)"
fi

echo
echo "== A synthetic runner with known ground truth"
"$bin" synthetic "$out/heel-striker.json" --preset heel-striker --realistic --seconds 10

echo
echo "== Analysis"
analyze "$out/heel-striker.json" --height 1.75 --out "$out"

echo
echo "== Coaching plan"
"$bin" plan "$out" --weeks 8 --out "$out" >/dev/null
echo "Wrote $out/plan.md and $out/plan.ics"
"$bin" report "$out" | grep -v '^note:' || true

sprint="../shared/data/mocap/dorn-sprint-ja1/JA1Gait35.c3d"
if [[ -f "$sprint" ]]; then
    echo
    echo "== A real sprint (Dorn et al. 2012, 9.5 m/s): detected events vs the force plates"
    "$bin" validate "$sprint" --reference "$sprint" --reference-source force-plates | tail -n 6
else
    echo
    echo "(../shared/data is not beside the project: skipping the force-plate check)"
fi

echo
echo "== Done. Open the reports in any browser, offline (each folder holds its page, player.js and, for video, the clip):"
for report in "$out/report.html" "$out/jogging/report.html"; do
    [[ -f "$report" ]] && echo "  $report"
done
true
