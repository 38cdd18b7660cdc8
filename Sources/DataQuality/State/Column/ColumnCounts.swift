/// A column's counters: nulls, non-null values, distinct non-null values (while exact), unclean values by
/// kind, lengths in Unicode scalars, and the flags that the merge and the report read.
///
/// Merge law: counts add, lengths keep the extremes, flags are ored (``isExact`` is anded: a column past its
/// exact bound in one part is past it in the whole).
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
