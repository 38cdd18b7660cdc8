/// How the values of a finished column stand against its type, format, case variants and value rules.
struct ConformanceTally {
    /// Values that conform (contract, "Conforming value"), less those that break one of the column's value rules.
    var conforming = 0
    /// Values that do not fit the column type, and the first of them.
    var mismatches = 0
    var mismatchFirst: FirstSeen?
    /// Values of the type in a format other than the dominant one, and the first of them.
    var mixed = 0
    var mixedFirst: FirstSeen?
    /// The column's `rule_violation` findings.
    var ruleFindings: [Finding] = []
    /// An exact integer or decimal column's numbers under its convention and dominant number format.
    var numbers: NumberJudgement?
}

extension ColumnEvidence {
    /// Type choice: the judge built from the per-class counts, which decides the column type (a rule file's
    /// `type` replaces the inferred one) and the dominant format.
    func conformanceJudge() -> ConformanceJudge {
        ConformanceJudge(
            classCounts: (0..<ValueClass.count).map(classCount), nonNull: nonNull,
            readsSlashDatesDayFirst: state.counts.readsSlashDatesDayFirst, table: table,
            classifier: context.classifier, typeOverride: context.valueRules?.typeOverride)
    }

    /// Non-null values recognised as each type (before widening), zero entries omitted, in the contract's order.
    func typeCounts(_ judge: ConformanceJudge) -> [(type: ColumnType, count: Int)] {
        var counts: [ColumnType: Int] = [:]
        for valueClass in 0..<ValueClass.count where classCount(valueClass) > 0 {
            counts[judge.type(ofClass: valueClass), default: 0] += classCount(valueClass)
        }
        return ColumnType.allCases.compactMap { type in counts[type].map { (type, $0) } }
    }

    /// Conformance: sums the judge's verdict over the value classes, then takes out the case variants of an
    /// exact string column and the values that break the column's value rules. Gives the judge the case
    /// variants and the rules, so the failing-rows pass judges single values the same way.
    func conformance(_ judge: inout ConformanceJudge) -> ConformanceTally {
        var tally = ConformanceTally()
        for valueClass in 0..<ValueClass.count where classCount(valueClass) > 0 {
            switch judge.verdict(ofClass: valueClass) {
            case .typeMismatch:
                tally.mismatches += classCount(valueClass)
                tally.mismatchFirst = Self.earlier(tally.mismatchFirst, firstOfClass(valueClass))
            case .otherFormat:
                tally.mixed += classCount(valueClass)
                tally.mixedFirst = Self.earlier(tally.mixedFirst, firstOfClass(valueClass))
            case .fits:
                tally.conforming += classCleanCount(valueClass)
            }
        }
        // A point-decimal column whose numbers are all plain integers and decimals is judged by its classes (its
        // format is plain, none is mixed): the schema_version 1 path, with its streaming bounds.
        // Past the exact bound the same from the written numbers' facts.
        var judgement: NumberJudgement?
        if judge.columnType == .integer || judge.columnType == .decimal {
            if let numbers, let table, !numbers.readings.isEmpty || convention == .commaDecimal {
                judgement = NumberJudgement(numbers: numbers, table: table, convention: convention, judge: judge)
            } else if let written = sketches?.writtenNumbers,
                !written.groups[Int(convention.rawValue)].isEmpty || convention == .commaDecimal
            {
                judgement = NumberJudgement(written: written, state: state, convention: convention, judge: judge)
            }
        }
        if let judgement {
            tally.mixed += judgement.mixed
            tally.mixedFirst = judgement.mixedFirst
            tally.conforming -= judgement.mixedClean
            tally.mismatchFirst = judgement.mismatchFirst
            tally.numbers = judgement
            judge.adopt(judgement)
        }
        if judge.columnType == .string, let table {
            judge.caseVariants = CaseVariants(table)
            tally.conforming -= judge.caseVariants.cleanOccurrences
        }
        let settled = judge
        let ruleOutcome = context.valueRules?.settle(
            tally: state.ruleTally ?? ValueRuleTally(ruleCount: 0), table: table, classifier: context.classifier,
            variants: settled.caseVariants,
            dayFirst: state.counts.readsSlashDatesDayFirst, convention: convention
        ) { valueClass, index in settled.verdict(ofClass: valueClass, tableIndex: index) == .fits }
        tally.conforming -= ruleOutcome?.nonConforming ?? 0
        tally.ruleFindings = ruleOutcome?.findings ?? []
        judge.valueRules = context.valueRules
        judge.numberConvention = convention
        return tally
    }
}
