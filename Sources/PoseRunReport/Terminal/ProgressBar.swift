import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A one-line progress bar for long jobs (frames of a video): `[#####-----]  120/449 frames  87 fps  4 s left`.
///
/// `line(done:total:elapsedSeconds:)` is pure formatting; ``ProgressBar/Writer`` redraws it on a
/// terminal, a few times a second at most, and clears it when done.
public struct ProgressBar: Sendable, Hashable {
    /// Characters of the bar itself.
    public var width: Int
    /// What is counted ("frames").
    public var unit: String

    public init(width: Int = 24, unit: String = "frames") {
        self.width = max(1, width)
        self.unit = unit
    }

    /// The line for `done` of `total` after `elapsedSeconds`. `total` ≤ 0 means unknown (no bar, no time left).
    public func line(done: Int, total: Int, elapsedSeconds: Double) -> String {
        line(done: done, total: total, perSecond: elapsedSeconds > 0 && done > 0 ? Double(done) / elapsedSeconds : nil)
    }

    /// The line for `done` of `total` at a known rate (`nil` when not known yet).
    public func line(done: Int, total: Int, perSecond rate: Double?) -> String {
        var parts: [String] = []
        if total > 0 {
            let fraction = min(1, max(0, Double(done) / Double(total)))
            let filled = Int((fraction * Double(width)).rounded(.down))
            parts.append("[" + String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled) + "]")
            parts.append("\(done)/\(total) \(unit)")
        } else {
            parts.append("\(done) \(unit)")
        }
        parts.append(rate.map { "\(Int($0.rounded())) \(unit == "frames" ? "fps" : unit + "/s")" } ?? "— fps")
        if total > 0, let rate, done < total {
            parts.append(Self.duration(Double(total - done) / rate) + " left")
        }
        return parts.joined(separator: "  ")
    }

    /// `7 s`, `2 min 05 s`, `1 h 03 min`.
    public static func duration(_ seconds: Double) -> String {
        let s = Int(seconds.rounded(.up))
        if s < 60 { return "\(s) s" }
        if s < 3600 { return "\(s / 60) min \(String(format: "%02d", s % 60)) s" }
        return "\(s / 3600) h \(String(format: "%02d", (s % 3600) / 60)) min"
    }

    /// Draws the bar on a terminal's standard error, redrawing at most every `minimumInterval` seconds.
    /// Not `Sendable`: one writer per job, updated from the thread doing the work.
    public final class Writer {
        let bar: ProgressBar
        let minimumIntervalSeconds: Double
        /// The clock starts at the first update (the first frame), so set-up time does not drag the rate down.
        var start: (time: ContinuousClock.Instant, done: Int)?
        var lastDraw: ContinuousClock.Instant?
        var drawn = false

        public init(bar: ProgressBar = ProgressBar(), minimumIntervalSeconds: Double = 0.1) {
            self.bar = bar
            self.minimumIntervalSeconds = minimumIntervalSeconds
        }

        /// Whether standard error is a terminal: the bar is only drawn there.
        public static var standardErrorIsTerminal: Bool { isatty(STDERR_FILENO) != 0 }

        public func update(done: Int, total: Int) {
            let now = ContinuousClock.now
            guard let start else {
                start = (now, done)
                return
            }
            if let lastDraw, done < total, (now - lastDraw) < .milliseconds(Int(minimumIntervalSeconds * 1000)) { return }
            lastDraw = now
            let elapsed = now - start.time
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            let rate = seconds > 0 && done > start.done ? Double(done - start.done) / seconds : nil
            emit("\r" + bar.line(done: done, total: total, perSecond: rate) + "\u{1B}[K")
            drawn = true
        }

        /// Clears the line so what follows starts on a clean line.
        public func finish() {
            if drawn { emit("\r\u{1B}[K") }
            drawn = false
        }

        func emit(_ text: String) {
            FileHandle.standardError.write(Data(text.utf8))
        }
    }
}
