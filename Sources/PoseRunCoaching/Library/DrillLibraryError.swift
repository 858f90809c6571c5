/// Why the drill library could not be used, with the file and what to do.
public enum DrillLibraryError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file is not there (or cannot be read).
    case missing(path: String)
    /// The file is not valid YAML of the library's layout.
    case unreadable(path: String, problem: String)
    /// The file parses but breaks the library's rules.
    case invalid(path: String, problems: [String])

    public var description: String {
        switch self {
        case .missing(let path):
            return "The drill library \(path) is missing or unreadable. Reinstall PoseRun (the library ships beside the "
                + "binary as PoseRun_PoseRunCoaching.resources) or give another library file."
        case .unreadable(let path, let problem):
            return "The drill library \(path) could not be read: \(problem). Fix the file (see docs/coaching.md for its layout)."
        case .invalid(let path, let problems):
            let list = problems.prefix(20).map { "  - \($0)" }.joined(separator: "\n")
            let more = problems.count > 20 ? "\n  … and \(problems.count - 20) more" : ""
            return "The drill library \(path) has \(problems.count) problem(s):\n\(list)\(more)\nFix the file (see docs/coaching.md)."
        }
    }
}
