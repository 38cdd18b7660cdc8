extension ColumnEvidence {
    /// The column's findings in the contract's order: nulls, conformance problems, cleanliness, case variants,
    /// leading zeros, non-finite numbers, duplicate key values, null tokens like the column's values and rule
    /// violations.
    /// - Parameter mostFrequent: the most frequent non-null value (`top_values[0]`), whole (not cut to 100
    ///   scalars as a report shows it); nil when none.
    func findings(
        _ tally: ConformanceTally, judge: ConformanceJudge, distinct: Int, isKey: Bool, mostFrequent: String?
    ) -> [Finding] {
        let columnType = judge.columnType
        var findings: [Finding] = []
        func add(_ kind: FindingKind, _ count: Int, _ first: FirstSeen?) {
            guard count > 0 else { return }
            findings.append(
                Finding(
                    kind: kind, count: count, example: first.map { decodeText($0.example, scalars: 100) },
                    firstLine: first?.line))
        }
        add(.null, nulls, state.firsts.null)
        add(.typeMismatch, tally.mismatches, tally.mismatchFirst)
        if tally.mixed > 0, let dominant = judge.dominantFormat {
            add(.mixedFormats, tally.mixed, tally.mixedFirst)
            findings[findings.count - 1].dominantFormat = dominant.name
            findings[findings.count - 1].formats = judge.formatCounts.values.map { (format: $0.name, count: $0.count) }
                .sorted { $0.format < $1.format }
        }
        add(.whitespace, state.counts.whitespace, state.firsts.whitespace)
        add(.invalidUTF8, state.counts.invalidUTF8, state.firsts.invalidUTF8)
        add(.controlCharacters, state.counts.controlCharacters, state.firsts.controlCharacters)
        add(.caseVariant, judge.caseVariants.occurrences, judge.caseVariants.first)
        if !isExact && columnType == .string {
            findings.append(Finding(kind: .caseVariantsNotChecked, count: 1, example: nil, firstLine: nil))
        }
        if columnType == .string {
            add(
                .leadingZeros, classCount(Int(ValueClass.leadingZeroString)),
                firstOfClass(Int(ValueClass.leadingZeroString)))
        }
        if columnType == .integer || columnType == .decimal {
            let (count, first) = nonFiniteValues(columnType)
            add(.nonFinite, count, first)
        }
        if isKey && nonNull > distinct {
            add(.duplicateValue, nonNull - distinct, state.firsts.repeated)
        }
        if columnType == .string { findings += nullTokenLikeValues(mostFrequent: mostFrequent) }
        findings += tally.ruleFindings
        findings.sort(by: Finding.contractOrder)
        return findings
    }

    /// The non-finite numbers of an integer column (of a decimal column: its non-finite integers and decimals)
    /// and the first of them.
    func nonFiniteValues(_ columnType: ColumnType) -> (count: Int, first: FirstSeen?) {
        var count = classCount(Int(ValueClass.nonFiniteInteger))
        var first = firstOfClass(Int(ValueClass.nonFiniteInteger))
        if columnType == .decimal {
            count += classCount(Int(ValueClass.nonFiniteDecimal))
            first = Self.earlier(first, firstOfClass(Int(ValueClass.nonFiniteDecimal)))
        }
        return (count, first)
    }

    /// The one of two firsts on the earlier line (the current one on a tie).
    static func earlier(_ current: FirstSeen?, _ candidate: FirstSeen?) -> FirstSeen? {
        guard let candidate else { return current }
        guard let current else { return candidate }
        return candidate.line < current.line ? candidate : current
    }
}
