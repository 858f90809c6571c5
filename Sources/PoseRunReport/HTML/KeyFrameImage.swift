public import Foundation

/// A video frame to draw a key frame on: JPEG bytes, or the player's clip, and the size the pose was measured in.
///
/// The report does no video work: the caller (the command, through PoseRunVision) extracts the frames
/// and hands them over keyed by frame index — or, when the player's clip travels with the report, hands
/// over none and the page's player draws each key frame from that clip (`fromPlayerClip`): re-reading
/// the frames with ffmpeg decodes the clip again from the keyframe before them, which on a 7 s 1080p
/// clip cost as much as a tenth of the whole analysis.
public struct KeyFrameImage: Sendable, Hashable {
    /// The frame's JPEG; `nil` when the player draws it from its clip.
    public var jpeg: Data?
    /// Pixel size of the frame, the same the keypoints are measured in (y up from the bottom row).
    public var width: Int
    public var height: Int

    public init(jpeg: Data, width: Int, height: Int) {
        self.jpeg = jpeg
        self.width = width
        self.height = height
    }

    private init(width: Int, height: Int) {
        jpeg = nil
        self.width = width
        self.height = height
    }

    /// A frame the page's player draws from the clip beside the report (a canvas the player fills).
    public static func fromPlayerClip(width: Int, height: Int) -> KeyFrameImage {
        KeyFrameImage(width: width, height: height)
    }
}
