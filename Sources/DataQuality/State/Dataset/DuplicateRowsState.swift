import Foundation

/// A profile's duplicate rows: the count and first duplicate, and what a merge needs to stay exact: the row
/// set with each row's first record (while the distinct rows number at most the row-position limit), or the
/// declaration that the records were partitioned by row hash.
///
/// Merge law (``RecordProfiler/merge(_:keepsRows:laterFirstCrossDuplicate:)``): with both row sets the
/// counts add plus the rows the sets share; with both parts partitioned by hash they add; otherwise the count
/// is unknown.
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
