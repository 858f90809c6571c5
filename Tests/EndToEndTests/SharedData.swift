import Foundation

/// Where ../shared/data is, and whether it is here (tests that need it skip visibly without it).
enum SharedData {
    static var root: URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("shared/data")
    }
    static var mocap: URL { root.appendingPathComponent("mocap") }
    static var isAvailable: Bool { FileManager.default.fileExists(atPath: mocap.path) }
}

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

    static func run(_ arguments: [String]) throws -> Result {
        let p = Process()
        p.executableURL = url
        p.arguments = arguments
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Result(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }
}
