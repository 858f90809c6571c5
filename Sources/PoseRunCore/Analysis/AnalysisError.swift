/// Why an input could not be analysed, in words a runner or coach can act on.
public enum AnalysisError: Error, Sendable, Hashable, CustomStringConvertible {
    case tooFewFrames(count: Int, minimum: Int)
    case missingLandmarks([Landmark])
    case noPersonMoving(detail: String)
    case tooFewSteps(found: Int, minimum: Int)

    public var description: String {
        switch self {
        case .tooFewFrames(let count, let minimum):
            return "The input has \(count) frames; PoseRun needs at least \(minimum) (about two strides). Record a longer clip."
        case .missingLandmarks(let landmarks):
            return "The input lacks landmarks the analysis cannot do without: \(landmarks.map(\.rawValue).joined(separator: ", ")). "
                + "For marker files, map them with --markers MAP.json."
        case .noPersonMoving(let detail):
            return "No one is moving in this input: \(detail). Check that the runner is in view and the file is the right one."
        case .tooFewSteps(let found, let minimum):
            return "Found \(found) foot contact(s); PoseRun needs at least \(minimum) (two strides' worth of steps would be better). "
                + "Record more strides, side-on, with the feet in view."
        }
    }
}
