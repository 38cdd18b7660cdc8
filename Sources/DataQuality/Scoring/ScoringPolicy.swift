/// What shapes a report's scores and grades beside the profile state: the grade thresholds and the rule
/// file's rules that shape the score (a column's `type`, which replaces the inferred one; value rules,
/// whose breaking values stop conforming; the dataset's `rows_are_events`, which leaves uniqueness out).
public struct ScoringPolicy: Sendable, Equatable {
    /// The scores at which grades A to D start.
    public var gradeThresholds: GradeThresholds
    /// The rule file the state was made with (its value rules' tallies are in the state); nil without one.
    public var rules: RuleSet?

    /// - Parameters:
    ///   - gradeThresholds: the contract's defaults unless given.
    ///   - rules: the rule file the state was made with, nil when made without.
    public init(gradeThresholds: GradeThresholds = .default, rules: RuleSet? = nil) {
        self.gradeThresholds = gradeThresholds
        self.rules = rules
    }

    /// The policy of a profile made with `options`.
    init(options: ProfileOptions) {
        self.init(gradeThresholds: options.gradeThresholds, rules: options.rules)
    }
}
