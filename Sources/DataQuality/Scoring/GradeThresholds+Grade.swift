extension GradeThresholds {
    /// The grade a score earns.
    /// - Parameter score: a fraction in `0...1`.
    public func grade(for score: Double) -> Grade {
        if score >= a - Self.tolerance { return .a }
        if score >= b - Self.tolerance { return .b }
        if score >= c - Self.tolerance { return .c }
        if score >= d - Self.tolerance { return .d }
        return .f
    }
}
