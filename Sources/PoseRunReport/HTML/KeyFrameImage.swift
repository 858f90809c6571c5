public import Foundation

/// A video frame to draw a key frame on: JPEG bytes and the size the pose was measured in.
///
/// The report does no video work: the caller (the command, through PoseRunVision) extracts the frames
/// and hands them over keyed by frame index.
public struct KeyFrameImage: Sendable, Hashable {
    public var jpeg: Data
    /// Pixel size of the frame, the same the keypoints are measured in (y up from the bottom row).
    public var width: Int
    public var height: Int

    public init(jpeg: Data, width: Int, height: Int) {
        self.jpeg = jpeg
        self.width = width
        self.height = height
    }
}
