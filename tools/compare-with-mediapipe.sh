#!/usr/bin/env bash
# Whole-video agreement with MediaPipe 0.10.14's own pose pipeline (issue 3: mean landmark
# distance on frames both detect ≤ 3 % of the torso length), on every clip in ../shared/data/video
# or on the clips given as arguments.
#
#   tools/compare-with-mediapipe.sh [VIDEO…]
#   MEDIAPIPE_DIR   where mediapipe 0.10.14 is installed (default ~/.cache/poserun/mediapipe-0.10.14;
#                   installed there with pip on first use, never into the repository)
#   OUT             folder for the landmark files (default /tmp/poserun-mediapipe-compare)
#
# Both sides get the same pixels (ffmpeg with PoseRun's arguments), smoothing as MediaPipe's
# default (smooth_landmarks=True). For the headline figure PoseRun is also run the way MediaPipe's
# Python solution runs: its choice of person (the detector's best, `--best-score`), its frame
# times (33 333 µs apart whatever the clip's rate, solution_base.py: `--mediapipe-timestamps`)
# and a detector run on every frame without a pose (`--search-every 1`). PoseRun's default
# (follows one person, the clip's own times, searches every other frame) is compared too.
# Needs the models (scripts/setup-models.sh) and a release build of poserun-bench (built here).
set -euo pipefail
cd "$(dirname "$0")/.."

mediapipe_dir="${MEDIAPIPE_DIR:-$HOME/.cache/poserun/mediapipe-0.10.14}"
out="${OUT:-/tmp/poserun-mediapipe-compare}"
mkdir -p "$out"

# (Not `import mediapipe`: its __init__ imports the drawing helpers, which need matplotlib, which
# the pose pipeline does not; compare_with_mediapipe.py stubs it. Checking the import reinstalled
# the package on every run.)
if ! PYTHONPATH="$mediapipe_dir" python3 -c "import cv2, numpy, mediapipe.python.solutions.pose" 2>/dev/null \
    && ! PYTHONPATH="$mediapipe_dir" python3 -c "
import sys, types
sys.modules['matplotlib'] = types.ModuleType('matplotlib'); sys.modules['matplotlib.pyplot'] = types.ModuleType('matplotlib.pyplot')
import cv2, numpy, mediapipe.python.solutions.pose" 2>/dev/null; then
    echo "compare: installing mediapipe 0.10.14 into $mediapipe_dir (pip, no other changes)" >&2
    # --no-deps: the pose solution needs only these; mediapipe's full list pulls in jax and matplotlib.
    python3 -m pip install --quiet --no-deps --target "$mediapipe_dir" mediapipe==0.10.14 absl-py attrs \
        flatbuffers "protobuf>=4.25.3,<5" opencv-python-headless==4.10.0.84 numpy
fi

swift build -c release --product poserun-bench >&2
bench=.build/release/poserun-bench

if [[ $# -gt 0 ]]; then clips=("$@"); else clips=(../shared/data/video/*.mp4); fi
status=0
for clip in "${clips[@]}"; do
    name="$(basename "$clip" .mp4)"
    PYTHONPATH="$mediapipe_dir" python3 tools/compare_with_mediapipe.py run "$clip" "$out/$name.mediapipe.json" \
        2> >(grep -E "^(Traceback|Error)" >&2 || true)
    "$bench" video-landmarks "$clip" "$out/$name.best-score.json" --smooth --best-score --mediapipe-timestamps \
        --search-every 1 2> >(grep -v "^INFO:" >&2 || true)
    "$bench" video-landmarks "$clip" "$out/$name.follow.json" --smooth 2> >(grep -v "^INFO:" >&2 || true)
    echo "== $name: PoseRun with MediaPipe's choice of person (the agreement figure)"
    python3 tools/compare_with_mediapipe.py compare "$out/$name.mediapipe.json" "$out/$name.best-score.json" || status=1
    echo "== $name: PoseRun's default (follows one person)"
    python3 tools/compare_with_mediapipe.py compare "$out/$name.mediapipe.json" "$out/$name.follow.json" || true
done
exit $status
