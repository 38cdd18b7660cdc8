/// Reads one value as a number as people write it, from its bytes (the contract's "Numbers" rule, and the
/// integer and decimal entries of its "Types" rule).
///
/// Input: a value's bytes after the contract's trimming (leading and trailing ASCII spaces and tabs removed), not
/// null, as UTF-8. Output: a ``RecognizedNumber`` (integer or decimal, its value, its ``NumberFormat``, whether it is
/// grouping-neutral) or nil when the value is no number under the convention. The grammar, in order: an optional
/// sign, an optional prefix unit, an optional sign (when none stood before the unit), the digits, a `-` directly
/// after them, an optional suffix unit; at most one unit and one sign; at most one U+0020, U+00A0 or U+202F between a
/// unit and the digits; the whole in parentheses for a negative number without a sign. The digits are `0`,
/// `[1-9][0-9]*` or `[1-9][0-9]{0,2}(G[0-9]{3})+` with one separator G, then the decimal mark and digits. Under
/// point-decimal the schema_version 1 forms also hold (`.5`, `5.`, exponents), and `[+-]?(inf|infinity)` is a
/// decimal under both conventions. Leading zeros (`0123`, `01,5`) make no number.
///
/// The value is taken by the ``ValueClassifier``'s number reading (Clinger's fast path, else `strtod`) from the
/// digits copied without grouping, the mark written as `.`. No `String` is built and nothing is allocated per
/// call: the copy goes to a scratch buffer that grows only when a longer value arrives. O(n) in the value's
/// length. Not thread-safe: one recognizer per thread, like the classifier.
final class NumberFormatRecognizer {
    private let classifier = ValueClassifier(nullTokens: [])
    @exclusivity(unchecked) private var scratch: UnsafeMutablePointer<UInt8>
    @exclusivity(unchecked) private var scratchCapacity = 64

    init() {
        scratch = UnsafeMutablePointer<UInt8>.allocate(capacity: scratchCapacity)
    }

    deinit {
        scratch.deallocate()
    }

    /// `t` read as a number under `convention`, or nil when it is none. O(n).
    func recognize(_ t: UnsafeRawBufferPointer, convention: DecimalConvention) -> RecognizedNumber? {
        let bytes = t.bindMemory(to: UInt8.self)
        guard !bytes.isEmpty else { return nil }
        if let sign = infinitySign(bytes) {
            return RecognizedNumber(
                isInteger: false, value: sign * .infinity, format: NumberFormat(), isGroupingNeutral: true)
        }
        if let number = writtenNumber(bytes, convention: convention) { return number }
        if convention == .pointDecimal { return plainNumber(bytes) }
        return nil
    }

    /// The convention `t` needs: the one under which it is a number when it is none under the other; nil when it
    /// is a number under both (`1,234`, `640`) or neither. Two readings, O(n).
    func conventionNeeded(by t: UnsafeRawBufferPointer) -> DecimalConvention? {
        let underPoint = recognize(t, convention: .pointDecimal) != nil
        let underComma = recognize(t, convention: .commaDecimal) != nil
        if underPoint == underComma { return nil }
        return underPoint ? .pointDecimal : .commaDecimal
    }

    // MARK: - Reading

    /// The sign (1 or -1) of `[+-]?(inf|infinity)` in any case, as the classifier reads it; nil for anything else.
    private func infinitySign(_ t: UnsafeBufferPointer<UInt8>) -> Double? {
        let start = Self.isSign(t, at: 0, end: t.count) ? 1 : 0
        // Only an infinity starts with `i` among the classifier's numbers.
        guard start < t.count && t[start] | 0x20 == 0x69,
            classifier.classify(UnsafeRawBufferPointer(t)).valueClass == ValueClass.nonFiniteDecimal
        else { return nil }
        return t[0] == 0x2D ? -1 : 1
    }

    /// The grammar with units, grouping, trailing minus and parentheses.
    private func writtenNumber(_ t: UnsafeBufferPointer<UInt8>, convention: DecimalConvention) -> RecognizedNumber? {
        let parenthesised = t.count > 2 && t[0] == 0x28 && t[t.count - 1] == 0x29
        var index = parenthesised ? 1 : 0
        let end = parenthesised ? t.count - 1 : t.count
        var signs = 0
        var negative = parenthesised
        if Self.isSign(t, at: index, end: end) {
            signs = 1
            negative = t[index] == 0x2D
            index += 1
        }
        var unit: PlacedUnit?
        if let prefix = Self.unit(t, at: index, end: end), prefix.unit != .percent {
            unit = PlacedUnit(unit: prefix.unit, place: .prefix)
            index += prefix.length
            index += Self.unitSpaceLength(t, at: index, end: end)
            if signs == 0 && Self.isSign(t, at: index, end: end) {
                signs = 1
                negative = t[index] == 0x2D
                index += 1
            }
        }
        guard let digits = readDigits(t, from: index, end: end, convention: convention) else { return nil }
        index = digits.end
        if index < end && t[index] == 0x2D {
            signs += 1
            negative = true
            index += 1
        }
        if unit == nil && index < end {
            index += Self.unitSpaceLength(t, at: index, end: end)
            guard let suffix = Self.unit(t, at: index, end: end) else { return nil }
            unit = PlacedUnit(unit: suffix.unit, place: .suffix)
            index += suffix.length
        }
        guard index == end && signs <= (parenthesised ? 0 : 1) else { return nil }
        let value = convert(
            t, integer: digits.integerStart..<digits.integerEnd, fraction: digits.fraction, negative: negative)
        let isGroupingNeutral = digits.grouping == nil && digits.integerEnd - digits.integerStart <= 3
        return RecognizedNumber(
            isInteger: digits.fraction == nil, value: value,
            format: NumberFormat(unit: unit, grouping: digits.grouping),
            isGroupingNeutral: isGroupingNeutral)
    }

    /// The digits at `start`: an integer part (`0`, ungrouped, or grouped with one separator), then optionally the
    /// convention's mark and one or more digits. `end` is where the digits stop being read.
    private func readDigits(
        _ t: UnsafeBufferPointer<UInt8>, from start: Int, end: Int, convention: DecimalConvention
    ) -> (integerStart: Int, integerEnd: Int, grouping: GroupingSeparator?, fraction: Range<Int>?, end: Int)? {
        var index = start
        while index < end && t[index] &- 0x30 < 10 { index += 1 }
        let run = index - start
        guard run > 0 && (run == 1 || t[start] != 0x30) else { return nil }
        var grouping: GroupingSeparator?
        if run <= 3 && t[start] != 0x30 {
            // Groups of three digits after one separator, as many as follow.
            while let next = Self.groupingSeparator(t, at: index, end: end, convention),
                grouping == nil || next.separator == grouping, index + next.length + 3 <= end,
                t[index + next.length] &- 0x30 < 10, t[index + next.length + 1] &- 0x30 < 10,
                t[index + next.length + 2] &- 0x30 < 10
            {
                index += next.length + 3
                grouping = next.separator
            }
        }
        let integerEnd = index
        var fraction: Range<Int>?
        if index < end && t[index] == convention.markByte {
            let fractionStart = index + 1
            index = fractionStart
            while index < end && t[index] &- 0x30 < 10 { index += 1 }
            guard index > fractionStart else { return nil }
            fraction = fractionStart..<index
        }
        return (start, integerEnd, grouping, fraction, index)
    }

    /// The schema_version 1 forms under point-decimal, without a unit: `[+-]?(0|[1-9][0-9]*)(\.[0-9]*)?` or
    /// `[+-]?\.[0-9]+`, then an optional exponent, as the classifier reads them.
    private func plainNumber(_ t: UnsafeBufferPointer<UInt8>) -> RecognizedNumber? {
        // Only digits, one `.`, `e` or `E`, and signs first or after the exponent's letter reach the classifier,
        // whose date, datetime and time readings are not wanted here.
        var points = 0
        for (index, byte) in t.enumerated() where byte &- 0x30 >= 10 && byte | 0x20 != 0x65 {
            if byte == 0x2E {
                points += 1
            } else if !(byte == 0x2B || byte == 0x2D) || (index > 0 && t[index - 1] | 0x20 != 0x65) {
                return nil
            }
        }
        guard points <= 1 else { return nil }
        let info = classifier.classify(UnsafeRawBufferPointer(t))
        let isInteger: Bool
        switch info.valueClass {
        case ValueClass.finiteInteger, ValueClass.nonFiniteInteger: isInteger = true
        case ValueClass.finiteDecimal, ValueClass.nonFiniteDecimal: isInteger = false
        default: return nil
        }
        let finite = info.valueClass == ValueClass.finiteInteger || info.valueClass == ValueClass.finiteDecimal
        let value = finite ? info.number : (t[0] == 0x2D ? -Double.infinity : .infinity)
        var integerStart = Self.isSign(t, at: 0, end: t.count) ? 1 : 0
        let signEnd = integerStart
        while integerStart < t.count && t[integerStart] &- 0x30 < 10 { integerStart += 1 }
        return RecognizedNumber(
            isInteger: isInteger, value: value, format: NumberFormat(), isGroupingNeutral: integerStart - signEnd <= 3)
    }

    /// The nearest binary64 of the digits in `integer` (grouping separators skipped) and `fraction`: the digits
    /// are copied as `-?[0-9]+(\.[0-9]+)?` to the scratch buffer and read by the classifier. The infinity of the
    /// sign when beyond binary64's range.
    private func convert(_ t: UnsafeBufferPointer<UInt8>, integer: Range<Int>, fraction: Range<Int>?, negative: Bool)
        -> Double
    {
        let needed = 2 + integer.count + (fraction?.count ?? 0)
        if needed > scratchCapacity {
            scratch.deallocate()
            scratchCapacity = max(needed, 2 * scratchCapacity)
            scratch = UnsafeMutablePointer<UInt8>.allocate(capacity: scratchCapacity)
        }
        var length = 0
        if negative {
            scratch[0] = 0x2D
            length = 1
        }
        for index in integer where t[index] &- 0x30 < 10 {
            scratch[length] = t[index]
            length += 1
        }
        if let fraction {
            scratch[length] = 0x2E
            length += 1
            for index in fraction {
                scratch[length] = t[index]
                length += 1
            }
        }
        let info = classifier.classify(UnsafeRawBufferPointer(start: scratch, count: length))
        switch info.valueClass {
        case ValueClass.finiteInteger, ValueClass.finiteDecimal: return info.number
        default: return negative ? -.infinity : .infinity
        }
    }

    // MARK: - Signs, units and separators

    /// Whether `+` or `-` stands at `index`, before `end`.
    private static func isSign(_ t: UnsafeBufferPointer<UInt8>, at index: Int, end: Int) -> Bool {
        index < end && (t[index] == 0x2B || t[index] == 0x2D)
    }

    /// The unit at `index` ending at or before `end`, and its length in bytes: `%`, `$`, `€`, `£`, `¥`, `₹`, or an
    /// ISO 4217 code of the contract's list.
    private static func unit(_ t: UnsafeBufferPointer<UInt8>, at index: Int, end: Int) -> (
        unit: NumberUnit, length: Int
    )? {
        guard index < end else { return nil }
        switch t[index] {
        case 0x25: return (.percent, 1)
        case 0x24: return (.dollarSign, 1)
        case 0xC2 where index + 1 < end && t[index + 1] == 0xA3: return (.poundSign, 2)
        case 0xC2 where index + 1 < end && t[index + 1] == 0xA5: return (.yenSign, 2)
        case 0xE2 where index + 2 < end && t[index + 1] == 0x82 && t[index + 2] == 0xAC: return (.euroSign, 3)
        case 0xE2 where index + 2 < end && t[index + 1] == 0x82 && t[index + 2] == 0xB9: return (.rupeeSign, 3)
        case 0x41...0x5A where index + 2 < end:
            let code = UInt32(t[index]) << 16 | UInt32(t[index + 1]) << 8 | UInt32(t[index + 2])
            guard let unit = isoCode(code) else { return nil }
            return (unit, 3)
        default: return nil
        }
    }

    /// The ISO 4217 code whose three ASCII letters, big-endian, make `code` (`EUR` is 0x455552).
    private static func isoCode(_ code: UInt32) -> NumberUnit? {
        switch code {
        case 0x55_5344: return .usd
        case 0x45_5552: return .eur
        case 0x47_4250: return .gbp
        case 0x4A_5059: return .jpy
        case 0x43_4846: return .chf
        case 0x43_4E59: return .cny
        case 0x49_4E52: return .inr
        case 0x43_4144: return .cad
        case 0x41_5544: return .aud
        case 0x4E_5A44: return .nzd
        case 0x53_454B: return .sek
        case 0x4E_4F4B: return .nok
        case 0x44_4B4B: return .dkk
        case 0x50_4C4E: return .pln
        case 0x43_5A4B: return .czk
        case 0x48_5546: return .huf
        case 0x42_524C: return .brl
        case 0x4D_584E: return .mxn
        case 0x5A_4152: return .zar
        case 0x54_5259: return .try
        case 0x4B_5257: return .krw
        case 0x53_4744: return .sgd
        case 0x48_4B44: return .hkd
        default: return nil
        }
    }

    /// The length of a space allowed between a unit and the digits at `index` (U+0020, U+00A0, U+202F), 0 when
    /// none stands there.
    private static func unitSpaceLength(_ t: UnsafeBufferPointer<UInt8>, at index: Int, end: Int) -> Int {
        guard index < end else { return 0 }
        if t[index] == 0x20 { return 1 }
        if t[index] == 0xC2 && index + 1 < end && t[index + 1] == 0xA0 { return 2 }
        if t[index] == 0xE2 && index + 2 < end && t[index + 1] == 0x80 && t[index + 2] == 0xAF { return 3 }
        return 0
    }

    /// The grouping separator of `convention` at `index`, and its length in bytes.
    private static func groupingSeparator(
        _ t: UnsafeBufferPointer<UInt8>, at index: Int, end: Int, _ convention: DecimalConvention
    ) -> (separator: GroupingSeparator, length: Int)? {
        guard index < end else { return nil }
        switch t[index] {
        case 0x2C where convention == .pointDecimal: return (.comma, 1)
        case 0x2E where convention == .commaDecimal: return (.point, 1)
        case 0x20: return (.space, 1)
        case 0x27: return (.apostrophe, 1)
        case 0xC2 where index + 1 < end && t[index + 1] == 0xA0: return (.noBreakSpace, 2)
        case 0xE2 where index + 2 < end && t[index + 1] == 0x80 && t[index + 2] == 0xAF:
            return (.narrowNoBreakSpace, 3)
        case 0xE2 where index + 2 < end && t[index + 1] == 0x80 && t[index + 2] == 0x99:
            return (.rightSingleQuotationMark, 3)
        default: return nil
        }
    }
}
