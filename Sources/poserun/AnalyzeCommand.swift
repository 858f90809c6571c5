import ArgumentParser
import Foundation
import PoseRunCore
import PoseRunFormats
import PoseRunReport

/// `poserun analyze INPUT`: the main job.
struct AnalyzeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "Analyse a run: gait events, metrics and the Pose Method assessment.",
        discussion: "Prints a summary; with --out writes analysis.json and steps.csv (schema: docs/analysis-json.md)."
    )

    @OptionGroup var inputArguments: InputArguments
    @OptionGroup var runner: RunnerArguments

    @Option(help: "Folder for analysis.json and steps.csv (created if missing).")
    var out: String?

    @Flag(help: "Print nothing but errors.")
    var quiet = false

    func run() throws {
        do {
            let loaded = try inputArguments.load()
            let analysis = try Analyzer(configuration: runner.configuration).analyze(loaded.sequence, name: loaded.displayName)
            if !quiet {
                print(TerminalSummary(useColour: standardOutputIsTerminal).render(analysis))
                for note in loaded.notes { print("note: \(note)") }
            }
            if let out {
                let written = try AnalysisWriter.write(analysis, toFolder: URL(fileURLWithPath: out))
                if !quiet { print("\nWrote \(written.analysis.path) and \(written.steps.path)") }
            }
            if !analysis.running.isRunning { throw ExitCode(3) }
        } catch let code as ExitCode {
            throw code
        } catch {
            throw fail(error)
        }
    }
}
