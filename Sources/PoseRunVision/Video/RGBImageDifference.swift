public import PoseRunImage

extension RGBImage {
    /// Every this many pixels across and down are compared: a 608×1080 frame gives ~10 000 samples (1/64 of its
    /// pixels), plenty to tell a repeated frame (compression noise, 0.1–0.3 levels on F_Running_2) from a new one
    /// (≥ 1.35 levels). It runs on the decoding thread, not the model's.
    static let differenceSampleStep = 8

    /// The mean absolute difference of the two images' channel values on a sparse grid, in levels (0…255);
    /// infinity when their sizes differ.
    public func meanAbsoluteDifference(from other: RGBImage) -> Double {
        guard other.width == width, other.height == height else { return .infinity }
        let step = Self.differenceSampleStep
        var total = 0, count = 0
        pixels.withUnsafeBufferPointer { a in
            other.pixels.withUnsafeBufferPointer { b in
                var y = 0
                while y < height {
                    var offset = y * width * 3
                    let rowEnd = offset + width * 3
                    while offset < rowEnd {
                        total += abs(Int(a[offset]) - Int(b[offset])) + abs(Int(a[offset + 1]) - Int(b[offset + 1]))
                            + abs(Int(a[offset + 2]) - Int(b[offset + 2]))
                        count += 3
                        offset += step * 3
                    }
                    y += step
                }
            }
        }
        return count > 0 ? Double(total) / Double(count) : 0
    }
}
