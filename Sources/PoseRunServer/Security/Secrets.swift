import Crypto
import Foundation

/// Random tokens and passwords, and comparing secrets.
///
/// Why `SystemRandomNumberGenerator`: it is the operating system's cryptographic generator (`getrandom` on
/// Linux, `arc4random` on Darwin), so a session token or a one-time password cannot be guessed from others.
public enum Secrets {
    /// `byteCount` random bytes as lowercase hex: valid in a cookie and a form field, nothing to escape.
    public static func token(byteCount: Int = 32) -> String {
        var generator = SystemRandomNumberGenerator()
        var out = ""
        out.reserveCapacity(byteCount * 2)
        let digits = Array("0123456789abcdef")
        for _ in 0..<byteCount {
            let byte = UInt8.random(in: 0...255, using: &generator)
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return out
    }

    /// What the store keeps of a sign-in token: its SHA-256, in hex. Why: a copy of the database (a backup,
    /// a stolen disk) then holds no cookie that signs anyone in; the token itself has 256 random bits, so
    /// the hash needs no salt or slow hashing to be unguessable.
    public static func digest(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }

    /// Letters and digits a person copies without mistakes (no 0/O, 1/l/I).
    static let passwordAlphabet = Array("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")

    /// A one-time password: 20 characters of a 57-letter alphabet, about 117 bits.
    public static func password(length: Int = 20) -> String {
        var generator = SystemRandomNumberGenerator()
        return String((0..<length).map { _ in passwordAlphabet[Int.random(in: 0..<passwordAlphabet.count, using: &generator)] })
    }

    /// Compares two secrets in time that depends on their lengths only, not on where they first differ, so
    /// a CSRF token cannot be found a character at a time by timing.
    public static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for i in 0..<x.count { difference |= x[i] ^ y[i] }
        return difference == 0
    }
}
