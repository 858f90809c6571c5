import HummingbirdBcrypt

/// Password hashing with bcrypt (hummingbird-auth's `HummingbirdBcrypt`).
///
/// Why bcrypt: it is slow on purpose and salted per password, so a copied database does not give the
/// passwords away cheaply. The cost is a setting so tests can use the minimum (4) and stay fast; a server
/// uses 12 (about a quarter of a second a login in a release build).
public struct Passwords: Sendable {
    public var cost: UInt8

    public static let defaultCost: UInt8 = 12
    static let costs: ClosedRange<UInt8> = 4...31
    /// bcrypt reads only the first 72 bytes; longer passwords are refused rather than silently cut.
    public static let maxBytes = 72

    public init(cost: UInt8 = Passwords.defaultCost) {
        self.cost = min(max(cost, Self.costs.lowerBound), Self.costs.upperBound)
    }

    public func hash(_ password: String) -> String {
        Bcrypt.hash(password, cost: cost)
    }

    /// Whether `password` matches `hash`. A password over 72 bytes never matches.
    public func verify(_ password: String, hash: String) -> Bool {
        guard password.utf8.count <= Self.maxBytes, !password.isEmpty else { return false }
        return Bcrypt.verify(password, hash: hash)
    }
}
