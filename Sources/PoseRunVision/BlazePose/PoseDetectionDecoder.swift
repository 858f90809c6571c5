import Foundation

/// Turns the detector's raw outputs into detections, as TensorsToDetectionsCalculator,
/// NonMaxSuppressionCalculator (WEIGHTED) and DetectionLetterboxRemovalCalculator do.
enum PoseDetectionDecoder {
    /// Decodes boxes and keypoints relative to the anchors, keeps scores ≥ the threshold.
    /// Coordinates are normalised to the detector's (letterboxed) input square.
    static func decode(
        boxes: UnsafeBufferPointer<Float>, scores: UnsafeBufferPointer<Float>, anchors: SSDAnchors
    ) -> [PoseDetection] {
        let valuesPerBox = BlazePoseConstants.detectorValuesPerBox
        let scale = BlazePoseConstants.detectorCoordinateScale
        let clip = BlazePoseConstants.detectorScoreClipping
        var detections: [PoseDetection] = []
        for i in 0..<min(anchors.centres.count, scores.count) {
            let logit = min(max(scores[i], -clip), clip)
            let score = 1 / (1 + exp(-logit))
            guard score >= BlazePoseConstants.detectorMinScore else { continue }
            let anchor = anchors.centres[i]
            let base = i * valuesPerBox
            // reverse_output_order: x, y, w, h; anchors are 1×1 (fixed_anchor_size).
            let xCentre = boxes[base] / scale + anchor.x
            let yCentre = boxes[base + 1] / scale + anchor.y
            let w = boxes[base + 2] / scale
            let h = boxes[base + 3] / scale
            var keypoints: [SIMD2<Float>] = []
            for k in 0..<BlazePoseConstants.detectorKeypointCount {
                let offset = base + BlazePoseConstants.detectorKeypointOffset + k * 2
                keypoints.append(SIMD2(boxes[offset] / scale + anchor.x, boxes[offset + 1] / scale + anchor.y))
            }
            // As ConvertToDetection: the corners first, the size from them.
            let xMin = xCentre - w / 2
            let yMin = yCentre - h / 2
            let width = (xCentre + w / 2) - xMin
            let height = (yCentre + h / 2) - yMin
            guard width >= 0, height >= 0, !width.isNaN, !height.isNaN else { continue }
            detections.append(PoseDetection(
                score: score, xMin: xMin, yMin: yMin, width: width, height: height, keypoints: keypoints))
        }
        return detections
    }

    /// Weighted non-maximum suppression: each cluster of boxes overlapping the best remaining
    /// one by more than the threshold becomes one detection, its coordinates the score-weighted
    /// mean of the cluster's, its score the best one's.
    static func suppress(_ detections: [PoseDetection]) -> [PoseDetection] {
        var remaining = detections.sorted { $0.score > $1.score }
        var output: [PoseDetection] = []
        while let best = remaining.first {
            var cluster: [PoseDetection] = []
            var rest: [PoseDetection] = []
            for candidate in remaining {
                if candidate.overlap(with: best) > BlazePoseConstants.suppressionMinOverlap {
                    cluster.append(candidate)
                } else {
                    rest.append(candidate)
                }
            }
            var merged = best
            let total = cluster.reduce(Float(0)) { $0 + $1.score }
            if total > 0 {
                var xMin: Float = 0, yMin: Float = 0, xMax: Float = 0, yMax: Float = 0
                var keypoints = [SIMD2<Float>](repeating: .zero, count: best.keypoints.count)
                for candidate in cluster {
                    xMin += candidate.xMin * candidate.score
                    yMin += candidate.yMin * candidate.score
                    xMax += (candidate.xMin + candidate.width) * candidate.score
                    yMax += (candidate.yMin + candidate.height) * candidate.score
                    for k in keypoints.indices { keypoints[k] += candidate.keypoints[k] * candidate.score }
                }
                merged.xMin = xMin / total
                merged.yMin = yMin / total
                merged.width = xMax / total - merged.xMin
                merged.height = yMax / total - merged.yMin
                merged.keypoints = keypoints.map { $0 / total }
            }
            output.append(merged)
            // MediaPipe stops when an iteration removes nothing (cannot happen: best overlaps itself).
            if rest.count == remaining.count { break }
            remaining = rest
        }
        return output
    }

    /// Maps coordinates from the letterboxed square back to the image (DetectionLetterboxRemovalCalculator).
    static func removeLetterbox(_ detection: PoseDetection, padding: (Float, Float, Float, Float)) -> PoseDetection {
        let (left, top, right, bottom) = padding
        let sx = 1 - (left + right)
        let sy = 1 - (top + bottom)
        var d = detection
        d.xMin = (detection.xMin - left) / sx
        d.yMin = (detection.yMin - top) / sy
        d.width = detection.width / sx
        d.height = detection.height / sy
        d.keypoints = detection.keypoints.map { SIMD2(($0.x - left) / sx, ($0.y - top) / sy) }
        return d
    }
}
