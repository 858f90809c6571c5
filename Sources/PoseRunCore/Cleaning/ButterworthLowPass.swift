#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A 2nd-order Butterworth low-pass run forward then backward: no phase lag (events stay where they
/// happened) and a 4th-order roll-off.
///
/// Running the filter twice lowers its −3 dB point, so each pass uses a raised cut-off fc / C with
/// C = (2^(1/n) − 1)^(1/4) = 0.802 for n = 2 passes (Winter 2009, *Biomechanics and Motor Control of
/// Human Movement*, §3.4.4.3); the pair then has its −3 dB point at the requested cut-off.
/// Coefficients by the bilinear transform with pre-warping.
public struct ButterworthLowPass: Sendable, Hashable {
    /// Winter's correction for a 2nd-order filter run twice.
    public static let doublePassCorrection = (2.0.squareRoot() - 1).squareRoot().squareRoot()

    public let cutoffHz: Double
    public let sampleRateHz: Double
    let b0: Double, b1: Double, b2: Double, a1: Double, a2: Double

    /// A filter for a cut-off and sampling rate, or `nil` when the per-pass cut-off would reach Nyquist.
    public init?(cutoffHz: Double, sampleRateHz: Double) {
        let perPass = cutoffHz / Self.doublePassCorrection
        guard cutoffHz > 0, sampleRateHz > 0, perPass < 0.5 * sampleRateHz else { return nil }
        self.cutoffHz = cutoffHz
        self.sampleRateHz = sampleRateHz
        let k = tan(Double.pi * perPass / sampleRateHz)
        let root2 = 2.0.squareRoot()
        let norm = 1 / (1 + root2 * k + k * k)
        b0 = k * k * norm
        b1 = 2 * b0
        b2 = b0
        a1 = 2 * (k * k - 1) * norm
        a2 = (1 - root2 * k + k * k) * norm
    }

    /// Frames of odd reflection added at each end of a run so the filter starts settled
    /// (about two periods of the cut-off, at least 12 frames).
    public var padFrames: Int { max(12, Int((2 * sampleRateHz / cutoffHz).rounded(.up))) }

    /// Filters every run of finite samples in place; NaN gaps split runs and stay NaN. Runs shorter
    /// than 3 samples are left as they are. `scratch` is reused workspace (grown when needed).
    public func filterPresentRuns(_ values: inout [Double], scratch: inout [Double]) {
        let n = values.count
        var i = 0
        while i < n {
            guard values[i].isFinite else { i += 1; continue }
            var j = i
            while j + 1 < n && values[j + 1].isFinite { j += 1 }
            if j - i + 1 >= 3 { filterRun(&values, from: i, through: j, scratch: &scratch) }
            i = j + 1
        }
    }

    /// Filters `values[from...through]` (all finite).
    func filterRun(_ values: inout [Double], from start: Int, through end: Int, scratch: inout [Double]) {
        let n = end - start + 1
        let pad = min(n - 1, padFrames)
        let total = n + 2 * pad
        if scratch.count < total { scratch = [Double](repeating: 0, count: total) }
        let (b0, b1, b2, a1, a2) = (self.b0, self.b1, self.b2, self.a1, self.a2)
        values.withUnsafeMutableBufferPointer { v in
            scratch.withUnsafeMutableBufferPointer { s in
                let first = v[start], last = v[end]
                // Odd reflection about the end samples keeps level and slope continuous.
                for k in 0..<pad { s[k] = 2 * first - v[start + pad - k] }
                for k in 0..<n { s[pad + k] = v[start + k] }
                for k in 0..<pad { s[pad + n + k] = 2 * last - v[end - 1 - k] }
                // Forward pass, started in the steady state of its first input.
                var x1 = s[0], x2 = s[0], y1 = s[0], y2 = s[0]
                for k in 0..<total {
                    let x0 = s[k]
                    let y0 = b0 * x0 + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2
                    x2 = x1; x1 = x0; y2 = y1; y1 = y0
                    s[k] = y0
                }
                // Backward pass.
                x1 = s[total - 1]; x2 = x1; y1 = x1; y2 = x1
                var k = total - 1
                while k >= 0 {
                    let x0 = s[k]
                    let y0 = b0 * x0 + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2
                    x2 = x1; x1 = x0; y2 = y1; y1 = y0
                    s[k] = y0
                    k -= 1
                }
                for k in 0..<n { v[start + k] = s[pad + k] }
            }
        }
    }
}
