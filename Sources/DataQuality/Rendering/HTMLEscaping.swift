/// Escaping of text from the data for HTML, following the OWASP Cross Site Scripting Prevention Cheat Sheet
/// (rule 1, HTML element content, and rule 2, quoted attribute values): `&` `<` `>` `"` `'` become character
/// references, so data can neither open a tag, nor close an element (`</style>`, `</script>`, `</title>`), nor
/// leave a quoted attribute.
///
/// Why our own: the listed HTML library (JohnSundell/Plot 0.14) escapes only `&`, `<` and `>` (its
/// `String+Escaping.swift`), which is not safe in attribute values, and a template engine would move the whole
/// layout into templates. Ten lines with a test per character are easier to trust.
///
/// Besides, controls that HTML forbids (U+0000-U+0008, U+000B, U+000E-U+001F, U+007F-U+009F) and
/// noncharacters are written as U+FFFD, so the page stays well-formed; line feeds, tabs and CR stay.
enum HTMLEscaping {
    /// `text` safe inside an element or a double- or single-quoted attribute value.
    /// - Complexity: O(n) in the length of `text`.
    static func escape(_ text: String) -> String {
        var output = ""
        output.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"": output += "&quot;"
            case "'": output += "&#39;"
            case "\t", "\n", "\r": output.unicodeScalars.append(scalar)
            default:
                let value = scalar.value
                let isControl = value < 0x20 || (value >= 0x7F && value <= 0x9F)
                let isNoncharacter = (value >= 0xFDD0 && value <= 0xFDEF) || value & 0xFFFE == 0xFFFE
                output.unicodeScalars.append(isControl || isNoncharacter ? "\u{FFFD}" : scalar)
            }
        }
        return output
    }
}
