import Foundation
import PoseRunCore
import Synchronization
import PoseRunFormats
import PoseRunPipeline
import PoseRunReport
import PoseRunVision

/// A session's results folder as the pages read it: the analysis (its warnings, numbers, the history and
/// the plan are made from it) and the report with its player.
///
/// Why the analysis is read from `analysis.json` and not kept in the database: the folder is what
/// `poserun analyze --out` writes, so a coach's export is the same folder, a worker on another machine only
/// writes files, and the history reads the same document `poserun compare` reads.
struct SessionResults: Sendable {
    let folders: DataFolders

    /// The files of the report and its player, by name, with their types: only these are served inline.
    static let reportFiles: [String: String] = PlayerVideo.fileNames.merging([
        HTMLReportWriter.fileName: "text/html; charset=utf-8",
        PlayerData.fileName: "text/javascript; charset=utf-8",
    ]) { video, _ in video }

    /// The session's analysis, or nil when there is none (not analysed yet, no analysis possible) or it
    /// cannot be read (a file from a newer PoseRun, or damaged): a page then says so instead of failing.
    func analysis(of sessionID: Int64) -> Analysis? {
        AnalysisCache.shared.analysis(at: folders.results(sessionID: sessionID).appendingPathComponent(AnalysisWriter.analysisFileName))
    }

    /// The analyses of the sessions given (those that have one), in the order given.
    func analyses(of sessions: [TrainingSession]) -> [(TrainingSession, Analysis)] {
        sessions.compactMap { session in analysis(of: session.id).map { (session, $0) } }
    }

    /// A report file of the session, if it is one of `reportFiles` and exists.
    func reportFile(sessionID: Int64, name: String) -> (url: URL, contentType: String)? {
        guard let type = Self.reportFiles[name] else { return nil }
        let url = folders.results(sessionID: sessionID).appendingPathComponent(name)
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        return (url, type)
    }

    func hasReport(sessionID: Int64) -> Bool { reportFile(sessionID: sessionID, name: HTMLReportWriter.fileName) != nil }
}

/// Analyses read from `analysis.json`, kept in memory by path and the file's size and modification time.
///
/// Why: decoding an analysis takes about 25 ms for a 6-second clip's 144 kB (Foundation's JSON decoder), so a
/// session page that decoded it on every load managed 75 pages a second on this 2-core machine, and a
/// history decodes every session's. A file is only ever replaced whole (a new analysis writes a new folder),
/// so a changed size or time is a changed analysis. The most recent `capacity` are kept: 64 covers a coach's
/// history pages (a dozen athletes' recent sessions) at tens of kB to a few MB each.
final class AnalysisCache: Sendable {
    static let shared = AnalysisCache(capacity: 64)

    private struct Stamp: Equatable {
        var size: Int
        var modified: Date
    }

    private struct Entry {
        var stamp: Stamp
        var analysis: Analysis
        var used: UInt64
    }

    private struct State {
        var entries: [String: Entry] = [:]
        var clock: UInt64 = 0
    }

    let capacity: Int
    private let state = Mutex(State())

    init(capacity: Int) {
        self.capacity = capacity
    }

    /// The analysis in the file at `url`, or nil when there is none or it cannot be read.
    func analysis(at url: URL) -> Analysis? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: url.path),
              let size = (attributes[.size] as? NSNumber)?.intValue, let modified = attributes[.modificationDate] as? Date
        else { return nil }
        let stamp = Stamp(size: size, modified: modified)
        let key = url.standardizedFileURL.path
        let cached: Analysis? = state.withLock { state in
            guard var entry = state.entries[key], entry.stamp == stamp else { return nil }
            state.clock += 1
            entry.used = state.clock
            state.entries[key] = entry
            return entry.analysis
        }
        if let cached { return cached }
        // Decoded outside the lock: two pages asking at once both decode, and neither waits on the other.
        guard let analysis = try? AnalysisFileLoader.load(url.path).analysis else { return nil }
        state.withLock { state in
            state.clock += 1
            state.entries[key] = Entry(stamp: stamp, analysis: analysis, used: state.clock)
            while state.entries.count > capacity, let oldest = state.entries.min(by: { $0.value.used < $1.value.used })?.key {
                state.entries[oldest] = nil
            }
        }
        return analysis
    }

    var count: Int { state.withLock { $0.entries.count } }
}
