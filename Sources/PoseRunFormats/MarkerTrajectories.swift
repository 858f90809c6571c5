/// 3D marker (or keypoint) positions over time as a file gives them, before mapping to landmarks
/// and projecting to the sagittal plane. Shared by the TRC and C3D readers.
public struct MarkerTrajectories: Sendable, Hashable {
    /// Marker names in file order.
    public var markerNames: [String]
    /// Samples per second.
    public var frameRate: Double
    /// Time of each frame in seconds, in the file's own time base.
    public var times: [Double]
    /// The file's own frame numbers.
    public var frameNumbers: [Int]
    /// Positions in metres, one array per marker name, `NaN` components where a marker is missing.
    public var positions: [String: [SIMD3<Double>]]

    public init(markerNames: [String], frameRate: Double, times: [Double], frameNumbers: [Int], positions: [String: [SIMD3<Double>]]) {
        self.markerNames = markerNames
        self.frameRate = frameRate
        self.times = times
        self.frameNumbers = frameNumbers
        self.positions = positions
    }

    public var frameCount: Int { times.count }
}
