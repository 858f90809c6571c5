#!/usr/bin/env python3
"""MediaPipe 0.10.14's pose graph frame by frame, with the regions it tracks (for finding where
PoseRun's pipeline and MediaPipe's part ways; pairs with `poserun-bench video-regions`).

  PYTHONPATH=~/.cache/poserun/mediapipe-0.10.14 python3 tools/mediapipe_regions.py VIDEO OUT_JSON [--no-smooth]

Runs the graph mediapipe.solutions.pose runs (the same binary graph, side packets and options as
`Pose(model_complexity=1)`, the same 33 333 µs frame stamps), on the frames
tools/compare_with_mediapipe.py decodes, and asks for three more of the graph's outputs.
Writes per frame:
  lm      the 33 landmarks [x px, y px, visibility, presence], or null
  detroi  the region made from a detection on this frame [centre x, y, width, height px, rotation],
          or null when the detector did not run or found nobody
  next    the region this frame's landmarks hand to the next frame, or null (track lost)
The region used on frame t is detroi[t] when set, else next[t - 1].

Importing an option's Python module changes what the graph runs: pose.py never imports
refine_landmarks_from_heatmap_calculator_pb2, and without it the heatmap refinement runs with its
default 9-cell window instead of the graph's 7. This script imports nothing pose.py does not, so
it matches pose.process() (checked: landmarks equal to 0.001 px on the sprint clip).
"""
import json
import os
import sys
import types

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))


def main():
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    video, out_path = sys.argv[1], sys.argv[2]
    smooth = "--no-smooth" not in sys.argv[3:]
    try:  # mediapipe's drawing helpers import matplotlib; the pose pipeline does not use it.
        import matplotlib.pyplot  # noqa: F401
    except ImportError:
        sys.modules["matplotlib"] = types.ModuleType("matplotlib")
        sys.modules["matplotlib.pyplot"] = types.ModuleType("matplotlib.pyplot")
    from mediapipe.python.solution_base import SolutionBase
    from mediapipe.python.solutions import pose
    from compare_with_mediapipe import ffmpeg_frames

    class PoseWithRegions(SolutionBase):
        def __init__(self):
            super().__init__(
                binary_graph_path=pose._BINARYPB_FILE_PATH,
                side_inputs={"model_complexity": 1, "smooth_landmarks": smooth, "enable_segmentation": False,
                             "smooth_segmentation": True, "use_prev_landmarks": True},
                calculator_params={
                    "posedetectioncpu__TensorsToDetectionsCalculator.min_score_thresh": 0.5,
                    "poselandmarkbyroicpu__tensorstoposelandmarksandsegmentation__ThresholdingCalculator.threshold": 0.5},
                outputs=["pose_landmarks", "pose_rect_from_landmarks", "pose_rect_from_detection", "pose_detection"])

    def rect(r, width, height):
        if r is None:
            return None
        return [r.x_center * width, r.y_center * height, r.width * width, r.height * height, r.rotation]

    frames = []
    with PoseWithRegions() as graph:
        for rgb in ffmpeg_frames(video):
            height, width = rgb.shape[:2]
            r = graph.process({"image": rgb})
            landmarks = None if r.pose_landmarks is None else [
                [l.x * width, l.y * height, l.visibility, l.presence] for l in r.pose_landmarks.landmark]
            frames.append({"lm": landmarks, "next": rect(r.pose_rect_from_landmarks, width, height),
                           "detroi": rect(r.pose_rect_from_detection, width, height)})
    tmp = out_path + ".tmp"
    with open(tmp, "w") as f:
        json.dump(frames, f, separators=(",", ":"))
    os.replace(tmp, out_path)
    print(f"mediapipe: {os.path.basename(video)}: {len(frames)} frames")
    return 0


if __name__ == "__main__":
    sys.exit(main())
