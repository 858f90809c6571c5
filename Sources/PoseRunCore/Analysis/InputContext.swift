/// What only the input knows about itself, carried into the analysis: where its frame rate came from,
/// what its reader noticed, and (for a video) the camera-view check.
public struct InputContext: Sendable, Hashable {
    public var frameRateSource: String?
    public var notes: [String]
    public var cameraView: CameraViewReport?

    public init(frameRateSource: String? = nil, notes: [String] = [], cameraView: CameraViewReport? = nil) {
        self.frameRateSource = frameRateSource
        self.notes = notes
        self.cameraView = cameraView
    }
}
