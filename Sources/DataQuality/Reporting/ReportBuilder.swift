/// Builds a ``Report`` from a ``ProfileState``: the one way from a state to a report.
public enum ReportBuilder {
    /// The report of a state under a scoring policy: column types and formats, conformance, bounds, moments,
    /// distributions, scores, grades and findings.
    /// - Parameters:
    ///   - state: the state, of one pass or merged.
    ///   - policy: the grade thresholds and the rules that shape the score; its rule file must be the one
    ///     the state was made with.
    ///   - source: where the state's bytes came from (its byte count decides the `no_data` message).
    /// - Throws: ``ProfileError`` `unknownKeyColumn` when the state read no record and the settings name key
    ///   columns; `invalidState` when the state holds impossible values or its rule tallies do not fit the
    ///   policy's rules.
    /// - Complexity: O(size of the state), plus sorting an exact table's distinct values.
    public static func report(from state: ProfileState, policy: ScoringPolicy, source: SourceDescription) throws
        -> Report
    {
        var scored = state
        scored.rules = policy.rules
        let thresholds = policy.gradeThresholds
        scored.settings.gradeThresholds = [thresholds.a, thresholds.b, thresholds.c, thresholds.d]
        let profiler: RecordProfiler
        do {
            profiler = try RecordProfiler(restoring: scored, adoptingTables: true)
        } catch is StateReadingError {
            throw ProfileError(code: .invalidState, message: "the state holds impossible values.")
        }
        try profiler.finishInput()
        return profiler.finish(source: source)
    }
}
