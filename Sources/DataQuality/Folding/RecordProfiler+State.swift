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
        return ProfileState(
            settings: Settings(options: options, delimiter: delimiter), sources: sources, header: headerRecord,
            records: tallies, duplicates: duplicateRows.state, columns: columns.map { $0.state() },
            rules: options.rules)
    }

    /// The header's part of the state; setting it sets the header record's facts (position, fault, invalid
    /// UTF-8), not the columns.
    var headerRecord: HeaderState {
        get {
            HeaderState(
                started: started, namesRaw: namesRaw, line: headerLine, byteOffset: headerOffset,
                fault: headerFault?.stateName, isInvalidUTF8: headerIsInvalidUTF8)
        }
        set {
            headerLine = newValue.line
            headerOffset = newValue.byteOffset
            headerFault = newValue.fault.flatMap(RecordFaultKind.init(stateName:))
            headerIsInvalidUTF8 = newValue.isInvalidUTF8
        }
    }

    /// The record counts and firsts.
    var tallies: RecordTallies {
        get {
            RecordTallies(
                rows: rows, recordsSeen: recordsSeen, blankLines: blankLines, ragged: ragged, malformed: malformed,
                unterminated: unterminated, invalidUTF8: invalidRecords, malformedCauses: malformedCauses,
                firstPosition: firstPosition, blankFirst: blankFirst, raggedFirst: raggedFirst,
                malformedFirst: malformedFirst, unterminatedFirst: unterminatedFirst, invalidFirst: invalidFirst)
        }
        set {
            rows = newValue.rows
            recordsSeen = newValue.recordsSeen
            blankLines = newValue.blankLines
            ragged = newValue.ragged
            malformed = newValue.malformed
            unterminated = newValue.unterminated
            invalidRecords = newValue.invalidUTF8
            malformedCauses = newValue.malformedCauses
            firstPosition = newValue.firstPosition
            blankFirst = newValue.blankFirst
            raggedFirst = newValue.raggedFirst
            malformedFirst = newValue.malformedFirst
            unterminatedFirst = newValue.unterminatedFirst
            invalidFirst = newValue.invalidFirst
        }
    }

    /// The duplicate rows with the live row set.
    var duplicateRows: DuplicateRows {
        get {
            var rows = DuplicateRows()
            rows.count = duplicates
            rows.first = duplicateFirst
            rows.isUnknown = duplicatesUnknown
            rows.rowsPartitionedByHash = rowsPartitionedByHash
            rows.set = duplicateSet
            rows.firsts = rowFirsts
            return rows
        }
        set {
            duplicates = newValue.count
            duplicateFirst = newValue.first
            duplicatesUnknown = newValue.isUnknown
            rowsPartitionedByHash = newValue.rowsPartitionedByHash
            duplicateSet = newValue.set
            rowFirsts = newValue.firsts
        }
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
        var mappedHeader = header
        mappedHeader.line = header.line.map(mapPosition)
        _ = try header.faultKind()
        headerRecord = mappedHeader
        let records = state.records
        guard
            [
                records.rows, records.recordsSeen, records.blankLines, records.ragged, records.malformed,
                records.unterminated, records.invalidUTF8, state.duplicates.count
            ]
            .allSatisfy({ (0...StateReader.maximumCount).contains($0) })
        else { throw StateReadingError(offset: 0) }
        tallies = records.mapped(mapPosition)
        duplicateRows = try DuplicateRows(
            state.duplicates, checksDuplicates: options.checksDuplicates, mapPosition: mapPosition)
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
}
