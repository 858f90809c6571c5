import Foundation

/// Finds a key written twice in one JSON object. Foundation's decoders keep one of the two silently, so a
/// file edited by hand (or by a buggy exporter) could be read with a value its author did not mean; every
/// JSON reader of PoseRun asks this first and reports the key and its line instead.
///
/// A single pass over the bytes, without building the document: a malformed file is left to the decoder's
/// own error (this returns `nil` for what it cannot follow).
enum JSONDuplicateKeys {
    struct Duplicate: Sendable, Hashable {
        var key: String
        /// 1-based line of the second occurrence.
        var line: Int
    }

    static func first(in data: Data) -> Duplicate? {
        data.withUnsafeBytes { raw -> Duplicate? in
            let bytes = raw.bindMemory(to: UInt8.self)
            // One entry per open container; an array's key set stays empty and it never expects a key.
            // (Parallel arrays, mutated in place: a set held inside an enum would be copied on every insert.)
            var keys: [Set<String>] = []
            var expectingKey: [Bool] = []
            var isObject: [Bool] = []
            var line = 1
            var i = 0
            let n = bytes.count
            while i < n {
                let byte = bytes[i]
                switch byte {
                case UInt8(ascii: "\""):
                    // The string runs to the next quote not escaped by a backslash.
                    let start = i + 1
                    var j = start
                    var escaped = false
                    while j < n, bytes[j] != UInt8(ascii: "\"") {
                        if bytes[j] == UInt8(ascii: "\\") { escaped = true; j += 1 }
                        if j < n, bytes[j] == UInt8(ascii: "\n") { line += 1 }
                        j += 1
                    }
                    guard j < n else { return nil }
                    if let top = isObject.indices.last, isObject[top], expectingKey[top] {
                        let literal = UnsafeBufferPointer(rebasing: bytes[start..<j])
                        guard let key = escaped ? unescaped(literal) : String(decoding: literal, as: UTF8.self) else { return nil }
                        if !keys[top].insert(key).inserted { return Duplicate(key: key, line: line) }
                        expectingKey[top] = false
                    }
                    i = j
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    keys.append([])
                    expectingKey.append(byte == UInt8(ascii: "{"))
                    isObject.append(byte == UInt8(ascii: "{"))
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    if !isObject.isEmpty { keys.removeLast(); expectingKey.removeLast(); isObject.removeLast() }
                case UInt8(ascii: ","):
                    if let top = isObject.indices.last, isObject[top] { expectingKey[top] = true }
                case UInt8(ascii: "\n"):
                    line += 1
                default:
                    break
                }
                i += 1
            }
            return nil
        }
    }

    /// A key with escapes (`\"`, `\u0061`…) as the decoder reads it, so that "a" and "\u0061" are one key.
    private static func unescaped(_ literal: UnsafeBufferPointer<UInt8>) -> String? {
        let quoted = Data([UInt8(ascii: "\"")] + Array(literal) + [UInt8(ascii: "\"")])
        return try? JSONDecoder().decode(String.self, from: quoted)
    }

    /// The reader's error for a duplicate, worded the same in every JSON reader.
    static func problem(_ duplicate: Duplicate) -> (location: String, problem: String, remedy: String) {
        ("line \(duplicate.line)", "the key \"\(duplicate.key.prefix(80))\" appears twice in one object",
         "keep one of them: which one a reader would use is not defined")
    }
}
