public import Foundation

/// The folder `scripts/setup-models.sh` fills: the LiteRT runtime and the two BlazePose models.
///
/// One environment variable, `POSERUN_MODELS`, moves it; the default is
/// `~/.cache/poserun/models`. Nothing is downloaded at run time: PoseRun only opens these files.
public struct ModelCache: Sendable, Hashable {
    /// The environment variable that overrides the folder.
    public static let environmentVariable = "POSERUN_MODELS"
    /// The command that fills the folder, quoted in every "missing file" message.
    public static let setupCommand = "scripts/setup-models.sh"

    public static let runtimeLibraryName = "libLiteRt.so"
    public static let landmarkModelName = "pose_landmark_full.tflite"
    public static let detectorModelName = "pose_detection.tflite"

    /// The folder.
    public var directory: URL

    public init(directory: URL) {
        self.directory = directory
    }

    /// The folder named by `POSERUN_MODELS`, or `~/.cache/poserun/models`.
    public static func standard(environment: [String: String] = ProcessInfo.processInfo.environment) -> ModelCache {
        if let path = environment[environmentVariable], !path.isEmpty {
            return ModelCache(directory: URL(fileURLWithPath: path, isDirectory: true))
        }
        let home = environment["HOME"].map { URL(fileURLWithPath: $0, isDirectory: true) }
            ?? FileManager.default.homeDirectoryForCurrentUser
        return ModelCache(directory: home.appendingPathComponent(".cache/poserun/models", isDirectory: true))
    }

    public var runtimeLibrary: URL { directory.appendingPathComponent(Self.runtimeLibraryName) }
    public var landmarkModel: URL { directory.appendingPathComponent(Self.landmarkModelName) }
    public var detectorModel: URL { directory.appendingPathComponent(Self.detectorModelName) }

    /// True when all three files are present (their hashes were checked when the script put them there).
    public var isComplete: Bool {
        [runtimeLibrary, landmarkModel, detectorModel].allSatisfy { FileManager.default.fileExists(atPath: $0.path) }
    }

    /// The files the folder lacks, for an error message.
    public var missingFiles: [URL] {
        [runtimeLibrary, landmarkModel, detectorModel].filter { !FileManager.default.fileExists(atPath: $0.path) }
    }
}
