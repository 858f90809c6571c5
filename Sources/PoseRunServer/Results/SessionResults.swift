import Foundation
import PoseRunCore
import PoseRunFormats
import PoseRunPipeline
import PoseRunReport

/// A session's results folder as the pages read it: the analysis (its warnings, numbers, the history and
/// the plan are made from it) and the report with its player.
///
/// Why the analysis is read from `analysis.json` and not kept in the database: the folder is what
/// `poserun analyze --out` writes, so a coach's export is the same folder, a worker on another machine only
/// writes files, and the history reads the same document `poserun compare` reads.
struct SessionResults: Sendable {
    let folders: DataFolders

    /// The files of the report and its player, by name, with their types: only these are served inline.
    static let reportFiles: [String: String] = [
        HTMLReportWriter.fileName: "text/html; charset=utf-8",
        PlayerData.fileName: "text/javascript; charset=utf-8",
        "video.mp4": "video/mp4",
        "video.webm": "video/webm",
    ]

    /// The session's analysis, or nil when there is none (not analysed yet, no analysis possible) or it
    /// cannot be read (a file from a newer PoseRun, or damaged): a page then says so instead of failing.
    func analysis(of sessionID: Int64) -> Analysis? {
        let url = folders.results(sessionID: sessionID).appendingPathComponent(AnalysisWriter.analysisFileName)
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        return try? AnalysisFileLoader.load(url.path).analysis
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
