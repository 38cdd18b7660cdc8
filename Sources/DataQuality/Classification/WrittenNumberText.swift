/// Byte tests on a value's text that reading numbers as people write them needs before (or instead of) the
/// ``NumberFormatRecognizer``: trimming, digit counts, and whether a plain decimal can be a grouped integer.
/// Each is O(length) and allocates nothing.
enum WrittenNumberText {
    /// `raw` without leading and trailing ASCII spaces and tabs (the contract's `t`).
    static func trimmed(_ raw: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        var start = 0
        var end = raw.count
        while start < end && (raw[start] == 0x20 || raw[start] == 0x09) { start += 1 }
        while end > start && (raw[end - 1] == 0x20 || raw[end - 1] == 0x09) { end -= 1 }
        return UnsafeRawBufferPointer(rebasing: raw[start..<end])
    }

    /// The ASCII digits of `t`.
    static func digitCount(_ t: UnsafeRawBufferPointer) -> Int {
        t.reduce(0) { $0 + ($1 &- 0x30 < 10 ? 1 : 0) }
    }

    /// The digits of a schema_version 1 decimal before its `.` or exponent.
    static func integerDigitCount(_ t: UnsafeRawBufferPointer) -> Int {
        var count = 0
        for byte in t {
            if byte &- 0x30 < 10 {
                count += 1
            } else if byte != 0x2B && byte != 0x2D {
                break
            }
        }
        return count
    }

    /// Whether a plain integer (`isInteger`) or schema_version 1 decimal fits every grouping: at most three digits
    /// before the mark or exponent.
    static func isGroupingNeutral(_ t: UnsafeRawBufferPointer, isInteger: Bool) -> Bool {
        (isInteger ? digitCount(t) : integerDigitCount(t)) <= 3
    }

    /// Whether a schema_version 1 decimal can be a number under comma-decimal: one `.` with exactly three digits
    /// after it, the last of the value, and no exponent.
    static func mayBeGroupedWithPoints(_ t: UnsafeRawBufferPointer) -> Bool {
        guard let point = t.lastIndex(of: 0x2E) else { return false }
        return t.count - point == 4 && !t.contains { $0 | 0x20 == 0x65 }
    }

    /// Whether `t` may be a number as people write it: it holds a digit, and its other ASCII bytes are among
    /// those a written number uses (spaces, signs, marks, grouping, parentheses, `%`, `$`, an exponent's `e`,
    /// the capitals of an ISO 4217 code); bytes above ASCII (other currency signs and spaces) pass. A cheap test
    /// before the recognizer: an email or a word with a digit fails at its first lowercase letter.
    static func mayBeWrittenNumber(_ t: UnsafeRawBufferPointer) -> Bool {
        var digits = false
        for byte in t {
            if byte &- 0x30 < 10 {
                digits = true
            } else if byte < 0x80 && !allowedBesideDigits[Int(byte)] {
                return false
            }
        }
        return digits
    }

    private static let allowedBesideDigits: [Bool] = (0..<128).map { byte in
        (0x41...0x5A).contains(byte) || Array(" \t.,'-+()%$e".utf8).contains(UInt8(byte))
    }

    /// Whether `t` holds an ASCII digit.
    static func hasDigit(_ t: UnsafeRawBufferPointer) -> Bool {
        t.contains { $0 &- 0x30 < 10 }
    }
}
