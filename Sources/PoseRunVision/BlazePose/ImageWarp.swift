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

    /// cvRound after saturate_cast<int>, two at a time, as the bit patterns of the doubles `v + 1.5 · 2⁵²`: to
    /// the nearest integer, ties to even, within Int32 (NaN as the upper bound, as the clamping comparisons
    /// leave it). Adding 1.5 · 2⁵² rounds in the FPU's default mode (nearest, ties to even) without a library
    /// call, exact for |v| < 2⁵¹, and leaves the integer in the low 32 bits of the sum's bit pattern (two's
    /// complement; `fixedPoint` reads it). The sums keep the integers' order, for the extremes of a block.
    @inline(__always)
    static func roundedToInt32Sums(_ v: SIMD2<Double>) -> SIMD2<Double> {
        let low = SIMD2<Double>(repeating: -2_147_483_648)
        let high = SIMD2<Double>(repeating: 2_147_483_647)
        // Below the range → low; above it or NaN (which fails `<=`) → high.
        let clamped = v.replacing(with: low, where: v .< low).replacing(with: high, where: .!(v .<= high))
        return clamped + roundingBias
    }

    /// 1.5 · 2⁵²: added to a double below 2⁵¹ in magnitude, it rounds it to an integer held in the low bits.
    static let roundingBias = 6_755_399_441_055_744.0

    /// The integer of the `i`th of roundedToInt32Sums' results stored at `sums`.
    @inline(__always)
    static func fixedPoint(_ sums: UnsafeRawPointer, _ i: Int) -> Int {
        Int(Int32(truncatingIfNeeded: sums.load(fromByteOffset: 8 &* i, as: UInt64.self)))
    }

    /// Output rows `rows`, in WarpPerspectiveInvoker's blocks: 16 rows (fewer for a small output) by
    /// 1024 / rows columns (so at most 64); each block's start is evaluated first and the column offset
    /// added to it. Each row's blocks start afresh, so rows are independent.
    ///
    /// A block is done in two passes, both giving exactly the one-pixel-at-a-time result: its fixed-point
    /// positions two at a time (the same IEEE operations lane by lane, so the same doubles), then the
    /// sampling. When all of a block's samples have their four neighbours inside (the extremes of its
    /// integer positions tell), the neighbours are read without checks; otherwise, for a replicated border,
    /// through clamped coordinates, and for a zero border a pixel at a time as before.
    static func fillRows(
        _ rows: Range<Int>, size: Int, matrix: [Double], output: UnsafeMutableBufferPointer<Float>,
        pixels: UnsafeBufferPointer<UInt8>, width: Int, height: Int, border: Border, levels: UnsafeBufferPointer<Float>
    ) {
        guard let source = pixels.baseAddress, let target = output.baseAddress, let level = levels.baseAddress else { return }
        let steps = Double(subpixelSteps)
        let (m0, m1, m2, m3, m4, m5) = (matrix[0], matrix[1], matrix[2], matrix[3], matrix[4], matrix[5])
        let (m6, m7, m8) = (matrix[6], matrix[7], matrix[8])
        let blockWidth = min(1024 / min(16, size), size)
        // An affine map has the same denominator for a whole block: it is divided once per block instead of
        // once per pixel — the same value, so the same result. (A crop's solved map is not exactly affine.)
        let affine = m6 == 0
        let lanes = SIMD2<Double>(0, 1)
        // A sample is inside with its four neighbours when 0 ≤ x0 and x0 + 1 < width, that is when its fixed
        // position lies in 0 ..< 32 · (width − 1); likewise y. As roundedToInt32Sums' sums:
        let insideX = (roundingBias, roundingBias + Double(32 * (width - 1)))
        let insideY = (roundingBias, roundingBias + Double(32 * (height - 1)))
        // One block's fixed-point positions, x then y, as roundedToInt32Sums leaves them (a block is at most
        // 64 wide, and the last pair may run one past its end), and its samples' neighbours, 16 bytes each.
        withUnsafeTemporaryAllocation(byteCount: 2 * 64 * 8 + 64 * 16, alignment: 16) { scratch in
            guard let fixedXs = scratch.baseAddress else { return }
            let fixedYs = fixedXs + 64 * 8
            let neighbours = fixedYs + 64 * 8
            for j in rows {
                let row = Double(j)
                var blockStart = 0
                while blockStart < size {
                    let count = min(blockStart + blockWidth, size) - blockStart
                    let start = Double(blockStart)
                    let blockX = m0 * start + m1 * row + m2
                    let blockY = m3 * start + m4 * row + m5
                    let blockW = m6 * start + m7 * row + m8
                    let blockScale = blockW != 0 ? steps / blockW : 0
                    var (lowestX, highestX) = (SIMD2<Double>(repeating: .infinity), SIMD2<Double>(repeating: -.infinity))
                    var (lowestY, highestY) = (lowestX, highestX)
                    for pair in 0..<((count + 1) / 2) {
                        let offset = lanes + Double(2 * pair)
                        var w = SIMD2<Double>(repeating: blockScale)
                        if !affine {
                            let denominator = blockW + m6 * offset
                            w = (steps / denominator).replacing(with: 0, where: denominator .== 0)
                        }
                        // Fixed point as OpenCV: position × 32 rounded, integer part and 5-bit fraction.
                        let x = roundedToInt32Sums((blockX + m0 * offset) * w)
                        let y = roundedToInt32Sums((blockY + m3 * offset) * w)
                        fixedXs.storeBytes(of: x, toByteOffset: 16 &* pair, as: SIMD2<Double>.self)
                        fixedYs.storeBytes(of: y, toByteOffset: 16 &* pair, as: SIMD2<Double>.self)
                        // (A lane past the block's end only makes the test below stricter.)
                        lowestX = lowestX.replacing(with: x, where: x .< lowestX)
                        highestX = highestX.replacing(with: x, where: x .> highestX)
                        lowestY = lowestY.replacing(with: y, where: y .< lowestY)
                        highestY = highestY.replacing(with: y, where: y .> highestY)
                    }
                    let inside = lowestX.min() >= insideX.0 && highestX.max() < insideX.1
                        && lowestY.min() >= insideY.0 && highestY.max() < insideY.1
                    let out = target + (j * size + blockStart) * 3
                    if border == .zero, !inside {
                        sampleZero(count, fixedXs, fixedYs, out, source, width, height, level)
                    } else {
                        if inside {
                            gatherInside(count, fixedXs, fixedYs, neighbours, source, width)
                        } else {
                            gatherClamped(count, fixedXs, fixedYs, neighbours, source, width, height)
                        }
                        blend(count, fixedXs, fixedYs, neighbours, out, level)
                    }
                    blockStart += count
                }
            }
        }
    }

    /// Each sample's four neighbours, three bytes each, into 16 bytes: the top left's then the top right's,
    /// and from byte 8 the bottom left's then the bottom right's. Gathered in a pass of their own, so the image
    /// reads of many samples are under way at once instead of each waiting behind the arithmetic.
    @inline(__always)
    private static func gatherInside(
        _ count: Int, _ fixedXs: UnsafeRawPointer, _ fixedYs: UnsafeRawPointer,
        _ neighbours: UnsafeMutableRawPointer, _ source: UnsafePointer<UInt8>, _ width: Int
    ) {
        let stride = width &* 3
        for i in 0..<count {
            // Both neighbours of a row are six adjacent bytes.
            let top = UnsafeRawPointer(source + ((fixedPoint(fixedYs, i) >> 5) &* width &+ (fixedPoint(fixedXs, i) >> 5)) &* 3)
            let bottom = top + stride
            let slot = neighbours + 16 &* i
            slot.storeBytes(of: top.loadUnaligned(as: UInt32.self), as: UInt32.self)
            slot.storeBytes(of: top.loadUnaligned(fromByteOffset: 4, as: UInt16.self), toByteOffset: 4, as: UInt16.self)
            slot.storeBytes(of: bottom.loadUnaligned(as: UInt32.self), toByteOffset: 8, as: UInt32.self)
            slot.storeBytes(of: bottom.loadUnaligned(fromByteOffset: 4, as: UInt16.self), toByteOffset: 12, as: UInt16.self)
        }
    }

    /// gatherInside for samples near or past the edge, with a replicated border: each neighbour's
    /// coordinates clamped to the image, which is what BORDER_REPLICATE reads.
    @inline(__always)
    private static func gatherClamped(
        _ count: Int, _ fixedXs: UnsafeRawPointer, _ fixedYs: UnsafeRawPointer,
        _ neighbours: UnsafeMutableRawPointer, _ source: UnsafePointer<UInt8>, _ width: Int, _ height: Int
    ) {
        @inline(__always) func copy(_ p: UnsafePointer<UInt8>, to slot: UnsafeMutableRawPointer) {
            slot.storeBytes(of: UnsafeRawPointer(p).loadUnaligned(as: UInt16.self), as: UInt16.self)
            slot.storeBytes(of: p[2], toByteOffset: 2, as: UInt8.self)
        }
        for i in 0..<count {
            let x0 = fixedPoint(fixedXs, i) >> 5, y0 = fixedPoint(fixedYs, i) >> 5
            let left = min(max(x0, 0), width &- 1) &* 3, right = min(max(x0 &+ 1, 0), width &- 1) &* 3
            let top = source + min(max(y0, 0), height &- 1) &* width &* 3
            let bottom = source + min(max(y0 &+ 1, 0), height &- 1) &* width &* 3
            let slot = neighbours + 16 &* i
            copy(top + left, to: slot)
            copy(top + right, to: slot + 3)
            copy(bottom + left, to: slot + 8)
            copy(bottom + right, to: slot + 11)
        }
    }

    /// The bilinear sums of the gathered neighbours, rounded to 8 bits, through the level table.
    @inline(__always)
    private static func blend(
        _ count: Int, _ fixedXs: UnsafeRawPointer, _ fixedYs: UnsafeRawPointer,
        _ neighbours: UnsafeRawPointer, _ out: UnsafeMutablePointer<Float>, _ level: UnsafePointer<Float>
    ) {
        for i in 0..<count {
            let fx = fixedPoint(fixedXs, i) & 31, fy = fixedPoint(fixedYs, i) & 31
            // Weights summing to 1024 (OpenCV's 15-bit table divided by 32, exactly); no sum passes 1024 · 255.
            let w00 = (32 &- fx) &* (32 &- fy), w10 = fx &* (32 &- fy), w01 = (32 &- fx) &* fy, w11 = fx &* fy
            let slot = neighbours + 16 &* i
            @inline(__always) func byte(_ k: Int) -> Int { Int(slot.load(fromByteOffset: k, as: UInt8.self)) }
            let r = w00 &* byte(0) &+ w10 &* byte(3) &+ w01 &* byte(8) &+ w11 &* byte(11)
            let g = w00 &* byte(1) &+ w10 &* byte(4) &+ w01 &* byte(9) &+ w11 &* byte(12)
            let bl = w00 &* byte(2) &+ w10 &* byte(5) &+ w01 &* byte(10) &+ w11 &* byte(13)
            out[3 &* i] = level[(r &+ 512) >> 10]
            out[3 &* i &+ 1] = level[(g &+ 512) >> 10]
            out[3 &* i &+ 2] = level[(bl &+ 512) >> 10]
        }
    }

    /// Samples with a zero border, a pixel at a time: outside neighbours are black.
    @inline(__always)
    private static func sampleZero(
        _ count: Int, _ fixedXs: UnsafeRawPointer, _ fixedYs: UnsafeRawPointer, _ out: UnsafeMutablePointer<Float>,
        _ source: UnsafePointer<UInt8>, _ width: Int, _ height: Int, _ level: UnsafePointer<Float>
    ) {
        for i in 0..<count {
            let fixedX = fixedPoint(fixedXs, i), fixedY = fixedPoint(fixedYs, i)
            let x0 = fixedX >> 5, y0 = fixedY >> 5, fx = fixedX & 31, fy = fixedY & 31
            let w00 = (32 - fx) * (32 - fy), w10 = fx * (32 - fy), w01 = (32 - fx) * fy, w11 = fx * fy
            for c in 0..<3 {
                func sample(_ x: Int, _ y: Int) -> Int {
                    guard x >= 0, y >= 0, x < width, y < height else { return 0 }
                    return Int(source[(y * width + x) * 3 + c])
                }
                let sum = w00 * sample(x0, y0) + w10 * sample(x0 + 1, y0) + w01 * sample(x0, y0 + 1) + w11 * sample(x0 + 1, y0 + 1)
                out[3 * i + c] = level[(sum + 512) >> 10]
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
