import Foundation
import PoseRunTestSupport

/// The real recordings in ../shared/data the C3D and reference-event tests read (named apart from
/// PoseRunTestSupport's `SharedData`, which finds the folder).
enum C3DTestData {
    static let dorn = SharedData.url("mocap/dorn-sprint-ja1")
    static let hamner = SharedData.url("mocap/hamner-subject01")
    static let dornC3D = dorn.appendingPathComponent("JA1Gait35.c3d")

    static var isAvailable: Bool { FileManager.default.fileExists(atPath: dornC3D.path) }
}
