public import Foundation

/// Everything that can go wrong reading or writing a file, worded for the person who gave it.
///
/// One type for every reader and writer so the command line prints them the same way:
/// the file, where in it, what is wrong and what to do.
public struct FormatError: Error, Sendable, Hashable, CustomStringConvertible, LocalizedError {
    /// What kind of failure this is, so callers and tests can react without parsing the message.
    public enum Kind: String, Sendable, Hashable {
        /// The file or folder could not be opened.
        case unreadable
        /// The content is none of the formats PoseRun reads.
        case unrecognisedFormat
        /// The content is in a known format but breaks its rules.
        case malformed
        /// The file ends before the content it announces.
        case truncated
        /// The file holds no usable samples (no frames, or every value missing).
        case noData
        /// A value PoseRun does not handle (unknown units, a newer format version…).
        case unsupported
        /// Markers a mapping needs are not in the file, or no marker set could be recognised.
        case missingMarkers
        /// The input carries no frame rate and none was given.
        case missingFrameRate
        /// The frame rate given disagrees with the file's own.
        case conflictingFrameRate
        /// An option that does not fit this input.
        case invalidOption
        /// The body's orientation could not be worked out from the markers.
        case undeterminedOrientation
        /// An output file or folder could not be written.
        case notWritable
        /// C3D support is not built into this copy of PoseRun.
        case c3dUnavailable
    }

    /// What a person can give with the input that bears on the problem. The libraries word a remedy in terms
    /// of the thing ("give the video's capture rate"); each front end adds how it is given (a flag, a field).
    public enum Option: String, Sendable, Hashable, CaseIterable {
        /// The rate the samples were taken at.
        case frameRate
        /// A map from PoseRun's landmarks to a file's marker names.
        case markerMap
        /// Which of a motion-capture file's axes points up.
        case verticalAxis
    }

    /// A value from the file as a message quotes it: whole when short, otherwise its start and its length, so a
    /// megabyte of junk in one cell is not echoed to the terminal.
    public static func quoted(_ value: some StringProtocol, limit: Int = 40) -> String {
        value.count <= limit ? "'\(value)'" : "'\(value.prefix(limit))…' (\(value.count) characters)"
    }

    public var kind: Kind
    /// The option the problem is about or that would fix it, when there is one.
    public var option: Option?
    /// The file or folder, as the user named it.
    public var file: String
    /// Where in the file: "line 7", "byte 512", "frame 12"; `nil` for the file as a whole.
    public var location: String?
    /// What is wrong.
    public var problem: String
    /// What to do about it, when there is something to do.
    public var remedy: String?

    public init(
        _ kind: Kind, file: String, location: String? = nil, problem: String, remedy: String? = nil, option: Option? = nil
    ) {
        self.kind = kind
        self.option = option
        self.file = file
        self.location = location
        self.problem = problem
        self.remedy = remedy
    }

    public var description: String {
        var text = file
        if let location { text += ", \(location)" }
        text += ": \(problem)"
        if let remedy { text += " — \(remedy)" }
        return text
    }

    public var errorDescription: String? { description }
}
