import Foundation

/// A profile's duplicate rows: the count and first duplicate, and what a merge needs to stay exact: the row
/// set with each row's first record (while the distinct rows number at most the row-position limit), or the
/// declaration that the records were partitioned by row hash.
///
/// Merge law (``DuplicateRows/merge(_:checksDuplicates:keepsRows:laterFirstCrossDuplicate:)``, on the rows
/// read from ``keptRows``): with both row sets the counts add plus the rows the sets share; with both parts
/// partitioned by hash they add; otherwise the count is unknown.
struct DuplicateRowsState: Sendable, Equatable, Codable {
    var count = 0
    var first: RecordSeen?
    /// The parts merged into this profile could not be checked against each other: `duplicate_rows` is null.
    var isUnknown = false
    var rowsPartitionedByHash = false
    /// Each distinct row's fingerprint and first record, as compact binary (``StateWriter``: per row the
    /// fingerprint's two 64-bit halves and the record), in order of position; nil when not kept.
    var keptRows: Data?
}

/// A profile's duplicate rows with the row set live: what the profiler holds while reading, and what a
/// ``DuplicateRowsState`` is read into to merge.
struct DuplicateRows {
    var count = 0
    var first: RecordSeen?
    var isUnknown = false
    var rowsPartitionedByHash = false
    /// Every distinct row's fingerprint; nil when not kept.
    var set: DuplicateRowSet?
    /// Each distinct row's first record while they number at most the row-position limit; nil otherwise.
    var firsts: [RowFingerprint: RecordSeen]?

    /// Folds in the duplicate rows of a later part: exact from both parts' row sets, or the sum when both
    /// parts were partitioned by row hash, else unknown.
    /// - Parameters:
    ///   - checksDuplicates: whether the profile counts duplicate rows at all.
    ///   - keepsRows: whether the result must keep the union of the row sets (false for a last merge: the
    ///     counts are exact without it, which saves its memory).
    ///   - laterFirstCrossDuplicate: when rows of `later` repeat rows of this part, finds the first such row
    ///     of `later` (given this part's row set); nil when it cannot.
    /// - Complexity: O(rows of `later`).
    mutating func merge(
        _ later: DuplicateRows, checksDuplicates: Bool, keepsRows: Bool,
        laterFirstCrossDuplicate: (DuplicateRowSet) throws -> RecordSeen?
    ) rethrows {
        defer { rowsPartitionedByHash = rowsPartitionedByHash && later.rowsPartitionedByHash }
        guard checksDuplicates, !isUnknown else { return }
        if later.isUnknown {
            isUnknown = true
            set = nil
            return
        }
        if let mine = set, let theirs = later.set {
            let cross = mine.countShared(with: theirs)
            // A part's rows need not all come before the other's (partitions of several files): the first
            // duplicate is the earliest of both parts' own and the first repeat across them. Chunks of one
            // file in order only need the cross repeat when this part has no duplicate of its own.
            var earliest = RecordSeen.earlier(first, later.first)
            if cross > 0, first == nil || firsts != nil, let found = try laterFirstCrossDuplicate(mine) {
                earliest = RecordSeen.earlier(earliest, found)
            }
            first = earliest
            count += later.count + cross
            if keepsRows { mine.formUnion(theirs) }
            if var kept = firsts, let theirFirsts = later.firsts {
                for (row, seen) in theirFirsts where kept[row].map({ seen.line < $0.line }) ?? true { kept[row] = seen }
                firsts = kept
            } else {
                firsts = nil
            }
        } else if rowsPartitionedByHash && later.rowsPartitionedByHash {
            count += later.count
            first = RecordSeen.earlier(first, later.first)
            set = nil
            firsts = nil
        } else {
            isUnknown = true
            set = nil
            firsts = nil
        }
    }

    /// The first repeat of a row across this part and `other` (from both parts' kept row firsts): for each
    /// row both hold, the later of its two first records; the earliest of those. Nil without kept firsts.
    func firstRepeat(across other: DuplicateRows) -> RecordSeen? {
        guard let mine = firsts, let theirs = other.firsts else { return nil }
        var earliest: RecordSeen?
        for (row, seen) in theirs {
            guard let own = mine[row] else { continue }
            let laterRow = own.line > seen.line ? own : seen
            if earliest.map({ laterRow.line < $0.line }) ?? true { earliest = laterRow }
        }
        return earliest
    }

    /// The state's part: the row set is kept (with each row's first record) only while the firsts are.
    var state: DuplicateRowsState {
        let kept = set == nil ? nil : firsts
        return DuplicateRowsState(
            count: count, first: first, isUnknown: isUnknown, rowsPartitionedByHash: rowsPartitionedByHash,
            keptRows: kept.map(Self.encodeRows))
    }

    /// Reads a state's part, its positions turned by `mapPosition`.
    /// - Parameter checksDuplicates: whether the profile counts duplicate rows (else no row set is read).
    /// - Throws: ``StateReadingError`` when the kept rows are damaged.
    init(_ state: DuplicateRowsState, checksDuplicates: Bool, mapPosition: @escaping (Int) -> Int = { $0 }) throws {
        count = state.count
        first = state.first?.mapped(mapPosition)
        isUnknown = state.isUnknown
        rowsPartitionedByHash = state.rowsPartitionedByHash
        if let kept = state.keptRows {
            let (rows, keptFirsts) = try Self.decodeRows(kept, mapPosition: mapPosition)
            set = checksDuplicates ? rows : nil
            firsts = checksDuplicates ? keptFirsts : nil
        }
    }

    init() {}

    /// Kept rows as compact binary: per row, in order of position, the fingerprint's halves and its first
    /// record (position code, optional byte offset, text).
    private static func encodeRows(_ rows: [RowFingerprint: RecordSeen]) -> Data {
        var writer = StateWriter()
        writer.int(rows.count)
        for (row, seen) in rows.sorted(by: { $0.value.line < $1.value.line }) {
            writer.uint64(row.low)
            writer.uint64(row.high)
            writer.position(seen.line)
            writer.bool(seen.byteOffset != nil)
            if let offset = seen.byteOffset { writer.int(offset) }
            writer.string(seen.example)
        }
        return Data(writer.bytes)
    }

    private static func decodeRows(_ data: Data, mapPosition: @escaping (Int) -> Int) throws -> (
        DuplicateRowSet, [RowFingerprint: RecordSeen]
    ) {
        var reader = StateReader(Array(data), mapPosition: mapPosition)
        let count = try reader.count(limit: reader.remainingBytes / 16)
        let set = DuplicateRowSet()
        var firsts: [RowFingerprint: RecordSeen] = [:]
        for _ in 0..<count {
            let row = RowFingerprint(low: try reader.uint64(), high: try reader.uint64())
            guard row.low != 0 || row.high != 0, !set.insertReturningDuplicate(fingerprint: row) else {
                throw StateReadingError(offset: 0)
            }
            let line = try reader.position()
            let offset = try reader.bool() ? try reader.int() : nil
            firsts[row] = RecordSeen(line: line, byteOffset: offset, example: try reader.string())
        }
        guard reader.isAtEnd else { throw StateReadingError(offset: 0) }
        return (set, firsts)
    }
}
