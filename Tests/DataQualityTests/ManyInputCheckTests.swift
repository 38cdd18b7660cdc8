import DataQuality
import Foundation
import Testing

private let manyRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

private func night(_ number: Int) -> String {
    manyRoot.appendingPathComponent("Fixtures/cron/orders-\(number).csv").path
}

/// Collects what a run hands out from its threads.
private final class Collected<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [Value] = []

    func append(_ value: Value) { lock.withLock { stored.append(value) } }
    var values: [Value] { lock.withLock { stored } }
}

/// The library's entry point for many inputs (issue 15, item 7): per-input results in order, typed failures,
/// summary lines equal to the reports, progress across inputs, dataset names, and the combined run.
@Suite struct ManyInputCheckTests {
    private static func check(history: String? = nil, rules: RuleSet? = nil) -> QualityCheck {
        QualityCheck(
            options: ProfileOptions(), rules: rules, historyPath: history, datasetName: nil, now: 1_764_554_400,
            minimumGrade: .b)
    }

    @Test func resultsComeInOrderWithTypedFailuresAndTheSummaryOfEachReport() throws {
        let missing = manyRoot.appendingPathComponent("Fixtures/cron/no-such-night.csv").path
        let progress = Collected<ManyInputCheck.Progress>()
        let delivered = Collected<Int>()
        let run = ManyInputCheck(check: Self.check(), maximumThreads: 2).run(
            [night(1), missing, night(2)], progress: { progress.append($0) },
            deliver: { index, _ in delivered.append(index) })
        #expect(run.results.map(\.path) == [night(1), missing, night(2)])
        #expect(run.results.map(\.dataset) == ["orders-1", "no-such-night", "orders-2"])
        guard case .failure(.profile(let error)) = run.results[1].outcome else {
            Issue.record("the missing night is not a profile failure: \(run.results[1].outcome)")
            return
        }
        #expect(error.code == .cannotRead)
        #expect(delivered.values.sorted() == [0, 2])
        #expect(progress.values.map(\.finishedInputs).sorted() == [1, 2, 3])
        #expect(progress.values.allSatisfy { $0.inputCount == 3 })
        // Night 1: 20 rows, all A. Night 2: 15 of 18 coupons null, so coupon's overall is 3/18 and the dataset's
        // 1 - 15/72; grade F is below B.
        let single2 = try Profiler().profile(fileAt: night(2))
        let summary = run.summary
        #expect(summary[0].rows == 20)
        #expect(summary[0].grade == .a)
        #expect(summary[0].overallScore == 1.0)
        #expect(summary[0].mainFinding == nil)
        #expect(summary[0].passedGates == true)
        #expect(summary[1].rows == nil)
        #expect(summary[1].failure == .profile(error))
        #expect(summary[2].rows == single2.rows)
        #expect(summary[2].grade == single2.grade)
        #expect(summary[2].overallScore == single2.scores.overall)
        #expect(summary[2].overallScore == 1 - 15.0 / 72)
        #expect(summary[2].mainFinding?.column == "coupon")
        guard case .finding(let finding) = summary[2].mainFinding?.finding else {
            Issue.record("coupon's main finding is not a finding")
            return
        }
        #expect(finding.kind == .null)
        #expect(finding.count == 15)
        #expect(summary[2].passedGates == false)
        #expect(run.results[2].report == single2)
    }

    @Test func datasetNamesDropTheDateStampAndRulesByDatasetPickTheRuleFile() throws {
        let rules = try RuleFileParser().parse(fileAt: manyRoot.appendingPathComponent("Fixtures/cron/orders.yml").path)
        let many = ManyInputCheck(check: Self.check(), rulesByDataset: ["orders": rules])
        #expect(many.dataset(forPath: "exports/orders-2026-11-29.csv.gz") == "orders")
        #expect(many.rules(forPath: "exports/orders_20261129.csv")?.path == rules.path)
        #expect(many.rules(forPath: "exports/customers-2026-11-29.csv") == nil)
        #expect(many.dataset(forPath: "exports/customers-2026-11-29.csv") == "customers")
    }

    @Test func oneDatasetsFilesAreStoredInTheOrderGivenSoTheSecondDrifts() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("many-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let first = folder.appendingPathComponent("orders-2026-11-01.csv").path
        let second = folder.appendingPathComponent("orders-2026-11-03.csv").path
        try FileManager.default.copyItem(atPath: night(1), toPath: first)
        try FileManager.default.copyItem(atPath: night(3), toPath: second)
        let history = folder.appendingPathComponent("h.db").path
        let run = ManyInputCheck(check: Self.check(history: history), maximumThreads: 2).run(
            [first, second], deliver: { _, _ in })
        let outcomes = try run.results.map { try $0.outcome.get() }
        #expect(outcomes.map(\.dataset) == ["orders", "orders"])
        #expect(outcomes.map(\.runID) == [1, 2])
        #expect(outcomes[0].drift.isEmpty)
        #expect(
            outcomes[1].drift.map(\.message) == [
                "column coupon (string) was added.", "column amount changed unit from none to EUR.",
                "the dataset dropped from grade A to F."
            ])
    }

    /// One dated file a night, each run alone (a cron line `check orders-$(date +%F).csv --history DB`): the
    /// nights are the one dataset `orders`, so the second drifts against the first. Before, a single file kept
    /// its date in its name (`orders-2026-11-01`): a new dataset every night, never a drift.
    @Test func oneDatedFileANightIsOneDatasetThatDrifts() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nightly-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let history = folder.appendingPathComponent("h.db").path
        var outcomes: [QualityCheck.Outcome] = []
        for (number, name) in [(1, "orders-2026-11-01.csv"), (3, "orders-2026-11-03.csv")] {
            let path = folder.appendingPathComponent(name).path
            try FileManager.default.copyItem(atPath: night(number), toPath: path)
            var check = Self.check(history: history)
            check.now = 1_764_554_400 + Int64(number) * 86_400
            outcomes.append(try check.run(.file(path: path)) { _ in })
        }
        #expect(outcomes.map(\.dataset) == ["orders", "orders"])
        #expect(outcomes[1].drift.map(\.message).first == "column coupon (string) was added.")
        #expect(Self.check().dataset(forPath: "exports/orders_20261129.csv.gz") == "orders")
        var named = Self.check()
        named.datasetName = "sales"
        #expect(named.dataset(forPath: "exports/orders_20261129.csv.gz") == "sales")
    }

    @Test func aCombinedRunRefusesADifferentHeaderNamingTheFileAndColumn() throws {
        do {
            _ = try ManyInputCheck(check: Self.check()).runCombined([night(1), night(2)]) { _ in }
            Issue.record("no error")
        } catch {
            #expect(error.path == night(2))
            guard case .headerDiffers(let firstPath, let difference) = error.failure else {
                Issue.record("not a header difference: \(error.failure)")
                return
            }
            #expect(firstPath == night(1))
            #expect(difference.column == 4)
            #expect(difference.expected == nil)
            #expect(difference.found == "coupon")
            #expect(
                error.failure.message
                    == "its header differs from \(night(1))'s at column 4: \"coupon\", a column \(night(1)) does not have; combine only parts of one table."
            )
        }
    }

    @Test func aCombinedReportListsEachFilesSource() throws {
        let outcome = try ManyInputCheck(check: Self.check()).runCombined([night(2), night(3)]) { _ in }
        let report = outcome.report
        #expect(report.source.path == night(2))
        #expect(report.sources?.map(\.path) == [night(2), night(3)])
        #expect(report.sources?.map(\.bytes) == [286, try Profiler().profile(fileAt: night(3)).source.bytes])
        #expect(report.rows == 36)
    }
}
