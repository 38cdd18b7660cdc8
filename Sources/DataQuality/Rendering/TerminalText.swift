/// Text helpers for terminal output: making data safe to print, measuring it in terminal columns, cutting it
/// to a width. Internal to the renderers.
///
/// Widths follow the usual `wcwidth` rules, simplified: combining marks and zero-width characters take 0
/// columns, East Asian wide and fullwidth characters and most emoji take 2, everything else 1. The rules are
/// a close approximation (no locale, no Unicode tables beyond Swift's own properties); they err on the wide
/// side for emoji, so a line measured here never overflows on a real terminal by more than a rare emoji
/// sequence.
enum TerminalText {
    /// `text` with every character that could move the cursor, break a line or re-order the display made
    /// visible: LF as `⏎`, CR as `␍`, tab as `␉`, other C0 controls and DEL as their control pictures
    /// (`␀`...`␟`, `␡`), C1 controls, line and paragraph separators and format characters (bidi overrides,
    /// zero-width joiners...) as `\u{XXXX}`-style escapes written `\uXXXX`.
    /// - Complexity: O(n) in the Unicode scalars of `text`.
    static func visible(_ text: String) -> String {
        var output = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x0A: output.append("⏎")
            case 0x0D: output.append("␍")
            case 0x00...0x1F: output.append(Unicode.Scalar(0x2400 + scalar.value)!)
            case 0x7F: output.append("␡")
            case 0x80...0x9F: output.append(contentsOf: escape(scalar).unicodeScalars)
            default:
                switch scalar.properties.generalCategory {
                case .format, .lineSeparator, .paragraphSeparator, .surrogate, .privateUse, .unassigned:
                    output.append(contentsOf: escape(scalar).unicodeScalars)
                default:
                    output.append(scalar)
                }
            }
        }
        return String(output)
    }

    private static func escape(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "\\u" + String(repeating: "0", count: Swift.max(0, 4 - hex.count)) + hex
    }

    /// The terminal columns one scalar takes: 0, 1 or 2.
    static func width(of scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if value < 0x20 || (0x7F...0x9F).contains(value) { return 0 }
        if value < 0x7F { return 1 }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        if value == 0x200B || (0x1160...0x11FF).contains(value) { return 0 }  // ZWSP, Hangul medial vowels
        if isWide(value) { return 2 }
        return 1
    }

    private static func isWide(_ value: UInt32) -> Bool {
        switch value {
        case 0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x23E9...0x23EC, 0x23F0, 0x23F3,
            0x25FD...0x25FE, 0x2614...0x2615, 0x2648...0x2653, 0x267F, 0x2693, 0x26A1, 0x26AA...0x26AB,
            0x26BD...0x26BE, 0x26C4...0x26C5, 0x26CE, 0x26D4, 0x26EA, 0x26F2...0x26F3, 0x26F5, 0x26FA, 0x26FD,
            0x2705, 0x270A...0x270B, 0x2728, 0x274C, 0x274E, 0x2753...0x2755, 0x2757, 0x2795...0x2797, 0x27B0,
            0x27BF, 0x2B1B...0x2B1C, 0x2B50, 0x2B55, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF,
            0x4E00...0x9FFF, 0xA000...0xA4CF, 0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF,
            0xFE10...0xFE19, 0xFE30...0xFE6F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x16FE0...0x18CFF,
            0x1B000...0x1B2FF, 0x1F004, 0x1F0CF, 0x1F18E, 0x1F191...0x1F19A, 0x1F200...0x1F2FF,
            0x1F300...0x1F64F, 0x1F680...0x1F6FF, 0x1F7E0...0x1F7EB, 0x1F90C...0x1F9FF, 0x1FA70...0x1FAFF,
            0x20000...0x2FFFD, 0x30000...0x3FFFD:
            return true
        default:
            return false
        }
    }

    /// The terminal columns `text` takes (ANSI escape sequences `ESC [ ... letter` count as 0).
    /// - Complexity: O(n) in the Unicode scalars of `text`.
    static func width(_ text: String) -> Int {
        var total = 0
        var inEscape = false
        var sawBracket = false
        for scalar in text.unicodeScalars {
            if inEscape {
                if !sawBracket {
                    sawBracket = true
                    if scalar != "[" { inEscape = false }
                } else if (0x40...0x7E).contains(scalar.value) {
                    inEscape = false
                }
                continue
            }
            if scalar == "\u{1B}" {
                inEscape = true
                sawBracket = false
                continue
            }
            total += width(of: scalar)
        }
        return total
    }

    /// `text` cut to at most `columns` terminal columns; when cut, its end is replaced by `…` (so the result,
    /// ellipsis included, still fits). Whole grapheme clusters are kept or dropped, never split.
    /// - Parameters:
    ///   - text: plain text without escape sequences (make it ``visible(_:)`` first).
    ///   - columns: the room, in terminal columns; 0 or less gives "".
    /// - Complexity: O(n) in the Unicode scalars of `text`.
    static func truncated(_ text: String, to columns: Int) -> String {
        guard columns > 0 else { return "" }
        if width(text) <= columns { return text }
        var result = ""
        var used = 0
        for character in text {
            let characterWidth = character.unicodeScalars.reduce(0) { $0 + width(of: $1) }
            if used + characterWidth > columns - 1 { break }
            result.append(character)
            used += characterWidth
        }
        return result + "…"
    }

    /// `text` cut from the left to at most `columns` terminal columns, with `…` in front when cut (for paths,
    /// whose end matters most).
    static func truncatedFromStart(_ text: String, to columns: Int) -> String {
        guard columns > 0 else { return "" }
        if width(text) <= columns { return text }
        var kept: [Character] = []
        var used = 0
        for character in text.reversed() {
            let characterWidth = character.unicodeScalars.reduce(0) { $0 + width(of: $1) }
            if used + characterWidth > columns - 1 { break }
            kept.append(character)
            used += characterWidth
        }
        return "…" + String(kept.reversed())
    }

    /// `text` padded with spaces to `columns` terminal columns (cut with `…` when longer), on the right
    /// (`alignRight` false) or on the left.
    static func padded(_ text: String, to columns: Int, alignRight: Bool = false) -> String {
        let cut = truncated(text, to: columns)
        let padding = String(repeating: " ", count: Swift.max(0, columns - width(cut)))
        return alignRight ? padding + cut : cut + padding
    }
}
