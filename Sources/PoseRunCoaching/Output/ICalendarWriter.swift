public import Foundation
import PoseRunCore

/// Writes a plan as an iCalendar file (RFC 5545) a runner can import into a calendar app.
///
/// Each session and each re-test is one event: all-day by default, or timed (floating local time)
/// when a session time is given. UIDs are stable for the same plan, so importing again updates events.
public struct ICalendarWriter: Sendable {
    /// Time of day for sessions, or `nil` for all-day events.
    public var sessionTime: TimeOfDay?
    /// The creation time written as DTSTAMP.
    public var now: Date

    public init(sessionTime: TimeOfDay? = nil, now: Date = Date()) {
        self.sessionTime = sessionTime
        self.now = now
    }

    /// The calendar text, CRLF line endings, folded at 75 octets.
    public func calendar(for plan: CoachingPlan) -> String {
        var lines: [String] = [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//PoseRun//Coaching plan//EN",
            "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
            "X-WR-CALNAME:" + Self.escape("PoseRun plan"),
        ]
        let stamp = Self.utcStamp(now)
        let planID = Self.planID(plan)
        for week in plan.weeks {
            for (index, session) in week.sessions.enumerated() {
                var description = [plan.kind == .generalBase ? "General base plan (not tailored)." : "", week.isLighter ? "Lighter week." : ""]
                    .filter { !$0.isEmpty }
                description += session.items.map { "- \($0.name): \($0.dose)" }
                if session.items.contains(where: { $0.kind == .barefoot }) {
                    description.append("Barefoot stop rules: " + plan.barefoot.stopRules.map { "\($0.sign) -> \($0.action)" }.joined(separator: " / "))
                }
                description.append("Not medical advice: stop any exercise that causes pain.")
                lines += event(
                    uid: "\(planID)-w\(week.number)-s\(index + 1)@poserun", stamp: stamp, date: session.date,
                    minutes: Int(session.minutes.rounded(.up)),
                    summary: "PoseRun week \(week.number): \(session.kind.title) (\(Int(session.minutes.rounded())) min)",
                    description: description.joined(separator: "\n"))
            }
        }
        for retest in plan.retests {
            var description = [retest.instructions]
            description += retest.expectations.map { "- \($0.title) (\($0.metric)): \($0.change)" }
            lines += event(
                uid: "\(planID)-retest-w\(retest.week)@poserun", stamp: stamp, date: retest.date, minutes: 15,
                summary: "PoseRun re-test: film your running (week \(retest.week))",
                description: description.joined(separator: "\n"))
        }
        lines.append("END:VCALENDAR")
        return lines.map(Self.fold).joined(separator: "\r\n") + "\r\n"
    }

    func event(uid: String, stamp: String, date: CalendarDate, minutes: Int, summary: String, description: String) -> [String] {
        var lines = ["BEGIN:VEVENT", "UID:" + uid, "DTSTAMP:" + stamp]
        if let sessionTime {
            let start = String(format: "%@T%02d%02d00", date.compact, sessionTime.hour, sessionTime.minute)
            lines += ["DTSTART:" + start, "DURATION:PT\(max(minutes, 1))M"]
        } else {
            lines += ["DTSTART;VALUE=DATE:" + date.compact, "DTEND;VALUE=DATE:" + date.adding(days: 1).compact, "TRANSP:TRANSPARENT"]
        }
        lines += ["SUMMARY:" + Self.escape(summary), "DESCRIPTION:" + Self.escape(description), "END:VEVENT"]
        return lines
    }

    // MARK: - RFC 5545 text rules

    /// Escapes TEXT values (RFC 5545 §3.3.11): backslash, semicolon, comma and newlines.
    public static func escape(_ text: String) -> String {
        var out = ""
        for ch in text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n") {
            switch ch {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\n": out += "\\n"
            default: out.append(ch)
            }
        }
        return out
    }

    /// Folds a content line so no physical line exceeds 75 octets (RFC 5545 §3.1), never splitting a
    /// UTF-8 character or an escape such as `\,` (the RFC allows it, but some readers stumble);
    /// continuation lines start with one space.
    public static func fold(_ line: String) -> String {
        let limit = 75
        guard line.utf8.count > limit else { return line }
        // Units that must stay on one physical line: a scalar, or a backslash with the scalar it escapes.
        var units: [String] = []
        var pendingBackslash = false
        for scalar in line.unicodeScalars {
            if pendingBackslash {
                units[units.count - 1].unicodeScalars.append(scalar)
                pendingBackslash = false
            } else {
                units.append(String(scalar))
                pendingBackslash = scalar == "\\"
            }
        }
        var pieces: [String] = []
        var current = ""
        var currentOctets = 0
        var budget = limit
        for unit in units {
            let size = unit.utf8.count
            if currentOctets + size > budget && !current.isEmpty {
                pieces.append(current)
                current = ""
                currentOctets = 0
                budget = limit - 1
            }
            current += unit
            currentOctets += size
        }
        pieces.append(current)
        return pieces.joined(separator: "\r\n ")
    }

    /// `YYYYMMDDTHHMMSSZ` in UTC.
    static func utcStamp(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? TimeZone(secondsFromGMT: 0) ?? .current
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(format: "%04d%02d%02dT%02d%02d%02dZ", c.year ?? 1970, c.month ?? 1, c.day ?? 1, c.hour ?? 0, c.minute ?? 0, c.second ?? 0)
    }

    /// A short stable id for a plan: FNV-1a over its start, kind, focus and profile.
    static func planID(_ plan: CoachingPlan) -> String {
        let key = [plan.startDate.iso, plan.kind.rawValue, plan.focus.map(\.fault.rawValue).joined(separator: ","),
                   plan.profile.experience.rawValue, plan.profile.footwear.rawValue, "\(plan.weeks.count)"].joined(separator: "|")
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in key.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        return "poserun-plan-" + String(hash, radix: 16)
    }
}
