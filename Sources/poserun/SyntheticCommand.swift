import ArgumentParser

/// `poserun synthetic OUT`: writes a synthetic runner (placeholder until the generator lands).
struct SyntheticCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "synthetic",
        abstract: "Write a synthetic runner with known ground truth as PoseRun keypoints JSON.")
}
