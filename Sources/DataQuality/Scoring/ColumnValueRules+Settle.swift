/// The value rules' step at scoring time: what the fold tallied (``ColumnValueRules`` in State/Column/) becomes
/// `rule_violation` findings and a count of values that no longer conform.
extension ColumnValueRules {
    /// Settles the rules when the column is finished.
    /// - Parameters:
    ///   - tally: the column's violations counted on the streaming path (its state's ``ValueRuleTally``).
    ///   - table: the exact table, or `nil` after the switch to sketches (then `tally` holds everything).
    ///   - classifier: the column's classifier (values are classified again: O(length) each).
    ///   - variants: the case variants (already non-conforming, so not subtracted twice).
    ///   - dayFirst: how the column reads slash dates.
    ///   - convention: how the column reads its numbers (a number range judges them so).
    ///   - conformsWhenClean: whether a clean value conforms (fits the type and dominant format), by its value
    ///     class and, with a table, its index there (a number column judges the numbers it read by index).
    /// - Returns: occurrences that conformed but break a rule (to subtract from the conforming count), and one
    ///   `rule_violation` finding per broken rule (count, first value, first line).
    /// - Complexity: O(distinct values) checks with a table, O(1) without.
    func settle(
        tally: ValueRuleTally, table: ValueTable?, classifier: ValueClassifier, variants: CaseVariants, dayFirst: Bool,
        convention: DecimalConvention, conformsWhenClean: (_ valueClass: Int, _ tableIndex: Int?) -> Bool
    ) -> (nonConforming: Int, findings: [Finding]) {
        let tally = tally.reading(convention)
        var result = tally
        var nonConforming = 0
        if let table {
            for index in table.indices where !table[index].flags.contains(.null) {
                let entry = table[index]
                let raw = table.valueBytes(index)
                let info = classifier.classify(raw)
                let mask = brokenChecks(raw, info, dayFirst: dayFirst, convention: convention)
                guard mask != 0 else { continue }
                result.add(
                    mask: mask, count: entry.count, first: FirstSeen(line: entry.firstLine, example: Array(raw)),
                    info: info)
                if entry.flags.isDisjoint(with: .dirty) && conformsWhenClean(Int(entry.valueClass), index)
                    && !variants.isVariant(index)
                {
                    nonConforming += entry.count
                }
            }
        } else {
            for valueClass in 0..<ValueClass.count where conformsWhenClean(valueClass, nil) {
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
