#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The metrics history: every run's dataset and column metrics and rule results in a SQLite database (the
/// system SQLite, <https://sqlite.org>).
///
/// Safe for overlapping cron runs: the database is in WAL mode (readers never block the writer), every
/// connection waits up to ``busyTimeoutMilliseconds`` for a lock, and each run is written in one
/// `BEGIN IMMEDIATE` transaction, so a run lands whole or not at all. The schema is versioned with
/// `PRAGMA user_version` and migrated forward on open, one transaction per step; a database from a newer
/// tool (a higher version than ``schemaVersion``) is refused rather than misread.
///
/// Tables: `runs` (one row per run: dataset, run time, source, rows, scores, grade, row-level counts, failed
/// rules), `column_metrics` (one row per column of a run: type, nulls, null fraction, distinct, scores,
/// grade; from version 3 an integer or decimal column's `number_format` and `unit`, `""` for none) and, from
/// version 2, `rule_results` (one row per rule of a run).
public final class HistoryStore {
    /// The schema version this code writes.
    public static let schemaVersion = migrations.count
    /// Milliseconds a statement waits for another connection's lock (60 s: longer than any run's write).
    public static let busyTimeoutMilliseconds: Int32 = 60_000

    /// Forward migrations: entry i takes a database from version i to i + 1.
    static let migrations: [String] = [
        """
        CREATE TABLE runs (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            dataset TEXT NOT NULL,
            run_time INTEGER NOT NULL,
            source TEXT NOT NULL,
            rows INTEGER NOT NULL,
            completeness REAL NOT NULL,
            consistency REAL NOT NULL,
            uniqueness REAL,
            overall REAL NOT NULL,
            grade TEXT NOT NULL,
            duplicate_rows INTEGER,
            ragged_rows INTEGER NOT NULL,
            malformed_rows INTEGER NOT NULL,
            rules_failed INTEGER NOT NULL,
            rules_warned INTEGER NOT NULL,
            tool_version TEXT NOT NULL
        );
        CREATE INDEX runs_by_dataset_time ON runs (dataset, run_time, id);
        CREATE TABLE column_metrics (
            run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            name TEXT NOT NULL,
            type TEXT NOT NULL,
            nulls INTEGER NOT NULL,
            null_fraction REAL NOT NULL,
            distinct_count INTEGER NOT NULL,
            completeness REAL NOT NULL,
            consistency REAL NOT NULL,
            uniqueness REAL,
            overall REAL NOT NULL,
            grade TEXT NOT NULL,
            PRIMARY KEY (run_id, position)
        );
        """,
        """
        CREATE TABLE rule_results (
            run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            rule TEXT NOT NULL,
            column_name TEXT,
            level TEXT NOT NULL,
            passed INTEGER NOT NULL,
            observed TEXT NOT NULL,
            limit_value TEXT NOT NULL,
            PRIMARY KEY (run_id, position)
        );
        """,
        """
        ALTER TABLE column_metrics ADD COLUMN number_format TEXT;
        ALTER TABLE column_metrics ADD COLUMN unit TEXT;
        """
    ]

    private let connection: SQLiteConnection

    /// Opens (creating and migrating if needed) the history at `path`, for recording runs. A new path or an
    /// empty file becomes a history; a database with tables but no schema version (another program's) is
    /// refused before anything is written to it.
    /// - Throws: ``HistoryError`` when the file cannot be opened or written, is not a history database, or comes
    ///   from a newer schema.
    public init(path: String) throws {
        connection = try Self.described("cannot open the history database") { () throws(HistoryError) in
            try SQLiteConnection(path: path, busyTimeoutMilliseconds: Self.busyTimeoutMilliseconds)
        }
        try refuseAnotherProgramsDatabase()
        try Self.described("cannot open the history database") { () throws(HistoryError) in
            try Self.withRetry { () throws(HistoryError) in
                try connection.execute(
                    "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;")
            }
        }
        try migrate()
    }

    /// Opens the history at `path` only for reading (``runs(dataset:)``, ``datasets()``): nothing is written
    /// (no journal mode, no migration), so a database in a file or folder this process may not write can be
    /// read, and one of an older schema version is read as it is.
    /// - Throws: ``HistoryError`` when the file cannot be opened or read, is not a history database (schema
    ///   version 0), or comes from a newer schema.
    public init(readingAt path: String) throws(HistoryError) {
        connection = try Self.described("cannot open the history database") { () throws(HistoryError) in
            try SQLiteConnection(path: path, busyTimeoutMilliseconds: Self.busyTimeoutMilliseconds, readOnly: true)
        }
        let version = try Self.described("cannot read the history database") { () throws(HistoryError) in
            try storedSchemaVersion()
        }
        if version == 0 {
            throw HistoryError(path: path, message: "not a dqcli history database (it has no runs).")
        }
        try refuseNewer(version)
    }

    /// Throws when the open database has tables but schema version 0: it is another program's, and
    /// migrating it would add dqcli's tables to it. The version and the tables are read in one statement, so
    /// both come from one snapshot: read apart, another run's migration could commit between them, and a
    /// new history would look like another program's (seen with eight runs creating one history at once).
    private func refuseAnotherProgramsDatabase() throws(HistoryError) {
        let (version, tables) = try Self.described("cannot open the history database") { () throws(HistoryError) in
            let row = try connection.query(
                "SELECT (SELECT user_version FROM pragma_user_version), (SELECT count(*) FROM sqlite_master)"
            ).first
            return (row?.first?.integer ?? 0, row?.dropFirst().first?.integer ?? 0)
        }
        if version == 0 && tables > 0 {
            throw HistoryError(
                path: connection.path,
                message: "not a dqcli history database (it holds another program's tables); give another path.")
        }
    }

    /// Closes the database; calling it again does nothing. After it, every other method throws
    /// `the history database is closed; open it again to read or record runs.` Without it the database closes
    /// when the store is released.
    /// - Throws: ``HistoryError`` when SQLite cannot close the database (the store then stays open).
    /// - Complexity: a checkpoint of the write-ahead log into the database file when this is its last connection.
    public func close() throws(HistoryError) {
        try Self.described("cannot close the history database") { () throws(HistoryError) in
            try connection.close()
        }
    }

    /// Throws when ``close()`` has been called.
    private func requireOpen() throws(HistoryError) {
        guard connection.isOpen else {
            throw HistoryError(
                path: connection.path, message: "the history database is closed; open it again to read or record runs.")
        }
    }

    /// The schema version of the open database.
    public func storedSchemaVersion() throws(HistoryError) -> Int {
        try requireOpen()
        return Int(try connection.query("PRAGMA user_version").first?.first?.integer ?? 0)
    }

    /// SQLite's `PRAGMA integrity_check`: `["ok"]` for a sound database, else the problems it lists.
    public func integrityCheck() throws(HistoryError) -> [String] {
        try requireOpen()
        return try connection.query("PRAGMA integrity_check").compactMap { $0.first?.text }
    }

    private func migrate() throws {
        let current = try Self.described("cannot read the history database") { () throws(HistoryError) in
            try storedSchemaVersion()
        }
        if current == Self.schemaVersion { return }
        try refuseNewer(current)
        let action = "cannot update the history database to schema version \(Self.schemaVersion)"
        try transaction(action) { () throws(HistoryError) in
            try Self.described(action) { () throws(HistoryError) in
                let version = try storedSchemaVersion()
                for step in version..<Self.schemaVersion {
                    try connection.execute(Self.migrations[step])
                }
                try connection.execute("PRAGMA user_version = \(Self.schemaVersion)")
            }
        }
    }

    private func refuseNewer(_ version: Int) throws(HistoryError) {
        guard version <= Self.schemaVersion else {
            throw HistoryError(
                path: connection.path,
                message:
                    "the history database has schema version \(version); this dqcli reads up to \(Self.schemaVersion).")
        }
    }

    /// Runs `body`, rewording a failure as `action: SQLite's message.` (a sentence with no SQL in it).
    private static func described<Result>(
        _ action: String, _ body: () throws(HistoryError) -> Result
    ) throws(HistoryError) -> Result {
        do {
            return try body()
        } catch {
            throw HistoryError(path: error.path, message: "\(action): \(error.message).")
        }
    }

    /// Stores one run and returns its drift against the earlier runs of its dataset, atomically.
    ///
    /// In one `BEGIN IMMEDIATE` transaction: reads the last `limits.window` runs of the dataset at or before
    /// `run.runTime`, computes drift, inserts the run, calls `beforeCommit` (the caller writes its report there),
    /// and commits. If anything throws, the transaction rolls back and the database is unchanged.
    /// - Returns: the stored run (with its id) and its drift findings.
    /// - Throws: ``HistoryError``, or whatever `beforeCommit` throws.
    public func record(
        _ run: RunMetrics, rules: [RuleResult]?, limits: DriftLimits,
        beforeCommit: (RunMetrics, [DriftFinding]) throws -> Void = { _, _ in }
    ) throws -> (run: RunMetrics, drift: [DriftFinding]) {
        try requireOpen()
        var stored = run
        var drift: [DriftFinding] = []
        try transaction("cannot store the run") {
            try Self.described("cannot store the run") { () throws(HistoryError) in
                let earlier = try runs(dataset: run.dataset, atOrBefore: run.runTime, limit: limits.window)
                drift = DriftDetector(limits: limits).findings(current: run, earlier: earlier)
                stored.id = try insert(run, rules: rules ?? [])
            }
            try beforeCommit(stored, drift)
        }
        return (stored, drift)
    }

    /// Every stored run, oldest first (by run time, then id), optionally of one dataset.
    /// - Throws: ``HistoryError`` when the database cannot be read.
    public func runs(dataset: String? = nil) throws(HistoryError) -> [RunMetrics] {
        try requireOpen()
        return try Self.described("cannot read the runs") { () throws(HistoryError) in
            let rows: [[SQLiteConnection.Value]]
            if let dataset {
                rows = try connection.query(
                    "SELECT \(Self.runColumns) FROM runs WHERE dataset = ? ORDER BY run_time, id", [.text(dataset)])
            } else {
                rows = try connection.query("SELECT \(Self.runColumns) FROM runs ORDER BY run_time, id")
            }
            return try rows.map(run)
        }
    }

    /// The names of the datasets with stored runs, sorted by their UTF-8 bytes.
    /// - Throws: ``HistoryError`` when the database cannot be read.
    public func datasets() throws(HistoryError) -> [String] {
        try requireOpen()
        return try Self.described("cannot read the runs") { () throws(HistoryError) in
            try connection.query("SELECT DISTINCT dataset FROM runs ORDER BY dataset").compactMap { $0.first?.text }
        }
    }

    private func runs(dataset: String, atOrBefore time: Int64, limit: Int) throws(HistoryError) -> [RunMetrics] {
        try connection.query(
            "SELECT \(Self.runColumns) FROM runs WHERE dataset = ? AND run_time <= ? ORDER BY run_time DESC, id DESC LIMIT ?",
            [.text(dataset), .integer(time), .integer(Int64(limit))]
        ).map(run)
    }

    private static let runColumns =
        "id, dataset, run_time, source, rows, completeness, consistency, uniqueness, overall, grade, duplicate_rows, ragged_rows, malformed_rows, rules_failed, rules_warned"

    private func run(_ row: [SQLiteConnection.Value]) throws(HistoryError) -> RunMetrics {
        let id = row[0].integer ?? 0
        let columns = try connection.query(
            "SELECT name, type, nulls, null_fraction, distinct_count, completeness, consistency, uniqueness, overall, grade, number_format, unit FROM column_metrics WHERE run_id = ? ORDER BY position",
            [.integer(id)]
        ).map { values in
            ColumnMetrics(
                name: values[0].text ?? "", type: ColumnType(rawValue: values[1].text ?? "") ?? .string,
                nulls: Int(values[2].integer ?? 0), nullFraction: values[3].real ?? 0,
                distinct: Int(values[4].integer ?? 0),
                scores: Scores(
                    completeness: values[5].real ?? 0, consistency: values[6].real ?? 0, uniqueness: values[7].real,
                    overall: values[8].real ?? 0),
                grade: Grade(rawValue: values[9].text ?? "") ?? .f, numberFormat: values[10].text, unit: values[11].text
            )
        }
        return RunMetrics(
            id: id, dataset: row[1].text ?? "", runTime: row[2].integer ?? 0, source: row[3].text ?? "",
            rows: Int(row[4].integer ?? 0),
            scores: Scores(
                completeness: row[5].real ?? 0, consistency: row[6].real ?? 0, uniqueness: row[7].real,
                overall: row[8].real ?? 0),
            grade: Grade(rawValue: row[9].text ?? "") ?? .f, duplicateRows: row[10].integer.map { Int($0) },
            raggedRows: Int(row[11].integer ?? 0), malformedRows: Int(row[12].integer ?? 0),
            rulesFailed: Int(row[13].integer ?? 0), rulesWarned: Int(row[14].integer ?? 0), columns: columns)
    }

    private func insert(_ run: RunMetrics, rules: [RuleResult]) throws(HistoryError) -> Int64 {
        func optionalReal(_ value: Double?) -> SQLiteConnection.Value { value.map { .real($0) } ?? .null }
        try connection.query(
            "INSERT INTO runs (dataset, run_time, source, rows, completeness, consistency, uniqueness, overall, grade, duplicate_rows, ragged_rows, malformed_rows, rules_failed, rules_warned, tool_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                .text(run.dataset), .integer(run.runTime), .text(run.source), .integer(Int64(run.rows)),
                .real(run.scores.completeness), .real(run.scores.consistency), optionalReal(run.scores.uniqueness),
                .real(run.scores.overall), .text(run.grade.rawValue),
                run.duplicateRows.map { .integer(Int64($0)) } ?? .null,
                .integer(Int64(run.raggedRows)), .integer(Int64(run.malformedRows)), .integer(Int64(run.rulesFailed)),
                .integer(Int64(run.rulesWarned)), .text(ToolInfo.version)
            ])
        let id = connection.lastInsertedRowID
        for (position, column) in run.columns.enumerated() {
            try connection.query(
                "INSERT INTO column_metrics (run_id, position, name, type, nulls, null_fraction, distinct_count, completeness, consistency, uniqueness, overall, grade, number_format, unit) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    .integer(id), .integer(Int64(position)), .text(column.name), .text(column.type.rawValue),
                    .integer(Int64(column.nulls)), .real(column.nullFraction), .integer(Int64(column.distinct)),
                    .real(column.scores.completeness), .real(column.scores.consistency),
                    optionalReal(column.scores.uniqueness),
                    .real(column.scores.overall), .text(column.grade.rawValue),
                    column.numberFormat.map { .text($0) } ?? .null, column.unit.map { .text($0) } ?? .null
                ])
        }
        for (position, result) in rules.enumerated() {
            try connection.query(
                "INSERT INTO rule_results (run_id, position, rule, column_name, level, passed, observed, limit_value) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    .integer(id), .integer(Int64(position)), .text(result.rule),
                    result.column.map { .text($0) } ?? .null,
                    .text(result.level.rawValue), .integer(result.passed ? 1 : 0), .text(result.observed.description),
                    .text(result.limit.description)
                ])
        }
        return id
    }

    /// Runs `body` in a `BEGIN IMMEDIATE` transaction: committed when it returns, rolled back when it throws.
    /// A failure to begin or commit is reworded as `action: SQLite's message.`
    private func transaction<E: Error>(_ action: String, _ body: () throws(E) -> Void) throws {
        try Self.described(action) { () throws(HistoryError) in
            try Self.withRetry { () throws(HistoryError) in try connection.execute("BEGIN IMMEDIATE") }
        }
        do {
            try body()
            try Self.described(action) { () throws(HistoryError) in try connection.execute("COMMIT") }
        } catch {
            try? connection.execute("ROLLBACK")
            throw error
        }
    }

    /// Retries an operation that failed because the database was busy beyond the busy timeout's handling
    /// (SQLite does not call the busy handler in a few lock upgrades, such as switching to WAL), 100 ms apart,
    /// for as long as ``busyTimeoutMilliseconds`` allows: a loaded machine with several runs opening one
    /// history at once can keep it busy for seconds.
    private static func withRetry(_ body: () throws(HistoryError) -> Void) throws(HistoryError) {
        let deadline = ContinuousClock.now + .milliseconds(Int(busyTimeoutMilliseconds))
        while true {
            do {
                try body()
                return
            } catch {
                guard ContinuousClock.now < deadline,
                    error.message.contains("locked") || error.message.contains("busy")
                else {
                    throw error
                }
                usleep(100_000)
            }
        }
    }
}
