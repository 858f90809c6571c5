import PoseRunCore

/// A published reference range drawn behind a gait-cycle chart: the one place these chart numbers live.
struct NormativeBand: Sendable, Hashable {
    var curve: ProfileCurve
    var low: Double
    var high: Double
    /// Part of the cycle it applies to, in per cent.
    var fromPercent: Double
    var toPercent: Double
    var label: String
    var source: String

    static let all: [NormativeBand] = [
        // Domain brief §3 (pull): normative peak swing knee flexion 86–92° at ~70 % of the cycle at 2.5 m/s.
        NormativeBand(
            curve: .kneeFlexion, low: 86, high: 92, fromPercent: 62, toPercent: 78,
            label: "peak swing 86–92°", source: "BMC-RIC dataset (Fukuchi), 2.5 m/s, ~70 % of the cycle"),
        // Domain brief §3 (peak stance knee flexion): about 45°; < 40° linked to patellofemoral pain.
        NormativeBand(
            curve: .kneeFlexion, low: 40, high: 50, fromPercent: 10, toPercent: 30,
            label: "peak stance ≈ 45°", source: "Souza 2016: about 45°; < 40° linked to patellofemoral pain"),
        // Domain brief §3 (trunk lean): self-selected 7.3 ± 3.6°.
        NormativeBand(
            curve: .trunkLean, low: PoseMethodTargets.trunkLeanGoodLow, high: PoseMethodTargets.trunkLeanGoodHigh,
            fromPercent: 0, toPercent: 100,
            label: "7.3 ± 3.6°", source: "Teng & Powers 2014, JOSPT: self-selected trunk lean 7.3 ± 3.6°"),
    ]

    static func bands(for curve: ProfileCurve) -> [NormativeBand] { all.filter { $0.curve == curve } }
}
