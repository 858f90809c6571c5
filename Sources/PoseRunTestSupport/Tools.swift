public import Foundation
public import Testing

/// The outside programs and files some tests need (ffmpeg, chromium, the BlazePose models), looked up
/// once, so each test can skip visibly, with one wording, when one is missing.
public enum Tools {
    /// The full path of an executable named `name` on `PATH`, as a shell would find it (the same rule as
    /// PoseRunVision's `ExecutableLocator`, so a test skips exactly when `poserun` would miss the tool).
    public static func find(_ name: String, environment: [String: String] = ProcessInfo.processInfo.environment) -> URL? {
        let path = environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in path.split(separator: ":") where !directory.isEmpty {
            let candidate = URL(fileURLWithPath: String(directory)).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }

    public static let ffmpeg = find("ffmpeg")
    public static let ffprobe = find("ffprobe")
    /// Both ffmpeg and ffprobe: PoseRun's video input needs the two.
    public static var ffmpegAvailable: Bool { ffmpeg != nil && ffprobe != nil }
    public static let ffmpegMissing: Comment = "needs ffmpeg: run scripts/setup-models.sh"

    /// Debian's `chromium` (or `chromium-browser`), the first found along `PATH`.
    public static let chromium: URL? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in path.split(separator: ":") where !directory.isEmpty {
            for name in ["chromium", "chromium-browser"] {
                let candidate = URL(fileURLWithPath: String(directory)).appendingPathComponent(name)
                if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            }
        }
        return nil
    }()
    public static var chromiumAvailable: Bool { chromium != nil }

    /// The model cache as `poserun` finds it: `$POSERUN_MODELS`, else `$HOME/.cache/poserun/models`.
    /// PoseRunVision's `ModelCache.standard()` is the rule; this copy keeps the support target free of the
    /// product's modules, and a test in PoseRunVisionTests checks that the two agree.
    public static func modelsFolder(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        if let path = environment["POSERUN_MODELS"], !path.isEmpty { return URL(fileURLWithPath: path, isDirectory: true) }
        let home = environment["HOME"].map { URL(fileURLWithPath: $0, isDirectory: true) }
            ?? FileManager.default.homeDirectoryForCurrentUser
        return home.appendingPathComponent(".cache/poserun/models", isDirectory: true)
    }

    /// The LiteRT runtime and the two BlazePose models `scripts/setup-models.sh` puts in the cache.
    public static let modelFileNames = ["libLiteRt.so", "pose_landmark_full.tflite", "pose_detection.tflite"]

    /// True when the runtime and both models are in the cache.
    public static var modelsAvailable: Bool {
        let folder = modelsFolder()
        return modelFileNames.allSatisfy { FileManager.default.fileExists(atPath: folder.appendingPathComponent($0).path) }
    }
    public static let modelsMissing: Comment = "needs the models: run scripts/setup-models.sh"

    /// Runs a tool found on `PATH` (ffmpeg, ffprobe) with `ProcessRunner`; throws when it is not installed.
    public static func run(_ name: String, _ arguments: [String], timeout: Double? = nil) throws -> ProcessResult {
        guard let executable = find(name) else { throw ProcessRunner.Failure(description: "\(name) is not installed") }
        return try ProcessRunner.run(executable, arguments, timeout: timeout)
    }
}
