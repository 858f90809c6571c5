/// What can go wrong loading LiteRT, a model, or running it. Every message names the file and
/// says what to do, because the user sees it when `poserun analyze` cannot read a video.
public enum LiteRTError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `libLiteRt.so` is not in the model cache folder.
    case runtimeMissing(path: String)
    /// dlopen failed for another reason (wrong architecture, damaged file…).
    case runtimeUnloadable(path: String, reason: String)
    /// The library lacks a function PoseRun calls: a different LiteRT version than the pinned one.
    case symbolMissing(name: String, path: String)
    /// A model file is not where it should be.
    case modelMissing(path: String)
    /// A LiteRT call returned a failure status.
    case callFailed(call: String, status: LiteRTStatus, context: String)
    /// The model's tensors are not what PoseRun expects (wrong file in the cache).
    case unexpectedTensor(model: String, detail: String)

    public var description: String {
        switch self {
        case .runtimeMissing(let path):
            return "The LiteRT runtime is missing: \(path) does not exist. "
                + "Run \(ModelCache.setupCommand) once (or set \(ModelCache.environmentVariable) to the folder it filled)."
        case .runtimeUnloadable(let path, let reason):
            return "Could not load the LiteRT runtime \(path): \(reason). "
                + "Delete it and run \(ModelCache.setupCommand) again; it needs Linux x86-64."
        case .symbolMissing(let name, let path):
            return "\(path) has no function \(name): it is not the LiteRT 2.3.0 build PoseRun was written for. "
                + "Delete it and run \(ModelCache.setupCommand) again."
        case .modelMissing(let path):
            return "The pose model is missing: \(path) does not exist. Run \(ModelCache.setupCommand) once."
        case .callFailed(let call, let status, let context):
            return "LiteRT \(call) failed for \(context): \(status)."
        case .unexpectedTensor(let model, let detail):
            return "\(model) is not the expected BlazePose model (\(detail)). "
                + "Delete it and run \(ModelCache.setupCommand) again."
        }
    }
}
