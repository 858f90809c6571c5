import Foundation

/// A person found by the detector: a box and four keypoints, normalised to the image (0…1).
///
/// Keypoint 0 is the mid-hip centre and keypoint 1 a point whose distance from it sets the
/// body's size and whose direction sets its rotation (pose_detection_to_roi.pbtxt).
public struct PoseDetection: Sendable, Hashable {
    public var score: Float
    public var xMin: Float
    public var yMin: Float
    public var width: Float
    public var height: Float
    /// Normalised (x, y) keypoints.
    public var keypoints: [SIMD2<Float>]

    public init(score: Float, xMin: Float, yMin: Float, width: Float, height: Float, keypoints: [SIMD2<Float>]) {
        self.score = score
        self.xMin = xMin
        self.yMin = yMin
        self.width = width
        self.height = height
        self.keypoints = keypoints
    }

    /// The region the landmark model crops for this detection (pose_detection_to_roi.pbtxt).
    public func region(imageWidth: Int, imageHeight: Int) -> PoseRegion {
        normalizedRect(imageWidth: imageWidth, imageHeight: imageHeight)
            .cropRegion(imageWidth: imageWidth, imageHeight: imageHeight).region
    }

    /// pose_detection_to_roi.pbtxt's rect, in MediaPipe's normalised arithmetic.
    func normalizedRect(imageWidth: Int, imageHeight: Int) -> NormalizedRect {
        NormalizedRect.aligned(
            keypoints[BlazePoseConstants.alignmentCentreKeypoint], keypoints[BlazePoseConstants.alignmentScaleKeypoint],
            imageWidth: imageWidth, imageHeight: imageHeight
        ).transformed(imageWidth: imageWidth, imageHeight: imageHeight)
    }

    /// Intersection over union of the boxes (NonMaxSuppressionCalculator, INTERSECTION_OVER_UNION),
    /// with MediaPipe's Rectangle_f arithmetic: corners at min and min + size, areas from the corners.
    func overlap(with other: PoseDetection) -> Float {
        let (aMaxX, aMaxY) = (xMin + width, yMin + height)
        let (bMaxX, bMaxY) = (other.xMin + other.width, other.yMin + other.height)
        guard !(bMaxX < xMin || aMaxX < other.xMin || bMaxY < yMin || aMaxY < other.yMin) else { return 0 }
        let left = max(xMin, other.xMin)
        let top = max(yMin, other.yMin)
        let right = min(aMaxX, bMaxX)
        let bottom = min(aMaxY, bMaxY)
        let intersection = right > left && bottom > top ? (right - left) * (bottom - top) : 0
        let union = (aMaxX - xMin) * (aMaxY - yMin) + (bMaxX - other.xMin) * (bMaxY - other.yMin) - intersection
        return union > 0 ? intersection / union : 0
    }
}
