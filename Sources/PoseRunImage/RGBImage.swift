/// An 8-bit RGB raster: rows top to bottom, 3 bytes a pixel, no padding (ffmpeg's `rgb24`). A value type
/// with no I/O, so the video reader (PoseRunVision) and the frame drawing (PoseRunReport) share one frame
/// type, and Core stays free of video.
public struct RGBImage: Sendable, Hashable {
    public let width: Int
    public let height: Int
    /// `width × height × 3` bytes.
    public var pixels: [UInt8]

    public init(width: Int, height: Int, pixels: [UInt8]) {
        precondition(width > 0 && height > 0 && pixels.count == width * height * 3, "RGBImage size mismatch")
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    /// A black image.
    public init(width: Int, height: Int) {
        self.init(width: width, height: height, pixels: [UInt8](repeating: 0, count: width * height * 3))
    }

    /// Bytes in one frame.
    public static func byteCount(width: Int, height: Int) -> Int { width * height * 3 }
}
