import Foundation
import PoseRunImage

/// Fills a model's input tensor from an image through a perspective map, as MediaPipe's CPU
/// ImageToTensorCalculator does (image_to_tensor_converter_opencv.cc: the region's corners from
/// cv::RotatedRect::points, cv::getPerspectiveTransform, cv::warpPerspective with INTER_LINEAR
/// onto an 8-bit image, then a linear map of 0…255 to the tensor's range).
///
/// Every step is OpenCV's arithmetic (imgwarp.cpp, lapack.cpp, matrix_decomp.cpp, 4.x): the map
/// is solved from the float corners by Gaussian elimination with partial pivoting (8×8), inverted
/// by cofactors (3×3), and evaluated per output pixel in blocks of 64 columns with the
/// homogeneous divide; the sample position is rounded to 1/32 pixel (INTER_BITS 5), the four
/// bilinear weights are the integers (32−a)(32−b)… of that grid (exact in OpenCV's 15-bit
/// table), and the sum is rounded to 8 bits. So the crop is the same bytes MediaPipe feeds its
/// model: a float bilinear differed by one level on some pixels, and a plain affine map (exact
/// where OpenCV's solved matrix carries 10⁻⁸ of rounding noise) broke ties of the 1/32-px
/// rounding the other way on a few pixels a crop — each enough to move presence scores and
/// landmarks, which the tracking loop then carries on.
struct ImageWarp: Sendable {
    enum Border: Sendable {
        /// Outside pixels are black (BORDER_ZERO / cv::BORDER_CONSTANT).
        case zero
        /// Outside pixels repeat the nearest edge pixel (BORDER_REPLICATE).
        case replicate
    }

    /// Output pixel → image position, row-major 3×3 (what cv::warpPerspective uses after
    /// inverting the corner map): x = (m0·i + m1·j + m2) / (m6·i + m7·j + m8), likewise y.
    var matrix: [Double]

    /// OpenCV's INTER_BITS: sample positions are kept to 1/32 pixel.
    static let subpixelSteps = 32

    init(matrix: [Double]) {
        precondition(matrix.count == 9, "a 3×3 matrix")
        self.matrix = matrix
    }

    /// An affine map: output pixel (i, j) samples `origin + i·xStep + j·yStep`.
    init(originX: Double, originY: Double, xStepX: Double, xStepY: Double, yStepX: Double, yStepY: Double) {
        self.init(matrix: [xStepX, yStepX, originX, xStepY, yStepY, originY, 0, 0, 1])
    }

    /// The map that letterboxes the whole image into a square of `size` pixels (detector input).
    /// Returns the padding as fractions of the square (left, top, right, bottom).
    static func letterbox(imageWidth: Int, imageHeight: Int, size: Int) -> (warp: ImageWarp, padding: (Float, Float, Float, Float)) {
        let width = Float(imageWidth)
        let height = Float(imageHeight)
        // GetRoi without a rect, then PadRoi with a square tensor (image_to_tensor_utils.cc).
        let roiAspectRatio = height / width
        let side: Float
        var horizontal: Float = 0
        var vertical: Float = 0
        if 1 > roiAspectRatio {
            side = width
            vertical = (1 - roiAspectRatio) / 2
        } else {
            side = height
            horizontal = (1 - 1 / roiAspectRatio) / 2
        }
        let region = PoseRegion(centreX: 0.5 * width, centreY: 0.5 * height, side: side, rotation: 0)
        return (crop(region, size: size), (horizontal, vertical, horizontal, vertical))
    }

    /// The map that crops a rotated square region into a square of `size` pixels.
    static func crop(_ region: PoseRegion, size: Int) -> ImageWarp {
        // cv::RotatedRect's float angle from `roi.rotation * 180.f / M_PI` (the product in float,
        // the division in double); RotatedRect::points turns it back in double, corners in float.
        let degrees = Float(Double(region.rotation * 180) / Double.pi)
        let angle = Double(degrees) * Double.pi / 180
        let b = Float(cos(angle)) * 0.5
        let a = Float(sin(angle)) * 0.5
        let side = region.side
        let p0 = SIMD2(region.centreX - a * side - b * side, region.centreY + b * side - a * side)
        let p1 = SIMD2(region.centreX + a * side - b * side, region.centreY - b * side - a * side)
        let p2 = SIMD2(2 * region.centreX - p0.x, 2 * region.centreY - p0.y)
        let p3 = SIMD2(2 * region.centreX - p1.x, 2 * region.centreY - p1.y)
        // Corner order as image_to_tensor_converter_opencv.cc: pt0 → (0, size), pt1 → (0, 0),
        // pt2 → (size, 0), pt3 → (size, size).
        let n = Float(size)
        let map = perspectiveTransform(
            from: [p0, p1, p2, p3], to: [SIMD2(0, n), SIMD2(0, 0), SIMD2(n, 0), SIMD2(n, n)])
        return ImageWarp(matrix: inverted(map))
    }

    /// cv::getPerspectiveTransform with DECOMP_LU: the 8×8 system built as OpenCV builds it (the
    /// products of coordinates in float), solved by hal::LU64f's elimination.
    static func perspectiveTransform(from source: [SIMD2<Float>], to target: [SIMD2<Float>]) -> [Double] {
        var a = [[Double]](repeating: [Double](repeating: 0, count: 8), count: 8)
        var b = [Double](repeating: 0, count: 8)
        for i in 0..<4 {
            a[i][0] = Double(source[i].x)
            a[i + 4][3] = Double(source[i].x)
            a[i][1] = Double(source[i].y)
            a[i + 4][4] = Double(source[i].y)
            a[i][2] = 1
            a[i + 4][5] = 1
            a[i][6] = Double(-source[i].x * target[i].x)
            a[i][7] = Double(-source[i].y * target[i].x)
            a[i + 4][6] = Double(-source[i].x * target[i].y)
            a[i + 4][7] = Double(-source[i].y * target[i].y)
            b[i] = Double(target[i].x)
            b[i + 4] = Double(target[i].y)
        }
        let m = 8
        for i in 0..<m {
            var k = i
            for j in (i + 1)..<m where abs(a[j][i]) > abs(a[k][i]) { k = j }
            if k != i {
                a.swapAt(i, k)
                b.swapAt(i, k)
            }
            // A singular system (a degenerate region) leaves the map as far as it got; OpenCV
            // reports failure and warps with zeros. Neither happens for a region of positive size.
            guard a[i][i] != 0 else { break }
            let d = -1 / a[i][i]
            for j in (i + 1)..<m {
                let alpha = a[j][i] * d
                for c in (i + 1)..<m { a[j][c] += alpha * a[i][c] }
                b[j] += alpha * b[i]
            }
        }
        for i in stride(from: m - 1, through: 0, by: -1) {
            var sum = b[i]
            for c in (i + 1)..<m { sum -= a[i][c] * b[c] }
            b[i] = a[i][i] != 0 ? sum / a[i][i] : 0
        }
        return b + [1]
    }

    /// cv::invert of a 3×3 double matrix (DECOMP_LU takes the cofactor formula for n ≤ 3).
    static func inverted(_ s: [Double]) -> [Double] {
        let det = s[0] * (s[4] * s[8] - s[5] * s[7]) - s[1] * (s[3] * s[8] - s[5] * s[6]) + s[2] * (s[3] * s[7] - s[4] * s[6])
        guard det != 0 else { return [Double](repeating: 0, count: 9) }
        let d = 1 / det
        return [
            (s[4] * s[8] - s[5] * s[7]) * d, (s[2] * s[7] - s[1] * s[8]) * d, (s[1] * s[5] - s[2] * s[4]) * d,
            (s[5] * s[6] - s[3] * s[8]) * d, (s[0] * s[8] - s[2] * s[6]) * d, (s[2] * s[3] - s[0] * s[5]) * d,
            (s[3] * s[7] - s[4] * s[6]) * d, (s[1] * s[6] - s[0] * s[7]) * d, (s[0] * s[4] - s[1] * s[3]) * d,
        ]
    }

    /// Writes `size × size × 3` floats (NHWC) into `output`, mapping 0…255 onto `range`; `split` false
    /// fills on the calling thread only (to time one core's work).
    func fill(
        _ output: UnsafeMutableBufferPointer<Float>, from image: RGBImage, size: Int,
        border: Border, range: ClosedRange<Float>, split: Bool = true
    ) {
        precondition(output.count >= size * size * 3, "tensor too small for the warp")
        let scale = (range.upperBound - range.lowerBound) / 255
        let rangeOffset = range.lowerBound
        // The 256 possible values. OpenCV's convertTo (cvt_32f) computes them with a fused
        // multiply-add on this machine's SIMD path: for the detector's −1…1 range that differs
        // from multiply-then-add in the last bit for some levels, enough to move its keypoints
        // by a few units in the last place (sprint clip, frame 6), and the region with them.
        let levelTable = (0...255).map { rangeOffset.addingProduct(Float($0), scale) }
        // Two halves of the rows at once: the sampling waits on memory (on a 720p frame a 256 × 256
        // crop reads scattered lines of a 2.8 MB image), and while it runs the model's second thread
        // has nothing to do.
        levelTable.withUnsafeBufferPointer { levels in
            image.pixels.withUnsafeBufferPointer { pixels in
                let shared = WarpBuffers(output: output, pixels: pixels, levels: levels)
                let halves = split && size >= Self.smallestSplitSize ? 2 : 1
                let (matrix, width, height) = (matrix, image.width, image.height)
                DispatchQueue.concurrentPerform(iterations: halves) { half in
                    Self.fillRows(
                        (size * half / halves)..<(size * (half + 1) / halves), size: size, matrix: matrix, output: shared.output,
                        pixels: shared.pixels, width: width, height: height, border: border, levels: shared.levels)
                }
            }
        }
    }

    /// cvRound after saturate_cast<int>: to the nearest integer, ties to even, within Int32 (NaN as the
    /// upper bound, as the clamping comparisons leave it). Adding and taking away 1.5 · 2⁵² rounds in the
    /// FPU's default mode (nearest, ties to even) without a library call; exact for |v| < 2⁵¹.
    @inline(__always)
    static func roundedToInt32(_ v: Double) -> Int {
        let clamped = v >= -2_147_483_648 ? (v <= 2_147_483_647 ? v : 2_147_483_647) : (v.isNaN ? 2_147_483_647 : -2_147_483_648)
        return Int((clamped + 6_755_399_441_055_744) - 6_755_399_441_055_744)
    }

    /// Output rows `rows`, in WarpPerspectiveInvoker's blocks: 16 rows (fewer for a small output) by
    /// 1024 / rows columns; each block's start is evaluated first and the column offset added to it.
    /// Each row's blocks start afresh, so rows are independent.
    static func fillRows(
        _ rows: Range<Int>, size: Int, matrix: [Double], output: UnsafeMutableBufferPointer<Float>,
        pixels: UnsafeBufferPointer<UInt8>, width: Int, height: Int, border: Border, levels: UnsafeBufferPointer<Float>
    ) {
        guard let source = pixels.baseAddress, let target = output.baseAddress, let level = levels.baseAddress else { return }
        let steps = Double(subpixelSteps)
        let (m0, m1, m2, m3, m4, m5) = (matrix[0], matrix[1], matrix[2], matrix[3], matrix[4], matrix[5])
        let (m6, m7, m8) = (matrix[6], matrix[7], matrix[8])
        let blockWidth = min(1024 / min(16, size), size)
        // An affine map (the usual case) has the same denominator for a whole block: it is divided once
        // per block instead of once per pixel — the same value, so the same result.
        let affine = m6 == 0
        let stride = width * 3
        for j in rows {
            let row = Double(j)
            var blockStart = 0
            while blockStart < size {
                let blockEnd = min(blockStart + blockWidth, size)
                let start = Double(blockStart)
                let blockX = m0 * start + m1 * row + m2
                let blockY = m3 * start + m4 * row + m5
                let blockW = m6 * start + m7 * row + m8
                let blockScale = blockW != 0 ? steps / blockW : 0
                var out = target + (j * size + blockStart) * 3
                for i in blockStart..<blockEnd {
                    let offset = Double(i - blockStart)
                    var w = blockScale
                    if !affine {
                        w = blockW + m6 * offset
                        w = w != 0 ? steps / w : 0
                    }
                    // Fixed point as OpenCV: position × 32 rounded, integer part and 5-bit fraction.
                    let fixedX = roundedToInt32((blockX + m0 * offset) * w)
                    let fixedY = roundedToInt32((blockY + m3 * offset) * w)
                    let x0 = fixedX >> 5
                    let y0 = fixedY >> 5
                    let fx = fixedX & 31
                    let fy = fixedY & 31
                    // Weights summing to 1024 (OpenCV's 15-bit table divided by 32, exactly).
                    let w00 = (32 - fx) * (32 - fy)
                    let w10 = fx * (32 - fy)
                    let w01 = (32 - fx) * fy
                    let w11 = fx * fy
                    if x0 >= 0, y0 >= 0, x0 + 1 < width, y0 + 1 < height {
                        // All four neighbours inside.
                        let p00 = source + (y0 * width + x0) * 3
                        let p01 = p00 + stride
                        let r = w00 * Int(p00[0]) + w10 * Int(p00[3]) + w01 * Int(p01[0]) + w11 * Int(p01[3])
                        let g = w00 * Int(p00[1]) + w10 * Int(p00[4]) + w01 * Int(p01[1]) + w11 * Int(p01[4])
                        let b = w00 * Int(p00[2]) + w10 * Int(p00[5]) + w01 * Int(p01[2]) + w11 * Int(p01[5])
                        out[0] = level[(r + 512) >> 10]
                        out[1] = level[(g + 512) >> 10]
                        out[2] = level[(b + 512) >> 10]
                    } else {
                        for c in 0..<3 {
                            func sample(_ x: Int, _ y: Int) -> Int {
                                switch border {
                                case .zero:
                                    guard x >= 0, y >= 0, x < width, y < height else { return 0 }
                                    return Int(source[(y * width + x) * 3 + c])
                                case .replicate:
                                    let cx = min(max(x, 0), width - 1)
                                    let cy = min(max(y, 0), height - 1)
                                    return Int(source[(cy * width + cx) * 3 + c])
                                }
                            }
                            let sum = w00 * sample(x0, y0) + w10 * sample(x0 + 1, y0)
                                + w01 * sample(x0, y0 + 1) + w11 * sample(x0 + 1, y0 + 1)
                            out[c] = level[(sum + 512) >> 10]
                        }
                    }
                    out += 3
                }
                blockStart = blockEnd
            }
        }
    }

    /// Outputs smaller than this are filled on one thread (the split costs more than it saves).
    static let smallestSplitSize = 64
}

/// The warp's buffers, handed to the two halves: each writes only its own rows of `output`, and both
/// only read `pixels` and `levels`, all of which outlive the call.
private struct WarpBuffers: @unchecked Sendable {
    let output: UnsafeMutableBufferPointer<Float>
    let pixels: UnsafeBufferPointer<UInt8>
    let levels: UnsafeBufferPointer<Float>
}
