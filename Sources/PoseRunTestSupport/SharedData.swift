public import Foundation
public import Testing

/// `../shared/data` beside the package: the real recordings, clips and fuzz reproducers, too big to commit.
/// Tests that need a part of it skip visibly when that part is absent, so a plain checkout still passes.
public enum SharedData {
    /// The package root, found from this file's path (Sources/PoseRunTestSupport/SharedData.swift), so it
    /// holds wherever the test binary runs from.
    public static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `../shared/data`.
    public static let folder = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/data")

    /// A file or folder in `../shared/data`, e.g. `url("mocap/hamner-subject01")`.
    public static func url(_ relative: String) -> URL { folder.appendingPathComponent(relative) }

    /// Whether `relative` (a file or a folder) is in this checkout's `../shared/data`.
    public static func contains(_ relative: String) -> Bool { FileManager.default.fileExists(atPath: url(relative).path) }

    /// The skip reason for a test needing `relative`: "needs ../shared/data/RELATIVE" ("needs ../shared/data"
    /// for nil), the words the tests have always shown.
    public static func skipReason(_ relative: String? = nil) -> Comment {
        Comment(rawValue: "needs ../shared/data" + (relative.map { "/" + $0 } ?? ""))
    }

    /// The short side-view jogging clip (480×352, 47 frames) the video tests use; its presence stands for
    /// "the shared clips are here".
    public static let joggingClip = url("video/jogging-overground-side.mp4")
    public static var hasJoggingClip: Bool { FileManager.default.fileExists(atPath: joggingClip.path) }
}
