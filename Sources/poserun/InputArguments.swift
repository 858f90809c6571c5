import ArgumentParser
import Foundation
import PoseRunCore
import PoseRunFormats

/// How to read an input file: shared by `analyze` and `validate`.
struct InputArguments: ParsableArguments {
    @Argument(help: "A video (MP4, MOV…), a TRC or C3D file, an OpenPose BODY_25 JSON file or folder, or a PoseRun keypoints JSON.")
    var input: String

    // `.unconditional`: "--fps -30" reaches `validate()`, which says the range, rather than "Missing value".
    @Option(parsing: .unconditional, help: "Video only: the rate the clip was filmed at, for slow motion whose container plays at another rate (e.g. 240).")
    var captureFps: Double?

    @Option(parsing: .unconditional, help: "Frames per second, for inputs that carry no time base (OpenPose JSON). An error if it contradicts the file's own rate.")
    var fps: Double?

    @Option(name: .customLong("markers"), help: "A JSON marker map: PoseRun landmark names → a marker name or a list to average.")
    var markerMap: String?

    @Option(help: "The vertical axis of a 3D file (x, y or z, optionally signed, e.g. +z), when it cannot be found.")
    var verticalAxis: String?

    func validate() throws {
        for (name, value) in [("--capture-fps", captureFps), ("--fps", fps)] {
            guard let value else { continue }
            try RunnerArguments.check(name, value, within: Plausibility.frameRates, unit: "frames per second", example: "240")
        }
    }

    /// Reads the input for analysis: a video goes through the pose model (with a progress bar when
    /// `showProgress`), anything else through the format readers. Told apart by content.
    func loadForAnalysis(showProgress: Bool) throws -> AnalysisInput {
        let url = URL(fileURLWithPath: input)
        do {
            _ = try InputLoader.detectKind(at: url)
        } catch let error as FormatError where error.kind == .unrecognisedFormat {
            if fps != nil || markerMap != nil || verticalAxis != nil {
                throw ValidationError("--fps, --markers and --vertical-axis do not apply to videos (\(input)); use --capture-fps for slow motion.")
            }
            return try VideoInput.load(
                url, displayPath: input, captureFrameRate: captureFps, showProgress: showProgress, notRecognised: error)
        }
        if captureFps != nil {
            throw ValidationError("--capture-fps applies to videos; \(input) is not one (use --fps for OpenPose JSON).")
        }
        return AnalysisInput(try load())
    }

    func load() throws -> LoadedInput {
        var options = InputOptions(framesPerSecond: fps)
        if let markerMap { options.markerMap = URL(fileURLWithPath: markerMap) }
        if let verticalAxis {
            guard let axis = SagittalProjection.SignedAxis(parsing: verticalAxis) else {
                throw ValidationError("--vertical-axis must be x, y or z, optionally with a sign (e.g. +z); got '\(verticalAxis)'.")
            }
            options.verticalAxis = axis
        }
        return try InputLoader.load(path: input, options: options)
    }
}

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
func fail(_ error: Error) -> ExitCode {
    let message = String(describing: error)
    FileHandle.standardError.write(Data(("error: " + message + "\n").utf8))
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
