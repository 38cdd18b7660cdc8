import DataQuality
import Foundation
import Testing

private let governedRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

private func fixture(_ path: String) -> String { governedRoot.appendingPathComponent(path).path }

/// One governed run (``QualityCheck``) for every source: the report it returns is the plain profile's report,
/// with the rule results, failing-row count and drift composed beside it; the grade gate is a typed verdict.
@Suite struct GovernedRunTests {
    private static let orders = "Fixtures/cron/orders.yml"

    private static func folder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("governed-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// A check of the cron rules whose history holds orders-1.csv's run of the day before (2025-11-29).
    private static func checkAfterADay(rules: RuleSet, history: String) throws -> QualityCheck {
        var check = QualityCheck(
            options: ProfileOptions(), rules: rules, historyPath: history, datasetName: nil, now: 1_764_381_600)
        _ = try check.run(.file(path: fixture("Fixtures/cron/orders-1.csv"))) { _ in }
        check.now += 86_400
        return check
    }

    /// Rules, a history with drift and a failing-rows file: the report is the one `Profiler` gives with the same
    /// rule set, byte for byte in JSON, and nothing of the run is patched into it.
    @Test func aFileRunReturnsThePlainProfilesReport() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let rules = try RuleFileParser().parse(fileAt: fixture(Self.orders))
        var options = ProfileOptions()
        options.rules = rules
        let later = try Self.checkAfterADay(rules: rules, history: folder.appendingPathComponent("h.db").path)
        let failing = folder.appendingPathComponent("failing.csv").path
        var delivered: [CheckedReport] = []
        let outcome = try later.run(
            .file(path: fixture("Fixtures/cron/orders-3.csv"), invalidRows: InvalidRowsRequest(path: failing))
        ) { delivered.append($0) }

        let plain = try Profiler(options: options).profile(fileAt: fixture("Fixtures/cron/orders-3.csv"))
        #expect(outcome.report == plain)
        #expect(JSONReportRenderer().render(outcome.report) == JSONReportRenderer().render(plain))
        #expect(delivered == [outcome.checked])
        #expect(outcome.dataset == "orders")
        #expect(outcome.runID == 2)
        #expect(outcome.checked.ruleFile == fixture(Self.orders))
        #expect(outcome.checked.rules == RuleEvaluator(rules: rules).evaluate(plain, now: later.now))
        // orders-3.csv against orders-1.csv: a coupon column, amounts with a unit ("107 EUR": integers whose unit
        // went from none to EUR), 18 rows not 20, grade A to F (as `dqcli check` of the two files with a history
        // says). Every amount conforms to the integer type in its format and nulls do not count, so no row fails.
        #expect(outcome.drift.map(\.kind) == [.columnAdded, .unitChange, .rowCountChange, .gradeDrop])
        #expect(outcome.checked.invalidRows == 0)
        #expect(outcome.checked.invalidRowsIncludeNulls == false)
        #expect(outcome.gradeGate == .notSet)
    }

    /// Partition mode and merged states go through the same run: their reports are those of
    /// `profile(partitionAt:)` and `PartialProfile.merge`.
    @Test func partitionAndStateRunsReturnTheirSourcesReports() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let records = folder.appendingPathComponent("records.txt").path
        try "MSw3\nMiwz\n".write(toFile: records, atomically: true, encoding: .utf8)  // base64 of `1,7` and `2,3`
        let plainCheck = QualityCheck(options: ProfileOptions(), rules: nil, historyPath: nil, datasetName: nil, now: 0)
        let partition = try plainCheck.run(.partition(path: records, columnNames: .names(["a", "b"]))) { _ in }
        #expect(partition.report == (try Profiler().profile(partitionAt: records, columnNames: .names(["a", "b"]))))
        #expect(partition.report.rows == 2)
        #expect(partition.checked == CheckedReport(report: partition.report))

        let rules = try RuleFileParser().parse(fileAt: fixture(Self.orders))
        var options = ProfileOptions()
        options.rules = rules
        let parts = try ["Fixtures/cron/orders-2.csv", "Fixtures/cron/orders-3.csv"].map {
            try Profiler(options: options).partialProfile(fileAt: fixture($0))
        }
        let check = QualityCheck(
            options: ProfileOptions(), rules: rules, historyPath: nil, datasetName: nil, now: 0, minimumGrade: .a)
        let merged = try check.run(.states(parts, sourceName: "both")) { _ in }
        #expect(merged.report == (try PartialProfile.merge(parts, rules: rules, sourceName: "both")))
        #expect(merged.dataset == "orders")
        #expect(merged.failedRules.map(\.rule) == ["unique"])
        #expect(merged.gradeGate == .failed(grade: .f, minimum: .a))
        #expect(merged.failsGate)
    }

    /// The grade gate: no minimum, a grade at the minimum, and one below it.
    @Test func theGradeGateIsATypedVerdict() {
        #expect(QualityCheck.GradeGate(grade: .c, minimum: nil) == .notSet)
        #expect(QualityCheck.GradeGate(grade: .c, minimum: .c) == .passed)
        #expect(QualityCheck.GradeGate(grade: .d, minimum: .c) == .failed(grade: .d, minimum: .c))
        #expect(QualityCheck.GradeGate(grade: .a, minimum: .f) == .passed)
    }

    /// A whole `dqcli` report with failing rows, rules and drift decodes into a `CheckedReport` that renders back
    /// byte for byte; a `Report` decodes the same text as the plain report.
    @Test func aCheckedReportDecodesEveryAddition() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let rules = try RuleFileParser().parse(fileAt: fixture(Self.orders))
        let later = try Self.checkAfterADay(rules: rules, history: folder.appendingPathComponent("h.db").path)
        let outcome = try later.run(
            .file(
                path: fixture("Fixtures/cron/orders-3.csv"),
                invalidRows: InvalidRowsRequest(
                    path: folder.appendingPathComponent("failing.csv").path, includesNulls: true))
        ) { _ in }
        let json = JSONReportRenderer().render(outcome.checked)
        let decoded = try JSONDecoder().decode(CheckedReport.self, from: Data(json.utf8))
        #expect(decoded == outcome.checked)
        #expect(JSONReportRenderer().render(decoded) == json)
        // 15 of the 18 rows hold a null coupon.
        #expect(decoded.invalidRows == 15 && decoded.invalidRowsIncludeNulls)
        #expect(decoded.drift?.count == 4)
        #expect(try JSONDecoder().decode(Report.self, from: Data(json.utf8)) == outcome.report)
        let object = try #require(
            try JSONSerialization.jsonObject(with: try JSONEncoder().encode(decoded)) as? [String: Any])
        #expect(object["invalid_rows"] as? Int == 15)
        #expect((object["rules"] as? [Any])?.count == outcome.checked.rules?.count)
    }

    /// The two hints are typed values: Swift callers read ``ReportHint/description``, reports and `dqcli` the
    /// renderers' command-line wording (the JSON bytes as before), and the JSON reads back as the hint.
    @Test func hintsAreTypedAndWordedByTheRenderers() throws {
        var options = ProfileOptions()
        options.checksDuplicates = false
        let rules = try RuleFileParser().parse(text: "dataset:\n  max_duplicate_rows: 0\n", path: "d.yml")
        options.rules = rules
        let report = try Profiler(options: options).profile(bytes: Array("a\n1\n1\n".utf8), sourceName: "d.csv")
        let result = try #require(RuleEvaluator(rules: rules).evaluate(report, now: 0).first)
        #expect(result.hint == .ruleNeedsDuplicateRows)
        #expect(result.passed == false)
        #expect(
            result.message
                == "duplicate rows were not checked (ProfileOptions.checksDuplicates is off), so the rule cannot pass.")
        #expect(
            result.presentedSummary
                == "max_duplicate_rows (rule line 2): duplicate rows were not checked (--no-duplicates), so the rule cannot pass."
        )
        let checked = CheckedReport(report: report, ruleFile: "d.yml", rules: [result])
        let json = JSONReportRenderer().render(checked)
        #expect(
            json.contains(#""message": "duplicate rows were not checked (--no-duplicates), so the rule cannot pass.""#))
        #expect(try JSONDecoder().decode(CheckedReport.self, from: Data(json.utf8)).rules == [result])

        let parts = try ["a\n1\n", "a\n2\n"].enumerated().map { index, text in
            try Profiler().partialProfile(bytes: Array(text.utf8), sourceName: "p\(index).csv", rowPositionLimit: 0)
        }
        let merged = try PartialProfile.merge(parts)
        let finding = try #require(merged.findings.first { $0.kind == .duplicatesNotChecked })
        #expect(finding.hint == .mergedDuplicatesUnknown)
        #expect(finding.message == nil)
        let mergedJSON = JSONReportRenderer().render(merged)
        #expect(
            mergedJSON.contains(#"then profile each partition with --rows-partitioned-by-hash), or keep each part"#))
        #expect(try JSONDecoder().decode(Report.self, from: Data(mergedJSON.utf8)).findings == merged.findings)
    }
}
