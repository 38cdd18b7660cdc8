import Foundation
import Testing

/// Expected nulls end to end on the README's cron nights (docs/report-additions.md, `nulls_expected`). Night 2,
/// Fixtures/cron/orders-2.csv, has 18 rows of `id,amount,status,coupon`, with `coupon` null in 15 of them: under
/// Fixtures/cron/orders.yml its 72 cells hold 57 conforming ones (0.7917, grade F). With the coupon's nulls
/// expected (Fixtures/cron/orders-optional-coupon.yml) the 15 nulls leave the cells: 57 of 57, grade A, the
/// grade of the same night without the coupon column (54 of 54 cells).
@Suite struct ExpectedNullsTests {
    private func scratchFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("dqcli-nulls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    private func checkNight2(rules: String, stdin: Data? = nil) throws -> (status: Int32, report: JSON) {
        let input = stdin == nil ? "Fixtures/cron/orders-2.csv" : "-"
        let run = try runDQCLI(["check", input, "--rules", rules, "--format", "json"], stdin: stdin)
        return (run.status, try JSONParser.parse(run.stdout))
    }

    private func value(_ report: JSON, _ path: String) -> JSON? { try? walk(report, path).get() }

    @Test func anOptionalColumnKeepsTheGradeOfTheNightWithoutIt() throws {
        let expected = try checkNight2(rules: "Fixtures/cron/orders-optional-coupon.yml")
        #expect(expected.status == 0)
        #expect(value(expected.report, "grade") == .string("A"))
        #expect(value(expected.report, "scores.overall")?.number == 1)
        #expect(value(expected.report, "scores.completeness")?.number == 1)
        #expect(value(expected.report, "columns.coupon.nulls") == .int(15))
        #expect(value(expected.report, "columns.coupon.nulls_expected") == .bool(true))
        #expect(value(expected.report, "columns.coupon.scores.completeness")?.number == 1)
        #expect(value(expected.report, "columns.coupon.scores.overall")?.number == 1)
        #expect(value(expected.report, "columns.coupon.grade") == .string("A"))
        #expect(value(expected.report, "columns.status.nulls_expected") == nil)

        let night = String(decoding: try Data(contentsOf: fixtureURL("Fixtures/cron/orders-2.csv")), as: UTF8.self)
        let withoutCoupon =
            night.split(separator: "\n").map { $0.split(separator: ",").prefix(3).joined(separator: ",") }
            .joined(separator: "\n") + "\n"
        let without = try checkNight2(rules: "Fixtures/cron/orders.yml", stdin: Data(withoutCoupon.utf8))
        #expect(without.status == 0)
        #expect(value(without.report, "grade") == value(expected.report, "grade"))
        #expect(value(without.report, "scores.overall") == value(expected.report, "scores.overall"))

        let asToday = try checkNight2(rules: "Fixtures/cron/orders.yml")
        #expect(value(asToday.report, "grade") == .string("F"))
        #expect(value(asToday.report, "scores.overall")?.number == 57.0 / 72.0)
        #expect(value(asToday.report, "columns.coupon.nulls_expected") == nil)
    }

    /// `max_null_fraction: 0.9` is met (15/18 = 0.833): the nulls are expected, as with `nullable: true`.
    /// `max_null_fraction: 0.5` is exceeded: the rule fails (exit 1) and every null counts as without the rule.
    @Test func aMaxNullFractionExpectsTheNullsOnlyWhenTheRunMeetsIt() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var outcomes: [(status: Int32, report: JSON)] = []
        for limit in ["0.9", "0.5"] {
            let rules = folder.appendingPathComponent("coupon-\(limit).yml")
            try "columns:\n  coupon: {max_null_fraction: \(limit)}\n".write(
                to: rules, atomically: true, encoding: .utf8)
            outcomes.append(try checkNight2(rules: rules.path))
        }
        #expect(outcomes[0].status == 0)
        #expect(value(outcomes[0].report, "grade") == .string("A"))
        #expect(value(outcomes[0].report, "columns.coupon.nulls_expected") == .bool(true))
        #expect(outcomes[1].status == 1)
        #expect(value(outcomes[1].report, "grade") == .string("F"))
        #expect(value(outcomes[1].report, "scores.overall")?.number == 57.0 / 72.0)
        #expect(value(outcomes[1].report, "columns.coupon.scores.completeness")?.number == 3.0 / 18.0)
        #expect(value(outcomes[1].report, "columns.coupon.nulls_expected") == nil)
    }
}
