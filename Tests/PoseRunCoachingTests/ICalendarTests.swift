import Foundation
import Testing

@testable import PoseRunCoaching

/// A small RFC 5545 reader, written from the RFC for these tests: checks the physical layout, unfolds,
/// and splits content lines into name, parameters and value.
struct ICalendarReader {
    struct ContentLine: Equatable {
        var name: String
        var parameters: [String]
        var value: String
    }

    var physicalLines: [String] = []
    var lines: [ContentLine] = []
    var problems: [String] = []

    init(_ text: String) {
        let bytes = Array(text.utf8)
        // Every line ends in CRLF: no bare LF, no bare CR, and the text ends with CRLF.
        for (i, byte) in bytes.enumerated() {
            if byte == 0x0A && (i == 0 || bytes[i - 1] != 0x0D) { problems.append("bare LF at byte \(i)") }
            if byte == 0x0D && (i + 1 >= bytes.count || bytes[i + 1] != 0x0A) { problems.append("bare CR at byte \(i)") }
        }
        if !text.hasSuffix("\r\n") { problems.append("does not end with CRLF") }
        physicalLines = text.components(separatedBy: "\r\n")
        if physicalLines.last == "" { physicalLines.removeLast() }
        for (n, line) in physicalLines.enumerated() where line.utf8.count > 75 {
            problems.append("line \(n + 1) is \(line.utf8.count) octets")
        }
        // Unfold: a line starting with a space or tab continues the previous one (RFC 5545 §3.1).
        var logical: [String] = []
        for line in physicalLines {
            if let first = line.first, first == " " || first == "\t", !logical.isEmpty {
                logical[logical.count - 1] += String(line.dropFirst())
            } else {
                logical.append(line)
            }
        }
        for line in logical {
            guard let colon = line.firstIndex(of: ":") else {
                problems.append("no colon in '\(line)'")
                continue
            }
            var head = line[..<colon].split(separator: ";").map(String.init)
            let name = head.isEmpty ? "" : head.removeFirst()
            lines.append(ContentLine(name: name.uppercased(), parameters: head, value: String(line[line.index(after: colon)...])))
        }
    }

    /// Components as (name, properties), checking BEGIN/END nesting.
    func components() -> (components: [(name: String, properties: [ContentLine])], problems: [String]) {
        var stack: [(String, [ContentLine])] = []
        var done: [(name: String, properties: [ContentLine])] = []
        var problems: [String] = []
        for line in lines {
            switch line.name {
            case "BEGIN": stack.append((line.value, []))
            case "END":
                guard let top = stack.popLast() else { problems.append("END:\(line.value) without BEGIN"); continue }
                if top.0 != line.value { problems.append("END:\(line.value) closes BEGIN:\(top.0)") }
                done.append((name: top.0, properties: top.1))
            default:
                if stack.isEmpty { problems.append("\(line.name) outside any component") } else { stack[stack.count - 1].1.append(line) }
            }
        }
        if !stack.isEmpty { problems.append("unclosed: \(stack.map(\.0))") }
        return (done, problems)
    }

    /// Undoes TEXT escaping (RFC 5545 §3.3.11).
    static func unescape(_ value: String) -> String {
        var out = ""
        var escaping = false
        for ch in value {
            if escaping {
                switch ch {
                case "n", "N": out += "\n"
                default: out.append(ch)
                }
                escaping = false
            } else if ch == "\\" {
                escaping = true
            } else {
                out.append(ch)
            }
        }
        return out
    }
}

@Suite("iCalendar")
struct ICalendarTests {
    func plan(weeks: Int = 9) throws -> CoachingPlan {
        try PlanBuilder(library: Fixtures.library()).plan(
            for: Fixtures.heelStrikeThenOverstride, profile: RunnerProfile(experience: .intermediate), weeks: weeks,
            startDate: Fixtures.monday)
    }

    @Test func calendarParsesWithTheRequiredStructure() throws {
        let plan = try plan()
        let text = ICalendarWriter(now: Date(timeIntervalSince1970: 1_795_000_000)).calendar(for: plan)
        let reader = ICalendarReader(text)
        #expect(reader.problems == [])
        let (components, problems) = reader.components()
        #expect(problems == [])
        let calendar = try #require(components.first { $0.name == "VCALENDAR" })
        #expect(calendar.properties.contains { $0.name == "VERSION" && $0.value == "2.0" })
        #expect(calendar.properties.contains { $0.name == "PRODID" && !$0.value.isEmpty })
        let events = components.filter { $0.name == "VEVENT" }
        let sessions = plan.weeks.flatMap(\.sessions)
        #expect(events.count == sessions.count + plan.retests.count)
        var uids: Set<String> = []
        for event in events {
            let names = event.properties.map(\.name)
            for required in ["UID", "DTSTAMP", "DTSTART", "SUMMARY"] { #expect(names.contains(required), "missing \(required)") }
            #expect(names.filter { $0 == "UID" }.count == 1)
            uids.insert(event.properties.first { $0.name == "UID" }?.value ?? "")
            let stamp = try #require(event.properties.first { $0.name == "DTSTAMP" })
            #expect(stamp.value.count == 16 && stamp.value.hasSuffix("Z"))  // UTC date-time, YYYYMMDDTHHMMSSZ
            let start = try #require(event.properties.first { $0.name == "DTSTART" })
            #expect(start.parameters == ["VALUE=DATE"])
            #expect(start.value.count == 8)
        }
        #expect(uids.count == events.count, "UIDs must be unique")
        // Events sit on the sessions' days, and the description lists the session's items.
        let firstEvent = events[0]
        #expect(firstEvent.properties.first { $0.name == "DTSTART" }?.value == sessions[0].date.compact)
        let description = ICalendarReader.unescape(firstEvent.properties.first { $0.name == "DESCRIPTION" }?.value ?? "")
        for item in sessions[0].items { #expect(description.contains(item.name)) }
    }

    @Test func timedEventsUseTheSessionTime() throws {
        let text = ICalendarWriter(sessionTime: TimeOfDay(text: "07:30")).calendar(for: try plan(weeks: 1))
        let reader = ICalendarReader(text)
        #expect(reader.problems == [])
        let starts = reader.lines.filter { $0.name == "DTSTART" }
        #expect(starts.allSatisfy { $0.parameters.isEmpty && $0.value.hasSuffix("T073000") })
        #expect(reader.lines.contains { $0.name == "DURATION" && $0.value.hasPrefix("PT") })
    }

    @Test func foldingKeepsLinesShortAndCharactersWhole() {
        let long = "DESCRIPTION:" + String(repeating: "×é✓", count: 60)
        let folded = ICalendarWriter.fold(long)
        let physical = folded.components(separatedBy: "\r\n")
        #expect(physical.count > 1)
        #expect(physical.allSatisfy { $0.utf8.count <= 75 })
        #expect(physical.dropFirst().allSatisfy { $0.hasPrefix(" ") })
        // Each piece is whole UTF-8 (Swift would have replaced a split character), and unfolding restores the line.
        #expect(physical.first.map { String(decoding: Array($0.utf8), as: UTF8.self) == $0 } == true)
        #expect(physical.enumerated().map { $0.offset == 0 ? $0.element : String($0.element.dropFirst()) }.joined() == long)
        #expect(ICalendarWriter.fold("SHORT:line") == "SHORT:line")
    }

    @Test func foldingNeverSplitsAnEscape() {
        // Commas escaped as "\," at every other position: wherever the fold falls, it must not fall inside a pair.
        for shift in 0..<3 {
            let line = "DESCRIPTION:" + String(repeating: "a", count: shift) + String(repeating: "\\,b", count: 60)
            let physical = ICalendarWriter.fold(line).components(separatedBy: "\r\n")
            #expect(physical.allSatisfy { $0.utf8.count <= 75 })
            for piece in physical.dropLast() {
                let trailingBackslashes = piece.reversed().prefix { $0 == "\\" }.count
                #expect(trailingBackslashes % 2 == 0, "a fold splits an escape: \(piece)")
            }
            #expect(physical.enumerated().map { $0.offset == 0 ? $0.element : String($0.element.dropFirst()) }.joined() == line)
        }
    }

    @Test func sessionTimesParseOnlyWhenValid() {
        #expect(TimeOfDay(text: "7:05") == TimeOfDay(hour: 7, minute: 5))
        #expect(TimeOfDay(text: "24:00") == nil)
        #expect(TimeOfDay(text: "07:5") == nil)
        #expect(TimeOfDay(text: "0730") == nil)
    }

    @Test func textIsEscaped() {
        #expect(ICalendarWriter.escape("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne")
        #expect(ICalendarReader.unescape(ICalendarWriter.escape("x, y; z\\\nw")) == "x, y; z\\\nw")
    }

    @Test func uidsAreStableForTheSamePlan() throws {
        let a = ICalendarWriter(now: Date(timeIntervalSince1970: 0)).calendar(for: try plan(weeks: 2))
        let b = ICalendarWriter(now: Date(timeIntervalSince1970: 999)).calendar(for: try plan(weeks: 2))
        let uids = { (text: String) in ICalendarReader(text).lines.filter { $0.name == "UID" }.map(\.value) }
        #expect(uids(a) == uids(b))
    }
}
