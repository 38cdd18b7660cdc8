/// Count, mean and squared deviations of a column's clean finite integers and decimals, kept apart (a decimal
/// column's mean takes both, an integer column's the integers only).
///
/// Merge law (``merge(_:)``): ``RunningMoments/merge(_:)`` (Chan, Golub and LeVeque, 1979), to about 1e-15 relative.
struct ColumnMoments: Sendable, Equatable, Codable {
    var integers = RunningMoments()
    var decimals = RunningMoments()
}

extension ColumnMoments {
    /// Merges another part's moments, integers with integers and decimals with decimals.
    mutating func merge(_ later: ColumnMoments) {
        integers.merge(later.integers)
        decimals.merge(later.decimals)
    }
}
