/// The detector's anchor centres, generated as MediaPipe's SsdAnchorsCalculator does
/// (calculators/tflite/ssd_anchors_calculator.cc, GenerateAnchors) with the pose detector's options.
///
/// With `fixed_anchor_size` every anchor is 1×1, so only the centres matter.
struct SSDAnchors: Sendable {
    /// Normalised (x, y) centres, in the order of the model's 2254 outputs.
    let centres: [(x: Float, y: Float)]

    static let blazePose = SSDAnchors(
        inputSize: BlazePoseConstants.detectorInputSize, strides: BlazePoseConstants.anchorStrides,
        aspectRatios: BlazePoseConstants.anchorAspectRatios,
        interpolatedScaleAspectRatio: BlazePoseConstants.anchorInterpolatedScaleAspectRatio,
        offset: BlazePoseConstants.anchorOffset)

    init(inputSize: Int, strides: [Int], aspectRatios: [Float], interpolatedScaleAspectRatio: Float, offset: Float) {
        var centres: [(x: Float, y: Float)] = []
        var layer = 0
        while layer < strides.count {
            // Layers with the same stride share one grid; their anchors are interleaved per cell.
            var anchorsPerCell = 0
            var last = layer
            while last < strides.count, strides[last] == strides[layer] {
                anchorsPerCell += aspectRatios.count + (interpolatedScaleAspectRatio > 0 ? 1 : 0)
                last += 1
            }
            let stride = strides[layer]
            let featureMapSize = Int((Float(inputSize) / Float(stride)).rounded(.up))
            for y in 0..<featureMapSize {
                for x in 0..<featureMapSize {
                    let centre = (
                        x: (Float(x) + offset) / Float(featureMapSize),
                        y: (Float(y) + offset) / Float(featureMapSize))
                    for _ in 0..<anchorsPerCell { centres.append(centre) }
                }
            }
            layer = last
        }
        self.centres = centres
    }
}
