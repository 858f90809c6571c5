/// Why a synthetic runner could not be built, in words that say what to change.
public enum SyntheticRunnerError: Error, Sendable, Hashable, CustomStringConvertible {
    case invalidParameter(name: String, value: Double, reason: String)
    case infeasible(String)

    public var description: String {
        switch self {
        case .invalidParameter(let name, let value, let reason):
            return "synthetic runner: \(name) = \(value) is not usable: \(reason)"
        case .infeasible(let why):
            return "synthetic runner: this combination of parameters is not physically possible: \(why)"
        }
    }
}
