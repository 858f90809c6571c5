import ArgumentParser

@main
struct PoseRun: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "poserun",
        abstract: "Analyse running form against the Pose Method.",
        discussion: """
            PoseRun finds each foot's landing and take-off, measures the stride, and judges it against the \
            Pose Method: lean from the ankles, land under the body on the ball of the foot with a bent knee, \
            pull the foot up rather than push off, short arm swing and knee drive, a constant body angle.

            Inputs: video (MP4, MOV…; set up once with scripts/setup-models.sh), motion capture (TRC, C3D), \
            OpenPose BODY_25 JSON, PoseRun keypoints JSON.

            Exit status: 0 done; 1 an input or output problem (the message names the file, the problem and \
            what to do; nothing half-written is left); 3 the input shows no running, or is slow motion \
            without --capture-fps (analysed, not scored); 64 a usage error (an unknown option, a value out of \
            its range).
            """,
        subcommands: [
            AnalyzeCommand.self, ReportCommand.self, CompareCommand.self, ValidateCommand.self, PlanCommand.self,
            SyntheticCommand.self, ServeCommand.self, WorkerCommand.self,
        ],
        defaultSubcommand: nil
    )
}
