import Testing

@testable import DataQuality

/// Sizing the duplicate-row set ahead from the input's size and its first lines (an estimate that changes
/// no result).
@Suite struct RowEstimateTests {
    @Test func rowsFromTheSampleLineLength() {
        // 3 line feeds in 12 bytes: 4 bytes a line, so 4,000 bytes hold about 1,000 lines.
        #expect(estimatedRows(bytes: 4_000, sample: Array("id\n10\n200\n34".utf8)) == 1_000)
        // Fewer than 2 line feeds: no estimate.
        #expect(estimatedRows(bytes: 4_000, sample: Array("id,name\n1".utf8)) == 0)
        #expect(estimatedRows(bytes: 0, sample: Array("a\nb\nc\n".utf8)) == 0)
        // No overflow for absurd sizes.
        #expect(estimatedRows(bytes: Int.max, sample: Array("\n\n".utf8)) == Int.max / 2)
    }

    @Test func reservedSetCountsDuplicatesAsBefore() {
        let reserved = DuplicateRowSet()
        reserved.reserve(rows: 1_000_000)
        let grown = DuplicateRowSet()
        var reservedRepeats = 0
        var grownRepeats = 0
        // 3,000 rows of 1,000 distinct encodings: 2,000 repeats, whichever way the table was sized.
        for row in 0..<3_000 {
            let encoding = Array("row \(row % 1_000)".utf8)
            encoding.withUnsafeBytes {
                if reserved.insertReturningDuplicate($0) { reservedRepeats += 1 }
                if grown.insertReturningDuplicate($0) { grownRepeats += 1 }
            }
        }
        #expect(reservedRepeats == 2_000 && grownRepeats == 2_000)
        #expect(reserved.count == 1_000 && grown.count == 1_000)
        // A huge estimate is capped (2^23 slots, 128 MiB) and still counts right.
        let capped = DuplicateRowSet()
        capped.reserve(rows: Int.max / 2)
        #expect(Array("x".utf8).withUnsafeBytes { capped.insertReturningDuplicate($0) } == false)
        #expect(Array("x".utf8).withUnsafeBytes { capped.insertReturningDuplicate($0) } == true)
    }
}

/// `formUnion` of row sets of equal and of different table sizes (it grows first, so rows inserted in the other
/// table's slot order do not pile up): every row once, shared rows counted once.
@Suite struct RowSetUnionTests {
    private func set(_ rows: Range<Int>) -> DuplicateRowSet {
        let set = DuplicateRowSet()
        for row in rows { _ = Array("row \(row)".utf8).withUnsafeBytes { set.insertReturningDuplicate($0) } }
        return set
    }

    @Test(arguments: [(0..<50_000, 25_000..<75_000), (0..<1_000, 500..<60_000), (0..<60_000, 59_000..<60_500)])
    func unionHoldsEveryRowOnce(first: Range<Int>, second: Range<Int>) {
        let mine = set(first)
        let theirs = set(second)
        // By hand: the shared rows are the overlap of the two ranges.
        let shared = max(0, min(first.upperBound, second.upperBound) - max(first.lowerBound, second.lowerBound))
        #expect(mine.countShared(with: theirs) == shared)
        mine.formUnion(theirs)
        #expect(mine.count == first.count + second.count - shared)
        let all = min(first.lowerBound, second.lowerBound)..<max(first.upperBound, second.upperBound)
        #expect(all.allSatisfy { row in Array("row \(row)".utf8).withUnsafeBytes { mine.contains($0) } })
    }
}
