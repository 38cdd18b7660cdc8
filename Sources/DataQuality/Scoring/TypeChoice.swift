extension ColumnType {
    /// The column type by the contract's majority rule (`docs/report-contract.md`, "Column type"): the most specific
    /// type that more than half of the non-null values fit (an integer also fits decimal); integer yields to
    /// string when any value is a digit string with a leading zero (a code column), and otherwise widens to
    /// decimal when any value is a decimal (so `0` and `71319.61` in one money column all conform). O(1).
    /// - Parameters:
    ///   - counts: non-null values recognised as each type (before widening).
    ///   - nonNull: non-null values in well-formed records.
    ///   - hasLeadingZeros: whether any value is a digit string with a leading zero (`0[0-9]+`).
    /// - Returns: `empty` when `nonNull` is 0.
    static func chosen(by counts: [ColumnType: Int], nonNull: Int, hasLeadingZeros: Bool) -> ColumnType {
        if nonNull == 0 { return .empty }
        let integers = counts[.integer] ?? 0
        if 2 * integers > nonNull {
            if hasLeadingZeros { return .string }
            return (counts[.decimal] ?? 0) > 0 ? .decimal : .integer
        }
        if 2 * (integers + (counts[.decimal] ?? 0)) > nonNull { return .decimal }
        for type in [ColumnType.boolean, .date, .datetime, .time] where 2 * (counts[type] ?? 0) > nonNull {
            return type
        }
        return .string
    }
}
