import Foundation

/// MediaPipe's one-euro filter (util/filtering/one_euro_filter.cc), step for step: an adaptive
/// low-pass filter whose cut-off rises with the (scaled) speed of the value.
struct OneEuroFilter: Sendable {
    struct Parameters: Sendable, Hashable {
        var minCutoff: Double
        var beta: Double
        var derivativeCutoff: Double
    }

    /// MediaPipe's LowPassFilter (util/filtering/low_pass_filter.cc), in Float as there.
    struct LowPass: Sendable {
        private(set) var lastRaw: Float = 0
        private(set) var lastValue: Float = 0
        private(set) var isInitialised = false

        mutating func apply(_ value: Float, alpha: Float) -> Float {
            // `alpha_ * value + (1.0 - alpha_) * stored_value_`: the first product in float, the
            // `1.0` literal takes the rest into double, the sum is stored as float.
            let result = isInitialised ? Float(Double(alpha * value) + (1 - Double(alpha)) * Double(lastValue)) : value
            isInitialised = true
            lastRaw = value
            lastValue = result
            return result
        }
    }

    let parameters: Parameters
    private var frequency: Double
    private var lastTimeMicroseconds: Int64?
    private var x = LowPass()
    private var dx = LowPass()

    init(parameters: Parameters, frequency: Double = BlazePoseConstants.filterDefaultFrequency) {
        self.parameters = parameters
        self.frequency = frequency
    }

    private func alpha(cutoff: Double) -> Double {
        let te = 1 / frequency
        let tau = 1 / (2 * Double.pi * cutoff)
        return 1 / (1 + tau / te)
    }

    /// Filters one sample taken at `timeMicroseconds`; `valueScale` is 1 / the object's size,
    /// so the speed that opens the filter is in object sizes per second.
    mutating func apply(_ value: Float, timeMicroseconds: Int64, valueScale: Double) -> Float {
        if let last = lastTimeMicroseconds {
            // MediaPipe ignores a sample that does not move time forward.
            guard timeMicroseconds > last else { return value }
            // As in MediaPipe, a zero timestamp keeps the previous frequency.
            if last != 0 && timeMicroseconds != 0 {
                // In nanoseconds, as one_euro_filter.cc.
                frequency = 1 / (Double((timeMicroseconds - last) * 1000) * 1e-9)
            }
        }
        lastTimeMicroseconds = timeMicroseconds
        // The difference in double: Apply takes the value as a double, the stored raw value is a float.
        let derivative = x.isInitialised ? (Double(value) - Double(x.lastRaw)) * valueScale * frequency : 0
        let smoothedDerivative = dx.apply(Float(derivative), alpha: Float(alpha(cutoff: parameters.derivativeCutoff)))
        let cutoff = parameters.minCutoff + parameters.beta * Double(abs(smoothedDerivative))
        return x.apply(value, alpha: Float(alpha(cutoff: cutoff)))
    }
}
