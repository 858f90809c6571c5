/// Why a C3D file could not be read: which file, which part of it, the byte offset, and what was wrong.
public struct C3DReadError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The part of the file being read when the problem was found.
    public enum Section: Sendable, Hashable, CustomStringConvertible {
        case file
        case header
        /// 1-based block number counted from the start of the parameter section.
        case parameterBlock(Int)
        /// The file's own (1-based) frame number.
        case frame(Int)

        public var description: String {
            switch self {
            case .file: "file"
            case .header: "header"
            case .parameterBlock(let number): "parameter block \(number)"
            case .frame(let number): "frame \(number)"
            }
        }
    }

    public var fileName: String
    public var section: Section
    /// Byte offset from the start of the file, when the problem has a place.
    public var byteOffset: Int?
    /// What is wrong, in words a user can act on.
    public var problem: String

    public init(fileName: String, section: Section, byteOffset: Int?, problem: String) {
        self.fileName = fileName
        self.section = section
        self.byteOffset = byteOffset
        self.problem = problem
    }

    public var description: String {
        let place = byteOffset.map { "\(section), byte offset \($0)" } ?? "\(section)"
        return "\(fileName): \(place): \(problem)"
    }
}
