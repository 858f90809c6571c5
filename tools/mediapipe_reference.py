#!/usr/bin/env python3
"""MediaPipe 0.10.14's own pose pipeline on a video, as a reference for PoseRun's Swift port.

Runs `mediapipe.solutions.pose.Pose(model_complexity=1, smooth_landmarks=False)` (the full
model, the same .tflite files PoseRun uses) frame by frame and writes, for every STEP-th frame,
the 33 landmarks in image pixels (x, y) with visibility, plus the frames where it found no pose,
and its frames per second. PoseRun's test (MediaPipeComparisonTests) runs its own pipeline on
the same clip and compares.

Usage: python3 tools/mediapipe_reference.py VIDEO [OUT_JSON] [STEP]
Needs mediapipe 0.10.14 and OpenCV, e.g. in a temporary folder (no other dependencies needed):
  pip install --no-deps --target /tmp/mp mediapipe==0.10.14 absl-py attrs flatbuffers \
      "protobuf>=4.25.3,<5" opencv-python-headless==4.10.0.84
  PYTHONPATH=/tmp/mp python3 tools/mediapipe_reference.py ../shared/data/video/jogging-overground-side.mp4
"""
import json
import os
import sys
import time

import types

import cv2

try:  # mediapipe's drawing helpers import matplotlib; the pose pipeline does not use it.
    import matplotlib.pyplot  # noqa: F401
except ImportError:
    sys.modules["matplotlib"] = types.ModuleType("matplotlib")
    sys.modules["matplotlib.pyplot"] = types.ModuleType("matplotlib.pyplot")

import mediapipe as mp  # noqa: E402


def main():
    video = sys.argv[1]
    here = os.path.dirname(os.path.abspath(__file__))
    out_path = sys.argv[2] if len(sys.argv) > 2 else os.path.join(
        here, "..", "Tests", "PoseRunVisionTests", "Fixtures", "mediapipe_jogging_landmarks.json")
    step = int(sys.argv[3]) if len(sys.argv) > 3 else 4

    capture = cv2.VideoCapture(video)
    frames = []
    missing = []
    index = 0
    elapsed = 0.0
    with mp.solutions.pose.Pose(static_image_mode=False, model_complexity=1, smooth_landmarks=False,
                                enable_segmentation=False) as pose:
        while True:
            ok, bgr = capture.read()
            if not ok:
                break
            height, width = bgr.shape[:2]
            rgb = cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB)
            start = time.perf_counter()
            result = pose.process(rgb)
            elapsed += time.perf_counter() - start
            if result.pose_landmarks is None:
                missing.append(index)
            elif index % step == 0:
                frames.append({
                    "frame": index,
                    "landmarks": [[round(l.x * width, 2), round(l.y * height, 2), round(l.visibility, 3)]
                                  for l in result.pose_landmarks.landmark],
                })
            index += 1

    reference = {
        "source": "mediapipe 0.10.14 solutions.pose, model_complexity=1, smooth_landmarks=False",
        "video": os.path.basename(video),
        "frame_count": index,
        "frames_without_pose": missing,
        "frames_per_second": round(index / elapsed, 1) if elapsed > 0 else None,
        "frames": frames,
    }
    with open(out_path, "w") as f:
        json.dump(reference, f, separators=(",", ":"))
    print(f"wrote {out_path}: {index} frames, {len(missing)} without pose, {reference['frames_per_second']} frames/s")


if __name__ == "__main__":
    main()
