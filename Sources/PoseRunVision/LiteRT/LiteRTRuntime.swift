import CLiteRT
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The LiteRT shared library, opened at run time, with every function PoseRun calls looked up once.
///
/// Opened with `dlopen` from the model cache rather than linked, so that building and the rest of
/// the test suite work on a machine where `scripts/setup-models.sh` has not run. Immutable after
/// `init` (a handle and C function pointers), hence `Sendable`: share one across tasks. The
/// library is never closed: its XNNPACK thread pools may outlive any one model.
public final class LiteRTRuntime: @unchecked Sendable {
    /// The file that was opened.
    public let libraryPath: String

    let createEnvironment: LiteRtCreateEnvironmentFn
    let destroyEnvironment: LiteRtDestroyEnvironmentFn
    let createModelFromFile: LiteRtCreateModelFromFileFn
    let destroyModel: LiteRtDestroyModelFn
    let getNumModelSignatures: LiteRtGetNumModelSignaturesFn
    let getModelSignature: LiteRtGetModelSignatureFn
    let getNumSignatureInputs: LiteRtGetNumSignatureInputsFn
    let getNumSignatureOutputs: LiteRtGetNumSignatureOutputsFn
    let getSignatureInputName: LiteRtGetSignatureInputNameFn
    let getSignatureOutputName: LiteRtGetSignatureOutputNameFn
    let getSignatureInputTensorByIndex: LiteRtGetSignatureInputTensorByIndexFn
    let getSignatureOutputTensorByIndex: LiteRtGetSignatureOutputTensorByIndexFn
    let getRankedTensorType: LiteRtGetRankedTensorTypeFn
    let createOptions: LiteRtCreateOptionsFn
    let destroyOptions: LiteRtDestroyOptionsFn
    let setOptionsHardwareAccelerators: LiteRtSetOptionsHardwareAcceleratorsFn
    let createOpaqueOptions: LiteRtCreateOpaqueOptionsFn
    let destroyOpaqueOptions: LiteRtDestroyOpaqueOptionsFn
    let addOpaqueOptions: LiteRtAddOpaqueOptionsFn
    let createCompiledModel: LiteRtCreateCompiledModelFn
    let destroyCompiledModel: LiteRtDestroyCompiledModelFn
    let getInputBufferRequirements: LiteRtGetCompiledModelInputBufferRequirementsFn
    let getOutputBufferRequirements: LiteRtGetCompiledModelOutputBufferRequirementsFn
    let getRequirementsBufferSize: LiteRtGetTensorBufferRequirementsBufferSizeFn
    let runCompiledModel: LiteRtRunCompiledModelFn
    let createTensorBufferFromHostMemory: LiteRtCreateTensorBufferFromHostMemoryFn
    let destroyTensorBuffer: LiteRtDestroyTensorBufferFn
    let getTensorBufferPackedSize: LiteRtGetTensorBufferPackedSizeFn
    let lockTensorBuffer: LiteRtLockTensorBufferFn
    let unlockTensorBuffer: LiteRtUnlockTensorBufferFn

    /// Opens the library at `path` and looks up every function, or explains what is wrong.
    public init(libraryPath path: String) throws(LiteRTError) {
        guard FileManager.default.fileExists(atPath: path) else { throw .runtimeMissing(path: path) }
        // RTLD_LOCAL: keep LiteRT's many C++ symbols out of the global namespace.
        guard let handle = dlopen(path, RTLD_NOW | RTLD_LOCAL) else {
            let reason = dlerror().map { String(cString: $0) } ?? "unknown dlopen error"
            throw .runtimeUnloadable(path: path, reason: reason)
        }
        func symbol<F>(_ name: String, as type: F.Type) throws(LiteRTError) -> F {
            guard let pointer = dlsym(handle, name) else { throw .symbolMissing(name: name, path: path) }
            return unsafeBitCast(pointer, to: F.self)
        }
        libraryPath = path
        createEnvironment = try symbol("LiteRtCreateEnvironment", as: LiteRtCreateEnvironmentFn.self)
        destroyEnvironment = try symbol("LiteRtDestroyEnvironment", as: LiteRtDestroyEnvironmentFn.self)
        createModelFromFile = try symbol("LiteRtCreateModelFromFile", as: LiteRtCreateModelFromFileFn.self)
        destroyModel = try symbol("LiteRtDestroyModel", as: LiteRtDestroyModelFn.self)
        getNumModelSignatures = try symbol("LiteRtGetNumModelSignatures", as: LiteRtGetNumModelSignaturesFn.self)
        getModelSignature = try symbol("LiteRtGetModelSignature", as: LiteRtGetModelSignatureFn.self)
        getNumSignatureInputs = try symbol("LiteRtGetNumSignatureInputs", as: LiteRtGetNumSignatureInputsFn.self)
        getNumSignatureOutputs = try symbol("LiteRtGetNumSignatureOutputs", as: LiteRtGetNumSignatureOutputsFn.self)
        getSignatureInputName = try symbol("LiteRtGetSignatureInputName", as: LiteRtGetSignatureInputNameFn.self)
        getSignatureOutputName = try symbol("LiteRtGetSignatureOutputName", as: LiteRtGetSignatureOutputNameFn.self)
        getSignatureInputTensorByIndex = try symbol(
            "LiteRtGetSignatureInputTensorByIndex", as: LiteRtGetSignatureInputTensorByIndexFn.self)
        getSignatureOutputTensorByIndex = try symbol(
            "LiteRtGetSignatureOutputTensorByIndex", as: LiteRtGetSignatureOutputTensorByIndexFn.self)
        getRankedTensorType = try symbol("LiteRtGetRankedTensorType", as: LiteRtGetRankedTensorTypeFn.self)
        createOptions = try symbol("LiteRtCreateOptions", as: LiteRtCreateOptionsFn.self)
        destroyOptions = try symbol("LiteRtDestroyOptions", as: LiteRtDestroyOptionsFn.self)
        setOptionsHardwareAccelerators = try symbol(
            "LiteRtSetOptionsHardwareAccelerators", as: LiteRtSetOptionsHardwareAcceleratorsFn.self)
        createOpaqueOptions = try symbol("LiteRtCreateOpaqueOptions", as: LiteRtCreateOpaqueOptionsFn.self)
        destroyOpaqueOptions = try symbol("LiteRtDestroyOpaqueOptions", as: LiteRtDestroyOpaqueOptionsFn.self)
        addOpaqueOptions = try symbol("LiteRtAddOpaqueOptions", as: LiteRtAddOpaqueOptionsFn.self)
        createCompiledModel = try symbol("LiteRtCreateCompiledModel", as: LiteRtCreateCompiledModelFn.self)
        destroyCompiledModel = try symbol("LiteRtDestroyCompiledModel", as: LiteRtDestroyCompiledModelFn.self)
        getInputBufferRequirements = try symbol(
            "LiteRtGetCompiledModelInputBufferRequirements", as: LiteRtGetCompiledModelInputBufferRequirementsFn.self)
        getOutputBufferRequirements = try symbol(
            "LiteRtGetCompiledModelOutputBufferRequirements", as: LiteRtGetCompiledModelOutputBufferRequirementsFn.self)
        getRequirementsBufferSize = try symbol(
            "LiteRtGetTensorBufferRequirementsBufferSize", as: LiteRtGetTensorBufferRequirementsBufferSizeFn.self)
        runCompiledModel = try symbol("LiteRtRunCompiledModel", as: LiteRtRunCompiledModelFn.self)
        createTensorBufferFromHostMemory = try symbol(
            "LiteRtCreateTensorBufferFromHostMemory", as: LiteRtCreateTensorBufferFromHostMemoryFn.self)
        destroyTensorBuffer = try symbol("LiteRtDestroyTensorBuffer", as: LiteRtDestroyTensorBufferFn.self)
        getTensorBufferPackedSize = try symbol(
            "LiteRtGetTensorBufferPackedSize", as: LiteRtGetTensorBufferPackedSizeFn.self)
        lockTensorBuffer = try symbol("LiteRtLockTensorBuffer", as: LiteRtLockTensorBufferFn.self)
        unlockTensorBuffer = try symbol("LiteRtUnlockTensorBuffer", as: LiteRtUnlockTensorBufferFn.self)
    }

    private static let cacheLock = NSLock()
    nonisolated(unsafe) private static var opened: [String: LiteRTRuntime] = [:]

    /// The runtime in a model cache folder, opened once per process and then shared.
    public static func shared(in cache: ModelCache = .standard()) throws(LiteRTError) -> LiteRTRuntime {
        let path = cache.runtimeLibrary.path
        cacheLock.lock()
        defer { cacheLock.unlock() }
        if let runtime = opened[path] { return runtime }
        let runtime = try LiteRTRuntime(libraryPath: path)
        opened[path] = runtime
        return runtime
    }

    /// Throws a readable error when a call did not return ok.
    func check(_ code: LiteRtStatus, _ call: String, _ context: @autoclosure () -> String) throws(LiteRTError) {
        guard code != 0 else { return }
        throw .callFailed(call: call, status: LiteRTStatus(code: code), context: context())
    }
}
