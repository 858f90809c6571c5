import Foundation
import PoseRunImage

/// Runs the pose detector on a whole frame, as pose_detection_cpu.pbtxt does: letterbox to
/// 224×224 in [−1, 1], model, anchor decoding, score threshold, weighted non-maximum
/// suppression, letterbox removal.
final class PoseDetector {
    let model: LiteRTModel
    private let boxesOutput: Int
    private let scoresOutput: Int
    private let anchors = SSDAnchors.blazePose
    /// Time of the last model run alone, in seconds (for the benchmark).
    private(set) var lastModelSeconds: Double = 0

    init(runtime: LiteRTRuntime, modelPath: String, threadCount: Int, silencesRuntimeLog: Bool = false) throws {
        model = try LiteRTModel(
            runtime: runtime, modelPath: modelPath, threadCount: threadCount, silencesRuntimeLog: silencesRuntimeLog)
        let size = BlazePoseConstants.detectorInputSize
        let count = BlazePoseConstants.detectorBoxCount
        guard model.inputs.map(\.shape) == [[1, size, size, 3]],
            let boxes = model.outputIndex(shape: [1, count, BlazePoseConstants.detectorValuesPerBox]),
            let scores = model.outputIndex(shape: [1, count, 1]),
            anchors.centres.count == count
        else {
            throw LiteRTError.unexpectedTensor(model: modelPath, detail: "inputs \(model.inputs), outputs \(model.outputs)")
        }
        boxesOutput = boxes
        scoresOutput = scores
    }

    /// The people found in the frame, best first, in normalised image coordinates.
    func detect(in image: RGBImage) throws -> [PoseDetection] {
        let size = BlazePoseConstants.detectorInputSize
        let (warp, padding) = ImageWarp.letterbox(imageWidth: image.width, imageHeight: image.height, size: size)
        try model.writeInput(0) { tensor in
            warp.fill(tensor, from: image, size: size, border: .zero, range: BlazePoseConstants.detectorInputRange)
        }
        let start = ContinuousClock.now
        try model.run()
        lastModelSeconds = (ContinuousClock.now - start).seconds
        let raw = try model.withOutput(boxesOutput) { boxes in
            try model.withOutput(scoresOutput) { scores in
                PoseDetectionDecoder.decode(boxes: boxes, scores: scores, anchors: anchors)
            }
        }
        return PoseDetectionDecoder.suppress(raw).map { PoseDetectionDecoder.removeLetterbox($0, padding: padding) }
    }
}
