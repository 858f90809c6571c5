import PoseRunCore
import PoseRunFormats

/// What the user can do about a finding, in this command line's terms: the one place findings from the
/// libraries (which name no flag) are mapped to flags.
enum Advice {
    static let captureRate = "give --capture-fps with the rate the clip was filmed at (a phone's slow motion is often 120 or 240)"

    /// Advice for a finished analysis.
    static func lines(for analysis: Analysis) -> [String] {
        var lines: [String] = []
        if analysis.input.slowMotion != nil { lines.append(captureRate) }
        if analysis.input.lengthUnit == .legLengths, analysis.running.isRunning {
            lines.append("give --height or --leg-length for lengths, speed and vertical oscillation in metres")
        }
        return lines
    }

    /// How this command line takes the option a file's error is about.
    static func line(for option: FormatError.Option) -> String {
        switch option {
        case .frameRate: "the frame rate is given with --fps (e.g. --fps 60)"
        case .markerMap: "a marker map is given with --markers MAP.json (docs/input-formats.md shows one)"
        case .verticalAxis: "the vertical axis is given with --vertical-axis (x, y or z, e.g. +y)"
        }
    }

    /// Advice when no analysis could be made.
    static func lines(for error: AnalysisError) -> [String] {
        switch error {
        case .slowMotionUntimed: [captureRate]
        case .missingLandmarks: ["for a marker file, map its markers with --markers MAP.json"]
        case .tooFewFrames, .noPersonMoving, .tooFewSteps: []
        }
    }
}
