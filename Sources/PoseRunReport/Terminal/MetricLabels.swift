import PoseRunCore

/// Plain names for the metric keys of `analysis.json`, for people reading a table.
public enum MetricLabels {
    static let names: [String: String] = [
        MetricKey.cadence: "Cadence",
        MetricKey.contactTime: "Ground contact time",
        MetricKey.flightTime: "Flight time",
        MetricKey.dutyFactor: "Duty factor",
        MetricKey.footStrikeAngle: "Foot-strike angle",
        MetricKey.kneeFlexionAtContact: "Knee flexion at contact",
        MetricKey.peakStanceKneeFlexion: "Peak stance knee flexion",
        MetricKey.peakSwingKneeFlexion: "Peak swing knee flexion",
        MetricKey.timeToPeakSwingKneeFlexion: "Toe-off to peak swing knee flexion",
        MetricKey.shankAngleAtContact: "Shank angle at contact",
        MetricKey.overstride: "Overstride",
        MetricKey.landingReach: "Landing reach ahead of the hips",
        MetricKey.trunkLean: "Trunk lean",
        MetricKey.trunkLeanRange: "Trunk lean range in a stride",
        MetricKey.fallingAngleMidStance: "Falling angle, mid-stance",
        MetricKey.fallingAngleToeOff: "Falling angle, toe-off",
        MetricKey.kneeDrive: "Knee drive (thigh ahead)",
        MetricKey.hipExtensionAtToeOff: "Thigh behind vertical at toe-off",
        MetricKey.heelToHipMinimum: "Closest heel to hip in swing",
        MetricKey.armSwingRange: "Arm swing range",
        MetricKey.elbowAngle: "Elbow angle",
        MetricKey.verticalRatio: "Vertical ratio",
        MetricKey.verticalOscillation(inMetres: true): "Vertical oscillation",
        MetricKey.verticalOscillation(inMetres: false): "Vertical oscillation",
        MetricKey.stepLength(inMetres: true): "Step length",
        MetricKey.stepLength(inMetres: false): "Step length",
        MetricKey.strideLength(inMetres: true): "Stride length",
        MetricKey.strideLength(inMetres: false): "Stride length",
        MetricKey.runningSpeed(inMetres: true): "Running speed",
        MetricKey.runningSpeed(inMetres: false): "Running speed",
    ]

    /// The plain name of a metric key, or the key itself for one not listed.
    public static func name(of key: String) -> String { names[key] ?? key }

    /// A value with its unit as a reader expects it: "8.2°", "0.21 s", "176 steps/min".
    public static func format(_ value: Double, unit: String) -> String {
        formatNumber(value) + suffix(for: unit)
    }

    /// A mean and its spread with the unit once: "8.2 ± 1.4°", "0.21 ± 0.01 s".
    public static func format(mean: Double, sd: Double, unit: String) -> String {
        formatNumber(mean) + " ± " + formatNumber(sd) + suffix(for: unit)
    }

    /// What follows a number of this unit: "°" for degrees, nothing for a fraction, " s" and so on.
    static func suffix(for unit: String) -> String {
        switch unit {
        case "deg": return "°"
        case "fraction", "": return ""
        default: return " " + unit
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
