/// The cleaning stage as the analyser uses it. (Temporary: a plain zero-lag low-pass until the
/// full cleaner — gating, gap filling, swap correction — lands.)
enum Preprocessing {
    struct Output {
        var sequence: KeypointSequence
        var warnings: [String]
        var confidentFrames: Int
        var interpolatedSamples: Int
        var swapsCorrected: Int
        var cutoffHz: Double
    }

    static func clean(_ input: KeypointSequence, cutoffCapHz: Double = 20) -> Output {
        let cutoff = min(cutoffCapHz, 0.2 * input.frameRate)
        var s = input
        var interpolated = 0
        let maxGap = max(1, Int((0.1 * input.frameRate).rounded()))
        for (l, var t) in s.tracks {
            interpolated += fillShortGaps(&t.x, maxGap: maxGap)
            _ = fillShortGaps(&t.y, maxGap: maxGap)
            t.x = ZeroLagLowPass.filter(t.x, cutoffHz: cutoff, sampleRateHz: input.frameRate)
            t.y = ZeroLagLowPass.filter(t.y, cutoffHz: cutoff, sampleRateHz: input.frameRate)
            s.tracks[l] = t
        }
        var confident = 0
        for i in 0..<input.frameCount where input.tracks.values.allSatisfy({ $0.x[i].isFinite }) { confident += 1 }
        return Output(sequence: s, warnings: [], confidentFrames: confident, interpolatedSamples: interpolated, swapsCorrected: 0, cutoffHz: cutoff)
    }
}

extension Preprocessing {
    /// Linear interpolation across gaps of at most `maxGap` samples; returns how many were filled.
    static func fillShortGaps(_ x: inout [Double], maxGap: Int) -> Int {
        var filled = 0
        var i = 0
        while i < x.count {
            guard !x[i].isFinite else { i += 1; continue }
            var j = i
            while j < x.count && !x[j].isFinite { j += 1 }
            if i > 0, j < x.count, j - i <= maxGap {
                let a = x[i - 1], b = x[j], span = Double(j - i + 1)
                for k in i..<j { x[k] = a + (b - a) * Double(k - i + 1) / span }
                filled += j - i
            }
            i = j
        }
        return filled
    }
}

/// Second-order Butterworth run forward and backward over each run of present samples.
enum ZeroLagLowPass {
    static func filter(_ x: [Double], cutoffHz: Double, sampleRateHz: Double) -> [Double] {
        // Correct the cut-off for the two passes (Winter 2009, §3.4.4.3).
        let correction = 1 / (2.0.squareRoot() - 1).squareRoot()
        let wc = cutoffHz * correction / sampleRateHz
        guard wc > 0, wc < 0.5 else { return x }
        let k = tanPi(wc)
        let norm = 1 / (1 + 2.0.squareRoot() * k + k * k)
        let b0 = k * k * norm, b1 = 2 * b0, b2 = b0
        let a1 = 2 * (k * k - 1) * norm, a2 = (1 - 2.0.squareRoot() * k + k * k) * norm
        var out = x
        var i = 0
        while i < x.count {
            guard x[i].isFinite else { i += 1; continue }
            var j = i
            while j + 1 < x.count && x[j + 1].isFinite { j += 1 }
            if j - i + 1 >= 6 {
                var seg = Array(x[i...j])
                pass(&seg, b0, b1, b2, a1, a2)
                seg.reverse()
                pass(&seg, b0, b1, b2, a1, a2)
                seg.reverse()
                for k in 0..<seg.count { out[i + k] = seg[k] }
            }
            i = j + 1
        }
        return out
    }

    private static func tanPi(_ w: Double) -> Double { sinSafe(Double.pi * w) / cosSafe(Double.pi * w) }

    /// One causal pass, with the signal reflected about its ends to avoid start-up transients.
    private static func pass(_ x: inout [Double], _ b0: Double, _ b1: Double, _ b2: Double, _ a1: Double, _ a2: Double) {
        let n = x.count
        let pad = min(n - 1, 3 * 6)
        var ext = [Double]()
        ext.reserveCapacity(n + 2 * pad)
        for k in stride(from: pad, through: 1, by: -1) { ext.append(2 * x[0] - x[k]) }
        ext += x
        for k in 1...max(1, pad) where n - 1 - k >= 0 { ext.append(2 * x[n - 1] - x[n - 1 - k]) }
        var x1 = ext[0], x2 = ext[0], y1 = ext[0], y2 = ext[0]
        for k in 0..<ext.count {
            let x0 = ext[k]
            let y0 = b0 * x0 + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2
            x2 = x1; x1 = x0; y2 = y1; y1 = y0
            ext[k] = y0
        }
        for k in 0..<n { x[k] = ext[pad + k] }
    }
}
