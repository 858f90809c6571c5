import ArgumentParser
import Foundation
import PoseRunCoaching
import PoseRunCore
import PoseRunFormats
import PoseRunPipeline
import PoseRunReport

/// `poserun report DIR`: writes report.html again from an output folder's analysis.json (key frames as stick figures).
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Re-render report.html from an output folder's analysis.json.",
        discussion: """
            Reads analysis.json (and plan.json when the folder has one, for the drills; else a starting plan's) and writes report.html \
            beside it, or into --out. Key frames are drawn as stick figures; `poserun analyze VIDEO --out DIR` \
            draws them on the video's frames.
            """)

    @Argument(help: "An output folder of `poserun analyze`, or its analysis.json.")
    var analysis: String

    @Option(help: "Folder to write report.html into (default: the folder of analysis.json).")
    var out: String?

    func run() throws {
        do {
            let loaded = try AnalysisFileLoader.load(analysis)
            let url = loaded.file, decoded = loaded.analysis
            let folder = url.deletingLastPathComponent()
            let plan = Self.plan(in: folder) ?? ReportOutput.defaultPlan(for: decoded)
            let written = try ReportOutput.writeReport(
                analysis: decoded, plan: plan, toFolder: out.map { URL(fileURLWithPath: $0) } ?? folder)
            if decoded.gaitCycleProfiles == nil {
                print("note: \(url.path) has no gait_cycle_profiles, so the report has no charts or key frames; `poserun analyze INPUT --out DIR` with this version adds them.")
            }
            print("Wrote \(written.report.path)")
        } catch let code as ExitCode {
            throw code
        } catch {
            throw fail(error)
        }
    }

    /// The coaching plan beside the analysis, if there is a readable one (the report works without it).
    static func plan(in folder: URL) -> CoachingPlan? {
        let file = folder.appendingPathComponent("plan.json")
        guard let data = try? Data(contentsOf: file) else { return nil }
        return try? JSONDecoder().decode(CoachingPlan.self, from: data)
    }
}
