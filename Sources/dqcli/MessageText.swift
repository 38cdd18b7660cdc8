/// Messages on standard error echo file names and option values as given; a control character in one
/// (an escape sequence, a line break) must not act on the terminal or split the message's line.
enum MessageText {
    /// `text` with every control character (C0, DEL, C1) written as a Swift escape: `\t`, `\n`, `\r`, else
    /// `\u{1B}` with the scalar's hexadecimal value; every other character as it is.
    /// - Complexity: O(n) in the Unicode scalars of `text`.
    static func escaped(_ text: String) -> String {
        var output = ""
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x09: output += "\\t"
            case 0x0A: output += "\\n"
            case 0x0D: output += "\\r"
            case 0x00...0x1F, 0x7F...0x9F: output += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            default: output.unicodeScalars.append(scalar)
            }
        }
        return output
    }

    /// An input's name in a message: `standard input` for `-`, else the path as given.
    static func inputName(_ path: String) -> String {
        path == "-" ? "standard input" : path
    }

    /// A message of several lines (ArgumentParser's error and usage lines) with each line escaped.
    static func escapedLines(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { escaped(String($0)) }.joined(
            separator: "\n")
    }
}
