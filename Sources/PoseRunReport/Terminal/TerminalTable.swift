/// A table for the terminal: columns sized to their widest cell (in screen columns), each cell
/// coloured after padding so colour codes never upset the alignment.
public struct TerminalTable: Sendable {
    /// One cell: its plain text and an optional ANSI colour applied around it.
    public struct Cell: Sendable, Hashable {
        public var text: String
        /// An SGR code (31 red, 32 green, 33 yellow, 90 grey, 1 bold), or `nil` for none.
        public var colour: Int?

        public init(_ text: String, colour: Int? = nil) {
            self.text = text
            self.colour = colour
        }
    }

    public var header: [String]
    public var alignments: [TerminalText.Alignment]
    public var rows: [[Cell]]
    /// Longest a cell may be before it is cut with "…" (per column; `nil` for no limit).
    public var maximumWidths: [Int?]

    public init(header: [String], alignments: [TerminalText.Alignment], rows: [[Cell]] = [], maximumWidths: [Int?] = []) {
        self.header = header
        self.alignments = alignments
        self.rows = rows
        self.maximumWidths = maximumWidths
    }

    /// The lines of the table, indented by `indent` spaces, two spaces between columns.
    public func render(useColour: Bool, indent: Int = 2) -> [String] {
        let columns = header.count
        func limit(_ text: String, _ column: Int) -> String {
            guard column < maximumWidths.count, let max = maximumWidths[column] else { return text }
            return TerminalText.truncate(text, to: max)
        }
        var widths = header.enumerated().map { TerminalText.displayWidth(limit($0.element, $0.offset)) }
        for row in rows {
            for (c, cell) in row.prefix(columns).enumerated() {
                widths[c] = max(widths[c], TerminalText.displayWidth(limit(cell.text, c)))
            }
        }
        func alignment(_ c: Int) -> TerminalText.Alignment { c < alignments.count ? alignments[c] : .left }
        let margin = String(repeating: " ", count: indent)
        func line(_ cells: [Cell]) -> String {
            var parts: [String] = []
            for c in 0..<columns {
                let cell = c < cells.count ? cells[c] : Cell("")
                // The last left-aligned column needs no trailing spaces.
                let padded = c == columns - 1 && alignment(c) == .left
                    ? limit(cell.text, c) : TerminalText.pad(limit(cell.text, c), to: widths[c], alignment(c))
                parts.append(ANSI.wrap(padded, cell.colour, enabled: useColour))
            }
            var text = margin + parts.joined(separator: "  ")
            // An empty last cell would leave trailing spaces.
            while text.hasSuffix(" ") { text.removeLast() }
            return text
        }
        var lines = [line(header.map { Cell($0, colour: 1) })]
        lines += rows.map(line)
        return lines
    }
}

/// ANSI Select Graphic Rendition codes, only when asked.
enum ANSI {
    static func wrap(_ text: String, _ code: Int?, enabled: Bool) -> String {
        guard enabled, let code, !text.isEmpty else { return text }
        return "\u{1B}[\(code)m\(text)\u{1B}[0m"
    }
}
