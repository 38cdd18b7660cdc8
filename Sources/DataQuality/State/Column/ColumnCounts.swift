/// A column's counters: nulls, non-null values, distinct non-null values (while exact), unclean values by
/// kind, lengths in Unicode scalars, and the flags that the merge and the report read.
///
/// Merge law (``merge(_:)``): counts add, lengths keep the extremes, the slash-date reading and
/// ``firstRepeatNeedsSearch`` are ored. The distinct count, ``isExact`` and ``sawRepeat`` follow the values and
/// the firsts, so ``ColumnState/merge(_:context:)`` sets them.
struct ColumnCounts: Sendable, Equatable, Codable {
    var nulls = 0
    var nonNull = 0
    var nonNullDistinct = 0
    var whitespace = 0
    var invalidUTF8 = 0
    var controlCharacters = 0
    /// Int.max and 0 before a first non-null value.
    var minLength = Int.max
    var maxLength = 0
    var readsSlashDatesDayFirst = false
    var isExact = true
    var sawRepeat = false
    /// A key column's first repeated value may lie across a cut between merged parts, where only a second
    /// reading of the input places it (``RecordProfiler/keyColumnsNeedingRepeatSearch``).
    var firstRepeatNeedsSearch = false
}

extension ColumnCounts {
    /// Adds the counts of the part of the input that comes after this one's (see the merge law above).
    mutating func merge(_ later: ColumnCounts) {
        nulls += later.nulls
        nonNull += later.nonNull
        whitespace += later.whitespace
        invalidUTF8 += later.invalidUTF8
        controlCharacters += later.controlCharacters
        readsSlashDatesDayFirst = readsSlashDatesDayFirst || later.readsSlashDatesDayFirst
        minLength = min(minLength, later.minLength)
        maxLength = max(maxLength, later.maxLength)
        firstRepeatNeedsSearch = firstRepeatNeedsSearch || later.firstRepeatNeedsSearch
    }
}
