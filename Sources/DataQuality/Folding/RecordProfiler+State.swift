import Foundation

/// The hand-off between the fold and the state value: ``state(delimiter:)`` snapshots a profiler into a
/// ``ProfileState`` at the end of a pass (the state is then merged, written or built into a report); the
/// chunk merge reads and writes the parts through the accessors. The per-record path never sees the value.
extension RecordProfiler {
    /// The profiler's state: dataset counters and firsts, the row set with each row's first record (when kept
    /// within the limit, see ``keepRowPositions(limit:)``) and every column's state. Taken once, at the end of
    /// the pass: the state takes the exact tables over without copying them, so the profiler must not observe
    /// or merge afterwards.
    /// - Parameter delimiter: the delimiter the input was read with (the settings name it).
    /// - Complexity: O(size of the state) without the exact tables: the row set and the sketches' binary.
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
}
