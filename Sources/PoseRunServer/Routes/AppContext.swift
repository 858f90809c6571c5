import Foundation
public import Hummingbird
import NIOCore

/// The request context of the web app: who is signed in, and the form the request posted.
///
/// The session middleware fills `coach` and `loginSession` from the cookie; the CSRF middleware fills `form`
/// once it has checked the form's token. Handlers read them and never parse cookies or check tokens themselves.
public struct AppContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The signed-in coach, if any.
    public var coach: Coach?
    /// The sign-in this request came with, if any: its CSRF token is the one every form must carry.
    public var loginSession: LoginSession?
    /// The fields of a URL-encoded POST, present only after its CSRF token matched.
    public var form: FormFields?
    /// The client's address (without the port), for the sign-in rate limit; "unknown" in router tests.
    public let clientAddress: String

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        clientAddress = source.channel.remoteAddress?.ipAddress ?? "unknown"
    }

    /// Forms are small; uploads are streamed by their own handler, not collected, so this bounds forms only.
    public var maxUploadSize: Int { FormFields.maxBytes }
}

/// The fields of an `application/x-www-form-urlencoded` body, by name.
public struct FormFields: Sendable, Equatable {
    /// A form's body at most (64 KiB): an athlete's notes fit many times over.
    public static let maxBytes = 64 * 1024

    public private(set) var values: [String: [String]] = [:]

    public init(values: [String: [String]]) {
        self.values = values
    }

    /// Parses `a=1&b=two+words&c=%3C`: `+` is a space, `%XX` a byte of UTF-8. A malformed escape is kept as written.
    public init(urlEncoded body: String) {
        for pair in body.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = Self.decode(parts[0])
            let value = parts.count > 1 ? Self.decode(parts[1]) : ""
            values[name, default: []].append(value)
        }
    }

    /// The field's first value, if sent.
    public subscript(_ name: String) -> String? { values[name]?.first }

    /// The field's value with surrounding spaces removed; empty when not sent.
    public func text(_ name: String) -> String {
        (self[name] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func decode(_ part: Substring) -> String {
        let spaced = part.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }
}
