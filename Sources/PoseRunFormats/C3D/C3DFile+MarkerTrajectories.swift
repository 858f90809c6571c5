import Foundation

extension C3DFile {
    /// Metres per unit of POINT:UNITS. An empty UNITS is read as millimetres, the C3D default.
    public func metresPerPointUnit() throws(C3DConversionError) -> Double {
        switch pointUnits.trimmingCharacters(in: .whitespaces).lowercased() {
        case "", "mm", "millimeter", "millimeters", "millimetre", "millimetres": 0.001
        case "cm": 0.01
        case "m", "meter", "meters", "metre", "metres": 1
        default:
            throw C3DConversionError(fileName: fileName, problem: "POINT:UNITS is \"\(pointUnits)\"; only mm, cm and m can be converted to metres")
        }
    }

    /// The points as `MarkerTrajectories`: metres, times in the C3D time base
    /// (`(frame − 1) / POINT:RATE`), the C3D's own frame numbers, NaN where a point is invalid.
    /// A label that repeats (or is empty) gets a suffix ("_2", "_3"…) so every marker keeps its data.
    public func markerTrajectories() throws(C3DConversionError) -> MarkerTrajectories {
        let metres = try metresPerPointUnit()
        var names: [String] = []
        var seen: Set<String> = []
        var positions: [String: [SIMD3<Double>]] = [:]
        for (index, label) in pointLabels.enumerated() {
            let base = label.isEmpty ? "POINT\(index + 1)" : label
            var name = base
            var suffix = 2
            while seen.contains(name) {
                name = "\(base)_\(suffix)"
                suffix += 1
            }
            seen.insert(name)
            names.append(name)
            positions[name] = pointPositions[index].map { $0 * metres }
        }
        let numbers = frameNumbers
        return MarkerTrajectories(
            markerNames: names, frameRate: pointRate, times: numbers.map { time(ofFrame: $0) },
            frameNumbers: numbers, positions: positions)
    }
}
