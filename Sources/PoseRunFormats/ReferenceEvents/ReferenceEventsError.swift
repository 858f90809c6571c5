/// Why reference events could not be read: which file, which line (for CSV), what is wrong.
public struct ReferenceEventsError: Error, Sendable, Hashable, CustomStringConvertible {
    public var fileName: String
    /// 1-based line number for CSV problems.
    public var line: Int?
    public var problem: String

    public init(fileName: String, line: Int? = nil, problem: String) {
        self.fileName = fileName
        self.line = line
        self.problem = problem
    }

    public var description: String {
        line.map { "\(fileName): line \($0): \(problem)" } ?? "\(fileName): \(problem)"
    }
}
