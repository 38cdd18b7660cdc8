/// What a column's merge and report need besides its state: how its values are classified, its exact bound,
/// whether it is a key column and its value rules (the first column of a name gets the rule file's rules for
/// that name, as ``RuleEvaluator`` judges it).
struct ColumnContext {
    let classifier: ValueClassifier
    let exactDistinctLimit: Int
    let isKey: Bool
    let valueRules: ColumnValueRules?

    /// The entries an exact table of the column expects: the bound's non-null values plus one (the switch)
    /// and the null tokens seen.
    var expectedEntries: Int {
        let (bounded, overflow) = exactDistinctLimit.addingReportingOverflow(1 + ValueTable.expectedNullEntries)
        return overflow ? Int.max : bounded
    }

    /// The contexts of `names`' columns under `options`, in order.
    static func columns(named names: [String], options: ProfileOptions) -> [ColumnContext] {
        let classifier = ValueClassifier(nullTokens: options.uniqueNullValues)
        // Looked up by name once per column: a linear search per column was quadratic in wide files.
        var ruleColumns = options.rules.map(\.columnsByName) ?? [:]
        return names.map { name in
            ColumnContext(
                classifier: classifier, exactDistinctLimit: options.exactDistinctLimit,
                isKey: options.uniqueKeys.contains(name),
                valueRules: ruleColumns.removeValue(forKey: name).flatMap(ColumnValueRules.init))
        }
    }
}
