import Foundation

/// The hand-off between the fold and the state value: ``state(delimiter:)`` snapshots a profiler into a
/// ``ProfileState`` at the end of a pass, ``init(restoring:mapPosition:layout:)`` makes the profiler of a
/// state again (to merge it with another or to build its report). The per-record path never sees the value.
extension RecordProfiler {
    /// The profiler's state: dataset counters and firsts, the row set with each row's first record (when kept
    /// within the limit, see ``keepRowPositions(limit:)``) and every column's state.
    /// - Parameter delimiter: the delimiter the input was read with (the settings name it).
    /// - Complexity: O(size of the state): the exact tables and row set, or the sketches.
    func state(delimiter: UInt8) -> ProfileState {
        observeBatch()
        let keptRows = duplicateSet == nil ? nil : rowFirsts
        return ProfileState(
            settings: Settings(options: options, delimiter: delimiter), sources: sources,
            header: HeaderState(
                started: started, namesRaw: namesRaw, line: headerLine, byteOffset: headerOffset,
                fault: headerFault?.stateName, isInvalidUTF8: headerIsInvalidUTF8),
            records: RecordTallies(
                rows: rows, recordsSeen: recordsSeen, blankLines: blankLines, commentLines: commentLines,
                ragged: ragged, malformed: malformed,
                unterminated: unterminated, invalidUTF8: invalidRecords, malformedCauses: malformedCauses,
                firstPosition: firstPosition, blankFirst: blankFirst, raggedFirst: raggedFirst,
                malformedFirst: malformedFirst, unterminatedFirst: unterminatedFirst, invalidFirst: invalidFirst),
            duplicates: DuplicateRowsState(
                count: duplicates, first: duplicateFirst, isUnknown: duplicatesUnknown,
                rowsPartitionedByHash: rowsPartitionedByHash, keptRows: keptRows.map(Self.encodeRows)),
            columns: columns.map { $0.state() }, rules: options.rules)
    }

    /// The profiler of a state, ready to merge or finish.
    /// - Parameters:
    ///   - mapPosition: turns the state's position codes into those of `state.sources` of the result (nil:
    ///     the identity, unless the caller gives the profiler another source table afterwards).
    ///   - layout: for each of the state's columns, its index in this profiler (columns of merged states are
    ///     aligned by name and occurrence); the identity when nil.
    ///   - adoptingTables: read the state's exact tables in place instead of copying them (only when nothing
    ///     maps positions or lays columns out, and the profiler will only finish, never merge or observe).
    /// - Throws: ``StateReadingError`` when the state holds impossible values.
    /// - Complexity: O(size of the state); adopted tables cost nothing.
    convenience init(
        restoring state: ProfileState, mapPosition givenMap: ((Int) -> Int)? = nil, layout: [Int]? = nil,
        adoptingTables: Bool = false
    ) throws {
        let mapPosition = givenMap ?? { $0 }
        let options = state.settings.options(rules: state.rules)
        let header = state.header
        try self.init(options: options, sourceName: state.sources.names.first ?? "-", header: header.line != nil)
        sources = state.sources
        let width = header.namesRaw.count
        let layout = layout ?? Array(0..<width)
        guard layout.count == width, Set(layout) == Set(0..<width), state.columns.count == (header.started ? width : 0)
        else { throw StateReadingError(offset: 0) }
        var ordered = header.namesRaw
        for (index, target) in layout.enumerated() { ordered[target] = header.namesRaw[index] }
        started = header.started
        headerLine = header.line.map(mapPosition)
        headerOffset = header.byteOffset
        headerIsInvalidUTF8 = header.isInvalidUTF8
        if let fault = header.fault {
            guard let kind = RecordFaultKind(stateName: fault) else { throw StateReadingError(offset: 0) }
            headerFault = kind
        }
        let records = state.records
        guard
            [
                records.rows, records.recordsSeen, records.blankLines, records.commentLines ?? 0, records.ragged,
                records.malformed,
                records.unterminated, records.invalidUTF8, state.duplicates.count
            ]
            .allSatisfy({ (0...StateReader.maximumCount).contains($0) })
        else { throw StateReadingError(offset: 0) }
        rows = records.rows
        recordsSeen = records.recordsSeen
        blankLines = records.blankLines
        commentLines = records.commentLines ?? 0
        ragged = records.ragged
        malformed = records.malformed
        unterminated = records.unterminated
        invalidRecords = records.invalidUTF8
        malformedCauses = records.malformedCauses
        firstPosition = records.firstPosition.map(mapPosition)
        blankFirst = records.blankFirst?.mapped(mapPosition)
        raggedFirst = records.raggedFirst?.mapped(mapPosition)
        malformedFirst = records.malformedFirst?.mapped(mapPosition)
        unterminatedFirst = records.unterminatedFirst?.mapped(mapPosition)
        invalidFirst = records.invalidFirst?.mapped(mapPosition)
        let duplicateRows = state.duplicates
        duplicates = duplicateRows.count
        duplicateFirst = duplicateRows.first?.mapped(mapPosition)
        duplicatesUnknown = duplicateRows.isUnknown
        rowsPartitionedByHash = duplicateRows.rowsPartitionedByHash
        if let kept = duplicateRows.keptRows {
            let (set, firsts) = try Self.decodeRows(kept, mapPosition: mapPosition)
            duplicateSet = options.checksDuplicates ? set : nil
            rowFirsts = options.checksDuplicates ? firsts : nil
        } else {
            duplicateSet = nil
            rowFirsts = nil
        }
        if started {
            namesRaw = ordered
            names = ordered.map { decodeText($0) }
            self.width = width
            let adopts = adoptingTables && givenMap == nil && layout == Array(0..<width)
            makeColumns(adoptingTables: adopts ? state.columns.map(\.values.exactTable.table) : [])
            for index in 0..<width {
                try columns[layout[index]].restore(state.columns[index], mapPosition: givenMap)
            }
        }
    }

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
