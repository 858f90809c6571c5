import Foundation

#if FUZZING
// Built by scripts/fuzz.sh with -sanitize=fuzzer,address -DFUZZING: libFuzzer supplies main and calls
// these; POSERUN_FUZZ_TARGET names the target.
nonisolated(unsafe) var selectedTarget = ""

@_cdecl("LLVMFuzzerInitialize")
public func fuzzerInitialize(_ argc: UnsafeMutablePointer<Int32>?, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>?) -> Int32 {
    selectedTarget = ProcessInfo.processInfo.environment["POSERUN_FUZZ_TARGET"] ?? ""
    guard FuzzTargets.names.contains(selectedTarget) else {
        FileHandle.standardError.write(Data("set POSERUN_FUZZ_TARGET to one of: \(FuzzTargets.names.joined(separator: ", "))\n".utf8))
        exit(2)
    }
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzerTestOneInput(_ bytes: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let data = bytes.map { Data(bytes: $0, count: size) } ?? Data()
    FuzzTargets.run(selectedTarget, data)
    return 0
}

/// libFuzzer's driver, for an executable whose `main` SwiftPM renames to `poserun_fuzz_main`.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<Int32>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32) -> Int32

@_cdecl("poserun_fuzz_main")
public func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    var count = argc
    var vector = argv
    _ = fuzzerInitialize(nil, nil)
    return LLVMFuzzerRunDriver(&count, &vector, { bytes, size in fuzzerTestOneInput(bytes, size) })
}
#else
/// Without libFuzzer: replays files through a target (`poserun-fuzz TARGET FILE…`), so a corpus or a
/// crash case can be re-run in an ordinary build and in the test suite.
@main
struct Replay {
    static func main() {
        let args = Array(CommandLine.arguments.dropFirst())
        guard let target = args.first, FuzzTargets.names.contains(target) else {
            print("usage: poserun-fuzz TARGET FILE…   (targets: \(FuzzTargets.names.joined(separator: ", ")))")
            exit(2)
        }
        var count = 0
        for path in args.dropFirst() {
            var isDirectory: ObjCBool = false
            FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
            let files = isDirectory.boolValue
                ? ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted().map { path + "/" + $0 } : [path]
            for file in files {
                guard let data = FileManager.default.contents(atPath: file) else { continue }
                FuzzTargets.run(target, data)
                count += 1
            }
        }
        print("\(target): \(count) inputs replayed, none crashed")
    }
}
#endif
