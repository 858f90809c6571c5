#!/usr/bin/env python3
"""Reference outputs of the two BlazePose models from the Python interpreter of the same
ai-edge-litert 2.3.0 wheel whose libLiteRt.so PoseRun loads.

PoseRun's Swift test (Tests/PoseRunVisionTests/LiteRTReferenceTests.swift) feeds the same
deterministic input tensor through its own LiteRT wrapper and compares with these numbers, so
the wrapper (buffer layout, output order, threads) is checked against an independent caller.

The input is a stripe pattern computed with integers only, so both languages build exactly the
same float32 tensor:  k = (x + 2*y + 37*c) % 256,  value = k / 255 (landmark model, [0, 1]) or
value = k / 255 * 2 - 1 (detector, [-1, 1]), for pixel column x, row y and channel c (NHWC).

Usage:  python3 tools/reference_outputs.py [MODELS_DIR] [OUT_JSON]
Defaults: $POSERUN_MODELS or ~/.cache/poserun/models, and
Tests/PoseRunVisionTests/Fixtures/litert_reference_outputs.json.
The wheel is installed into a temporary folder with pip (--no-deps; numpy must be present).
"""
import json
import os
import subprocess
import sys
import tempfile

import numpy as np

WHEEL = "ai-edge-litert==2.3.0"


def stripe_input(height, width, channels, signed):
    y, x, c = np.meshgrid(np.arange(height), np.arange(width), np.arange(channels), indexing="ij")
    k = ((x + 2 * y + 37 * c) % 256).astype(np.float32)
    v = k / np.float32(255.0)
    if signed:
        v = v * np.float32(2.0) - np.float32(1.0)
    return v.reshape(1, height, width, channels).astype(np.float32)


def sample(values, indices):
    flat = values.reshape(-1)
    return {"indices": [int(i) for i in indices], "values": [float(flat[i]) for i in indices]}


def run(interpreter_cls, path, signed):
    interpreter = interpreter_cls(model_path=path)
    interpreter.allocate_tensors()
    (inp,) = interpreter.get_input_details()
    _, h, w, c = inp["shape"]
    interpreter.set_tensor(inp["index"], stripe_input(h, w, c, signed))
    interpreter.invoke()
    outputs = {}
    for out in interpreter.get_output_details():
        outputs["x".join(str(d) for d in out["shape"])] = interpreter.get_tensor(out["index"]).copy()
    return outputs


def main():
    models = sys.argv[1] if len(sys.argv) > 1 else os.environ.get(
        "POSERUN_MODELS", os.path.expanduser("~/.cache/poserun/models"))
    here = os.path.dirname(os.path.abspath(__file__))
    out_path = sys.argv[2] if len(sys.argv) > 2 else os.path.join(
        here, "..", "Tests", "PoseRunVisionTests", "Fixtures", "litert_reference_outputs.json")

    with tempfile.TemporaryDirectory() as target:
        subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps",
                        "--only-binary=:all:", "--target", target, WHEEL], check=True)
        sys.path.insert(0, target)
        from ai_edge_litert.interpreter import Interpreter  # noqa: E402

        landmark = run(Interpreter, os.path.join(models, "pose_landmark_full.tflite"), signed=False)
        detector = run(Interpreter, os.path.join(models, "pose_detection.tflite"), signed=True)

    every_97th = lambda n: range(0, n, 97)  # noqa: E731
    scores = detector["1x2254x1"].reshape(-1)
    top = sorted(np.argsort(-scores)[:8].tolist())
    box_indices = [i * 12 + j for i in top for j in range(12)]

    reference = {
        "input": "k = (x + 2*y + 37*c) % 256; landmark model k/255, detector k/255*2-1 (NHWC)",
        "wheel": WHEEL,
        "landmark_model": {
            "1x195": sample(landmark["1x195"], range(195)),
            "1x1": sample(landmark["1x1"], [0]),
            "1x117": sample(landmark["1x117"], range(0, 117, 3)),
            "1x64x64x39": sample(landmark["1x64x64x39"], every_97th(64 * 64 * 39)[:60]),
            "1x256x256x1": sample(landmark["1x256x256x1"], every_97th(256 * 256)[:40]),
        },
        "detector_model": {
            "1x2254x1": sample(scores, sorted(set(top) | set(every_97th(2254)))),
            "1x2254x12": sample(detector["1x2254x12"], box_indices),
        },
    }
    with open(out_path, "w") as f:
        json.dump(reference, f, indent=1)
    print(f"wrote {out_path}")


if __name__ == "__main__":
    main()
