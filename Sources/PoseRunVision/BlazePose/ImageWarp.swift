import Foundation

/// Fills a model's input tensor from an image through an affine map, as MediaPipe's CPU
/// ImageToTensorCalculator does (image_to_tensor_converter_opencv.cc: cv::warpPerspective with
/// INTER_LINEAR onto an 8-bit image, then a linear map of 0…255 to the tensor's range).
///
/// Output pixel (i, j) samples the image at `origin + i·xStep + j·yStep` (pixel centres at
/// integer coordinates, as OpenCV). The bilinear result is rounded to 8 bits before scaling,
/// like OpenCV's 8-bit warp; OpenCV's 5-bit fixed-point weights are not imitated, so a value
/// can differ from MediaPipe's by one 8-bit level.
struct ImageWarp: Sendable {
    enum Border: Sendable {
        /// Outside pixels are black (BORDER_ZERO / cv::BORDER_CONSTANT).
        case zero
        /// Outside pixels repeat the nearest edge pixel (BORDER_REPLICATE).
        case replicate
    }

    var originX: Float
    var originY: Float
    var xStepX: Float
    var xStepY: Float
    var yStepX: Float
    var yStepY: Float

    /// The map that letterboxes the whole image into a square of `size` pixels (detector input).
    /// Returns the padding as fractions of the square (left, top, right, bottom).
    static func letterbox(imageWidth: Int, imageHeight: Int, size: Int) -> (warp: ImageWarp, padding: (Float, Float, Float, Float)) {
        let width = Float(imageWidth)
        let height = Float(imageHeight)
        let side = max(width, height)
        // PadRoi (image_to_tensor_utils.cc) with a square tensor.
        let horizontal = width < height ? (1 - width / height) / 2 : 0
        let vertical = height < width ? (1 - height / width) / 2 : 0
        let step = side / Float(size)
        let warp = ImageWarp(
            originX: width / 2 - side / 2, originY: height / 2 - side / 2,
            xStepX: step, xStepY: 0, yStepX: 0, yStepY: step)
        return (warp, (horizontal, vertical, horizontal, vertical))
    }

    /// The map that crops a rotated region into a square of `size` pixels (landmark input).
    static func crop(_ region: PoseRegion, size: Int) -> ImageWarp {
        let origin = region.imagePoint(u: 0, v: 0)
        let step = region.side / Float(size)
        let c = cos(region.rotation)
        let s = sin(region.rotation)
        return ImageWarp(
            originX: origin.x, originY: origin.y,
            xStepX: c * step, xStepY: s * step, yStepX: -s * step, yStepY: c * step)
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
        image.pixels.withUnsafeBufferPointer { pixels in
            for j in 0..<size {
                let rowX = originX + Float(j) * yStepX
                let rowY = originY + Float(j) * yStepY
                for i in 0..<size {
                    let sx = rowX + Float(i) * xStepX
                    let sy = rowY + Float(i) * xStepY
                    let x0f = sx.rounded(.down)
                    let y0f = sy.rounded(.down)
                    let fx = sx - x0f
                    let fy = sy - y0f
                    let x0 = Int(x0f)
                    let y0 = Int(y0f)
                    let outBase = (j * size + i) * 3
                    // Fast path: all four neighbours inside.
                    if x0 >= 0, y0 >= 0, x0 + 1 < width, y0 + 1 < height {
                        let p00 = (y0 * width + x0) * 3
                        let p10 = p00 + 3
                        let p01 = p00 + width * 3
                        let p11 = p01 + 3
                        for c in 0..<3 {
                            let top = Float(pixels[p00 + c]) + (Float(pixels[p10 + c]) - Float(pixels[p00 + c])) * fx
                            let bottom = Float(pixels[p01 + c]) + (Float(pixels[p11 + c]) - Float(pixels[p01 + c])) * fx
                            let value = (top + (bottom - top) * fy).rounded()
                            output[outBase + c] = value * scale + offset
                        }
                        continue
                    }
                    for c in 0..<3 {
                        func sample(_ x: Int, _ y: Int) -> Float {
                            switch border {
                            case .zero:
                                guard x >= 0, y >= 0, x < width, y < height else { return 0 }
                                return Float(pixels[(y * width + x) * 3 + c])
                            case .replicate:
                                let cx = min(max(x, 0), width - 1)
                                let cy = min(max(y, 0), height - 1)
                                return Float(pixels[(cy * width + cx) * 3 + c])
                            }
                        }
                        let top = sample(x0, y0) + (sample(x0 + 1, y0) - sample(x0, y0)) * fx
                        let bottom = sample(x0, y0 + 1) + (sample(x0 + 1, y0 + 1) - sample(x0, y0 + 1)) * fx
                        let value = (top + (bottom - top) * fy).rounded()
                        output[outBase + c] = value * scale + offset
                    }
                }
            }
        }
    }
}
