/// A JSON value whose objects keep their keys in the order they were built, serialised the way Python's
/// `json.dumps(value, ensure_ascii=False, indent=2, allow_nan=False)` prints it.
///
/// `JSONEncoder` cannot promise a key order, and the report contract's consumers (and its golden files)
/// compare bytes, so the renderers build one of these and serialise it with ``serialized(indent:)``.
/// Internal: the public face is ``JSONReportRenderer``.
enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case integer(Int64)
    /// A binary64 number; NaN and the infinities serialise as `null` (JSON has no spelling for them).
    case number(Double)
    case string(String)
    case array([JSONValue])
    /// Members in output order; keys are not deduplicated.
    case object([(key: String, value: JSONValue)])

    static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case (.bool(let l), .bool(let r)): return l == r
        case (.integer(let l), .integer(let r)): return l == r
        case (.number(let l), .number(let r)): return l.bitPattern == r.bitPattern || l == r
        case (.string(let l), .string(let r)): return l == r
        case (.array(let l), .array(let r)): return l == r
        case (.object(let l), .object(let r)):
            return l.map(\.key) == r.map(\.key) && l.map(\.value) == r.map(\.value)
        default: return false
        }
    }

    /// An integer value.
    static func int(_ value: Int) -> JSONValue { .integer(Int64(value)) }

    /// `value` or `null`.
    static func optional<T>(_ value: T?, _ wrap: (T) -> JSONValue) -> JSONValue {
        value.map(wrap) ?? .null
    }

    /// The text of this value, indented by `indent` spaces per level, without a trailing newline.
    ///
    /// Layout follows Python's `json.dumps(indent=2)`: one member or element per line, `": "` after keys,
    /// `[]` and `{}` for empty containers.
    /// - Complexity: O(n) in the size of the output.
    func serialized(indent: Int = 2) -> String {
        serialized(indent: indent, level: 0)
    }

    /// The text of this value as an element or member `level` containers deep writes it (its first line not
    /// indented, the lines after it indented for that depth), so texts rendered apart can be put together.
    func serialized(indent: Int, level: Int) -> String {
        var output = ByteBuffer(capacity: 4096)
        write(into: &output, level: level, indent: indent)
        return output.withBytes { String(decoding: $0, as: UTF8.self) }
    }

    /// The UTF-8 bytes of ``serialized(indent:level:)``, after `leadingSpaces` spaces: what a caller that puts
    /// many texts together copies once into its own.
    func utf8Text(indent: Int, level: Int, leadingSpaces: Int = 0) -> [UInt8] {
        var output = ByteBuffer(capacity: 4096)
        output.append(UInt8(ascii: " "), repeated: leadingSpaces)
        write(into: &output, level: level, indent: indent)
        return output.withBytes { Array($0) }
    }

    /// Writes the value's UTF-8 text into a byte buffer: a report is thousands of small pieces, and appending
    /// them to bytes costs a fraction of appending them to a `String` (rendering was about half of profiling a
    /// folder of small files). Literals, indentation and runs of text that need no escape are copied whole.
    private func write(into output: inout ByteBuffer, level: Int, indent: Int) {
        switch self {
        case .null:
            output.append("null")
        case .bool(let value):
            output.append(value ? "true" : "false")
        case .integer(let value):
            Self.appendDecimal(value, to: &output)
        case .number(let value):
            Self.appendNumber(value, to: &output)
        case .string(let value):
            JSONValue.appendQuoted(value, to: &output)
        case .array(let elements):
            guard !elements.isEmpty else {
                output.append("[]")
                return
            }
            output.append(UInt8(ascii: "["))
            for (position, element) in elements.enumerated() {
                if position > 0 { output.append(UInt8(ascii: ",")) }
                Self.appendLineBreak(to: &output, spaces: (level + 1) * indent)
                element.write(into: &output, level: level + 1, indent: indent)
            }
            Self.appendLineBreak(to: &output, spaces: level * indent)
            output.append(UInt8(ascii: "]"))
        case .object(let members):
            guard !members.isEmpty else {
                output.append("{}")
                return
            }
            output.append(UInt8(ascii: "{"))
            for (position, member) in members.enumerated() {
                if position > 0 { output.append(UInt8(ascii: ",")) }
                Self.appendLineBreak(to: &output, spaces: (level + 1) * indent)
                JSONValue.appendQuoted(member.key, to: &output)
                output.append(": ")
                member.value.write(into: &output, level: level + 1, indent: indent)
            }
            Self.appendLineBreak(to: &output, spaces: level * indent)
            output.append(UInt8(ascii: "}"))
        }
    }

    /// Appends a line feed and `spaces` spaces.
    private static func appendLineBreak(to output: inout ByteBuffer, spaces: Int) {
        output.append(UInt8(ascii: "\n"))
        output.append(UInt8(ascii: " "), repeated: spaces)
    }

    /// Appends the decimal digits of `value` (with `-` when negative), as `String(value)` writes them.
    private static func appendDecimal(_ value: Int64, to output: inout ByteBuffer) {
        if value < 0 { output.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        let start = output.count
        repeat {
            output.append(UInt8(ascii: "0") + UInt8(magnitude % 10))
            magnitude /= 10
        } while magnitude > 0
        output.reverseBytes(from: start)
    }

    /// Appends `value` as ``format(_:)`` writes it, without the intermediate strings in the common case (a
    /// finite value in the positional range).
    private static func appendNumber(_ value: Double, to output: inout ByteBuffer) {
        let magnitude = value.magnitude
        if magnitude >= 1e-4, magnitude < 1e16 {
            var digits = magnitude.description
            let isPositional = digits.withUTF8 { digits in
                guard !digits.contains(UInt8(ascii: "e")) else { return false }
                if value.sign == .minus { output.append(UInt8(ascii: "-")) }
                output.append(digits)
                return true
            }
            if isPositional { return }
        }
        var text = format(value)
        text.withUTF8 { output.append($0) }
    }

    /// Appends `text` as a JSON string literal: `"` and `\` escaped, control characters U+0000...U+001F as
    /// `\b \f \n \r \t` or `\u00XX`, everything else (non-ASCII included, U+007F included) as itself, like
    /// Python's `ensure_ascii=False`.
    /// - Complexity: O(n) in the UTF-8 bytes of `text`.
    static func appendQuoted(_ text: String, to output: inout ByteBuffer) {
        output.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { bytes in
            var runStart = 0
            for index in bytes.indices {
                let byte = bytes[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                output.append(UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                runStart = index + 1
                appendEscape(of: byte, to: &output)
            }
            output.append(UnsafeBufferPointer(rebasing: bytes[runStart...]))
        }
        output.append(UInt8(ascii: "\""))
    }

    /// Appends the escape of a byte a JSON string cannot hold as itself: `"`, `\` or a control character.
    private static func appendEscape(of byte: UInt8, to output: inout ByteBuffer) {
        switch byte {
        case UInt8(ascii: "\""): output.append("\\\"")
        case UInt8(ascii: "\\"): output.append("\\\\")
        case UInt8(ascii: "\n"): output.append("\\n")
        case UInt8(ascii: "\r"): output.append("\\r")
        case UInt8(ascii: "\t"): output.append("\\t")
        case 0x08: output.append("\\b")
        case 0x0C: output.append("\\f")
        default:
            output.append("\\u00")
            output.append((byte >> 4) + UInt8(ascii: "0"))
            let low = byte & 0x0F
            output.append(low < 10 ? UInt8(ascii: "0") + low : UInt8(ascii: "a") + low - 10)
        }
    }

    /// `text` as a JSON string literal (see ``appendQuoted(_:to:)``).
    static func quoted(_ text: String) -> String {
        var output = ByteBuffer(capacity: text.utf8.count + 2)
        appendQuoted(text, to: &output)
        return output.withBytes { String(decoding: $0, as: UTF8.self) }
    }

    /// Formats a binary64 as Python's `repr(float)` does: the shortest digits that read back to the same
    /// value; positional notation for decimal exponents -4...15 (`0.0001`, `1e+16` is the first exponential
    /// one), with `.0` on integral values (`1.0`, `-0.0`); otherwise `d.ddde±XX` with at least two exponent
    /// digits (`1e-05`, `1.5e+300`). NaN and the infinities give `null`.
    /// - Complexity: O(1) (at most 17 significant digits).
    static func format(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        let sign = value.sign == .minus ? "-" : ""
        if value == 0 { return sign + "0.0" }
        // Swift's description gives the shortest round-trip digits; take them apart and lay them out again.
        let text = value.magnitude.description
        // In Python's positional range Swift's positional text is Python's (`0.0001`, `100.0`, `2.5`): most
        // numbers of a report need no laying out (checked against the general path on 5 million doubles).
        if value.magnitude >= 1e-4, value.magnitude < 1e16, !text.utf8.contains(UInt8(ascii: "e")) {
            return sign + text
        }
        var mantissa = Substring(text)
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = text[..<e]
            exponent = Int(text[text.index(after: e)...]) ?? 0
        }
        var digits = ""
        var pointPosition = mantissa.count  // digits before the decimal point
        for (offset, character) in mantissa.enumerated() {
            if character == "." {
                pointPosition = offset
            } else {
                digits.append(character)
            }
        }
        // Value = 0.digits x 10^(pointPosition + exponent); strip leading zeros (moving the point) and
        // trailing zeros.
        var decimalExponent = pointPosition + exponent
        while digits.first == "0" {
            digits.removeFirst()
            decimalExponent -= 1
        }
        while digits.last == "0" { digits.removeLast() }
        if digits.isEmpty { return sign + "0.0" }
        // Python's repr: scientific when the exponent of the leading digit (decimalExponent - 1) is < -4
        // or >= 16.
        let leadExponent = decimalExponent - 1
        if leadExponent < -4 || leadExponent >= 16 {
            var result = sign + String(digits.first!)
            if digits.count > 1 { result += "." + digits.dropFirst() }
            let magnitude = String(abs(leadExponent))
            result += "e" + (leadExponent < 0 ? "-" : "+")
            result += (magnitude.count < 2 ? "0" : "") + magnitude
            return result
        }
        if decimalExponent <= 0 {
            return sign + "0." + String(repeating: "0", count: -decimalExponent) + digits
        }
        if digits.count <= decimalExponent {
            return sign + digits + String(repeating: "0", count: decimalExponent - digits.count) + ".0"
        }
        let split = digits.index(digits.startIndex, offsetBy: decimalExponent)
        return sign + digits[..<split] + "." + digits[split...]
    }
}
