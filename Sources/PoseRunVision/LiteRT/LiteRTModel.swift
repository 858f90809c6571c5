import CLiteRT
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The name and shape of a model input or output.
public struct TensorDescription: Sendable, Hashable, CustomStringConvertible {
    public var name: String
    public var shape: [Int]

    public init(name: String, shape: [Int]) {
        self.name = name
        self.shape = shape
    }

    /// Number of float values.
    public var elementCount: Int { shape.reduce(1, *) }

    public var description: String { "\(name) \(shape.map(String.init).joined(separator: "×"))" }
}

/// One float32 TFLite model compiled for the CPU (XNNPACK), with its own input and output buffers.
///
/// Confined, not `Sendable`: a compiled model and its buffers are mutable state that LiteRT does
/// not lock, so each task or thread makes its own `LiteRTModel` (loading takes 15–30 ms) and
/// the runtime (`LiteRTRuntime`) is what is shared. Everything is released in the order LiteRT
/// requires when the model is deinitialised, or earlier with `close()`.
public final class LiteRTModel {
    /// The model file.
    public let path: String
    /// Inputs of the default signature, in index order.
    public let inputs: [TensorDescription]
    /// Outputs of the default signature, in index order.
    public let outputs: [TensorDescription]
    /// Number of CPU threads XNNPACK uses.
    public let threadCount: Int

    private let runtime: LiteRTRuntime
    private var handles: Handles?

    /// Loads and compiles a model.
    /// - Parameters:
    ///   - threadCount: XNNPACK threads; 2 halves the time on this project's 2-core machines
    ///     when nothing else runs, 1 leaves a core to the video decoder.
    ///   - silencesRuntimeLog: keep TFLite's "INFO: Created … XNNPACK delegate" line off stderr by pointing
    ///     file descriptor 2 at /dev/null while the model compiles. For command-line use: in a process
    ///     where other threads write to stderr meanwhile (a test runner), their lines would be lost too.
    public init(runtime: LiteRTRuntime, modelPath: String, threadCount: Int = 1, silencesRuntimeLog: Bool = false) throws {
        guard FileManager.default.fileExists(atPath: modelPath) else { throw LiteRTError.modelMissing(path: modelPath) }
        self.runtime = runtime
        self.path = modelPath
        self.threadCount = max(1, threadCount)
        let handles = Handles(runtime: runtime)
        let name = (modelPath as NSString).lastPathComponent

        // Environment, with LiteRT's own INFO/WARNING logging silenced.
        var logOption = LiteRtEnvOption(
            tag: Int32(POSERUN_LITERT_ENV_OPTION_MIN_LOGGER_SEVERITY),
            value: LiteRtAny(
                type: Int32(POSERUN_LITERT_ANY_TYPE_INT),
                value: PoseRunLiteRtAnyValue(int_value: Int64(POSERUN_LITERT_LOG_SEVERITY_SILENT))))
        try runtime.check(runtime.createEnvironment(1, &logOption, &handles.environment), "CreateEnvironment", name)

        try runtime.check(
            runtime.createModelFromFile(handles.environment, modelPath, &handles.model), "CreateModelFromFile", modelPath)

        // The default signature (index 0) of a model without signatures.
        var signature: LiteRtSignature?
        try runtime.check(runtime.getModelSignature(handles.model, 0, &signature), "GetModelSignature", name)
        var inputCount: LiteRtParamIndex = 0
        var outputCount: LiteRtParamIndex = 0
        try runtime.check(runtime.getNumSignatureInputs(signature, &inputCount), "GetNumSignatureInputs", name)
        try runtime.check(runtime.getNumSignatureOutputs(signature, &outputCount), "GetNumSignatureOutputs", name)

        var inputTypes: [LiteRtRankedTensorType] = []
        var outputTypes: [LiteRtRankedTensorType] = []
        var inputs: [TensorDescription] = []
        var outputs: [TensorDescription] = []
        for index in 0..<inputCount {
            var cName: UnsafePointer<CChar>?
            var tensor: LiteRtTensor?
            var type = LiteRtRankedTensorType()
            try runtime.check(runtime.getSignatureInputName(signature, index, &cName), "GetSignatureInputName", name)
            try runtime.check(
                runtime.getSignatureInputTensorByIndex(signature, index, &tensor), "GetSignatureInputTensor", name)
            try runtime.check(runtime.getRankedTensorType(tensor, &type), "GetRankedTensorType", name)
            let description = try Self.describe(type, name: cName.map { String(cString: $0) } ?? "input \(index)", model: name)
            inputTypes.append(type)
            inputs.append(description)
        }
        for index in 0..<outputCount {
            var cName: UnsafePointer<CChar>?
            var tensor: LiteRtTensor?
            var type = LiteRtRankedTensorType()
            try runtime.check(runtime.getSignatureOutputName(signature, index, &cName), "GetSignatureOutputName", name)
            try runtime.check(
                runtime.getSignatureOutputTensorByIndex(signature, index, &tensor), "GetSignatureOutputTensor", name)
            try runtime.check(runtime.getRankedTensorType(tensor, &type), "GetRankedTensorType", name)
            let description = try Self.describe(type, name: cName.map { String(cString: $0) } ?? "output \(index)", model: name)
            outputTypes.append(type)
            outputs.append(description)
        }
        self.inputs = inputs
        self.outputs = outputs

        // Options: the CPU accelerator (required), and XNNPACK's thread count as an opaque
        // TOML payload (the CPU option helpers are not exported from the 2.3.0 library).
        try runtime.check(runtime.createOptions(&handles.options), "CreateOptions", name)
        try runtime.check(
            runtime.setOptionsHardwareAccelerators(handles.options, LiteRtHwAcceleratorSet(POSERUN_LITERT_HW_ACCELERATOR_CPU)),
            "SetOptionsHardwareAccelerators", name)
        guard let payload = strdup("num_threads = \(self.threadCount)\n") else {
            throw LiteRTError.callFailed(call: "strdup", status: LiteRTStatus(code: 2), context: name)
        }
        var opaque: LiteRtOpaqueOptions?
        let created = runtime.createOpaqueOptions("xnnpack", payload, { free($0) }, &opaque)
        if created != 0 { free(payload) }
        try runtime.check(created, "CreateOpaqueOptions", name)
        let added = runtime.addOpaqueOptions(handles.options, opaque)
        if added != 0 { runtime.destroyOpaqueOptions(opaque) }  // ownership passes only on success
        try runtime.check(added, "AddOpaqueOptions", name)

        // TFLite's own minimal logger, which the environment option does not reach, prints one
        // "INFO: Created TensorFlow Lite XNNPACK delegate" line here; errors still come back as statuses.
        let compile = { runtime.createCompiledModel(handles.environment, handles.model, handles.options, &handles.compiledModel) }
        let compiled = silencesRuntimeLog ? Self.withStandardErrorSilenced(compile) : compile()
        try runtime.check(compiled, "CreateCompiledModel", name)

        // Host buffers: our own 64-byte aligned memory (LiteRT rejects less), sized from the
        // compiled model's requirements.
        for (index, var type) in inputTypes.enumerated() {
            var requirements: LiteRtTensorBufferRequirements?
            try runtime.check(
                runtime.getInputBufferRequirements(handles.compiledModel, 0, LiteRtParamIndex(index), &requirements),
                "GetCompiledModelInputBufferRequirements", name)
            var size = 0
            try runtime.check(runtime.getRequirementsBufferSize(requirements, &size), "GetBufferSize", name)
            handles.inputBuffers.append(try handles.makeBuffer(type: &type, byteCount: max(size, inputs[index].elementCount * 4), model: name))
        }
        for (index, var type) in outputTypes.enumerated() {
            var requirements: LiteRtTensorBufferRequirements?
            try runtime.check(
                runtime.getOutputBufferRequirements(handles.compiledModel, 0, LiteRtParamIndex(index), &requirements),
                "GetCompiledModelOutputBufferRequirements", name)
            var size = 0
            try runtime.check(runtime.getRequirementsBufferSize(requirements, &size), "GetBufferSize", name)
            handles.outputBuffers.append(try handles.makeBuffer(type: &type, byteCount: max(size, outputs[index].elementCount * 4), model: name))
        }
        self.handles = handles
    }

    private static let stderrSwapLock = NSLock()

    /// Runs `body` with file descriptor 2 pointed at /dev/null, then restores it. Only for the
    /// moment a model is compiled, before any progress output of ours.
    private static func withStandardErrorSilenced<T>(_ body: () -> T) -> T {
        // One at a time: two interleaved swaps could restore the other's /dev/null for good.
        stderrSwapLock.lock()
        defer { stderrSwapLock.unlock() }
        let null = Foundation.open("/dev/null", O_WRONLY)
        let saved = dup(STDERR_FILENO)
        func closeDescriptor(_ fd: Int32) { if fd >= 0 { _ = Foundation.close(fd) } }
        guard null >= 0, saved >= 0 else {
            closeDescriptor(null)
            closeDescriptor(saved)
            return body()
        }
        dup2(null, STDERR_FILENO)
        closeDescriptor(null)
        defer {
            dup2(saved, STDERR_FILENO)
            closeDescriptor(saved)
        }
        return body()
    }

    private static func describe(_ type: LiteRtRankedTensorType, name: String, model: String) throws -> TensorDescription {
        guard type.element_type == Int32(POSERUN_LITERT_ELEMENT_TYPE_FLOAT32) else {
            throw LiteRTError.unexpectedTensor(model: model, detail: "\(name) is not float32")
        }
        var layout = type.layout
        let rank = Int(poserun_litert_layout_rank(&layout))
        let dimensions = withUnsafeBytes(of: layout.dimensions) { Array($0.bindMemory(to: Int32.self).prefix(rank)) }
        guard dimensions.allSatisfy({ $0 > 0 }) else {
            throw LiteRTError.unexpectedTensor(model: model, detail: "\(name) has a dynamic shape")
        }
        return TensorDescription(name: name, shape: dimensions.map(Int.init))
    }

    /// Releases everything now (the same happens on deinit). Later calls throw.
    public func close() {
        handles = nil
    }

    private func liveHandles() throws -> Handles {
        guard let handles else {
            throw LiteRTError.callFailed(call: "use after close", status: LiteRTStatus(code: 1), context: path)
        }
        return handles
    }

    /// Fills input `index` in place: the closure gets the whole float buffer to write.
    public func writeInput(_ index: Int = 0, _ body: (UnsafeMutableBufferPointer<Float>) throws -> Void) throws {
        let handles = try liveHandles()
        precondition(inputs.indices.contains(index), "input index out of range")
        let buffer = handles.inputBuffers[index].buffer
        var address: UnsafeMutableRawPointer?
        try runtime.check(runtime.lockTensorBuffer(buffer, &address, Int32(POSERUN_LITERT_LOCK_WRITE)), "LockTensorBuffer", path)
        defer { _ = runtime.unlockTensorBuffer(buffer) }
        guard let address else { throw LiteRTError.callFailed(call: "LockTensorBuffer", status: LiteRTStatus(code: 3), context: path) }
        let floats = address.bindMemory(to: Float.self, capacity: inputs[index].elementCount)
        try body(UnsafeMutableBufferPointer(start: floats, count: inputs[index].elementCount))
    }

    /// Copies values into input `index`; their count must match the input's element count.
    public func setInput(_ index: Int = 0, _ values: [Float]) throws {
        guard values.count == inputs[index].elementCount else {
            throw LiteRTError.unexpectedTensor(
                model: path, detail: "input \(inputs[index]) needs \(inputs[index].elementCount) values, got \(values.count)")
        }
        try writeInput(index) { destination in
            _ = destination.initialize(from: values)
        }
    }

    /// Runs the model on the current inputs.
    public func run() throws {
        let handles = try liveHandles()
        var inputBuffers: [LiteRtTensorBuffer?] = handles.inputBuffers.map(\.buffer)
        var outputBuffers: [LiteRtTensorBuffer?] = handles.outputBuffers.map(\.buffer)
        let status = inputBuffers.withUnsafeMutableBufferPointer { inputPointer in
            outputBuffers.withUnsafeMutableBufferPointer { outputPointer in
                runtime.runCompiledModel(
                    handles.compiledModel, 0, inputPointer.count, inputPointer.baseAddress,
                    outputPointer.count, outputPointer.baseAddress)
            }
        }
        try runtime.check(status, "RunCompiledModel", path)
    }

    /// Reads output `index` in place.
    public func withOutput<Result>(_ index: Int, _ body: (UnsafeBufferPointer<Float>) throws -> Result) throws -> Result {
        let handles = try liveHandles()
        precondition(outputs.indices.contains(index), "output index out of range")
        let buffer = handles.outputBuffers[index].buffer
        var address: UnsafeMutableRawPointer?
        try runtime.check(runtime.lockTensorBuffer(buffer, &address, Int32(POSERUN_LITERT_LOCK_READ)), "LockTensorBuffer", path)
        defer { _ = runtime.unlockTensorBuffer(buffer) }
        guard let address else { throw LiteRTError.callFailed(call: "LockTensorBuffer", status: LiteRTStatus(code: 3), context: path) }
        let floats = address.bindMemory(to: Float.self, capacity: outputs[index].elementCount)
        return try body(UnsafeBufferPointer(start: floats, count: outputs[index].elementCount))
    }

    /// A copy of output `index`.
    public func output(_ index: Int) throws -> [Float] {
        try withOutput(index) { Array($0) }
    }

    /// The index of the output with this shape, for models whose output order is not documented.
    public func outputIndex(shape: [Int]) -> Int? {
        outputs.firstIndex { $0.shape == shape }
    }
}

/// The LiteRT objects of one model, released in the order LiteRT requires: buffers → compiled
/// model → options → model → environment. A separate class so a half-built model is released too.
private final class Handles {
    struct HostBuffer {
        var buffer: LiteRtTensorBuffer?
        var memory: UnsafeMutableRawPointer
    }

    let runtime: LiteRTRuntime
    var environment: LiteRtEnvironment?
    var model: LiteRtModel?
    var options: LiteRtOptions?
    var compiledModel: LiteRtCompiledModel?
    var inputBuffers: [HostBuffer] = []
    var outputBuffers: [HostBuffer] = []

    /// LiteRT's CPU kernels need 64-byte aligned host memory (4-byte offsets fail with status 3).
    static let alignmentBytes = 64

    init(runtime: LiteRTRuntime) {
        self.runtime = runtime
    }

    func makeBuffer(type: inout LiteRtRankedTensorType, byteCount: Int, model name: String) throws -> HostBuffer {
        let rounded = (byteCount + Self.alignmentBytes - 1) / Self.alignmentBytes * Self.alignmentBytes
        var memory: UnsafeMutableRawPointer?
        guard posix_memalign(&memory, Self.alignmentBytes, rounded) == 0, let memory else {
            throw LiteRTError.callFailed(call: "posix_memalign", status: LiteRTStatus(code: 2), context: name)
        }
        memset(memory, 0, rounded)
        var buffer: LiteRtTensorBuffer?
        let status = runtime.createTensorBufferFromHostMemory(&type, memory, rounded, nil, &buffer)
        if status != 0 {
            free(memory)
            try runtime.check(status, "CreateTensorBufferFromHostMemory", name)
        }
        return HostBuffer(buffer: buffer, memory: memory)
    }

    deinit {
        for host in inputBuffers + outputBuffers {
            if let buffer = host.buffer { runtime.destroyTensorBuffer(buffer) }
            free(host.memory)
        }
        if let compiledModel { runtime.destroyCompiledModel(compiledModel) }
        if let options { runtime.destroyOptions(options) }
        if let model { runtime.destroyModel(model) }
        if let environment { runtime.destroyEnvironment(environment) }
    }
}
