import Foundation

/// Bounds-checked reading of C3D words in the file's own processor format.
///
/// Every read checks its range first, so a truncated or corrupt file becomes a `C3DReadError`
/// naming the section and byte offset, never a crash.
struct C3DBytes: Sendable {
    let bytes: [UInt8]
    let fileName: String
    var processor: C3DProcessorType = .intel

    var count: Int { bytes.count }

    func error(_ section: C3DReadError.Section, _ offset: Int?, _ problem: String) -> C3DReadError {
        C3DReadError(fileName: fileName, section: section, byteOffset: offset, problem: problem)
    }

    func check(_ offset: Int, _ length: Int, _ section: C3DReadError.Section) throws(C3DReadError) {
        guard offset >= 0, length >= 0, offset <= bytes.count, length <= bytes.count - offset else {
            throw error(section, offset, "the file ends at byte \(bytes.count) but \(length) more byte(s) were expected here; the file is truncated or its header/parameters are corrupt")
        }
    }

    func uint8(at offset: Int, _ section: C3DReadError.Section) throws(C3DReadError) -> UInt8 {
        try check(offset, 1, section)
        return bytes[offset]
    }

    func int8(at offset: Int, _ section: C3DReadError.Section) throws(C3DReadError) -> Int8 {
        Int8(bitPattern: try uint8(at: offset, section))
    }

    func uint16(at offset: Int, _ section: C3DReadError.Section) throws(C3DReadError) -> UInt16 {
        try check(offset, 2, section)
        return uncheckedUInt16(at: offset)
    }

    func int16(at offset: Int, _ section: C3DReadError.Section) throws(C3DReadError) -> Int16 {
        Int16(bitPattern: try uint16(at: offset, section))
    }

    func float(at offset: Int, _ section: C3DReadError.Section) throws(C3DReadError) -> Double {
        try check(offset, 4, section)
        return uncheckedFloat(at: offset)
    }

    func string(at offset: Int, length: Int, _ section: C3DReadError.Section) throws(C3DReadError) -> String {
        try check(offset, length, section)
        return C3DBytes.text(bytes[offset..<(offset + length)])
    }

    /// A 16-bit word; the caller has checked the range.
    func uncheckedUInt16(at offset: Int) -> UInt16 {
        let low = UInt16(bytes[offset]), high = UInt16(bytes[offset + 1])
        return processor == .mips ? (low << 8 | high) : (high << 8 | low)
    }

    /// A 32-bit float as a Double; the caller has checked the range.
    func uncheckedFloat(at offset: Int) -> Double {
        let b0 = UInt32(bytes[offset]), b1 = UInt32(bytes[offset + 1])
        let b2 = UInt32(bytes[offset + 2]), b3 = UInt32(bytes[offset + 3])
        switch processor {
        case .intel:
            return Double(Float(bitPattern: b3 << 24 | b2 << 16 | b1 << 8 | b0))
        case .mips:
            return Double(Float(bitPattern: b0 << 24 | b1 << 16 | b2 << 8 | b3))
        case .dec:
            // VAX F-floating is two little-endian 16-bit words, the first holding sign, exponent and
            // the high fraction bits: the IEEE bit layout with the words swapped.
            return C3DBytes.vaxFloat(bits: (b1 << 24 | b0 << 16 | b3 << 8 | b2))
        }
    }

    /// Decodes VAX F-floating bits (already word-swapped into sign|exponent|fraction order).
    ///
    /// VAX puts the binary point before the hidden bit (0.1f × 2^(e−128)) where IEEE puts it after
    /// (1.f × 2^(e−127)), so the same bits are worth a quarter of the IEEE value. Exponent 0 means
    /// zero (or, with the sign bit, a reserved operand, read as NaN); there are no infinities.
    static func vaxFloat(bits: UInt32) -> Double {
        let sign = bits >> 31
        let exponent = Int((bits >> 23) & 0xFF)
        let fraction = Double(bits & 0x7F_FFFF)
        if exponent == 0 { return sign == 0 ? 0 : .nan }
        let magnitude = (1 + fraction / 8_388_608) * pow2(exponent - 129)
        return sign == 0 ? magnitude : -magnitude
    }

    private static func pow2(_ exponent: Int) -> Double {
        Double(sign: .plus, exponent: exponent, significand: 1)
    }

    /// Text from C3D characters: cut at the first NUL, padding spaces trimmed from both ends,
    /// non-UTF-8 bytes replaced.
    static func text(_ slice: ArraySlice<UInt8>) -> String {
        let withoutNul = slice.prefix { $0 != 0 }
        return String(decoding: withoutNul, as: UTF8.self).trimmingCharacters(in: .whitespaces)
    }
}
