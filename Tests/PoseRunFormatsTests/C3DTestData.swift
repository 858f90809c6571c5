import Foundation

/// Where the real recordings in ../shared/data are, found from this file's path, for the C3D and
/// reference-event tests (named apart from other helpers' test support to avoid clashes).
enum C3DTestData {
    /// The package root: Tests/PoseRunFormatsTests/ is two levels below it.
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let sharedData = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/data")
    static let dorn = sharedData.appendingPathComponent("mocap/dorn-sprint-ja1")
    static let hamner = sharedData.appendingPathComponent("mocap/hamner-subject01")
    static let dornC3D = dorn.appendingPathComponent("JA1Gait35.c3d")

    static var isAvailable: Bool { FileManager.default.fileExists(atPath: dornC3D.path) }
}
