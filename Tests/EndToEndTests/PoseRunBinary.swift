import Foundation
import PoseRunTestSupport

/// Runs the built `poserun` binary (it sits beside the test bundle) and captures what it says.
enum PoseRunBinary {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static var url: URL {
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        // The test bundle may sit inside a .xctest folder.
        while !FileManager.default.fileExists(atPath: dir.appendingPathComponent("poserun").path), dir.path != "/" {
            dir = dir.deletingLastPathComponent()
        }
        return dir.appendingPathComponent("poserun")
    }

    /// Both pipes read at once (ProcessRunner): reading stdout to its end before stderr hangs as soon as the
    /// program writes more to stderr than a pipe holds (64 KB).
    static func run(_ arguments: [String]) throws -> Result {
        let r = try ProcessRunner.run(url, arguments)
        return Result(status: r.status, stdout: r.stdoutText, stderr: r.stderrText)
    }
}
