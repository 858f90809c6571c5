public import PoseRunCore

/// Numbers with their units as people read them. A metric's name is its definition's (`Metric.definition`).
public enum MetricLabels {
    /// The plain name of a metric.
    public static func name(of metric: Metric) -> String { metric.definition.name }

    /// The plain name of a metric key, or the key itself for one this version does not know.
    public static func name(ofKey key: String) -> String { Metric(key: key)?.definition.name ?? key }

    /// A value with its unit as a reader expects it: "8.2°", "0.21 s", "176 steps/min".
    public static func format(_ value: Double, unit: MetricUnit) -> String {
        formatNumber(value) + suffix(for: unit)
    }

    /// A mean and its spread with the unit once: "8.2 ± 1.4°", "0.21 ± 0.01 s".
    public static func format(mean: Double, sd: Double, unit: MetricUnit) -> String {
        formatNumber(mean) + " ± " + formatNumber(sd) + suffix(for: unit)
    }

    /// What follows a number of this unit: "°" for degrees, nothing for a fraction, " s" and so on.
    static func suffix(for unit: MetricUnit) -> String {
        switch unit {
        case .degrees: "°"
        case .fraction: ""
        default: " " + unit.rawValue
        }
    }

    /// Three significant figures or so, without trailing noise: 176, 8.2, 0.214, −3.4.
    public static func formatNumber(_ value: Double) -> String {
        guard value.isFinite else { return "—" }
        let magnitude = abs(value)
        let digits = magnitude >= 100 ? 0 : magnitude >= 10 ? 1 : magnitude >= 1 ? 2 : 3
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let rounded = (value * scale).rounded() / scale
        if digits == 0 { return Int(measured: rounded).map(String.init) ?? String(rounded) }
        var text = String(rounded)
        // String(Double) can print 1e-05 style for tiny values; those round to 0 here.
        if text.contains("e") { text = "0" }
        if text.hasSuffix(".0") { text.removeLast(2) }
        if text.hasPrefix("-") { text = "−" + text.dropFirst() }
        return text == "−0" ? "0" : text
    }
}
