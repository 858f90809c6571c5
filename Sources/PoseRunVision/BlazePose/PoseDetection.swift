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
        let w = Float(imageWidth)
        let h = Float(imageHeight)
        let centre = keypoints[BlazePoseConstants.alignmentCentreKeypoint]
        let scale = keypoints[BlazePoseConstants.alignmentScaleKeypoint]
        return PoseRegion.aligned(centreX: centre.x * w, centreY: centre.y * h, scaleX: scale.x * w, scaleY: scale.y * h)
    }

    /// Intersection over union of the boxes (NonMaxSuppressionCalculator, INTERSECTION_OVER_UNION).
    func overlap(with other: PoseDetection) -> Float {
        let left = max(xMin, other.xMin)
        let top = max(yMin, other.yMin)
        let right = min(xMin + width, other.xMin + other.width)
        let bottom = min(yMin + height, other.yMin + other.height)
        guard right > left, bottom > top else { return 0 }
        let intersection = (right - left) * (bottom - top)
        let union = width * height + other.width * other.height - intersection
        return union > 0 ? intersection / union : 0
    }
}
