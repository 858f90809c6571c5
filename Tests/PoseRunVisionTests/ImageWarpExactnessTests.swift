import Foundation
import PoseRunImage
import PoseRunSynthetic
import Testing
@testable import PoseRunVision

/// The warp's sampling against a plain copy of it as it was before it was made faster (one pixel at a time,
/// each position and neighbour checked on its own; it matched MediaPipe's crops byte for byte): the fast
/// one must give the same floats, bit for bit, on random maps of every kind the fast paths tell apart.
@Suite struct ImageWarpExactnessTests {
    /// A pixel half outside the image on the left (sample x = −0.5, fixed −16: x0 = −1, fx = 16) in an
    /// 8 × 8 image whose red is 10x + y, at y = 5: the outside neighbour is black with a zero border, so
    /// red = (512 · 0 + 512 · 5 + 512) >> 10 = 3 (2.5 rounded up); with a replicated border it is 5.
    @Test func halfOutsideSampleIsHalvedByAZeroBorderAndKeptByReplicate() {
        var pixels: [UInt8] = []
        for y in 0..<8 { for x in 0..<8 { pixels += [UInt8(10 * x + y), 0, 255] } }
        let gradient = RGBImage(width: 8, height: 8, pixels: pixels)
        let warp = ImageWarp(originX: -0.5, originY: 5, xStepX: 0, xStepY: 0, yStepX: 0, yStepY: 0)
        for (border, red) in [(ImageWarp.Border.zero, Float(3)), (.replicate, 5)] {
            var out = [Float](repeating: .nan, count: 3)
            out.withUnsafeMutableBufferPointer { warp.fill($0, from: gradient, size: 1, border: border, range: 0...255) }
            #expect(out[0] == red)
            #expect(out[2] == (border == .zero ? 128 : 255))  // blue 255: (512 · 255 + 512) >> 10 = 128
        }
    }

    @Test func rotatedCropsMatchTheReference() {
        var random = SplitMix64(seed: 1)
        for (width, height) in [(432, 768), (431, 767), (97, 33), (17, 1), (1, 1), (2, 3)] {
            let image = Self.noise(width: width, height: height, random: &random)
            for size in [1, 3, 17, 224, 256] {
                for _ in 0..<(size > 100 ? 4 : 12) {
                    // Regions inside, across an edge and far outside, any turn.
                    let w = Float(width), h = Float(height)
                    let region = PoseRegion(
                        centreX: Float(random.uniform(-0.5...1.5)) * w, centreY: Float(random.uniform(-0.5...1.5)) * h,
                        side: Float(random.uniform(0.05...1.6)) * max(w, h), rotation: Float(random.uniform((-Double.pi)...Double.pi)))
                    Self.check(.crop(region, size: size), image: image, size: size, random: &random)
                }
            }
        }
    }

    @Test func nearlyUnturnedCropsMatchTheReference() {
        // The pipeline's usual crop: a few degrees, most of it inside, the rest over the left or right edge.
        var random = SplitMix64(seed: 2)
        let image = Self.noise(width: 432, height: 768, random: &random)
        for _ in 0..<16 {
            let region = PoseRegion(
                centreX: Float(random.uniform(150...280)), centreY: Float(random.uniform(250...520)),
                side: Float(random.uniform(300...560)), rotation: Float(random.uniform(-0.15...0.15)))
            Self.check(.crop(region, size: 256), image: image, size: 256, random: &random)
        }
    }

    @Test func exactlyAffineMapsMatchTheReference() {
        // m6 = m7 = 0 exactly (the letterbox of an upright image, hand-made maps): one divide a block.
        var random = SplitMix64(seed: 3)
        for (width, height) in [(432, 768), (33, 65), (1, 1)] {
            let image = Self.noise(width: width, height: height, random: &random)
            for size in [1, 3, 17, 224, 256] {
                Self.check(ImageWarp.letterbox(imageWidth: width, imageHeight: height, size: size).warp, image: image, size: size, random: &random)
                for _ in 0..<6 {
                    let scale = random.uniform(0.1...4) * Double(max(width, height)) / Double(size)
                    let angle = random.uniform((-Double.pi)...Double.pi)
                    let warp = ImageWarp(
                        originX: random.uniform(-0.3...1.1) * Double(width), originY: random.uniform(-0.3...1.1) * Double(height),
                        xStepX: scale * cos(angle), xStepY: scale * sin(angle), yStepX: -scale * sin(angle), yStepY: scale * cos(angle))
                    Self.check(warp, image: image, size: size, random: &random)
                }
            }
        }
    }

    @Test func perspectiveMapsMatchTheReference() {
        // m6, m7 well away from zero: the denominator changes along a row, crosses zero on some, and the
        // positions run out of Int32 and are clamped.
        var random = SplitMix64(seed: 4)
        let image = Self.noise(width: 433, height: 241, random: &random)
        for size in [1, 3, 17, 224, 256] {
            for _ in 0..<10 {
                let matrix = [
                    random.uniform(-3...3), random.uniform(-3...3), random.uniform(-100...500),
                    random.uniform(-3...3), random.uniform(-3...3), random.uniform(-100...300),
                    random.uniform(-0.02...0.02), random.uniform(-0.02...0.02), random.uniform(-2...2),
                ]
                Self.check(ImageWarp(matrix: matrix), image: image, size: size, random: &random)
            }
        }
        // A denominator of exactly zero at the first pixel (scale 0), and one so small the scale is
        // infinite, which makes 0 × ∞ = NaN of a position (clamped to Int32.max).
        Self.check(ImageWarp(matrix: [1, 0, 0, 0, 1, 0, 1, 0, 0]), image: image, size: 17, random: &random)
        Self.check(ImageWarp(matrix: [0, 0, 0, 0, 0, 0, .leastNonzeroMagnitude, 0, 0]), image: image, size: 17, random: &random)
        Self.check(ImageWarp(matrix: [1e12, 0, -1e13, 0, -1e12, 0, 0, 0, 1]), image: image, size: 17, random: &random)
    }

    // MARK: The comparison

    static func check(_ warp: ImageWarp, image: RGBImage, size: Int, random: inout SplitMix64, sourceLocation: SourceLocation = #_sourceLocation) {
        for border in [ImageWarp.Border.zero, .replicate] {
            let range: ClosedRange<Float> = random.next() % 2 == 0 ? 0...1 : -1...1
            var fast = [Float](repeating: .nan, count: size * size * 3)
            fast.withUnsafeMutableBufferPointer { warp.fill($0, from: image, size: size, border: border, range: range) }
            let reference = referenceFill(warp, image: image, size: size, border: border, range: range)
            let differing = fast.indices.filter { fast[$0].bitPattern != reference[$0].bitPattern }
            #expect(
                differing.isEmpty,
                "\(differing.count) of \(fast.count) floats differ (first at \(differing.first ?? 0)), size \(size), \(image.width)×\(image.height), \(border), matrix \(warp.matrix)",
                sourceLocation: sourceLocation)
        }
    }

    static func noise(width: Int, height: Int, random: inout SplitMix64) -> RGBImage {
        RGBImage(width: width, height: height, pixels: (0..<(width * height * 3)).map { _ in UInt8(truncatingIfNeeded: random.next() >> 56) })
    }

    /// ImageWarp.fill as it was, on one thread: the same level table, then every row.
    static func referenceFill(_ warp: ImageWarp, image: RGBImage, size: Int, border: ImageWarp.Border, range: ClosedRange<Float>) -> [Float] {
        let scale = (range.upperBound - range.lowerBound) / 255
        let levelTable = (0...255).map { range.lowerBound.addingProduct(Float($0), scale) }
        var out = [Float](repeating: .nan, count: size * size * 3)
        out.withUnsafeMutableBufferPointer { output in
            levelTable.withUnsafeBufferPointer { levels in
                image.pixels.withUnsafeBufferPointer { pixels in
                    Reference.fillRows(
                        0..<size, size: size, matrix: warp.matrix, output: output, pixels: pixels, width: image.width,
                        height: image.height, border: border, levels: levels)
                }
            }
        }
        return out
    }
}

/// ImageWarp's sampling as it was before the fast paths (commit 435ef62), unchanged but for names.
private enum Reference {

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
        pixels: UnsafeBufferPointer<UInt8>, width: Int, height: Int, border: ImageWarp.Border, levels: UnsafeBufferPointer<Float>
    ) {
        guard let source = pixels.baseAddress, let target = output.baseAddress, let level = levels.baseAddress else { return }
        let steps = Double(ImageWarp.subpixelSteps)
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
}
