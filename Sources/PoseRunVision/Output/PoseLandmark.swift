/// One BlazePose landmark in one frame.
public struct PoseLandmark: Sendable, Hashable, Codable {
    /// Image pixels from the left edge.
    public var x: Float
    /// Image pixels from the top edge (down positive, as in the image).
    public var y: Float
    /// Depth relative to the mid-hip, in the same pixel scale as x (smaller is nearer the camera).
    public var z: Float
    /// Probability (0…1) that the landmark is visible, not hidden by the body or something else.
    public var visibility: Float
    /// Probability (0…1) that the landmark is inside the image.
    public var presence: Float

    public init(x: Float, y: Float, z: Float, visibility: Float, presence: Float) {
        self.x = x
        self.y = y
        self.z = z
        self.visibility = visibility
        self.presence = presence
    }
}
