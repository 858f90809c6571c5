import Foundation

/// The real recordings in ../shared/data, found from this file's path; tests needing them skip when absent.
enum SharedData {
    static let root: URL = {
        // Tests/PoseRunFormatsTests/SharedData.swift → package root → ../shared/data
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return packageRoot.deletingLastPathComponent().appendingPathComponent("shared/data")
    }()

    static var isAvailable: Bool { FileManager.default.fileExists(atPath: root.appendingPathComponent("mocap").path) }

    static func mocap(_ relative: String) -> URL { root.appendingPathComponent("mocap").appendingPathComponent(relative) }
}

/// A scratch folder removed by the caller.
func makeScratchFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("poserun-formats-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}
