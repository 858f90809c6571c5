import Foundation

/// Where the members of a JSON document's top-level object lie, and the elements of one of its arrays, found
/// by skipping over the bytes without decoding them.
///
/// Why: Foundation's `JSONDecoder` first maps the whole document, some 3.7 bytes of map per byte of JSON, so
/// the keypoints of a 30-minute clip (71 MB) took a 263 MB map before a frame was decoded. With the pieces'
/// byte ranges a reader decodes the small members at once and a long array a slice at a time, each with
/// `JSONDecoder`, which still checks every value. The skipping checks only the structure between the pieces
/// (brackets, commas, colons, string quotes); a document it cannot split is left to `JSONDecoder` whole, which
/// says what is wrong with it.
enum JSONPieces {
    /// A JSON array of the pieces at `ranges` of `bytes`, for `JSONDecoder` to decode on their own.
    static func array(of ranges: some Collection<Range<Int>>, in bytes: UnsafeRawBufferPointer) -> Data {
        var json = Data("[".utf8)
        for (k, range) in ranges.enumerated() {
            if k > 0 { json.append(UInt8(ascii: ",")) }
            json.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[range]))
        }
        json.append(UInt8(ascii: "]"))
        return json
    }

    /// A top-level member: its key as written (between the quotes, escapes not undone) and its value's bytes.
    struct Member: Sendable, Hashable {
        var key: [UInt8]
        var value: Range<Int>
    }

    /// The members of the top-level object in `bytes`, in order; nil when the bytes are not one object (or are
    /// cut short, or something other than white space follows it).
    static func members(of bytes: UnsafeBufferPointer<UInt8>) -> [Member]? {
        var i = skipSpace(bytes, from: 0)
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { i = skipSpace(bytes, from: 3) }
        guard i < bytes.count, bytes[i] == UInt8(ascii: "{") else { return nil }
        i = skipSpace(bytes, from: i + 1)
        var members: [Member] = []
        if i < bytes.count, bytes[i] == UInt8(ascii: "}") {
            return skipSpace(bytes, from: i + 1) == bytes.count ? members : nil
        }
        while true {
            guard i < bytes.count, bytes[i] == UInt8(ascii: "\""), let keyEnd = endOfString(bytes, from: i) else { return nil }
            let key = Array(bytes[(i + 1)..<(keyEnd - 1)])
            i = skipSpace(bytes, from: keyEnd)
            guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { return nil }
            let start = skipSpace(bytes, from: i + 1)
            guard let end = endOfValue(bytes, from: start) else { return nil }
            members.append(Member(key: key, value: start..<end))
            i = skipSpace(bytes, from: end)
            guard i < bytes.count else { return nil }
            if bytes[i] == UInt8(ascii: "}") { break }
            guard bytes[i] == UInt8(ascii: ",") else { return nil }
            i = skipSpace(bytes, from: i + 1)
        }
        return skipSpace(bytes, from: i + 1) == bytes.count ? members : nil
    }

    /// The elements of the array whose bytes are `range`; nil when it is not an array.
    static func elements(ofArray range: Range<Int>, in bytes: UnsafeBufferPointer<UInt8>) -> [Range<Int>]? {
        guard range.lowerBound < range.upperBound, range.upperBound <= bytes.count,
              bytes[range.lowerBound] == UInt8(ascii: "["), bytes[range.upperBound - 1] == UInt8(ascii: "]") else { return nil }
        var i = skipSpace(bytes, from: range.lowerBound + 1)
        var elements: [Range<Int>] = []
        if i == range.upperBound - 1 { return elements }
        while i < range.upperBound {
            guard let end = endOfValue(bytes, from: i), end < range.upperBound else { return nil }
            elements.append(i..<end)
            i = skipSpace(bytes, from: end)
            if i == range.upperBound - 1 { return elements }
            guard i < range.upperBound, bytes[i] == UInt8(ascii: ",") else { return nil }
            i = skipSpace(bytes, from: i + 1)
        }
        return nil
    }

    /// JSON's white space: space, tab, line feed, carriage return.
    static func skipSpace(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var i = start
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0A || bytes[i] == 0x0D { i += 1 }
        return i
    }

    /// Just past the closing quote of the string opening at `start`; nil when it never closes.
    static func endOfString(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        var i = start + 1
        while i < bytes.count {
            switch bytes[i] {
            case UInt8(ascii: "\\"): i += 2
            case UInt8(ascii: "\""): return i + 1
            default: i += 1
            }
        }
        return nil
    }

    /// Just past the value starting at `start` (string, object, array, or a number or literal, which runs to the
    /// next delimiter); nil when it is cut short or its brackets do not pair.
    static func endOfValue(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard start < bytes.count else { return nil }
        switch bytes[start] {
        case UInt8(ascii: "\""):
            return endOfString(bytes, from: start)
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            var closers: [UInt8] = []
            var i = start
            while i < bytes.count {
                switch bytes[i] {
                case UInt8(ascii: "\""):
                    guard let end = endOfString(bytes, from: i) else { return nil }
                    i = end
                    continue
                case UInt8(ascii: "{"): closers.append(UInt8(ascii: "}"))
                case UInt8(ascii: "["): closers.append(UInt8(ascii: "]"))
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    guard closers.popLast() == bytes[i] else { return nil }
                    if closers.isEmpty { return i + 1 }
                default: break
                }
                i += 1
            }
            return nil
        case UInt8(ascii: ","), UInt8(ascii: "]"), UInt8(ascii: "}"), UInt8(ascii: ":"):
            return nil
        default:
            var i = start
            while i < bytes.count {
                switch bytes[i] {
                case UInt8(ascii: ","), UInt8(ascii: "]"), UInt8(ascii: "}"), 0x20, 0x09, 0x0A, 0x0D: return i
                default: i += 1
                }
            }
            return i
        }
    }
}
