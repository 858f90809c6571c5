import Foundation
import PoseRunImage
import Testing
@testable import PoseRunVision

/// BlazePose's pre- and post-processing, checked against hand-worked cases. No models needed.
@Suite struct BlazePoseGeometryTests {
    // MARK: Anchors

    @Test func anchorsCoverTheThreeGridsOfTheDetector() {
        let centres = SSDAnchors.blazePose.centres
        // 224/8 = 28 cells × 2 anchors, 224/16 = 14 cells × 2, and three stride-32 layers
        // sharing one 7×7 grid × 2 anchors each.
        #expect(centres.count == 28 * 28 * 2 + 14 * 14 * 2 + 7 * 7 * 6)
        #expect(centres.count == BlazePoseConstants.detectorBoxCount)
        #expect(centres[0] == (x: 0.5 / 28, y: 0.5 / 28) && centres[1] == centres[0])
        #expect(centres[2] == (x: 1.5 / 28, y: 0.5 / 28))
        #expect(centres[1568] == (x: 0.5 / 14, y: 0.5 / 14))
        #expect(centres[1568 + 392] == (x: 0.5 / 7, y: 0.5 / 7))
        #expect(centres[1568 + 392 + 5] == (x: 0.5 / 7, y: 0.5 / 7))
        #expect(centres[1568 + 392 + 6] == (x: 1.5 / 7, y: 0.5 / 7))
        #expect(centres.last! == (x: 6.5 / 7, y: 6.5 / 7))
    }

    // MARK: Detection decoding

    @Test func boxesAreOffsetsFromTheAnchorInInputPixels() {
        let count = BlazePoseConstants.detectorBoxCount
        var boxes = [Float](repeating: 0, count: count * 12)
        var scores = [Float](repeating: -10, count: count)
        // Anchor 2 (centre 1.5/28, 0.5/28): move the centre 22.4 px right (0.1), 44.8 px wide.
        scores[2] = 2
        boxes[24 + 0] = 22.4
        boxes[24 + 2] = 44.8
        boxes[24 + 3] = 22.4
        boxes[24 + 4] = -11.2  // keypoint 0: 0.05 left of the anchor
        boxes[24 + 5] = 11.2  // and 0.05 below
        let detections = boxes.withUnsafeBufferPointer { b in
            scores.withUnsafeBufferPointer { s in PoseDetectionDecoder.decode(boxes: b, scores: s, anchors: .blazePose) }
        }
        #expect(detections.count == 1)
        let d = detections[0]
        #expect(abs(d.score - 1 / (1 + exp(-2))) < 1e-6)
        let anchorX: Float = 1.5 / 28
        let anchorY: Float = 0.5 / 28
        #expect(abs(d.xMin - (anchorX + 0.1 - 0.1)) < 1e-6)
        #expect(abs(d.yMin - (anchorY - 0.05)) < 1e-6)
        #expect(abs(d.width - 0.2) < 1e-6 && abs(d.height - 0.1) < 1e-6)
        #expect(abs(d.keypoints[0].x - (anchorX - 0.05)) < 1e-6 && abs(d.keypoints[0].y - (anchorY + 0.05)) < 1e-6)
    }

    @Test func scoresBelowHalfAreDroppedAndHugeLogitsClipped() {
        let count = BlazePoseConstants.detectorBoxCount
        let boxes = [Float](repeating: 1, count: count * 12)
        var scores = [Float](repeating: -0.01, count: count)  // probability just under 0.5
        scores[7] = 1e6
        let detections = boxes.withUnsafeBufferPointer { b in
            scores.withUnsafeBufferPointer { s in PoseDetectionDecoder.decode(boxes: b, scores: s, anchors: .blazePose) }
        }
        #expect(detections.count == 1)
        #expect(detections.first?.score == 1 / (1 + exp(-100)))
    }

    @Test func weightedSuppressionAveragesAClusterByScore() {
        let keypoint = [SIMD2<Float>](repeating: .zero, count: 4)
        let strong = PoseDetection(score: 0.9, xMin: 0, yMin: 0, width: 1, height: 1, keypoints: keypoint.map { $0 + 1 })
        let overlapping = PoseDetection(score: 0.6, xMin: 0.2, yMin: 0, width: 1, height: 1, keypoints: keypoint)
        let apart = PoseDetection(score: 0.7, xMin: 5, yMin: 5, width: 1, height: 1, keypoints: keypoint)
        let out = PoseDetectionDecoder.suppress([overlapping, apart, strong])
        #expect(out.count == 2)
        // IoU of the first two = 0.8 / 1.2 > 0.3: merged with weights 0.9 and 0.6.
        #expect(out[0].score == 0.9)
        #expect(abs(out[0].xMin - 0.2 * 0.6 / 1.5) < 1e-6)
        #expect(abs(out[0].width - ((0.9 * 1 + 0.6 * 1.2) / 1.5 - 0.08)) < 1e-6)
        #expect(abs(out[0].keypoints[0].x - 0.9 / 1.5) < 1e-6)
        #expect(out[1] == apart)
    }

    @Test func letterboxRemovalUndoesThePadding() {
        // A 480×352 frame letterboxed into a square: 64 px bands above and below (64/480 each).
        let (_, padding) = ImageWarp.letterbox(imageWidth: 480, imageHeight: 352, size: 224)
        #expect(padding.0 == 0 && abs(padding.1 - 64.0 / 480) < 1e-6)
        let d = PoseDetection(score: 1, xMin: 0.5, yMin: 64.0 / 480, width: 0.1, height: 352.0 / 480, keypoints: [SIMD2(0.25, 0.5)])
        let r = PoseDetectionDecoder.removeLetterbox(d, padding: padding)
        #expect(abs(r.yMin) < 1e-6 && abs(r.height - 1) < 1e-6 && r.xMin == 0.5)
        #expect(abs(r.keypoints[0].y - 0.5) < 1e-6)
    }

    // MARK: Regions

    @Test func regionPointsFromCentreTowardsTheScaleKeypoint() {
        // Scale point straight above the hips: upright body, no rotation.
        let upright = PoseRegion.aligned(centreX: 100, centreY: 200, scaleX: 100, scaleY: 100)
        #expect(abs(upright.rotation) < 1e-6)
        #expect(abs(upright.side - 250) < 1e-4)  // 2 × 100 × 1.25
        let top = upright.imagePoint(u: 0.5, v: 0)
        #expect(abs(top.x - 100) < 1e-4 && abs(top.y - 75) < 1e-4)
        // Scale point to the right: the body lies along +x; the crop's top is on the right.
        let lying = PoseRegion.aligned(centreX: 100, centreY: 200, scaleX: 200, scaleY: 200)
        #expect(abs(lying.rotation - .pi / 2) < 1e-6)
        let lyingTop = lying.imagePoint(u: 0.5, v: 0)
        #expect(abs(lyingTop.x - 225) < 1e-3 && abs(lyingTop.y - 200) < 1e-3)
    }

    @Test func anglesWrapIntoMinusPiToPi() {
        #expect(abs(PoseRegion.normalisedRadians(3 * .pi / 2) + .pi / 2) < 1e-6)
        // In double with M_PI, as MediaPipe: Float.pi (rounded down, just under π) stays, 3.2 wraps.
        #expect(PoseRegion.normalisedRadians(.pi) == .pi)
        #expect(abs(PoseRegion.normalisedRadians(3.2) - Float(3.2 - 2 * Double.pi)) < 1e-6)
        #expect(abs(PoseRegion.normalisedRadians(0.25)) - 0.25 < 1e-7)
    }

    // MARK: Warping

    /// An 8×8 image whose red channel is 10x + y (green 0, blue 255).
    static let gradient: RGBImage = {
        var pixels: [UInt8] = []
        for y in 0..<8 { for x in 0..<8 { pixels += [UInt8(10 * x + y), 0, 255] } }
        return RGBImage(width: 8, height: 8, pixels: pixels)
    }()

    func warped(_ warp: ImageWarp, size: Int, border: ImageWarp.Border, range: ClosedRange<Float> = 0...255) -> [Float] {
        var out = [Float](repeating: .nan, count: size * size * 3)
        out.withUnsafeMutableBufferPointer { warp.fill($0, from: Self.gradient, size: size, border: border, range: range) }
        return out
    }

    @Test func unrotatedCropOfTheWholeImageIsTheImage() {
        let region = PoseRegion(centreX: 4, centreY: 4, side: 8, rotation: 0)
        let out = warped(.crop(region, size: 8), size: 8, border: .replicate)
        for y in 0..<8 { for x in 0..<8 { #expect(out[(y * 8 + x) * 3] == Float(10 * x + y)) } }
        #expect(out[2] == 255)
    }

    @Test func quarterTurnCropReadsColumnsAsRows() {
        // Rotation π/2: output (i, j) samples image (8 − j, i).
        let region = PoseRegion(centreX: 4, centreY: 4, side: 8, rotation: .pi / 2)
        let out = warped(.crop(region, size: 8), size: 8, border: .replicate)
        for j in 1..<8 { for i in 0..<8 { #expect(out[(j * 8 + i) * 3] == Float(10 * (8 - j) + i)) } }
        // j = 0 falls one pixel outside on the right: the edge column repeats.
        #expect(out[0] == Float(10 * 7 + 0))
    }

    @Test func samplePositionsSnapToAThirtySecondOfAPixelAsOpenCV() {
        // Red is 10x + y. A sample 0.3 px right of pixel (0, 0): OpenCV rounds 0.3 × 32 = 9.6 to
        // 10/32 = 0.3125, so red = 10 × 0.3125 = 3.125 → 3; a float bilinear would give 3 too,
        // so take 0.35: 11.2 → 11/32 = 0.34375 → 3.4375 → 3, where float gives 3.5 → 4.
        let warp = ImageWarp(originX: 0.35, originY: 0, xStepX: 0, xStepY: 0, yStepX: 0, yStepY: 0)
        let out = warped(warp, size: 1, border: .replicate)
        #expect(out[0] == 3)
    }

    @Test func halfPixelSamplesBlendNeighbours() {
        let region = PoseRegion(centreX: 4.5, centreY: 4, side: 8, rotation: 0)
        let out = warped(.crop(region, size: 8), size: 8, border: .replicate)
        #expect(out[0] == 5)  // halfway between 0 and 10
    }

    @Test func letterboxPadsWithBlackAndMapsTheRange() {
        // 8×8 into 4×4: no padding, every other pixel, values mapped to [−1, 1].
        let (warp, padding) = ImageWarp.letterbox(imageWidth: 8, imageHeight: 8, size: 4)
        #expect(padding == (0, 0, 0, 0))
        let out = warped(warp, size: 4, border: .zero, range: -1...1)
        let sampled: Float = Float(10 * 4 + 2) / 255 * 2 - 1
        #expect(abs(out[(1 * 4 + 2) * 3] - sampled) < 1e-6)
        // Level 255 is 255 × fl(2/255) − 1 rounded once, as OpenCV's convertTo computes it with
        // a fused multiply-add: 1.0000001, where multiply-then-add rounds to exactly 1.
        #expect(out[2] == Float(-1).addingProduct(255, 2 / 255))
        #expect(out[2] > 1)
        // A wide 8×4 image: samples above and below the image are black, which maps to −1.
        let wide = RGBImage(width: 8, height: 4, pixels: [UInt8](repeating: 200, count: 8 * 4 * 3))
        let (wideWarp, widePadding) = ImageWarp.letterbox(imageWidth: 8, imageHeight: 4, size: 8)
        #expect(widePadding.1 == 0.25)
        var tensor = [Float](repeating: .nan, count: 8 * 8 * 3)
        tensor.withUnsafeMutableBufferPointer { wideWarp.fill($0, from: wide, size: 8, border: .zero, range: -1...1) }
        #expect(tensor[(0 * 8 + 3) * 3] == -1)
        let grey: Float = 200.0 / 255 * 2 - 1
        #expect(abs(tensor[(3 * 8 + 3) * 3] - grey) < 1e-6)
        #expect(tensor[(7 * 8 + 3) * 3] == -1)
    }

    @Test func cropMapIsOpenCVsSolvedPerspectiveMatrix() {
        // A region of the sprint clip (frame 69): its corners from cv::boxPoints, and the matrices
        // OpenCV 4.10 gives for them (cv2.getPerspectiveTransform, then cv2.invert). The solved map
        // carries ~1e-10 of rounding in its perspective terms and 0.99999998 as its last element;
        // a plain affine map breaks ties of the 1/32-px sample rounding differently on a few pixels.
        let corners: [SIMD2<Float>] = [
            SIMD2(69.91181945800781, 102.18629455566406), SIMD2(500.7051696777344, 45.35676574707031),
            SIMD2(557.5347290039062, 476.150146484375), SIMD2(126.74136352539062, 532.9796752929688),
        ]
        let map = ImageWarp.perspectiveTransform(
            from: corners, to: [SIMD2(0, 256), SIMD2(0, 0), SIMD2(256, 0), SIMD2(256, 256)])
        #expect(map == [
            0.0770518820602216, 0.5840878696224304, -65.0726123591219, -0.5840878879823034, 0.07705192040086142,
            288.9609991549049, 2.0957118620243092e-11, 7.804987122697999e-11, 1.0,
        ])
        #expect(ImageWarp.inverted(map) == [
            0.2219903871814436, -1.6827864994263237, 500.7051626511248, 1.682786555136483, 0.22199034562651032,
            45.35676511055938, -1.3599355280761096e-10, 1.7940038391239192e-11, 0.999999985966573,
        ])
        // The same corners from the region, as cv::RotatedRect::points computes them.
        let region = PoseRegion(centreX: 313.72327, centreY: 289.1682, side: 434.52563, rotation: 1.4396354)
        #expect(ImageWarp.crop(region, size: 256).matrix == ImageWarp.inverted(map))
    }

    @Test func cropRegionIsSquareOnTheLongerSideWithMediaPipesPadding() {
        // ImageToTensorCalculator's PadRoi with a square tensor: a 40 × 41 px region (100 × 50 image)
        // is cropped 41 px square, and the landmarks come back through a horizontal padding of
        // (1 − 40/41) / 2 on each side.
        let rect = NormalizedRect(xCenter: 0.5, yCenter: 0.5, width: 0.4, height: 0.82, rotation: 0)
        let (region, padding) = rect.cropRegion(imageWidth: 100, imageHeight: 50)
        #expect(region.side == 41 && region.centreX == 50 && region.centreY == 25)
        #expect(abs(padding[0] - (1 - 40.0 / 41) / 2) < 1e-6 && padding[1] == 0)
        // The crop's left edge is 0.5 px outside the region's 40 px: it projects to x = 30 − 0.5.
        let edge = rect.project(PoseLandmark(x: 0, y: 0.5, z: 0, visibility: 1, presence: 1), padding: padding)
        #expect(abs(edge.x * 100 - 29.5) < 1e-4 && abs(edge.y * 50 - 25) < 1e-4)
    }

    @Test func normalizedRegionOfAnUprightPersonMatchesThePixelOne() {
        // Mid-hip at (100, 200), the scale point 100 px above it, in a 400 × 400 image: a 200 px box
        // enlarged to 250, not rotated — as PoseRegion.aligned.
        let rect = NormalizedRect.aligned(SIMD2(0.25, 0.5), SIMD2(0.25, 0.25), imageWidth: 400, imageHeight: 400)
            .transformed(imageWidth: 400, imageHeight: 400)
        let region = rect.cropRegion(imageWidth: 400, imageHeight: 400).region
        #expect(region == PoseRegion.aligned(centreX: 100, centreY: 200, scaleX: 100, scaleY: 100))
        #expect(region.side == 250 && region.rotation == 0)
    }

    // MARK: Heatmap refinement and smoothing

    @Test func heatmapPullsALandmarkToItsPeak() {
        let side = 64
        let channels = 2
        var heatmap = [Float](repeating: -20, count: side * side * channels)
        heatmap[(20 * side + 10) * channels + 0] = 20  // landmark 0 peaks at column 10, row 20
        var landmarks = [
            PoseLandmark(x: 12.5 / 64, y: 21.5 / 64, z: 0, visibility: 1, presence: 1),
            PoseLandmark(x: 0.5, y: 0.5, z: 0, visibility: 1, presence: 1),  // flat heatmap: left alone
        ]
        heatmap.withUnsafeBufferPointer { PoseLandmarker.refine(&landmarks, heatmap: $0, side: side, channels: channels) }
        #expect(abs(landmarks[0].x - 10.0 / 64) < 1e-4 && abs(landmarks[0].y - 20.0 / 64) < 1e-4)
        #expect(landmarks[1].x == 0.5 && landmarks[1].y == 0.5)
    }

    @Test func heatmapLeavesLandmarksOutsideItAlone() {
        // refine_landmarks_from_heatmap_calculator.cc at v0.10.14 skips a landmark whose cell is
        // outside the heatmap (the row bound was fixed in mid-2023, commit 9861b3c); one in the
        // last row is still refined.
        let side = 64
        var heatmap = [Float](repeating: -20, count: side * side * 2)
        for channel in 0..<2 { heatmap[(63 * side + 10) * 2 + channel] = 20 }
        var landmarks = [
            PoseLandmark(x: 10.5 / 64, y: 65.5 / 64, z: 0, visibility: 1, presence: 1),
            PoseLandmark(x: 10.5 / 64, y: 63.5 / 64, z: 0, visibility: 1, presence: 1),
        ]
        heatmap.withUnsafeBufferPointer { PoseLandmarker.refine(&landmarks, heatmap: $0, side: side, channels: 2) }
        #expect(landmarks[0].y == Float(65.5 / 64) && landmarks[0].x == Float(10.5 / 64))
        #expect(abs(landmarks[1].y - 63.0 / 64) < 1e-4 && abs(landmarks[1].x - 10.0 / 64) < 1e-4)
    }

    @Test func heatmapWindowIsNineCellsAsMediaPipesPythonSolutionRunsIt() {
        // mediapipe.solutions.pose runs the refinement with the option's default window (9), not
        // the graph's 7 (BlazePoseConstants.heatmapKernelSize). A peak four cells to the left of
        // the landmark's cell is inside a 9-cell window and outside a 7-cell one.
        #expect(BlazePoseConstants.heatmapKernelSize == 9)
        let side = 64
        var heatmap = [Float](repeating: -20, count: side * side)
        heatmap[20 * side + 16] = 20
        var landmarks = [PoseLandmark(x: 20.5 / 64, y: 20.5 / 64, z: 0, visibility: 1, presence: 1)]
        heatmap.withUnsafeBufferPointer { PoseLandmarker.refine(&landmarks, heatmap: $0, side: side, channels: 1) }
        #expect(abs(landmarks[0].x - 16.0 / 64) < 1e-4 && abs(landmarks[0].y - 20.0 / 64) < 1e-4)
    }

    @Test func lowPassMixesInDoubleAsMediaPipesFilter() {
        // low_pass_filter.cc: `alpha_ * value + (1.0 - alpha_) * stored_value_` — the 1.0 literal
        // takes the second product and the sum into double. For alpha 0.1, 3.3 then 5.5 that is
        // 3.52 to the nearest float, where all-float arithmetic gives 3.5199997.
        var filter = OneEuroFilter.LowPass()
        _ = filter.apply(3.3, alpha: 0.1)
        let alpha: Float = 0.1
        let expected = Float(Double(alpha * 5.5) + (1 - Double(alpha)) * Double(Float(3.3)))
        #expect(filter.apply(5.5, alpha: 0.1) == expected)
        #expect(expected == 3.52)
    }

    @Test func oneEuroFilterPassesTheFirstSampleAndSmoothsSlowChanges() {
        var filter = OneEuroFilter(parameters: .init(minCutoff: 1, beta: 0, derivativeCutoff: 1))
        #expect(filter.apply(10, timeMicroseconds: 1_000_000, valueScale: 1) == 10)
        // Beta 0: a plain exponential filter with alpha = 1 / (1 + τ/Te), τ = 1/(2π·1 Hz), Te = 0.1 s.
        let alpha = 1 / (1 + (1 / (2 * Double.pi)) / 0.1)
        let second = filter.apply(20, timeMicroseconds: 1_100_000, valueScale: 1)
        #expect(abs(Double(second) - (10 + alpha * 10)) < 1e-4)
        // A sample that does not move time forward passes through untouched.
        #expect(filter.apply(99, timeMicroseconds: 1_100_000, valueScale: 1) == 99)
    }
}
