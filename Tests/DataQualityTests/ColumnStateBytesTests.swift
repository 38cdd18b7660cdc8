import Testing

@testable import DataQuality

/// What a column's state costs while it stays small: a wide file (10,000 columns of a few rows) keeps one
/// accumulator per column, so what each allocates before it needs it is multiplied by the columns.
@Suite struct ColumnStateBytesTests {
    private func column(observing values: [String]) -> ColumnAccumulator {
        let column = ColumnAccumulator(
            classifier: ValueClassifier(nullTokens: ProfileOptions.defaultNullValues),
            exactDistinctLimit: ProfileOptions.defaultExactDistinctLimit)
        for (index, value) in values.enumerated() {
            _ = Array(value.utf8).withUnsafeBytes { column.observe($0, line: index + 2) }
        }
        return column
    }

    /// A column that saw three values (the integers 12 and 7, and a null) holds its exact table at its first
    /// size and none of the sketches it needs only past the exact bound: under 8 KiB. The figure is exact: the
    /// object's fields (1011 bytes, 512 of them the pending lengths of the distribution sketches and 160 the
    /// written numbers' fields; the firsts and bounds are held as their state parts, whose sizes count their inner
    /// padding), 128 bytes of counters, 1824 of class counts (2 x 114 classes), the value table's 8 slots, 4
    /// entries of 48 bytes and 64 arena bytes (320), the frequent values' 8 counters of 32 bytes, 16 slots and 256
    /// arena bytes (640), the first of each class (114 x 16 bytes) with its example `12` (2), the integer and number
    /// bounds `7` and `12` (6), the two date bound arrays (2 x 5 x 8) and the written numbers' arrays (288: two
    /// empty group tables of 8, four firsts of 16, two facts of 96 and two counts of 8): 6123 bytes (3459 with
    /// schema_version 1's 45 classes, before the slash, dotted and 12-hour datetime classes and the written
    /// numbers). The null token tallies come only past the exact bound.
    @Test func aColumnOfThreeValuesHoldsUnderEightKilobytes() {
        let small = column(observing: ["12", "7", ""])
        #expect(small.stateBytes < 8192)
        #expect(small.objectBytes == 1011)
        #expect(small.stateBytes == 6123)
    }

    /// Past the exact bound the sketches are there (16 KiB of distinct-count registers at least).
    @Test func aColumnPastItsExactBoundHoldsItsSketches() {
        let column = ColumnAccumulator(
            classifier: ValueClassifier(nullTokens: ProfileOptions.defaultNullValues), exactDistinctLimit: 2)
        for (index, value) in ["1", "2", "3"].enumerated() {
            _ = Array(value.utf8).withUnsafeBytes { column.observe($0, line: index + 2) }
        }
        #expect(!column.isExact)
        #expect(column.stateBytes > HyperLogLog.registerCount)
    }
}
