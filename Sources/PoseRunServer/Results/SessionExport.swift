import Foundation
import PoseRunCore
import PoseRunFormats
import ZIPFoundation

/// One athlete's sessions, exported: a CSV with a row per session (its details and every metric's mean,
/// SD and step count), and a zip of the sessions' analysis folders (what `poserun analyze --out` wrote).
enum SessionExport {
    /// The CSV's session columns, then `<metric>_mean`, `<metric>_sd`, `<metric>_n` for every metric in the
    /// metrics' reading order, so the columns are the same for every athlete and every PoseRun run.
    static func csv(_ sessions: [(TrainingSession, Analysis?)]) -> String {
        var header = ["session_id", "date", "footwear", "treadmill_speed_m_per_s", "note", "file", "status", "running", "score"]
        for metric in Metric.allCases { header += ["\(metric.key)_mean", "\(metric.key)_sd", "\(metric.key)_n"] }
        var lines = [header.joined(separator: ",")]
        for (session, analysis) in sessions {
            let d = session.details
            var row = [
                String(session.id), d.date, d.footwear.rawValue, d.treadmillSpeed.map { "\($0)" } ?? "", d.note, d.originalFileName,
                session.status.rawValue, analysis.map { $0.running.isRunning ? "yes" : "no" } ?? "",
                analysis?.assessment.score.map { "\($0)" } ?? "",
            ]
            for metric in Metric.allCases {
                if let value = analysis?.summary[metric]?.measured {
                    row += [value.mean.isFinite ? "\(value.mean)" : "", value.sd.isFinite ? "\(value.sd)" : "", String(value.n)]
                } else {
                    row += ["", "", ""]
                }
            }
            lines.append(row.map(AnalysisWriter.csvField).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The folder a session's analysis has in the zip: its date and id, so folders sort by date.
    static func folderName(_ session: TrainingSession) -> String { "\(session.details.date)-session-\(session.id)" }

    /// Every file of the sessions: the uploads and what their analyses wrote.
    static func files(of sessions: [TrainingSession], folders: DataFolders) -> [URL] {
        sessions.flatMap { session -> [URL] in
            var urls: [URL] = []
            let upload = folders.upload(session.storedFileName)
            if FileManager.default.fileExists(atPath: upload.path) { urls.append(upload) }
            urls += resultFiles(folders.results(sessionID: session.id)).map(\.url)
            return urls
        }
    }

    /// The files under a results folder with their paths inside it (the OpenPose frames' subfolder too).
    static func resultFiles(_ folder: URL) -> [(url: URL, path: String)] {
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey]) else { return [] }
        let base = folder.standardizedFileURL.path
        var found: [(URL, String)] = []
        for case let url as URL in walker {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true else { continue }
            let full = url.standardizedFileURL.path
            guard full.hasPrefix(base + "/") else { continue }
            found.append((url, String(full.dropFirst(base.count + 1))))
        }
        return found.sorted { $0.1 < $1.1 }
    }

    /// Writes the zip of the sessions' analysis folders to a temporary file and returns it (the caller
    /// removes it). Clips are stored as they are (already compressed); the rest is deflated.
    static func zip(_ sessions: [TrainingSession], folders: DataFolders) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("poserun-export-\(UUID().uuidString).zip")
        do {
            let archive = try Archive(url: url, accessMode: .create)
            for session in sessions.sorted(by: { ($0.details.date, $0.id) < ($1.details.date, $1.id) }) {
                for (file, path) in resultFiles(folders.results(sessionID: session.id)) {
                    let compressed = !["mp4", "webm", "mov", "jpg", "png"].contains(file.pathExtension.lowercased())
                    try archive.addEntry(
                        with: folderName(session) + "/" + path, fileURL: file, compressionMethod: compressed ? .deflate : .none)
                }
            }
        } catch {
            try? FileManager.default.removeItem(at: url)
            throw error
        }
        return url
    }
}
