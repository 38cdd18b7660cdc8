/// The per-column decision between point-decimal and comma-decimal (the contract's "Numbers" rule), as a
/// mergeable count.
///
/// Each non-null value adds the convention it needs (``NumberFormatRecognizer/conventionNeeded(by:)``: a number
/// under that convention and not under the other); values that need neither add nothing. A column is
/// comma-decimal when more of its values need comma-decimal than need point-decimal, point-decimal when fewer, and
/// takes the file's convention when as many; the file's convention is comma-decimal when, over all columns, more
/// values need comma-decimal than need point-decimal, else point-decimal. `--decimal-mark` sets every column.
///
/// ``merge(_:)`` adds counts: associative and commutative, with the empty tally as identity, so parts of a file
/// tallied apart (chunks, streaming, saved states) merge in any order to the whole file's tally. O(1) per value and
/// per merge.
struct DecimalConventionTally: Equatable, Sendable, Codable {
    /// Values (each occurrence) that are numbers under comma-decimal only.
    private(set) var needingCommaDecimal = 0
    /// Values (each occurrence) that are numbers under point-decimal only.
    private(set) var needingPointDecimal = 0

    /// Counts `count` occurrences of a value that needs `need` (nil: neither convention).
    mutating func add(_ need: DecimalConvention?, count: Int = 1) {
        switch need {
        case .commaDecimal: needingCommaDecimal += count
        case .pointDecimal: needingPointDecimal += count
        case nil: break
        }
    }

    /// Adds `other`'s counts (another part of the same column, or another column for the file's tally).
    mutating func merge(_ other: DecimalConventionTally) {
        needingCommaDecimal += other.needingCommaDecimal
        needingPointDecimal += other.needingPointDecimal
    }

    /// The column's convention: the one more of its values need; `fileConvention` when as many need each.
    func columnConvention(fileConvention: DecimalConvention) -> DecimalConvention {
        if needingCommaDecimal > needingPointDecimal { return .commaDecimal }
        if needingCommaDecimal < needingPointDecimal { return .pointDecimal }
        return fileConvention
    }

    /// Every column's convention, in the order of `columns` (each column's whole tally): `decimalMark` for all when
    /// given (`--decimal-mark`), else each column's own, undecided columns taking the file's. O(columns).
    static func conventions(ofColumns columns: [DecimalConventionTally], decimalMark: DecimalConvention?)
        -> [DecimalConvention]
    {
        if let decimalMark { return columns.map { _ in decimalMark } }
        var file = DecimalConventionTally()
        for column in columns { file.merge(column) }
        let fileConvention: DecimalConvention =
            file.needingCommaDecimal > file.needingPointDecimal ? .commaDecimal : .pointDecimal
        return columns.map { $0.columnConvention(fileConvention: fileConvention) }
    }
}
