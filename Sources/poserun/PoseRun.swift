import ArgumentParser

@main
struct PoseRun: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "poserun",
        abstract: "Analyse running form against the Pose Method."
    )
}
