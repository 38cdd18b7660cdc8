/// What a driver that makes a partial profile (rather than a report) sets on its record profiler.
struct PartialProfileSettings {
    /// Distinct rows up to which the state keeps row hashes with each row's first record
    /// (``RecordProfiler/keepRowPositions(limit:)``).
    var rowPositionLimit: Int
    /// Whether the records were partitioned by row hash, so merged duplicate counts add.
    var rowsPartitionedByHash: Bool

    /// Sets both on `profiler`, before it reads its first record.
    func apply(to profiler: RecordProfiler) {
        profiler.keepRowPositions(limit: rowPositionLimit)
        profiler.duplicateRows.rowsPartitionedByHash = rowsPartitionedByHash
    }
}
