import ArgumentParser
import Foundation
import PoseRunCore
import PoseRunFormats
import PoseRunReport

/// `poserun compare BEFORE AFTER`: what improved, what got worse, what is within measurement noise.
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare two analyses of the same runner: what improved, what got worse, what is noise.",
        discussion: """
            BEFORE and AFTER are output folders of `poserun analyze --out` or their analysis.json files. \
            A change counts only when it exceeds both twice the combined standard error over steps and the \
            metric's minimal meaningful change; "better" means closer to the Pose Method target. \
            With --out writes comparison.html and comparison.json.
            """
    )

    @Argument(help: "The earlier analysis: an output folder or its analysis.json.")
    var before: String

    @Argument(help: "The later analysis: an output folder or its analysis.json.")
    var after: String

    @Option(help: "Folder for comparison.html and comparison.json (created if missing).")
    var out: String?

    @Flag(help: "Print nothing but errors.")
    var quiet = false

    func run() throws {
        do {
            let earlier = try AnalysisFileLoader.load(before)
            let later = try AnalysisFileLoader.load(after)
            let comparison = AnalysisComparison(
                before: earlier.analysis, after: later.analysis, beforeLabel: earlier.file.path, afterLabel: later.file.path)
            var written: [TerminalSummary.WrittenFile] = []
            if let out {
                let folder = URL(fileURLWithPath: out)
                try AtomicFile.createFolder(folder)
                let html = folder.appendingPathComponent(ComparisonDocuments.htmlFileName)
                let json = folder.appendingPathComponent(ComparisonDocuments.jsonFileName)
                try AtomicFile.write(ComparisonDocuments.json(comparison), to: json)
                try AtomicFile.write(ComparisonDocuments.html(comparison), to: html)
                written = [.init(label: "comparison", path: html.path), .init(label: "data", path: json.path)]
            }
            if !quiet {
                let colour = TerminalSummary.colourWanted(
                    isTerminal: standardOutputIsTerminal, environment: ProcessInfo.processInfo.environment)
                print(ComparisonTerminalView(useColour: colour).render(comparison, writtenFiles: written))
            }
        } catch {
            throw fail(error)
        }
    }
}
