import Foundation

/// Fills a model's input tensor from an image through an affine map, as MediaPipe's CPU
/// ImageToTensorCalculator does (image_to_tensor_converter_opencv.cc: cv::warpPerspective with
/// INTER_LINEAR onto an 8-bit image, then a linear map of 0…255 to the tensor's range).
///
/// Output pixel (i, j) samples the image at `origin + i·xStep + j·yStep` (pixel centres at
/// integer coordinates, as OpenCV). As OpenCV's 8-bit `warpPerspective` with INTER_LINEAR
/// (imgwarp.cpp): the sample position is rounded to 1/32 pixel (INTER_BITS 5), the four
/// bilinear weights are the integers (32−a)(32−b)… of that grid (exact in OpenCV's 15-bit
/// table), and the sum is rounded to 8 bits — so the crop is the same bytes MediaPipe feeds
/// its model, not merely close (a float bilinear differed by one level on some pixels, enough
/// to tip borderline presence scores and left/right choices over a whole video).
struct ImageWarp: Sendable {
    enum Border: Sendable {
        /// Outside pixels are black (BORDER_ZERO / cv::BORDER_CONSTANT).
        case zero
        /// Outside pixels repeat the nearest edge pixel (BORDER_REPLICATE).
        case replicate
    }

    var originX: Double
    var originY: Double
    var xStepX: Double
    var xStepY: Double
    var yStepX: Double
    var yStepY: Double

    /// OpenCV's INTER_BITS: sample positions are kept to 1/32 pixel.
    static let subpixelSteps = 32

    /// The map that letterboxes the whole image into a square of `size` pixels (detector input).
    /// Returns the padding as fractions of the square (left, top, right, bottom).
    static func letterbox(imageWidth: Int, imageHeight: Int, size: Int) -> (warp: ImageWarp, padding: (Float, Float, Float, Float)) {
        let width = Float(imageWidth)
        let height = Float(imageHeight)
        let side = max(width, height)
        // PadRoi (image_to_tensor_utils.cc) with a square tensor.
        let horizontal = width < height ? (1 - width / height) / 2 : 0
        let vertical = height < width ? (1 - height / width) / 2 : 0
        let step = Double(side) / Double(size)
        let warp = ImageWarp(
            originX: Double(width / 2 - side / 2), originY: Double(height / 2 - side / 2),
            xStepX: step, xStepY: 0, yStepX: 0, yStepY: step)
        return (warp, (horizontal, vertical, horizontal, vertical))
    }

    /// The map that crops a rotated region into a square of `size` pixels (landmark input).
    /// The corners are computed in single precision as cv::RotatedRect::points does (MediaPipe
    /// builds the map from them with cv::getPerspectiveTransform); the map itself in double.
    static func crop(_ region: PoseRegion, size: Int) -> ImageWarp {
        let angle = Double(region.rotation * 180 / Float.pi) * Double.pi / 180
        let b = Float(cos(angle)) * 0.5
        let a = Float(sin(angle)) * 0.5
        let side = region.side
        // boxPoints: pt1 → output (0, 0), pt2 → (size, 0), pt0 → (0, size).
        let p0x = region.centreX - a * side - b * side
        let p0y = region.centreY + b * side - a * side
        let p1x = region.centreX + a * side - b * side
        let p1y = region.centreY - b * side - a * side
        let p2x = 2 * region.centreX - p0x
        let p2y = 2 * region.centreY - p0y
        let n = Double(size)
        return ImageWarp(
            originX: Double(p1x), originY: Double(p1y),
            xStepX: Double(p2x - p1x) / n, xStepY: Double(p2y - p1y) / n,
            yStepX: Double(p0x - p1x) / n, yStepY: Double(p0y - p1y) / n)
    }

    /// Writes `size × size × 3` floats (NHWC) into `output`, mapping 0…255 onto `range`.
    func fill(
        _ output: UnsafeMutableBufferPointer<Float>, from image: RGBImage, size: Int,
        border: Border, range: ClosedRange<Float>
    ) {
        precondition(output.count >= size * size * 3, "tensor too small for the warp")
        let scale = (range.upperBound - range.lowerBound) / 255
        let offset = range.lowerBound
        let width = image.width
        let height = image.height
        let steps = Double(Self.subpixelSteps)
        image.pixels.withUnsafeBufferPointer { pixels in
            for j in 0..<size {
                let rowX = originX + Double(j) * yStepX
                let rowY = originY + Double(j) * yStepY
                for i in 0..<size {
                    // Fixed point as OpenCV: position × 32 rounded (cvRound), integer part and
                    // 5-bit fraction.
                    let fixedX = Int(((rowX + Double(i) * xStepX) * steps).rounded(.toNearestOrEven))
                    let fixedY = Int(((rowY + Double(i) * xStepY) * steps).rounded(.toNearestOrEven))
                    let x0 = fixedX >> 5
                    let y0 = fixedY >> 5
                    let fx = fixedX & 31
                    let fy = fixedY & 31
                    // Weights summing to 1024 (OpenCV's 15-bit table divided by 32, exactly).
                    let w00 = (32 - fx) * (32 - fy)
                    let w10 = fx * (32 - fy)
                    let w01 = (32 - fx) * fy
                    let w11 = fx * fy
                    let outBase = (j * size + i) * 3
                    // Fast path: all four neighbours inside.
                    if x0 >= 0, y0 >= 0, x0 + 1 < width, y0 + 1 < height {
                        let p00 = (y0 * width + x0) * 3
                        let p10 = p00 + 3
                        let p01 = p00 + width * 3
                        let p11 = p01 + 3
                        for c in 0..<3 {
                            let sum = w00 * Int(pixels[p00 + c]) + w10 * Int(pixels[p10 + c])
                                + w01 * Int(pixels[p01 + c]) + w11 * Int(pixels[p11 + c])
                            output[outBase + c] = Float((sum + 512) >> 10) * scale + offset
                        }
                        continue
                    }
                    for c in 0..<3 {
                        func sample(_ x: Int, _ y: Int) -> Int {
                            switch border {
                            case .zero:
                                guard x >= 0, y >= 0, x < width, y < height else { return 0 }
                                return Int(pixels[(y * width + x) * 3 + c])
                            case .replicate:
                                let cx = min(max(x, 0), width - 1)
                                let cy = min(max(y, 0), height - 1)
                                return Int(pixels[(cy * width + cx) * 3 + c])
                            }
                        }
                        let sum = w00 * sample(x0, y0) + w10 * sample(x0 + 1, y0)
                            + w01 * sample(x0, y0 + 1) + w11 * sample(x0 + 1, y0 + 1)
                        output[outBase + c] = Float((sum + 512) >> 10) * scale + offset
                    }
                }
            }
        }
    }
}
