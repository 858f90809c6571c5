public import ArgumentParser
import Foundation
import PoseRunCore
public import PoseRunFormats
import PoseRunPipeline
import PoseRunVision
import PoseRunReport

/// How to read an input file: shared by `analyze` and `validate`.
struct InputArguments: ParsableArguments {
    @Argument(
        help: "A video (MP4, MOV…), a TRC or C3D file, an OpenPose BODY_25 JSON file or folder, or a PoseRun keypoints JSON.",
        completion: .file())
    var input: String

    // `.unconditional`: "--fps -30" reaches `validate()`, which says the range, rather than "Missing value".
    @Option(parsing: .unconditional, help: "Video only: the rate the clip was filmed at, for slow motion whose container plays at another rate (e.g. 240).")
    var captureFps: Double?

    @Option(help: "Video only: which frames the pose model also reads mirrored, for the left/right leg check to choose between the two readings: never, where-legs-jump (default) or always (slower, about twice the model's time).")
    var mirroredReading: MirroredReading = .whereLegsJump

    @Option(parsing: .unconditional, help: "Frames per second, for inputs that carry no time base (OpenPose JSON). An error if it contradicts the file's own rate.")
    var fps: Double?

    @Option(name: .customLong("markers"), help: "A JSON marker map: PoseRun landmark names → a marker name or a list to average.")
    var markerMap: String?

    // `.unconditional`: "-z" is a value here, not an option.
    @Option(parsing: .unconditional, help: "The vertical axis of a 3D file (x, y or z, optionally signed, e.g. +z), when it cannot be found.")
    var verticalAxis: SagittalProjection.SignedAxis?

    func validate() throws {
        for (name, value) in [("--capture-fps", captureFps), ("--fps", fps)] {
            guard let value else { continue }
            try RunnerArguments.check(name, value, within: Plausibility.frameRates, unit: "frames per second", example: "240")
        }
    }

    /// Reads the input for analysis: a video goes through the pose model (with a progress bar when
    /// `showProgress`), anything else through the format readers.
    func loadForAnalysis(showProgress: Bool) throws -> AnalysisInput {
        var options = InputOptions(framesPerSecond: fps)
        if let markerMap { options.markerMap = URL(fileURLWithPath: markerMap) }
        options.verticalAxis = verticalAxis
        var request = InputRequest(path: input, captureFrameRate: captureFps, fileOptions: options)
        request.mirroredReading = mirroredReading
        let bar = showProgress ? ProgressBar.Writer() : nil
        defer { bar?.finish() }
        do {
            return try request.load { done, total in bar?.update(done: done, total: total) }
        } catch let error as InputRequest.InapplicableOption {
            switch error {
            case .fileOptionsForVideo:
                throw ValidationError("--fps, --markers and --vertical-axis do not apply to videos (\(input)); use --capture-fps for slow motion.")
            case .captureRateForFile:
                throw ValidationError("--capture-fps applies to videos; \(input) is not one (use --fps for OpenPose JSON).")
            }
        }
    }
}

extension MirroredReading: ExpressibleByArgument {}

/// What the analysis should know about the runner.
struct RunnerArguments: ParsableArguments {
    @Option(parsing: .unconditional, help: "The runner's height in metres: turns image lengths into metres.")
    var height: Double?

    @Option(parsing: .unconditional, help: "The runner's leg length (hip joint to ankle) in metres; takes precedence over --height.")
    var legLength: Double?

    @Option(name: .customLong("speed"), parsing: .unconditional, help: "Treadmill belt speed in m/s: gives step and stride length.")
    var treadmillSpeed: Double?

    func validate() throws {
        if let height { try Self.check("--height", height, within: Plausibility.heights, unit: "metres", example: "1.75") }
        if let legLength { try Self.check("--leg-length", legLength, within: Plausibility.legLengths, unit: "metres", example: "0.9") }
        if let treadmillSpeed { try Self.check("--speed", treadmillSpeed, within: Plausibility.speeds, unit: "m/s", example: "3.0") }
    }

    /// An option's value within its plausible range (`Plausibility`), or an error that says the range.
    static func check(_ name: String, _ value: Double, within range: ClosedRange<Double>, unit: String, example: String) throws {
        guard value.isFinite, range.contains(value) else {
            throw ValidationError("\(name) is in \(unit), from \(OptionNumber.text(range.lowerBound)) to \(OptionNumber.text(range.upperBound)) (e.g. \(example)); \(value) is outside that.")
        }
    }

    var configuration: AnalysisConfiguration {
        AnalysisConfiguration(runnerHeightMetres: height, legLengthMetres: legLength, treadmillSpeedMetresPerSecond: treadmillSpeed)
    }
}

/// Prints a user-facing error and exits non-zero: the one place the CLI turns failures into words.
func fail(_ error: any Error) -> ExitCode {
    let message = String(describing: error)
    FileHandle.standardError.write(Data(("error: " + message + "\n").utf8))
    if let option = (error as? FormatError)?.option {
        FileHandle.standardError.write(Data("advice: \(Advice.line(for: option))\n".utf8))
    }
    return ExitCode.failure
}

/// Whether standard output is a terminal (for colour).
var standardOutputIsTerminal: Bool { isatty(STDOUT_FILENO) != 0 }

/// Option bounds as a person writes them: "0.5", "100000".
enum OptionNumber {
    static func text(_ v: Double) -> String {
        if let i = Int(measured: v), Double(i) == v { return String(i) }
        return String(v)
    }
}

extension SagittalProjection.SignedAxis: ExpressibleByArgument {
    public init?(argument: String) { self.init(parsing: argument) }
    public static var defaultCompletionKind: CompletionKind { .list(["+x", "-x", "+y", "-y", "+z", "-z"]) }
}
