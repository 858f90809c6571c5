import ArgumentParser
import Foundation
import PoseRunCore
import PoseRunFormats
import PoseRunSynthetic

/// `poserun synthetic OUT.json`: a synthetic runner with known ground truth, as PoseRun keypoints JSON.
struct SyntheticCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "synthetic",
        abstract: "Write a synthetic runner with known ground truth as PoseRun keypoints JSON.",
        discussion: """
            For the demo, and for anyone who wants to see what PoseRun reports for a known gait. The file is \
            in pixels (400 px per metre), so analyse it with --height to get metres. The chosen values are \
            printed so the analysis can be checked against them.
            """
    )

    enum Preset: String, ExpressibleByArgument, CaseIterable {
        case pose, heelStriker = "heel-striker", walker

        var configuration: SyntheticRunner.Configuration {
            switch self {
            case .pose: return .poseRunner
            case .heelStriker: return .heelStriker
            case .walker: return .walker
            }
        }
    }

    @Argument(help: "The keypoints JSON file to write.")
    var output: String

    @Option(help: "Which runner: \(Preset.allCases.map(\.rawValue).joined(separator: ", ")).")
    var preset: Preset = .pose

    @Option(help: "Seconds of running.")
    var seconds: Double = 8

    @Option(help: "Frames per second.")
    var fps: Double = 60

    @Flag(help: "Add what a pose model adds: 1 cm noise, dropouts, low-confidence glitches, left/right swaps.")
    var realistic = false

    @Option(help: "Seed for the noise.")
    var seed: UInt64 = 1

    func validate() throws {
        guard seconds >= 1, seconds <= 3600 else { throw ValidationError("--seconds must be between 1 and 3600.") }
        guard fps >= 10, fps <= 1000 else { throw ValidationError("--fps must be between 10 and 1000.") }
    }

    func run() throws {
        do {
            var c = preset.configuration
            c.durationSeconds = seconds
            c.frameRate = fps
            c.lengthUnit = .pixels
            if realistic { c = c.with(.realistic(seed: seed, seconds: seconds)) }
            let run = try SyntheticRunner(c).generate()
            let file = PoseRunKeypointsFile(
                sequence: run.sequence, imageWidth: 1920, imageHeight: 1080,
                source: "PoseRun synthetic runner, preset \(preset.rawValue)\(realistic ? ", realistic artefacts (seed \(seed))" : "")")
            try file.write(to: URL(fileURLWithPath: output))
            print("Wrote \(output): \(run.sequence.frameCount) frames at \(fps) fps, runner \(c.heightMetres) m tall.")
            print("Chosen: cadence \(c.cadenceStepsPerMinute) steps/min, contact \(c.contactTimeSeconds) s, foot-strike angle \(c.footStrikeAngleDegrees)°, knee at contact \(c.kneeFlexionAtContactDegrees)°, trunk lean \(c.trunkLeanDegrees)°, overstride \(c.overstrideLegLengths) leg lengths.")
            print("Analyse it with: poserun analyze \(output) --height \(c.heightMetres)")
        } catch {
            throw fail(error)
        }
    }
}
