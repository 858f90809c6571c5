/// An output file could not be written; says which and why.
public struct FileWriteError: Error, Sendable, Hashable, CustomStringConvertible {
    public var path: String
    public var problem: String

    public var description: String { "Could not write \(path): \(problem). Check the folder exists and is writable." }
}
