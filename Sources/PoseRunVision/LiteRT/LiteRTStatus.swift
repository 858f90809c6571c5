/// A LiteRT status code with a readable meaning.
///
/// `LiteRtGetStatusString` is not exported by the 2.3.0 library, so the codes of
/// `litert/c/litert_common.h` (LiteRtStatus) are mapped here.
public struct LiteRTStatus: Sendable, Hashable, CustomStringConvertible {
    public var code: Int32

    public init(code: Int32) {
        self.code = code
    }

    public static let ok = LiteRTStatus(code: 0)

    public var isOK: Bool { code == 0 }

    /// The meaning of the code, in words.
    public var meaning: String {
        switch code {
        case 0: return "ok"
        case 1: return "invalid argument"
        case 2: return "memory allocation failure"
        case 3: return "runtime failure"
        case 4: return "missing input tensor"
        case 5: return "unsupported"
        case 6: return "not found"
        case 7: return "timeout expired"
        case 8: return "wrong version"
        case 9: return "unknown error"
        case 10: return "already exists"
        case 100: return "cancelled"
        case 500: return "file I/O error"
        case 501: return "invalid flatbuffer (not a .tflite model, or a damaged one)"
        case 502: return "dynamic loading failed"
        case 503: return "serialization error"
        case 504: return "compilation failed"
        case 1000: return "index out of bounds"
        case 1001: return "invalid IR type"
        case 1002: return "invalid graph invariant"
        case 1003: return "graph modification error"
        case 1500: return "invalid tool configuration"
        case 2000: return "legalization found no match"
        case 2001: return "invalid legalization"
        case 3000: return "pattern found no match"
        case 3001: return "invalid transformation"
        case 4000: return "unsupported runtime version"
        case 4001: return "unsupported compiler version"
        case 4002: return "incompatible byte code version"
        case 5000: return "unsupported operation for shape inference"
        case 5001: return "shape inference failed"
        default: return "unknown status"
        }
    }

    public var description: String { "\(meaning) (status \(code))" }
}
