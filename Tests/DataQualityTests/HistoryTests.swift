import Foundation
import Testing

@testable import DataQuality

private func temporaryDatabase() -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent("dq-history-\(UUID().uuidString).db").path
}

private func removeDatabase(_ path: String) {
    for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
}

/// A run with one column `n` whose numbers are given; scores are set to `consistency` everywhere.
private func run(
    rows: Int, time: Int64, nulls: Int = 0, distinct: Int = 10, consistency: Double = 1, grade: Grade = .a,
    type: ColumnType = .integer
) -> RunMetrics {
    let scores = Scores(completeness: 1, consistency: consistency, uniqueness: 1, overall: consistency)
    return RunMetrics(
        dataset: "d", runTime: time, source: "d.csv", rows: rows, scores: scores, grade: grade, duplicateRows: 0,
        raggedRows: 0, malformedRows: 0, rulesFailed: 0, rulesWarned: 0,
        columns: [
            ColumnMetrics(
                name: "n", type: type, nulls: nulls, nullFraction: Double(nulls) / Double(rows), distinct: distinct,
                scores: scores, grade: grade)
        ])
}

@Suite struct HistoryStoreTests {
    @Test func aVersionOneDatabaseMigratesForwardAndKeepsItsRuns() throws {
        let path = temporaryDatabase()
        defer { removeDatabase(path) }
        do {
            let connection = try SQLiteConnection(path: path, busyTimeoutMilliseconds: 1000)
            try connection.execute(HistoryStore.migrations[0])
            try connection.execute("PRAGMA user_version = 1")
            try connection.execute(
                "INSERT INTO runs (dataset, run_time, source, rows, completeness, consistency, uniqueness, overall, grade, duplicate_rows, ragged_rows, malformed_rows, rules_failed, rules_warned, tool_version) VALUES ('old', 86400, 'old.csv', 7, 1, 1, 1, 1, 'A', 0, 0, 0, 0, 0, '0.0.1')"
            )
        }
        let store = try HistoryStore(path: path)
        #expect(try store.storedSchemaVersion() == 3)
        #expect(HistoryStore.schemaVersion == 3)
        let runs = try store.runs()
        #expect(runs.map(\.dataset) == ["old"])
        #expect(runs.map(\.rows) == [7])
        _ = try store.record(
            run(rows: 5, time: 90_000),
            rules: [
                RuleResult(
                    rule: "rows", column: nil, level: .error, passed: true, observed: .integer(5), limit: .text("1..."),
                    ruleLine: 3, message: "ok")
            ], limits: DriftLimits())
        #expect(try store.runs(dataset: "d").count == 1)
        #expect(try store.integrityCheck() == ["ok"])
    }

    @Test func closeReleasesTheDatabaseOnceAndLaterCallsThrowASentence() throws {
        let path = temporaryDatabase()
        defer { removeDatabase(path) }
        let store = try HistoryStore(path: path)
        _ = try store.record(run(rows: 5, time: 90_000), rules: [], limits: DriftLimits())
        #expect(FileManager.default.fileExists(atPath: path + "-wal"))
        try store.close()
        // The last connection to a WAL database checkpoints and removes its write-ahead log when it closes.
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
        try store.close()
        let closed = HistoryError(
            path: path, message: "the history database is closed; open it again to read or record runs.")
        #expect(throws: closed) { try store.datasets() }
        #expect(throws: closed) { try store.record(run(rows: 6, time: 90_001), rules: [], limits: DriftLimits()) }
        #expect(try HistoryStore(readingAt: path).runs().map(\.rows) == [5])
    }

    @Test func aNewerSchemaIsRefused() throws {
        let path = temporaryDatabase()
        defer { removeDatabase(path) }
        do {
            let connection = try SQLiteConnection(path: path, busyTimeoutMilliseconds: 1000)
            try connection.execute("PRAGMA user_version = 99")
        }
        #expect(throws: HistoryError.self) { try HistoryStore(path: path) }
    }

    @Test func aFailureBeforeCommitLeavesNothing() throws {
        struct Refused: Error {}
        let path = temporaryDatabase()
        defer { removeDatabase(path) }
        let store = try HistoryStore(path: path)
        #expect(throws: Refused.self) {
            try store.record(run(rows: 5, time: 0), rules: nil, limits: DriftLimits()) { _, _ in throw Refused() }
        }
        #expect(try store.runs().isEmpty)
    }

    @Test func driftComparesWithThePreviousRunAtOrBeforeTheRunTime() throws {
        let path = temporaryDatabase()
        defer { removeDatabase(path) }
        let store = try HistoryStore(path: path)
        _ = try store.record(run(rows: 100, time: 100), rules: nil, limits: DriftLimits())
        _ = try store.record(run(rows: 200, time: 300), rules: nil, limits: DriftLimits())
        // A backfilled run at time 200 compares with the run at 100 (rows 100 -> 100: no drift), not the later one.
        let backfill = try store.record(run(rows: 100, time: 200), rules: nil, limits: DriftLimits())
        #expect(backfill.drift == [])
        #expect(try store.runs().map(\.runTime) == [100, 200, 300])
    }
}

@Suite struct DriftDetectorTests {
    @Test func medianBaselineNeedsTwoEarlierRuns() {
        var limits = DriftLimits()
        limits.rowCountChange = 0.1
        let detector = DriftDetector(limits: limits)
        // One earlier run: 100 -> 89 is -11% against the previous run only.
        let one = detector.findings(current: run(rows: 89, time: 2), earlier: [run(rows: 100, time: 1)])
        #expect(one.map(\.baseline) == [.previous])
        #expect(one.first?.change == -0.11)
        // Earlier runs (newest first) 95, 100, 130: previous 95 (-6.3%, within), median 100 (-11%).
        let three = detector.findings(
            current: run(rows: 89, time: 4),
            earlier: [run(rows: 95, time: 3), run(rows: 100, time: 2), run(rows: 130, time: 1)])
        #expect(three.map(\.kind) == [.rowCountChange])
        #expect(three.map(\.baseline) == [.median])
        #expect(three.first?.before == .integer(100))
        // The window limits the median to the newest runs: with window 2, the median of 95 and 100 is 97.5.
        limits.window = 2
        let windowed = DriftDetector(limits: limits).findings(
            current: run(rows: 89, time: 4),
            earlier: [run(rows: 95, time: 3), run(rows: 100, time: 2), run(rows: 130, time: 1)])
        #expect(windowed == [])
    }

    @Test func columnMetricsMoveBeyondTheirLimits() {
        let detector = DriftDetector()
        let before = run(rows: 100, time: 1, nulls: 0, distinct: 40, consistency: 1, grade: .a)
        // Null fraction +0.06 (limit 0.05), distinct -30% (limit 25%), consistency -0.06 (limit 0.05), grade A -> B.
        let after = run(rows: 100, time: 2, nulls: 6, distinct: 28, consistency: 0.94, grade: .b)
        let findings = detector.findings(current: after, earlier: [before])
        #expect(
            findings.map(\.kind) == [.gradeDrop, .nullFractionChange, .distinctChange, .consistencyChange, .gradeDrop])
        #expect(findings.map(\.column) == [nil, "n", "n", "n", "n"])
        // At the limit exactly is not drift: null fraction +0.05, distinct -25%, consistency -0.05, same grade.
        let edge = run(rows: 100, time: 2, nulls: 5, distinct: 30, consistency: 0.95, grade: .a)
        #expect(detector.findings(current: edge, earlier: [before]) == [])
    }

    @Test func gradeDropCountsLetters() {
        #expect(DriftDetector.gradeDrop(from: .a, to: .c) == 2)
        #expect(DriftDetector.gradeDrop(from: .d, to: .f) == 1)
        #expect(DriftDetector.gradeDrop(from: .c, to: .a) == -2)
    }
}
