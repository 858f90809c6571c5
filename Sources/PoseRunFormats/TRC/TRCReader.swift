public import Foundation
import PoseRunCore

/// A TRC file as read: the header's numbers and the marker trajectories in metres.
public struct TRCFile: Sendable, Hashable {
    /// `DataRate`: samples per second of the rows.
    public var dataRate: Double
    /// `CameraRate`, when the header gives one.
    public var cameraRate: Double?
    /// The `Units` entry as written (`mm`, `m`, `cm`).
    public var units: String
    /// `OrigDataStartFrame`, when the header gives one.
    public var originalDataStartFrame: Int?
    /// Every marker, converted to metres; frame numbers from the `Frame#` column, times from `Time`.
    public var trajectories: MarkerTrajectories
    /// True when every present Z value is 0: a 2D file such as Sports2D writes.
    public var isPlanar: Bool
    /// Things the reader tolerated and a user may want to know (header counts that disagree…).
    public var notes: [String]
}

/// Reads OpenSim / Pose2Sim / Sports2D `.trc` marker files (Motion Analysis "Track Row Column").
///
/// Layout: `PathFileType` line; a line of header keys and one of their values (`DataRate`,
/// `CameraRate`, `NumFrames`, `NumMarkers`, `Units`, `OrigDataStartFrame`…); a row of marker names
/// (`Frame#`, `Time`, then one name every three columns); a row `X1 Y1 Z1 …`; then data rows.
/// Tolerates CRLF, trailing tabs, blank lines and empty or `NaN` cells (missing markers).
public enum TRCReader {
    /// Metres per unit for the `Units` values PoseRun accepts.
    static let metresPerUnit: [String: Double] = ["m": 1, "mm": 0.001, "cm": 0.01]

    /// Reads a TRC file from disk.
    public static func read(contentsOf url: URL) throws -> TRCFile {
        let data: Data
        do {
            data = try FileContents.read(url)
        } catch {
            throw FormatError(.unreadable, file: url.path, problem: "cannot read the file", remedy: "check the path and permissions")
        }
        guard let text = String(data: data, encoding: .utf8) ?? String(data: data, encoding: .isoLatin1) else {
            throw FormatError(.malformed, file: url.path, problem: "the file is not text", remedy: "give a TRC text file")
        }
        return try parse(text, fileName: url.path)
    }

    /// Parses TRC text; `fileName` is used in error messages.
    public static func parse(_ text: String, fileName: String) throws -> TRCFile {
        // "\r\n" is one Character in Swift, so splitting on isNewline handles LF, CRLF and CR alike.
        let endsWithNewline = text.last?.isNewline ?? false
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        if lines.last?.isEmpty == true { lines.removeLast() }
        func fail(_ kind: FormatError.Kind = .malformed, line: Int?, _ problem: String, _ remedy: String? = nil) -> FormatError {
            FormatError(kind, file: fileName, location: line.map { "line \($0)" }, problem: problem, remedy: remedy)
        }
        func cells(_ line: Substring) -> [String] {
            var parts = line.split(separator: "\t", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            if parts.count == 1 {  // some writers use spaces instead of tabs
                parts = line.split(whereSeparator: { $0 == " " }).map(String.init)
            }
            return parts
        }

        guard let first = lines.first, first.trimmingCharacters(in: .whitespaces).hasPrefix("PathFileType") else {
            throw fail(.unrecognisedFormat, line: 1, "a TRC file starts with a 'PathFileType' line", "give an OpenSim/Pose2Sim .trc file")
        }
        // Header keys and values: the first two non-blank lines after PathFileType.
        var index = 1
        func nextNonBlank() -> Int? {
            while index < lines.count, lines[index].trimmingCharacters(in: .whitespaces).isEmpty { index += 1 }
            guard index < lines.count else { return nil }
            defer { index += 1 }
            return index
        }
        guard let keyLine = nextNonBlank(), let valueLine = nextNonBlank() else {
            throw fail(.truncated, line: lines.count, "the file ends inside the header", "the file looks cut short; export it again")
        }
        let keys = cells(lines[keyLine]).filter { !$0.isEmpty }
        let values = cells(lines[valueLine])
        var header: [String: String] = [:]
        for (i, key) in keys.enumerated() where i < values.count { header[key.lowercased()] = values[i] }

        guard let rateText = header["datarate"] ?? header["camerarate"], let dataRate = Double(rateText),
              dataRate.isFinite, dataRate > 0 else {
            throw fail(line: valueLine + 1, "the header has no positive DataRate", "the header must give DataRate (samples per second)")
        }
        if let violation = Plausibility.frameRateViolation(dataRate, field: "DataRate") {
            throw fail(line: valueLine + 1, "\(violation)", "the header's DataRate is corrupt: give the rate the markers were recorded at")
        }
        let cameraRate = header["camerarate"].flatMap(Double.init)
        guard let unitsText = header["units"], !unitsText.isEmpty else {
            throw fail(line: valueLine + 1, "the header has no Units entry", "add Units (m or mm) to the header")
        }
        guard let scale = metresPerUnit[unitsText.lowercased()] else {
            throw fail(.unsupported, line: valueLine + 1, "units \(FormatError.quoted(unitsText)) are not supported", "PoseRun reads TRC files in m, cm or mm")
        }
        let declaredFrames = header["numframes"].flatMap { Int($0) }
        let declaredMarkers = header["nummarkers"].flatMap { Int($0) }
        let startFrame = header["origdatastartframe"].flatMap { Int($0) }

        guard let namesLine = nextNonBlank() else {
            throw fail(.truncated, line: lines.count, "the file ends before the marker-name row", "the file looks cut short; export it again")
        }
        let nameCells = cells(lines[namesLine])
        guard nameCells.count >= 3, nameCells[0].lowercased().hasPrefix("frame"), nameCells[1].lowercased() == "time" else {
            throw fail(line: namesLine + 1, "expected the marker-name row to start with 'Frame#' and 'Time'")
        }
        // Names sit every three columns; writers differ on padding, so take the non-empty cells in order.
        let names = nameCells.dropFirst(2).filter { !$0.isEmpty }
        guard !names.isEmpty else { throw fail(.noData, line: namesLine + 1, "the marker-name row names no markers") }
        var seen = Set<String>()
        for name in names where !seen.insert(name).inserted {
            throw fail(line: namesLine + 1, "marker \(FormatError.quoted(name)) is named twice", "rename one of them")
        }
        var notes: [String] = []
        if let declaredMarkers, declaredMarkers != names.count {
            notes.append("header says NumMarkers \(declaredMarkers) but the name row has \(names.count) markers; used the names")
        }

        guard let axesLine = nextNonBlank() else {
            throw fail(.truncated, line: lines.count, "the file ends before the X1 Y1 Z1 row", "the file looks cut short; export it again")
        }
        let axisCells = cells(lines[axesLine]).filter { !$0.isEmpty }
        guard let firstAxis = axisCells.first, firstAxis.uppercased().hasPrefix("X") else {
            throw fail(line: axesLine + 1, "expected the coordinate row (X1 Y1 Z1 …) after the marker names")
        }

        let markerCount = names.count
        let columns = 2 + 3 * markerCount
        var frameNumbers: [Int] = []
        var times: [Double] = []
        var coordinates: [[Double]] = []  // per frame, 3 × markerCount
        var anyFinite = false
        var planar = true
        let lastLineIndex = lines.count - 1
        while index < lines.count {
            let lineIndex = index
            index += 1
            let raw = lines[lineIndex]
            if raw.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            let row = cells(raw)
            let lineNumber = lineIndex + 1
            if row.count < columns, lineIndex == lastLineIndex, !endsWithNewline {
                throw fail(.truncated, line: lineNumber, "the last row stops after \(row.count) of \(columns) columns",
                           "the file looks cut short; export it again")
            }
            if row.count > columns, row[columns...].contains(where: { !$0.isEmpty }) {
                throw fail(line: lineNumber, "the row has \(row.count) values but the name row announces \(markerCount) markers (\(columns) columns)")
            }
            guard let frameValue = Double(row[0]), abs(frameValue) < 1e15, frameValue == frameValue.rounded() else {
                throw fail(line: lineNumber, "the Frame# value \(FormatError.quoted(row[0])) is not a whole number")
            }
            guard row.count > 1, let time = Double(row[1]), time.isFinite else {
                throw fail(line: lineNumber, "the Time value \(FormatError.quoted(row.count > 1 ? row[1] : "")) is not a number")
            }
            if let previous = times.last, time <= previous {
                throw fail(line: lineNumber, "time \(row[1]) s does not increase (previous row: \(previous) s)", "rows must be in time order without repeats")
            }
            var values = [Double](repeating: .nan, count: 3 * markerCount)
            for c in 0..<(3 * markerCount) {
                let column = 2 + c
                guard column < row.count else { break }
                let cell = row[column]
                if cell.isEmpty || cell.lowercased() == "nan" { continue }
                guard let value = Double(cell) else {
                    throw fail(line: lineNumber, "\(FormatError.quoted(cell)) in column \(column + 1) (marker \(names[c / 3])) is not a number")
                }
                if value.isFinite {
                    values[c] = value * scale
                    anyFinite = true
                    if c % 3 == 2, value != 0 { planar = false }
                }
            }
            frameNumbers.append(Int(frameValue))
            times.append(time)
            coordinates.append(values)
        }

        guard !times.isEmpty else {
            throw fail(.noData, line: lines.count, "the file has a header but no data rows", "export the trial again with its frames")
        }
        if let declaredFrames, declaredFrames > times.count {
            throw fail(.truncated, line: lines.count, "the header announces \(declaredFrames) frames but the file has \(times.count)",
                       "the file looks cut short; export it again")
        } else if let declaredFrames, declaredFrames != times.count {
            notes.append("header says NumFrames \(declaredFrames) but the file has \(times.count) rows; used the rows")
        }
        guard anyFinite else {
            throw fail(.noData, line: nil, "every marker value is missing (empty or NaN)", "the file holds no trajectories to analyse")
        }

        var positions: [String: [SIMD3<Double>]] = [:]
        for (m, name) in names.enumerated() {
            positions[name] = coordinates.map { SIMD3($0[3 * m], $0[3 * m + 1], $0[3 * m + 2]) }
        }
        let trajectories = MarkerTrajectories(
            markerNames: Array(names), frameRate: dataRate, times: times, frameNumbers: frameNumbers, positions: positions)
        return TRCFile(
            dataRate: dataRate, cameraRate: cameraRate, units: unitsText, originalDataStartFrame: startFrame,
            trajectories: trajectories, isPlanar: planar, notes: notes)
    }
}
