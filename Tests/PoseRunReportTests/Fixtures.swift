import PoseRunCore
import PoseRunSynthetic

/// Analyses of synthetic runners, built in code (never copied from the program's output).
enum Fixtures {
    /// A synthetic runner's keypoints and the analysis of them.
    static func analysed(
        _ configuration: SyntheticRunner.Configuration, name: String = "synthetic"
    ) throws -> (input: KeypointSequence, analysis: Analysis) {
        let run = try SyntheticRunner(configuration).generate()
        let analysis = try Analyzer().analyze(run.sequence, name: name)
        return (run.sequence, analysis)
    }
}
