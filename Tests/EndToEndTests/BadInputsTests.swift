import Foundation
import PoseRunTestSupport
import Testing

/// Every reproducer in `../shared/data/bad-inputs/` (mutation fuzzing found them crashing, hanging or
/// allocating gigabytes) now ends with exit 1 or 3 and a message, within 5 s and 300 MB, and leaves no
/// output folder behind when it fails.
@Suite(.enabled(if: BadInputs.isAvailable, SharedData.skipReason("bad-inputs")), .serialized)
struct BadInputsTests {
    static let secondsAllowed = 5.0
    static let megabytesAllowed = 300.0

    @Test(arguments: BadInputs.cases)
    func endsWithAMessageInTimeAndMemory(_ c: BadInputs.Case) throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("poserun-bad-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        let r = try MeasuredRun.run([PoseRunBinary.url.path] + c.arguments(out: out.path), timeout: 20)
        #expect(!r.timedOut, "\(c.name): still running after 20 s")
        #expect(r.status == 1 || r.status == 3, "\(c.name): exit \(r.status)\(r.signal.map { " (signal \($0))" } ?? ""): \(r.stderr.suffix(300))")
        #expect(r.seconds <= Self.secondsAllowed, "\(c.name): \(r.seconds) s")
        #expect(r.peakMegabytes <= Self.megabytesAllowed, "\(c.name): \(r.peakMegabytes) MB")
        // The sampler saw the child itself (a Swift binary's resident size is several megabytes).
        #expect(r.peakMegabytes > 5, "\(c.name): peak \(r.peakMegabytes) MB was not sampled")
        if r.status == 1 {
            #expect(!r.stderr.isEmpty, "\(c.name): exit 1 says why")
            #expect(!FileManager.default.fileExists(atPath: out.path), "\(c.name): a failed run leaves no output folder")
        }
    }
}

/// CLI_CASES.txt: option values no run has (`--fps 1e308`, `--speed 1e308`) and negative ones, which
/// ArgumentParser used to call "Missing value": a usage error (64) that says the range, and no output.
struct OptionRangeTests {
    @Test(arguments: [
        (["--speed", "1e308"], "--speed is in m/s, from 0.1 to 20"), (["--speed", "-3"], "--speed is in m/s"),
        (["--height", "-1"], "--height is in metres, from 0.5 to 2.8"), (["--fps", "-30"], "--fps is in frames per second"),
        (["--fps", "1e308"], "--fps is in frames per second, from 0.5 to 100000"), (["--leg-length", "0"], "--leg-length is in metres"),
    ])
    func anOptionOutOfRangeSaysItsRange(_ option: [String], _ message: String) throws {
        let keypoints = FileManager.default.temporaryDirectory.appendingPathComponent("poserun-opt-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: keypoints) }
        #expect(try PoseRunBinary.run(["synthetic", keypoints.path, "--seconds", "2"]).status == 0)
        let out = keypoints.deletingPathExtension()
        let r = try PoseRunBinary.run(["analyze", keypoints.path, "--out", out.path] + option)
        #expect(r.status == 64, "\(option): exit \(r.status)")
        #expect(r.stderr.contains(message), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }
}

/// The reproducers: each `NAME.txt` beside its input holds a `repro:` line (`timeout 20 poserun ARGS`).
enum BadInputs {
    static let folder = SharedData.url("bad-inputs")
    static var isAvailable: Bool { SharedData.contains("bad-inputs") }

    struct Case: Sendable, CustomStringConvertible {
        var name: String
        var words: [String]
        var description: String { name }

        /// The command's arguments, with `../shared` resolved and the output folder replaced by `out`.
        func arguments(out: String) -> [String] {
            var args: [String] = []
            var i = 0
            while i < words.count {
                let w = words[i]
                if w == "--out", i + 1 < words.count {
                    args += ["--out", out]
                    i += 2
                    continue
                }
                args.append(w.hasPrefix("../shared/") ? SharedData.folder.deletingLastPathComponent().deletingLastPathComponent()
                    .appendingPathComponent(String(w.dropFirst(3))).path : w)
                i += 1
            }
            return args
        }
    }

    static var cases: [Case] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return [] }
        // RATE_CASES.txt: hand-made frame rates (1e12, 2³¹, 2³²) in otherwise valid files, run through `analyze`.
        let rates = names.filter { $0.contains("rate") && ($0.hasSuffix(".trc") || $0.hasSuffix(".c3d")) }.sorted().map {
            Case(name: $0, words: ["analyze", "../shared/data/bad-inputs/" + $0, "--out", "OUT", "--quiet"])
        }
        return rates + names.filter { $0.hasSuffix(".txt") && !$0.hasSuffix("CASES.txt") }.sorted().compactMap { name in
            guard let text = try? String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8),
                  let line = text.split(separator: "\n").first(where: { $0.hasPrefix("repro:") }) else { return nil }
            var words = line.dropFirst("repro:".count).split(separator: " ").map(String.init)
            // "timeout 20 poserun …"
            if let p = words.firstIndex(of: "poserun") { words = Array(words[(p + 1)...]) }
            // "<see this folder>": the case's own folder (compare's earlier analysis).
            if let p = words.firstIndex(of: "<see"), p + 2 < words.count {
                words.replaceSubrange(p...(p + 2), with: ["../shared/data/bad-inputs/" + String(name.dropLast(4)) + "/analysis.json"])
            }
            return Case(name: String(name.dropLast(4)), words: words)
        }
    }
}

/// A process run with its wall time and peak resident memory, killed after `timeout` (ProcessRunner drains
/// its pipes, so a chatty child never blocks). The peak is the child's own high-water mark (`VmHWM` in
/// /proc, read every few milliseconds while it runs): wait4's `ru_maxrss` carries the spawning test
/// process's own size over the exec, which made every case read 399 MB inside the full suite.
struct MeasuredRun {
    var status: Int32
    var signal: Int32?
    var stdout: String
    var stderr: String
    var seconds: Double
    var peakMegabytes: Double
    var timedOut: Bool

    /// A process's start time (field 22 of /proc/PID/stat, after the parenthesised name), which no later
    /// process with the same pid shares.
    static func startTime(of pid: Int32) -> String? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let afterName = stat.lastIndex(of: ")") else { return nil }
        let fields = stat[stat.index(after: afterName)...].split(separator: " ")
        return fields.count > 19 ? String(fields[19]) : nil
    }

    static func run(_ arguments: [String], timeout: Double) throws -> MeasuredRun {
        let start = Date()
        let child = try ProcessRunner.start(URL(fileURLWithPath: arguments[0]), Array(arguments.dropFirst()), timeout: timeout)
        var peakKB = 0.0
        // Foundation reaps the child on its own thread, so for a moment after it exits `isRunning` is still
        // true while its pid may already belong to another process (a compiler or another test's child,
        // which once read as a 412 MB peak). The process's start time, read with its first sample, tells
        // them apart: a sample from a different start time is not this child's.
        var startTime: String?
        while child.isRunning {
            guard let before = Self.startTime(of: child.pid) else { break }   // gone already
            if startTime == nil { startTime = before }
            guard before == startTime else { break }
            if let text = try? String(contentsOfFile: "/proc/\(child.pid)/status", encoding: .utf8),
               let line = text.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
               let kb = Double(line.split(separator: " ").dropFirst().first ?? ""),
               Self.startTime(of: child.pid) == startTime {
                peakKB = max(peakKB, kb)
            }
            usleep(2_000)
        }
        let r = child.wait()
        let seconds = Date().timeIntervalSince(start)
        return MeasuredRun(
            status: r.uncaughtSignal ? -1 : r.status, signal: r.signal, stdout: r.stdoutText, stderr: r.stderrText,
            seconds: seconds, peakMegabytes: peakKB / 1024, timedOut: r.timedOut)
    }
}
