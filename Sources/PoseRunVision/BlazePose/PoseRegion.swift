import Foundation

/// A rotated square region of the image the landmark model looks at (MediaPipe's NormalizedRect
/// after RectTransformationCalculator, kept in pixels because PoseRun's regions are square in pixels).
public struct PoseRegion: Sendable, Hashable {
    /// Centre in image pixels.
    public var centreX: Float
    public var centreY: Float
    /// Side in image pixels.
    public var side: Float
    /// Rotation in radians, in image coordinates (y down): positive turns clockwise on screen.
    public var rotation: Float

    public init(centreX: Float, centreY: Float, side: Float, rotation: Float) {
        self.centreX = centreX
        self.centreY = centreY
        self.side = side
        self.rotation = rotation
    }

    /// The region MediaPipe derives from two alignment points (AlignmentPointsRectsCalculator +
    /// DetectionsToRectsCalculator.ComputeRotation + RectTransformationCalculator): centred on the
    /// first, sized twice their distance, turned so first→second points up, enlarged by 1.25.
    /// Points are in image pixels.
    public static func aligned(centreX x0: Float, centreY y0: Float, scaleX x1: Float, scaleY y1: Float) -> PoseRegion {
        let boxSize = ((x1 - x0) * (x1 - x0) + (y1 - y0) * (y1 - y0)).squareRoot() * 2
        let rotation = NormalizedRect.normalizedRadians(NormalizedRect.targetAngle - atan2(-(y1 - y0), x1 - x0))
        return PoseRegion(centreX: x0, centreY: y0, side: boxSize * BlazePoseConstants.regionScale, rotation: rotation)
    }

    /// The unscaled size MediaPipe's smoothing uses as the object scale (the "roi" before
    /// RectTransformationCalculator in pose_landmark_filtering.pbtxt).
    public static func objectScale(centreX x0: Float, centreY y0: Float, scaleX x1: Float, scaleY y1: Float) -> Float {
        ((x1 - x0) * (x1 - x0) + (y1 - y0) * (y1 - y0)).squareRoot() * 2
    }

    /// MediaPipe's NormalizeRadians: wraps into [−π, π) (NormalizedRect.normalizedRadians).
    static func normalisedRadians(_ angle: Float) -> Float {
        NormalizedRect.normalizedRadians(angle)
    }

    /// The image point seen at a normalised position (u, v ∈ [0, 1]) of the region: the
    /// inverse of the crop, and MediaPipe's LandmarkProjectionCalculator.
    public func imagePoint(u: Float, v: Float) -> (x: Float, y: Float) {
        let dx = (u - 0.5) * side
        let dy = (v - 0.5) * side
        let c = cos(rotation)
        let s = sin(rotation)
        return (centreX + c * dx - s * dy, centreY + s * dx + c * dy)
    }
}
