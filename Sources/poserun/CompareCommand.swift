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
                // Both documents made first, then written all or nothing (staged, then renamed), as `analyze` does:
                // a failure leaves neither, never comparison.json alone.
                let json = try ComparisonDocuments.json(comparison), html = ComparisonDocuments.html(comparison)
                let urls = try OutputFolder.write([
                    OutputItem(name: ComparisonDocuments.htmlFileName) { try AtomicFile.write(html, to: $0) },
                    OutputItem(name: ComparisonDocuments.jsonFileName) { try AtomicFile.write(json, to: $0) },
                ], into: URL(fileURLWithPath: out))
                written = [.init(label: "comparison", path: urls[0].path), .init(label: "data", path: urls[1].path)]
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
