/// Why an input could not be analysed, in words a runner or coach can act on.
public enum AnalysisError: Error, Sendable, Hashable, CustomStringConvertible {
    case tooFewFrames(count: Int, minimum: Int)
    case missingLandmarks([Landmark])
    case noPersonMoving(detail: String)
    case tooFewSteps(found: Int, minimum: Int)
    /// Legs slower than any walk (slow motion), whose contacts could not be found even as if filmed faster.
    case slowMotionUntimed(estimate: SlowMotionEstimate, detail: String)

    public var description: String {
        switch self {
        case .tooFewFrames(let count, let minimum):
            return "The input has \(count) frames; PoseRun needs at least \(minimum) (about two strides). Record a longer clip."
        case .missingLandmarks(let landmarks):
            return "The input lacks landmarks the analysis cannot do without: \(landmarks.map(\.rawValue).joined(separator: ", ")). "
                + "For a marker file, map its markers to these landmarks."
        case .noPersonMoving(let detail):
            return "No one is moving in this input: \(detail). Check that the runner is in view and the file is the right one."
        case .slowMotionUntimed(let estimate, let detail):
            return "This looks like slow motion (about ×\(Int(estimate.factor.rounded()))): at \(Int(estimate.givenFrameRate.rounded())) fps "
                + "the legs swing at \(Int(estimate.givenStepsPerMinute.rounded())) steps/min, slower than anyone walks or runs. "
                + "Analysed as if filmed that much faster it still could not be measured (\(detail)). "
                + "Give the rate it was filmed at (often 120 or 240)."
        case .tooFewSteps(let found, let minimum):
            return "Found \(found) foot contact(s); PoseRun needs at least \(minimum) (two strides' worth of steps would be better). "
                + "Record more strides, side-on, with the feet in view."
        }
    }
}
