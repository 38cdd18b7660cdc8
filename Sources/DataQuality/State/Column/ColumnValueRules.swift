/// The value-level rules of one column, as the profiler applies them: each non-null value is checked against
/// allowed values, pattern, number or date range, length and format, and a value that breaks any of them does
/// not conform. A `type` rule replaces the inferred column type (``typeOverride``).
///
/// Values are checked once per distinct value while the column's exact ``ValueTable`` holds them (in
/// ``settle(tally:table:classifier:variants:dayFirst:conformsWhenClean:)``, weighted by counts, with each value's
/// first line; the value is classified again there, since the table keeps only part of what is learnt),
/// and once per occurrence after the column switches to sketches (``observeStreaming(_:_:line:dayFirst:)``),
/// so the cost is one check per distinct value in the common case.
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
        tally = ValueRuleTally(ruleCount: checks.count)
    }

    /// A bit per check (bit i for `checks[i]`) that `raw` breaks; 0 when it breaks none.
    ///
    /// Ranges judge only values that parse as numbers (finite integers and decimals) or as dates and datetimes;
    /// the format rule judges only values that have a format (booleans, dates, datetimes, times); the number
    /// format rule only numbers under its format's decimal mark, the unit rule only numbers (under either
    /// convention). Anything else is the type rule's business.
    /// - Complexity: O(value length), plus the regular expression's cost.
    func brokenChecks(_ raw: UnsafeRawBufferPointer, _ info: ValueInfo, dayFirst: Bool) -> UInt32 {
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
                let isNumber =
                    info.valueClass == ValueClass.finiteInteger || info.valueClass == ValueClass.finiteDecimal
                broken = isNumber && !range.contains(info.number)
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

    /// Checks one non-null occurrence on the streaming path (the column has no exact table).
    func observeStreaming(_ raw: UnsafeRawBufferPointer, _ info: ValueInfo, line: Int, dayFirst: Bool) {
        let mask = brokenChecks(raw, info, dayFirst: dayFirst)
        guard mask != 0 else { return }
        tally.add(mask: mask, count: 1, first: FirstSeen(line: line, example: Array(raw)), info: info)
    }

    /// Moves a table's values into `tally` (this column's, or a column state's) when the column switches to
    /// sketches. Each distinct value is classified again (the table keeps only part of what the classifier
    /// learns).
    func absorb(_ table: ValueTable, classifier: ValueClassifier, dayFirst: Bool, into tally: inout ValueRuleTally) {
        for index in table.indices where !table[index].flags.contains(.null) {
            let entry = table[index]
            let raw = table.valueBytes(index)
            let info = classifier.classify(raw)
            let mask = brokenChecks(raw, info, dayFirst: dayFirst)
            guard mask != 0 else { continue }
            tally.add(
                mask: mask, count: entry.count, first: FirstSeen(line: entry.firstLine, example: Array(raw)), info: info
            )
        }
    }
}
