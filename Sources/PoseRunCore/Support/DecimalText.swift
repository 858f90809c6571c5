/// Fixed-point text for Core's few messages, as C's "%.Nf" writes it (ties to even, "-0.0" kept), so Core
/// needs no Foundation for `String(format:)`.
enum DecimalText {
    /// `value` with `digits` (0–6) digits after the point: fixed(2.345, 1) == "2.3", fixed(-0.04, 1) == "-0.0".
    static func fixed(_ value: Double, _ digits: Int) -> String {
        guard value.isFinite else { return value.isNaN ? "nan" : (value < 0 ? "-inf" : "inf") }
        let places = max(0, min(digits, 6))
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let scaled = (value.magnitude * scale).rounded(.toNearestOrEven)
        guard scaled < 9.0e15 else { return String(value) }   // beyond exact integers: nothing Core writes
        let whole = UInt64(scaled)
        let divisor = UInt64(scale)
        var text = String(whole / divisor)
        if places > 0 {
            let fraction = String(whole % divisor)
            text += "." + String(repeating: "0", count: places - fraction.count) + fraction
        }
        return (value.sign == .minus ? "-" : "") + text
    }
}
