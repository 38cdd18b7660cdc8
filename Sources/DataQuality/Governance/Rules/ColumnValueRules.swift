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

        var ruleName: String {
            switch self {
            case .allowedValues: "allowed_values"
            case .pattern: "pattern"
            case .numberRange, .dateRange: "range"
            case .length: "length"
            case .format: "date_format"
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
        self.checks = checks
        tally = ValueRuleTally(ruleCount: checks.count)
    }

    /// A bit per check (bit i for `checks[i]`) that `raw` breaks; 0 when it breaks none.
    ///
    /// Ranges judge only values that parse as numbers (finite integers and decimals) or as dates and datetimes;
    /// the format rule judges only values that have a format (booleans, dates, datetimes, times). Anything else
    /// is the type rule's business.
    /// - Complexity: O(value length), plus the regular expression's cost.
    func brokenChecks(_ raw: UnsafeRawBufferPointer, _ info: ValueInfo, dayFirst: Bool) -> UInt32 {
        var mask: UInt32 = 0
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

    /// Settles the rules when the column is finished.
    /// - Parameters:
    ///   - tally: the column's violations counted on the streaming path (its state's ``ValueRuleTally``).
    ///   - table: the exact table, or `nil` after the switch to sketches (then `tally` holds everything).
    ///   - classifier: the column's classifier (values are classified again: O(length) each).
    ///   - variants: the case variants (already non-conforming, so not subtracted twice).
    ///   - dayFirst: how the column reads slash dates.
    ///   - conformsWhenClean: whether a clean value of a class conforms (fits the type and dominant format).
    /// - Returns: occurrences that conformed but break a rule (to subtract from the conforming count), and one
    ///   `rule_violation` finding per broken rule (count, first value, first line).
    /// - Complexity: O(distinct values) checks with a table, O(1) without.
    func settle(
        tally: ValueRuleTally, table: ValueTable?, classifier: ValueClassifier, variants: CaseVariants, dayFirst: Bool,
        conformsWhenClean: (Int) -> Bool
    ) -> (nonConforming: Int, findings: [Finding]) {
        var result = tally
        var nonConforming = 0
        if let table {
            for index in table.indices where !table[index].flags.contains(.null) {
                let entry = table[index]
                let raw = table.valueBytes(index)
                let info = classifier.classify(raw)
                let mask = brokenChecks(raw, info, dayFirst: dayFirst)
                guard mask != 0 else { continue }
                result.add(
                    mask: mask, count: entry.count, first: FirstSeen(line: entry.firstLine, example: Array(raw)),
                    info: info)
                if entry.flags.isDisjoint(with: .dirty) && conformsWhenClean(Int(entry.valueClass))
                    && !variants.isVariant(index)
                {
                    nonConforming += entry.count
                }
            }
        } else {
            for valueClass in 0..<ValueClass.count where conformsWhenClean(valueClass) {
                nonConforming += tally.cleanBreakingByClass[valueClass]
            }
        }
        let findings = checks.indices.compactMap { index -> Finding? in
            guard result.violations[index] > 0 else { return nil }
            let first = result.firsts[index]
            return Finding(
                kind: .ruleViolation, count: result.violations[index],
                example: first.map { decodeText($0.example, scalars: 100) }, firstLine: first?.line,
                rule: checks[index].ruleName)
        }
        return (nonConforming, findings)
    }
}

/// The contract's format names of value classes, for the `date_format` rule.
enum ValueFormats {
    /// Date format names in the contract's tie order.
    static let dateNames = ValueClass.dateFormatNames

    /// Every format name a value can have: dates, booleans, datetimes and times.
    static let allNames: Set<String> = {
        var names = Set(dateNames)
        for valueClass in 0..<ValueClass.count {
            let value = UInt8(valueClass)
            if ValueClass.isBooleanWord(value) || ValueClass.isBooleanLetter(value) || ValueClass.isDatetime(value)
                || ValueClass.isTime(value)
            {
                names.insert(ValueClass.formatName(value))
            }
        }
        return names
    }()

    /// The format of a value of `valueClass`, or `nil` for classes without one (strings, numbers).
    static func name(of valueClass: UInt8, dayFirst: Bool) -> String? {
        switch valueClass {
        case ValueClass.isoDate: return dateNames[0]
        case ValueClass.slashDateEitherOrder: return dateNames[dayFirst ? 2 : 1]
        case ValueClass.slashDateMonthFirstOnly: return dateNames[1]
        case ValueClass.slashDateDayFirstOnly: return dateNames[2]
        case ValueClass.dottedDate: return dateNames[3]
        case ValueClass.yearFirstSlashDate: return dateNames[4]
        default:
            if ValueClass.isBooleanWord(valueClass) || ValueClass.isBooleanLetter(valueClass)
                || ValueClass.isDatetime(valueClass) || ValueClass.isTime(valueClass)
            {
                return ValueClass.formatName(valueClass)
            }
            return nil
        }
    }

    /// Seconds since the Unix epoch of a date (at midnight) or datetime value; `nil` for other classes and for
    /// slash dates impossible in the column's reading.
    static func seconds(of info: ValueInfo, dayFirst: Bool) -> Int64? {
        func day(_ key: Int) -> Int64 { Int64(daysFromCivil(key / 10000, key / 100 % 100, key % 100)) * 86_400 }
        switch info.valueClass {
        case ValueClass.isoDate, ValueClass.dottedDate, ValueClass.yearFirstSlashDate: return day(info.dateKey)
        case ValueClass.slashDateEitherOrder: return day(dayFirst ? info.dayFirstDateKey : info.dateKey)
        case ValueClass.slashDateMonthFirstOnly: return dayFirst ? nil : day(info.dateKey)
        case ValueClass.slashDateDayFirstOnly: return dayFirst ? day(info.dayFirstDateKey) : nil
        default: return ValueClass.isDatetime(info.valueClass) ? info.seconds : nil
        }
    }
}
