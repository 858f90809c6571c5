import Foundation
import PoseRunCore
@testable import PoseRunFormats

/// A simple Plug-in Gait marker runner with known geometry, placed in a lab whose axes the test
/// chooses, so the projection's findings can be checked against what was built.
struct SyntheticMarkers {
    var upAxis = SagittalProjection.SignedAxis(.y)
    /// Unit vector of the direction of travel in lab coordinates (horizontal).
    var forward = SIMD3<Double>(1, 0, 0)
    /// Pelvis speed over ground, m/s; 0 for a treadmill.
    var speedMetresPerSecond = 0.0
    var frameRate = 100.0
    var frameCount = 150
    /// Stride frequency, Hz (each foot).
    var strideHz = 1.4
    /// Heel marker height while the foot is on the ground, metres.
    static let heelHeightInStance = 0.04

    var up: SIMD3<Double> { upAxis.vector }
    /// Right = forward × up, as on a real (right-handed) body.
    var right: SIMD3<Double> {
        let f = forward, u = up
        return SIMD3(f.y * u.z - f.z * u.y, f.z * u.x - f.x * u.z, f.x * u.y - f.y * u.x)
    }

    func time(_ i: Int) -> Double { Double(i) / frameRate }

    /// Lab position of a point given in body terms (forward, up, right) at frame i.
    func lab(_ fwd: Double, _ height: Double, _ lateral: Double, at i: Int) -> SIMD3<Double> {
        forward * (fwd + speedMetresPerSecond * time(i)) + up * height + right * lateral
    }

    /// Marker positions in metres, by name.
    func markers() -> [String: [SIMD3<Double>]] {
        var out: [String: [SIMD3<Double>]] = [:]
        func add(_ name: String, _ f: (Int) -> SIMD3<Double>) { out[name] = (0..<frameCount).map(f) }
        for (s, sign) in [("L", -1.0), ("R", 1.0)] {
            let phase = s == "L" ? 0 : Double.pi
            func swing(_ i: Int) -> Double { 0.35 * sin(2 * .pi * strideHz * time(i) + phase) }
            // The foot is in the air in the half cycle when it swings forward.
            func lift(_ i: Int) -> Double { max(0, cos(2 * .pi * strideHz * time(i) + phase)) * 0.15 }
            add(s + "FHD") { lab(0.08, 1.70, sign * 0.07, at: $0) }
            add(s + "BHD") { lab(-0.08, 1.70, sign * 0.07, at: $0) }
            add(s + "SHO") { lab(0, 1.45, sign * 0.18, at: $0) }
            add(s + "ELB") { lab(-0.05, 1.15, sign * 0.2, at: $0) }
            add(s + "WRA") { lab(0.12, 1.0, sign * 0.18, at: $0) }
            add(s + "WRB") { lab(0.10, 1.0, sign * 0.22, at: $0) }
            add(s + "ASI") { lab(0.10, 1.00, sign * 0.125, at: $0) }
            add(s + "PSI") { lab(-0.08, 1.00, sign * 0.05, at: $0) }
            add(s + "KNE") { lab(0.5 * swing($0), 0.50 + lift($0) * 0.5, sign * 0.1, at: $0) }
            add(s + "ANK") { lab(swing($0), 0.08 + lift($0), sign * 0.1, at: $0) }
            add(s + "HEE") { lab(swing($0) - 0.06, Self.heelHeightInStance + lift($0), sign * 0.1, at: $0) }
            add(s + "TOE") { lab(swing($0) + 0.15, 0.03 + lift($0) * 0.5, sign * 0.1, at: $0) }
        }
        return out
    }

    /// The markers as TRC text in the given units ("m" or "mm"), OpenSim layout.
    func trcText(units: String = "m", lineEnding: String = "\n", trailingTab: Bool = false) -> String {
        let scale = units == "mm" ? 1000.0 : 1.0
        let data = markers()
        let names = data.keys.sorted()
        var lines = [
            "PathFileType\t4\t(X/Y/Z)\tsynthetic.trc",
            "DataRate\tCameraRate\tNumFrames\tNumMarkers\tUnits\tOrigDataRate\tOrigDataStartFrame\tOrigNumFrames",
            "\(frameRate)\t\(frameRate)\t\(frameCount)\t\(names.count)\t\(units)\t\(frameRate)\t1\t\(frameCount)",
            "Frame#\tTime\t" + names.map { $0 + "\t\t" }.joined(separator: ""),
            "\t\t" + (1...names.count).map { "X\($0)\tY\($0)\tZ\($0)" }.joined(separator: "\t"),
            "",
        ]
        for i in 0..<frameCount {
            var cells = ["\(i + 1)", "\(time(i))"]
            for name in names {
                let p = data[name]![i] * scale
                cells += ["\(p.x)", "\(p.y)", "\(p.z)"]
            }
            lines.append(cells.joined(separator: "\t") + (trailingTab ? "\t" : ""))
        }
        return lines.joined(separator: lineEnding) + lineEnding
    }
}
