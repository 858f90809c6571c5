import PoseRunReport

/// A piece of HTML that is safe to send: the only way to put text into a page.
///
/// Why a type and not strings: every value interpolated into an `HTML` literal is escaped unless it is
/// itself `HTML`, so forgetting to escape a name (an athlete called `<script>`) does not compile into a
/// hole — it compiles into `&lt;script&gt;`. The literal parts are the program's own markup and are kept
/// as written. There is no way to make `HTML` from a runtime `String` without escaping it, except
/// `HTML(trusted:)`, which is for markup the program builds itself (the static CSS link, say).
public struct HTML: Sendable, Equatable, CustomStringConvertible, ExpressibleByStringInterpolation {
    public private(set) var rendered: String

    public var description: String { rendered }

    /// Markup the program wrote itself; never a value that came from a request or the database.
    public init(trusted markup: String) { rendered = markup }

    /// Text shown as text: escaped.
    public init(text: String) { rendered = HTML.escape(text) }

    public init(stringLiteral value: String) { rendered = value }

    public init(stringInterpolation: StringInterpolation) { rendered = stringInterpolation.rendered }

    public struct StringInterpolation: StringInterpolationProtocol {
        var rendered = ""

        public init(literalCapacity: Int, interpolationCount: Int) {
            rendered.reserveCapacity(literalCapacity + interpolationCount * 16)
        }

        public mutating func appendLiteral(_ literal: String) { rendered += literal }

        /// Text: escaped (also safe inside a double- or single-quoted attribute).
        public mutating func appendInterpolation(_ text: String) { rendered += HTML.escape(text) }

        /// Markup already made safe.
        public mutating func appendInterpolation(_ html: HTML) { rendered += html.rendered }

        /// A list of markup, in order.
        public mutating func appendInterpolation(_ parts: [HTML]) {
            for part in parts { rendered += part.rendered }
        }

        /// A number, as Swift writes it (no markup can come of it).
        public mutating func appendInterpolation<N: Numeric & CustomStringConvertible>(_ number: N) {
            rendered += HTML.escape(number.description)
        }

        /// An optional value: nothing when absent.
        public mutating func appendInterpolation(_ text: String?) {
            if let text { rendered += HTML.escape(text) }
        }
    }

    /// Escapes the five characters that can end text or an attribute value: `& < > " '` (the report's
    /// escaping, one definition for both).
    public static func escape(_ text: String) -> String { HTMLText.escape(text) }

    /// Joins pieces of markup.
    public static func join(_ parts: [HTML], separator: HTML = "") -> HTML {
        HTML(trusted: parts.map(\.rendered).joined(separator: separator.rendered))
    }
}
