public import Foundation
import PoseRunCore

/// Reference events from a CSV file: `time_s,side,event`.
///
/// - side: `L`/`R`, `left`/`right` (any case); event: `IC`/`TO` (also `Foot Strike`/`Foot Off`).
/// - Blank lines and lines starting with `#` are skipped; a header line is optional.
/// - Extra columns are allowed when there is a header. The time column is, in order: the one named
///   by `timeColumn`; `time_s`; `time_rel_s`; the first whose name starts with `time_rel`; the first
///   whose name starts with `time`. "Relative" columns count from the recording's first frame, the
///   clock of a TRC or video made from it; pass `timeColumn: "time_abs_s"` to use a C3D's own clock.
/// - Without a header the columns are time, side, event.
public enum ReferenceEventsCSV {
    /// Reads the CSV at `url`; times are taken to be on the reference clock of `timeBase`.
    public static func read(contentsOf url: URL, timeColumn: String? = nil, timeBase: InputTimeBase) throws(ReferenceEventsError) -> ReferenceEvents {
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw ReferenceEventsError(fileName: url.lastPathComponent, problem: "cannot be read as UTF-8 text (\(error.localizedDescription)); check the path")
        }
        return try parse(text, fileName: url.lastPathComponent, timeColumn: timeColumn, timeBase: timeBase)
    }

    /// Parses CSV text; `fileName` is used in error messages.
    public static func parse(_ text: String, fileName: String, timeColumn: String? = nil, timeBase: InputTimeBase) throws(ReferenceEventsError) -> ReferenceEvents {
        var columns: (time: Int, side: Int, event: Int)?
        var chosenTimeColumn = "column 1"
        var events: [GaitEvent] = []
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        for (index, rawLine) in lines.enumerated() {
            let lineNumber = index + 1
            let line = rawLine.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = split(line)

            if columns == nil {
                if let header = try headerColumns(fields, timeColumn: timeColumn, fileName: fileName, line: lineNumber) {
                    columns = (header.time, header.side, header.event)
                    chosenTimeColumn = "column \(fields[header.time])"
                    continue
                }
                if let timeColumn {
                    throw ReferenceEventsError(fileName: fileName, line: lineNumber, problem: "there is no header line, so the time column \"\(timeColumn)\" cannot be found; add a header such as time_s,side,event")
                }
                columns = (0, 1, 2)
            }
            guard let (timeIndex, sideIndex, eventIndex) = columns else { continue }
            let needed = max(timeIndex, sideIndex, eventIndex) + 1
            guard fields.count >= needed else {
                throw ReferenceEventsError(fileName: fileName, line: lineNumber, problem: "has \(fields.count) field(s), \(needed) expected (time, side, event): \"\(line)\"")
            }
            guard let time = Double(fields[timeIndex]), time.isFinite else {
                throw ReferenceEventsError(fileName: fileName, line: lineNumber, problem: "time \"\(fields[timeIndex])\" is not a number of seconds")
            }
            guard let side = ReferenceEvents.side(fields[sideIndex]) else {
                throw ReferenceEventsError(fileName: fileName, line: lineNumber, problem: "side \"\(fields[sideIndex])\" is not L, R, left or right")
            }
            guard let kind = ReferenceEvents.eventKind(fields[eventIndex]) else {
                throw ReferenceEventsError(fileName: fileName, line: lineNumber, problem: "event \"\(fields[eventIndex])\" is not IC or TO")
            }
            events.append(timeBase.event(side: side, kind: kind, referenceTime: time))
        }
        guard !events.isEmpty else {
            throw ReferenceEventsError(fileName: fileName, problem: "holds no events; expected lines like 0.2200,R,IC")
        }
        return ReferenceEvents(events: events, sourceDescription: "\(fileName): CSV, \(chosenTimeColumn)")
    }

    static func split(_ line: String) -> [String] {
        let separator: Character = line.contains(",") ? "," : (line.contains("\t") ? "\t" : ";")
        return line.split(separator: separator, omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
    }

    /// The column positions if `fields` is a header line, nil if it is data.
    static func headerColumns(_ fields: [String], timeColumn: String?, fileName: String, line: Int) throws(ReferenceEventsError) -> (time: Int, side: Int, event: Int)? {
        guard let first = fields.first, Double(first) == nil else { return nil }
        let names = fields.map { $0.lowercased() }
        let time: Int?
        if let timeColumn {
            time = names.firstIndex(of: timeColumn.lowercased())
            guard time != nil else {
                throw ReferenceEventsError(fileName: fileName, line: line, problem: "the header has no column \"\(timeColumn)\" (it has \(fields.joined(separator: ", ")))")
            }
        } else {
            time = names.firstIndex(of: "time_s") ?? names.firstIndex(of: "time_rel_s")
                ?? names.firstIndex { $0.hasPrefix("time_rel") } ?? names.firstIndex { $0.hasPrefix("time") }
        }
        let side = names.firstIndex(of: "side") ?? names.firstIndex(of: "foot")
        let event = names.firstIndex(of: "event") ?? names.firstIndex(of: "kind") ?? names.firstIndex(of: "type")
        guard let time, let side, let event else {
            throw ReferenceEventsError(fileName: fileName, line: line, problem: "the header (\(fields.joined(separator: ", "))) needs a time column (time_s), a side column and an event column")
        }
        return (time, side, event)
    }
}
