import Foundation

/// A region of interest as MediaPipe keeps it between calculators: centre and size as fractions
/// of the image, rotation in radians, every step in single precision in the order MediaPipe's
/// C++ takes it.
///
/// Why not pixels: the tracking loop (landmarks → smoothed auxiliary landmarks → next region)
/// feeds back on itself, and the landmark model is sensitive to the crop at the level of one
/// rounding of a sample position: a region 0.0002 px off MediaPipe's (pixel arithmetic instead
/// of normalised) moved the pose-presence score from 0.760 to 0.757 and landmarks by up to
/// 0.5 px on the sprint clip's first frame, and a few such frames later the two trackers
/// followed different runners. Mirroring the arithmetic keeps the loop on MediaPipe's path.
struct NormalizedRect: Sendable, Hashable {
    var xCenter: Float
    var yCenter: Float
    var width: Float
    var height: Float
    var rotation: Float

    /// AlignmentPointsRectsCalculator (alignment_points_to_rects_calculator.cc) with
    /// DetectionsToRectsCalculator::ComputeRotation (detections_to_rects_calculator.cc): centred
    /// on the first point, sized twice the distance to the second, turned so first→second points
    /// up. Points are normalised (x, y).
    static func aligned(_ start: SIMD2<Float>, _ end: SIMD2<Float>, imageWidth: Int, imageHeight: Int) -> NormalizedRect {
        let w = Float(imageWidth)
        let h = Float(imageHeight)
        let xCenter = start.x * w
        let yCenter = start.y * h
        let xScale = end.x * w
        let yScale = end.y * h
        // `std::sqrt(float) * 2.0`: the product in double, stored as float (exact either way).
        let boxSize = ((xScale - xCenter) * (xScale - xCenter) + (yScale - yCenter) * (yScale - yCenter)).squareRoot() * 2
        let rotation = normalizedRadians(targetAngle - atan2(-(yScale - yCenter), xScale - xCenter))
        return NormalizedRect(
            xCenter: xCenter / w, yCenter: yCenter / h, width: boxSize / w, height: boxSize / h, rotation: rotation)
    }

    /// rotation_vector_target_angle_degrees 90 as DetectionsToRectsCalculator stores it:
    /// `M_PI * degrees / 180.f` in double, kept as float.
    static let targetAngle = Float(Double.pi * Double(BlazePoseConstants.alignmentTargetAngleDegrees) / 180)

    /// DetectionsToRectsCalculator::NormalizeRadians: in double (M_PI), returned as float.
    static func normalizedRadians(_ angle: Float) -> Float {
        let a = Double(angle)
        return Float(a - 2 * Double.pi * ((a - (-Double.pi)) / (2 * Double.pi)).rounded(.down))
    }

    /// RectTransformationCalculator::TransformNormalizedRect with scale_x = scale_y = 1.25 and
    /// square_long (pose_detection_to_roi.pbtxt, pose_landmarks_to_roi.pbtxt). No shift is
    /// configured, so the centre is unchanged.
    func transformed(imageWidth: Int, imageHeight: Int) -> NormalizedRect {
        let w = Float(imageWidth)
        let h = Float(imageHeight)
        let longSide = max(width * w, height * h)
        var out = self
        out.width = longSide / w * BlazePoseConstants.regionScale
        out.height = longSide / h * BlazePoseConstants.regionScale
        return out
    }

    /// LandmarksSmoothingCalculator's object scale for a normalised region
    /// (landmarks_smoothing_calculator_utils.cc GetObjectScale): the mean of its sides in pixels.
    func objectScale(imageWidth: Int, imageHeight: Int) -> Float {
        (width * Float(imageWidth) + height * Float(imageHeight)) / 2
    }

    /// What ImageToTensorCalculator crops for this rect (image_to_tensor_utils.cc GetRoi, then
    /// PadRoi with a square tensor and keep_aspect_ratio): the region in pixels, square on its
    /// longer side, and the letterbox padding (left, top, right, bottom) that leaves in the
    /// tensor — zero or a few units in the last place, since the rect is already square in pixels.
    func cropRegion(imageWidth: Int, imageHeight: Int) -> (region: PoseRegion, padding: SIMD4<Float>) {
        let roiWidth = width * Float(imageWidth)
        let roiHeight = height * Float(imageHeight)
        let roiAspectRatio = roiHeight / roiWidth
        let side: Float
        var padding = SIMD4<Float>(repeating: 0)
        if 1 > roiAspectRatio {
            side = roiWidth
            let vertical = (1 - roiAspectRatio) / 2
            padding = SIMD4(0, vertical, 0, vertical)
        } else {
            side = roiHeight
            let horizontal = (1 - 1 / roiAspectRatio) / 2
            padding = SIMD4(horizontal, 0, horizontal, 0)
        }
        let region = PoseRegion(
            centreX: xCenter * Float(imageWidth), centreY: yCenter * Float(imageHeight), side: side, rotation: rotation)
        return (region, padding)
    }

    /// LandmarkLetterboxRemovalCalculator then LandmarkProjectionCalculator (NORM_RECT): a point
    /// normalised to the crop, back to normalised image coordinates. `z` scales as x.
    func project(_ point: PoseLandmark, padding: SIMD4<Float>) -> PoseLandmark {
        let leftAndRight = padding[0] + padding[2]
        let topAndBottom = padding[1] + padding[3]
        let x = (point.x - padding[0]) / (1 - leftAndRight) - 0.5
        let y = (point.y - padding[1]) / (1 - topAndBottom) - 0.5
        let z = point.z / (1 - leftAndRight)
        let c = cos(rotation)
        let s = sin(rotation)
        var out = point
        out.x = (c * x - s * y) * width + xCenter
        out.y = (s * x + c * y) * height + yCenter
        out.z = z * width
        return out
    }
}
