/// The trend of stored runs, one entry per run: date, rows, grade, overall score, and the columns that changed
/// since the previous run of the same dataset (added `+name`, removed `-name`, retyped `name:old>new`, grade
/// changed `name A>C`).
///
/// A run stored with the same dataset, run time and source as the one before it (a retried cron job given the
/// same `--now`) is a run of its own; its entry names the earlier run (``Entry/repeatOf``), and the table shows
/// `repeat of run N` before its changes.
public struct HistoryTrend: Sendable, Equatable {
    /// One run in the trend.
    public struct Entry: Sendable, Equatable {
        /// The run.
        public var run: RunMetrics
        /// The column changes against the previous run of its dataset, in the order listed above.
        public var changes: [String]
        /// The id of the previous run of the same dataset when it has the same run time and source, else `nil`
        /// (two files of one dataset stored by one run over many inputs are not repeats of each other).
        public var repeatOf: Int64?

        /// What the table's `CHANGED` cell lists: `repeat of run N` first for a repeat, then the changes.
        var notes: [String] { (repeatOf.map { ["repeat of run \($0)"] } ?? []) + changes }
    }

    /// Runs oldest first.
    public var entries: [Entry]

    /// The trend of `runs` (oldest first, any datasets mixed).
    /// - Complexity: O(r × c²) for r runs of c columns.
    public init(runs: [RunMetrics]) {
        var previousByDataset: [String: RunMetrics] = [:]
        entries = runs.map { run in
            defer { previousByDataset[run.dataset] = run }
            guard let previous = previousByDataset[run.dataset] else { return Entry(run: run, changes: []) }
            let repeatOf = previous.runTime == run.runTime && previous.source == run.source ? previous.id : nil
            var changes: [String] = []
            changes += run.columns.filter { previous.column(named: $0.name) == nil }.map { "+" + $0.name }
            changes += previous.columns.filter { run.column(named: $0.name) == nil }.map { "-" + $0.name }
            for column in run.columns {
                guard let before = previous.column(named: column.name) else { continue }
                if before.type != column.type {
                    changes.append("\(column.name):\(before.type.rawValue)>\(column.type.rawValue)")
                }
            }
            for column in run.columns {
                guard let before = previous.column(named: column.name) else { continue }
                if before.grade != column.grade {
                    changes.append("\(column.name) \(before.grade.rawValue)>\(column.grade.rawValue)")
                }
            }
            return Entry(run: run, changes: changes, repeatOf: repeatOf)
        }
    }
}
