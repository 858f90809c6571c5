import Foundation
import PoseRunImage

/// The landmark model's result for one region, before smoothing.
struct RegionLandmarks: Sendable {
    /// Probability that a body fills the region (the model's pose-presence output).
    var posePresence: Float
    /// All 39 model landmarks (33 body + 2 auxiliary + 4 unused), normalised to the image as
    /// MediaPipe passes them on (x, y as fractions of the width and height, z scaled as x).
    var normalized: [PoseLandmark]
    /// The crop the model saw, in pixels.
    var region: PoseRegion

    /// The landmarks in pixels, as LandmarksSmoothingCalculator converts them (z scales with the width).
    func pixels(imageWidth: Int, imageHeight: Int) -> [PoseLandmark] {
        normalized.map { $0.inPixels(imageWidth: imageWidth, imageHeight: imageHeight) }
    }
}

extension PoseLandmark {
    /// (x, y), as LandmarksToDetectionCalculator makes keypoints of landmarks.
    var point: SIMD2<Float> { SIMD2(x, y) }

    /// NormalizedLandmarksToLandmarks (landmarks_smoothing_calculator_utils.cc).
    func inPixels(imageWidth: Int, imageHeight: Int) -> PoseLandmark {
        var out = self
        out.x = x * Float(imageWidth)
        out.y = y * Float(imageHeight)
        out.z = z * Float(imageWidth)
        return out
    }

    /// LandmarksToNormalizedLandmarks, the inverse.
    func normalized(imageWidth: Int, imageHeight: Int) -> PoseLandmark {
        var out = self
        out.x = x / Float(imageWidth)
        out.y = y / Float(imageHeight)
        out.z = z / Float(imageWidth)
        return out
    }
}

/// Runs the landmark model on a rotated region, as pose_landmark_by_roi_cpu.pbtxt does: crop,
/// model, TensorsToLandmarks (sigmoid on visibility and presence), heatmap refinement, and
/// projection back to the (normalised) image.
final class PoseLandmarker {
    let model: LiteRTModel
    private let landmarksOutput: Int
    private let presenceOutput: Int
    private let heatmapOutput: Int
    /// Time of the last model run alone, in seconds (for the benchmark).
    private(set) var lastModelSeconds: Double = 0

    init(runtime: LiteRTRuntime, modelPath: String, threadCount: Int, silencesRuntimeLog: Bool = false) throws {
        model = try LiteRTModel(
            runtime: runtime, modelPath: modelPath, threadCount: threadCount, silencesRuntimeLog: silencesRuntimeLog)
        let n = BlazePoseConstants.modelLandmarkCount
        let size = BlazePoseConstants.landmarkInputSize
        guard model.inputs.map(\.shape) == [[1, size, size, 3]],
            let landmarks = model.outputIndex(shape: [1, n * 5]),
            let presence = model.outputIndex(shape: [1, 1]),
            let heatmap = model.outputIndex(shape: [1, 64, 64, n])
        else {
            throw LiteRTError.unexpectedTensor(
                model: modelPath, detail: "inputs \(model.inputs), outputs \(model.outputs)")
        }
        landmarksOutput = landmarks
        presenceOutput = presence
        heatmapOutput = heatmap
    }

    /// The landmarks in a region. `mirrored` shows the model the crop mirrored left to right and mirrors its
    /// answer back (x → 1 − x in the crop, left and right landmarks exchanged): a second reading of the same
    /// picture, whose left/right leg confusions fall on other frames than the first's (docs/vision.md).
    func landmarks(in image: RGBImage, rect: NormalizedRect, mirrored: Bool = false) throws -> RegionLandmarks {
        let size = BlazePoseConstants.landmarkInputSize
        let (region, padding) = rect.cropRegion(imageWidth: image.width, imageHeight: image.height)
        let warp = ImageWarp.crop(region, size: size)
        try model.writeInput(0) { tensor in
            warp.fill(tensor, from: image, size: size, border: .replicate, range: BlazePoseConstants.landmarkInputRange)
            if mirrored { Self.mirrorRows(tensor, side: size) }
        }
        let start = ContinuousClock.now
        try model.run()
        lastModelSeconds = (ContinuousClock.now - start).seconds

        let presence = try model.withOutput(presenceOutput) { $0[0] }
        let n = BlazePoseConstants.modelLandmarkCount
        // Normalised to the crop (TensorsToLandmarksCalculator: divide by 256; z by the width too).
        var normalised: [PoseLandmark] = try model.withOutput(landmarksOutput) { raw in
            (0..<n).map { i in
                PoseLandmark(
                    x: raw[i * 5] / Float(size), y: raw[i * 5 + 1] / Float(size), z: raw[i * 5 + 2] / Float(size),
                    visibility: sigmoid(raw[i * 5 + 3]), presence: sigmoid(raw[i * 5 + 4]))
            }
        }
        try model.withOutput(heatmapOutput) { heatmap in
            Self.refine(&normalised, heatmap: heatmap, side: 64, channels: n)
        }
        if mirrored {
            normalised = Self.mirroredIndex.map { source in
                var point = normalised[source]
                point.x = 1 - point.x
                return point
            }
        }
        return RegionLandmarks(
            posePresence: presence, normalized: normalised.map { rect.project($0, padding: padding) }, region: region)
    }

    /// For each of the model's landmarks, the one that reads it in a mirrored picture: left and right body
    /// points exchanged, the auxiliary and unused ones (which have no side) kept.
    static let mirroredIndex: [Int] = (0..<BlazePoseConstants.modelLandmarkCount).map { k in
        BlazePoseLandmark(rawValue: k)?.mirrored.rawValue ?? k
    }

    /// Mirrors an RGB tensor of `side` × `side` pixels left to right, in place.
    static func mirrorRows(_ tensor: UnsafeMutableBufferPointer<Float>, side: Int) {
        for row in 0..<side {
            var a = row * side * 3, b = (row * side + side - 1) * 3
            while a < b {
                for c in 0..<3 { tensor.swapAt(a + c, b + c) }
                a += 3
                b -= 3
            }
        }
    }

    /// RefineLandmarksFromHeatmapCalculator: moves each landmark to the confidence-weighted
    /// centre of the heatmap around it, when the heatmap there is confident enough.
    static func refine(_ landmarks: inout [PoseLandmark], heatmap: UnsafeBufferPointer<Float>, side: Int, channels: Int) {
        let offset = (BlazePoseConstants.heatmapKernelSize - 1) / 2
        for index in landmarks.indices {
            // C++ float→int conversion truncates toward zero.
            let centreColumn = Int(landmarks[index].x * Float(side))
            let centreRow = Int(landmarks[index].y * Float(side))
            // Outside the heatmap: left as it is. (MediaPipe before mid-2023 compared the column
            // with the height here and refined points just below the crop; v0.10.14 has the fix,
            // commit 9861b3c "Fix bounds calculation in RefineLandmarksFromHeatMapCalculator".)
            guard centreColumn >= 0, centreColumn < side, centreRow >= 0, centreRow < side else { continue }
            var sum: Float = 0
            var weightedColumn: Float = 0
            var weightedRow: Float = 0
            var maxConfidence: Float = 0
            for row in max(0, centreRow - offset)..<min(side, centreRow + offset + 1) {
                for column in max(0, centreColumn - offset)..<min(side, centreColumn + offset + 1) {
                    let confidence = sigmoid(heatmap[(row * side + column) * channels + index])
                    sum += confidence
                    maxConfidence = max(maxConfidence, confidence)
                    weightedColumn += Float(column) * confidence
                    weightedRow += Float(row) * confidence
                }
            }
            if maxConfidence >= BlazePoseConstants.heatmapMinConfidence, sum > 0 {
                landmarks[index].x = weightedColumn / Float(side) / sum
                landmarks[index].y = weightedRow / Float(side) / sum
            }
        }
    }
}

@inline(__always)
func sigmoid(_ x: Float) -> Float { 1 / (1 + exp(-x)) }

extension Duration {
    /// The duration in seconds, as a Double.
    var seconds: Double {
        let (s, attoseconds) = components
        return Double(s) + Double(attoseconds) * 1e-18
    }
}
