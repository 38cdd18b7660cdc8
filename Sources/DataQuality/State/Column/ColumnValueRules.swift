/// The value-level rules of one column, as the profiler applies them: each non-null value is checked against
/// allowed values, pattern, number or date range, length and format, and a value that breaks any of them does
/// not conform. A `type` rule replaces the inferred column type (``typeOverride``).
///
/// Values are checked once per distinct value while the column's exact ``ValueTable`` holds them (in
/// ``settle(tally:table:classifier:variants:dayFirst:convention:conformsWhenClean:)``, weighted by counts, with
/// each value's first line; the value is classified again there, since the table keeps only part of what is
/// learnt), and once per occurrence after the column switches to sketches (``observeStreaming(_:_:line:dayFirst:)``),
/// so the cost is one check per distinct value in the common case. A number range judges a value as the column
/// reads its numbers (its convention, grouping, unit, trailing minus, parentheses: `1.234,50` is 1234.5 in a
/// comma-decimal column); on the streaming path, where the convention is not known yet, it is judged under both
/// (``ValueRuleTally/commaDecimal``).
///
/// State: ``tally`` (mergeable; see ``ValueRuleTally``). The checks themselves are immutable.
final class ColumnValueRules {
    /// One value-level check and the rule name its findings carry.
    enum Check {
        case allowedValues(Set<[UInt8]>)
        case pattern(RulePattern)
        case numberRange(RuleRange<Double>)
        case dateRange(RuleRange<Int64>)
        case length(RuleRange<Int>)
        case format(String)
        /// A number format and the convention its name implies.
        case numberFormat(NumberFormat, DecimalConvention)
        case unit(NumberUnit)

        var ruleName: String {
            switch self {
            case .allowedValues: "allowed_values"
            case .pattern: "pattern"
            case .numberRange, .dateRange: "range"
            case .length: "length"
            case .format: "date_format"
            case .numberFormat: "number_format"
            case .unit: "unit"
            }
        }
    }

    /// The column type the rule file imposes, if any.
    let typeOverride: ColumnType?
    let checks: [Check]
    /// Violations seen on the streaming path (after the switch to sketches).
    @exclusivity(unchecked) var tally: ValueRuleTally

    /// The value rules of `rules`, or `nil` when it has none.
    init?(_ rules: ColumnRules) {
        guard rules.hasValueRules else { return nil }
        typeOverride = rules.type?.value
        var checks: [Check] = []
        if let allowed = rules.allowedValues {
            checks.append(.allowedValues(Set(allowed.value.map { Array($0.utf8) })))
        }
        if let pattern = rules.pattern { checks.append(.pattern(pattern.value)) }
        if let range = rules.numberRange { checks.append(.numberRange(range.value)) }
        if let range = rules.dateRange { checks.append(.dateRange(range.value.seconds)) }
        if let length = rules.length { checks.append(.length(length.value)) }
        if let format = rules.dateFormat { checks.append(.format(format.value)) }
        if let format = rules.numberFormat, let named = NumberFormat.named[format.value] {
            checks.append(.numberFormat(named.format, named.convention))
        }
        if let unit = rules.unit, let known = NumberUnit(rawValue: unit.value) { checks.append(.unit(known)) }
        self.checks = checks
        tally = ValueRuleTally(ruleCount: checks.count, judgesNumberRange: rules.numberRange != nil)
    }

    /// A bit per check (bit i for `checks[i]`) that `raw` breaks; 0 when it breaks none.
    ///
    /// Ranges judge only values that are finite numbers under `convention` (read as the column reads them: plain
    /// integers and decimals, and numbers as people write them, ``NumberFormatRecognizer``) or dates and
    /// datetimes; the format rule judges only values that have a format (booleans, dates, datetimes, times); the number
    /// format rule only numbers under its format's decimal mark, the unit rule only numbers (under either
    /// convention). Anything else is the type rule's business.
    /// - Complexity: O(value length), plus the regular expression's cost.
    func brokenChecks(_ raw: UnsafeRawBufferPointer, _ info: ValueInfo, dayFirst: Bool, convention: DecimalConvention)
        -> UInt32
    {
        var mask: UInt32 = 0
        let t = UnsafeRawBufferPointer(rebasing: raw[info.trimmedStart..<(info.trimmedStart + info.trimmedCount)])
        for (index, check) in checks.enumerated() {
            let broken: Bool
            switch check {
            case .allowedValues(let values):
                broken = !values.contains(Array(raw))
            case .pattern(let pattern):
                broken = !pattern.matches(String(decoding: raw, as: UTF8.self))
            case .numberRange(let range):
                broken = Self.finiteNumber(t, info, convention: convention).map { !range.contains($0) } ?? false
            case .dateRange(let range):
                broken = ValueFormats.seconds(of: info, dayFirst: dayFirst).map { !range.contains($0) } ?? false
            case .length(let range):
                broken = !range.contains(info.scalarLength)
            case .format(let name):
                broken = ValueFormats.name(of: info.valueClass, dayFirst: dayFirst).map { $0 != name } ?? false
            case .numberFormat(let format, let convention):
                broken = NumberFormatRecognizer().recognize(t, convention: convention).map { !$0.isIn(format) } ?? false
            case .unit(let unit):
                let recognizer = NumberFormatRecognizer()
                let number =
                    recognizer.recognize(t, convention: .pointDecimal)
                    ?? recognizer.recognize(t, convention: .commaDecimal)
                broken = number.map { $0.format.unit?.unit != unit } ?? false
            }
            if broken { mask |= 1 << UInt32(index) }
        }
        return mask
    }

    /// The finite number `t` (a value's trimmed bytes, classified as `info`) reads as under `convention`; nil for
    /// a value that is no finite number there. Plain integers and decimals take the classifier's reading (a
    /// plain decimal under comma-decimal only as a grouped integer such as `1.234`), strings with a digit the
    /// recognizer's. O(length of `t`).
    static func finiteNumber(_ t: UnsafeRawBufferPointer, _ info: ValueInfo, convention: DecimalConvention) -> Double? {
        switch info.valueClass {
        case ValueClass.finiteInteger:
            return info.number
        case ValueClass.finiteDecimal where convention == .pointDecimal:
            return info.number
        case ValueClass.string, ValueClass.finiteDecimal:
            guard WrittenNumberText.hasDigit(t),
                let number = NumberFormatRecognizer().recognize(t, convention: convention), number.isFinite
            else { return nil }
            return number.value
        default:
            return nil
        }
    }

    /// `mask` (the checks a value breaks under point-decimal) with the number range judged under comma-decimal.
    private func commaDecimalMask(_ mask: UInt32, _ raw: UnsafeRawBufferPointer, _ info: ValueInfo) -> UInt32 {
        guard let index = checks.firstIndex(where: { if case .numberRange = $0 { true } else { false } }),
            case .numberRange(let range) = checks[index]
        else { return mask }
        let t = UnsafeRawBufferPointer(rebasing: raw[info.trimmedStart..<(info.trimmedStart + info.trimmedCount)])
        let broken = Self.finiteNumber(t, info, convention: .commaDecimal).map { !range.contains($0) } ?? false
        let bit: UInt32 = 1 << UInt32(index)
        return broken ? mask | bit : mask & ~bit
    }

    /// Checks one non-null occurrence on the streaming path (the column has no exact table), a number range
    /// under both conventions.
    func observeStreaming(_ raw: UnsafeRawBufferPointer, _ info: ValueInfo, line: Int, dayFirst: Bool) {
        let mask = brokenChecks(raw, info, dayFirst: dayFirst, convention: .pointDecimal)
        let commaMask = tally.commaDecimal == nil ? mask : commaDecimalMask(mask, raw, info)
        guard mask != 0 || commaMask != 0 else { return }
        tally.add(
            mask: mask, commaDecimalMask: commaMask, count: 1, first: FirstSeen(line: line, example: Array(raw)),
            info: info)
    }

    /// Moves a table's values into `tally` (this column's, or a column state's) when the column switches to
    /// sketches. Each distinct value is classified again (the table keeps only part of what the classifier
    /// learns).
    func absorb(_ table: ValueTable, classifier: ValueClassifier, dayFirst: Bool, into tally: inout ValueRuleTally) {
        for index in table.indices where !table[index].flags.contains(.null) {
            let entry = table[index]
            let raw = table.valueBytes(index)
            let info = classifier.classify(raw)
            let mask = brokenChecks(raw, info, dayFirst: dayFirst, convention: .pointDecimal)
            let commaMask = tally.commaDecimal == nil ? mask : commaDecimalMask(mask, raw, info)
            guard mask != 0 || commaMask != 0 else { continue }
            tally.add(
                mask: mask, commaDecimalMask: commaMask, count: entry.count,
                first: FirstSeen(line: entry.firstLine, example: Array(raw)), info: info)
        }
    }
}
