/// Text measured and padded as a terminal shows it: by columns on screen, not bytes or code points,
/// so "°", "±" and "—" (several bytes in UTF-8) take one column and ANSI colour codes take none.
public enum TerminalText {
    /// Columns the text takes on a terminal: one per character, two for East Asian wide characters
    /// and emoji, none for ANSI escape sequences.
    public static func displayWidth(_ text: String) -> Int {
        var width = 0
        var inEscape = false
        for character in text {
            if inEscape {
                // CSI sequences end with a letter (`m` for colours).
                if character.isLetter { inEscape = false }
                continue
            }
            if character == "\u{1B}" {
                inEscape = true
                continue
            }
            guard let scalar = character.unicodeScalars.first else { continue }
            width += isWide(scalar.value) ? 2 : 1
        }
        return width
    }

    /// Unicode's East Asian Wide and Fullwidth blocks, and the emoji planes (the common cases, not the full table).
    static func isWide(_ value: UInt32) -> Bool {
        switch value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
             0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6,
             0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD:
            return true
        default:
            return false
        }
    }

    /// How a column's cells line up.
    public enum Alignment: Sendable {
        case left, right
    }

    /// The text padded with spaces to `width` columns (never cut).
    public static func pad(_ text: String, to width: Int, _ alignment: Alignment = .left) -> String {
        let gap = max(0, width - displayWidth(text))
        let spaces = String(repeating: " ", count: gap)
        return alignment == .left ? text + spaces : spaces + text
    }

    /// Text cut to at most `width` columns, with "…" where it was cut.
    public static func truncate(_ text: String, to width: Int) -> String {
        guard displayWidth(text) > width, width > 0 else { return text }
        var out = ""
        for character in text {
            if displayWidth(out + String(character)) > width - 1 { break }
            out.append(character)
        }
        return out + "…"
    }
}
