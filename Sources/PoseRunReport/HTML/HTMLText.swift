import PoseRunCore
/// Escaping and number formatting for the HTML report: every user string goes through `escape`. The web
/// app's pages escape with the same function.
public enum HTMLText {
    /// Text safe inside an element or a double-quoted or single-quoted attribute (`& < > " '`).
    public static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    /// A number with sensible precision for reading (3 significant figures, at most 3 decimals).
    static func number(_ v: Double?) -> String {
        guard let v, v.isFinite else { return "—" }
        let a = abs(v)
        let digits = a >= 100 ? 0 : a >= 10 ? 1 : a >= 1 ? 2 : 3
        return fixed(v, digits: digits)
    }

    /// An angle in degrees to a tenth (finer than any 2D pose estimate can tell).
    static func degrees(_ v: Double?) -> String {
        guard let v, v.isFinite else { return "—" }
        return fixed(v, digits: 1)
    }

    /// A number with a fixed count of decimals, `−` as the minus sign.
    static func fixed(_ v: Double, digits: Int) -> String {
        guard v.isFinite else { return "—" }
        var p = 1.0
        for _ in 0..<digits { p *= 10 }
        let r = (abs(v) * p).rounded() / p
        // Past 2⁵³ (no reading holds such a number; a corrupt file might) the digits are Swift's own.
        guard let whole = Int(measured: r.rounded(.down)), let _ = Int(measured: r * p) else { return (v < 0 ? "−" : "") + String(r) }
        var s: String
        if digits == 0 {
            s = String(whole)
        } else {
            let frac = Int(((r - Double(whole)) * p).rounded())
            var f = String(frac)
            while f.count < digits { f = "0" + f }
            s = "\(whole).\(f)"
        }
        let isZero = r == 0
        return (v < 0 && !isZero ? "−" : "") + s
    }

    /// A coordinate for SVG (plain ASCII minus, 2 decimals).
    static func coordinate(_ v: Double) -> String {
        guard v.isFinite else { return "0" }
        let r = (v * 100).rounded() / 100
        if r == r.rounded(), let i = Int(measured: r) { return String(i) }
        return String(r)
    }

    /// A value with its unit, as a reader writes it ("12.5°", "0.210 s", "172 steps/min").
    static func value(_ v: Double?, unit: MetricUnit) -> String {
        guard let v, v.isFinite else { return "—" }
        switch unit {
        case .degrees: return degrees(v) + "°"
        case .percent: return number(v) + " %"
        default: return number(v) + " " + unit.rawValue
        }
    }

    /// An id fragment safe for `id=` and `#` links.
    static func anchor(_ parts: String...) -> String {
        parts.joined(separator: "-").map { $0.isLetter || $0.isNumber || $0 == "-" ? String($0) : "-" }.joined()
    }
}
