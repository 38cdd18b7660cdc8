import Foundation
import Testing

/// `--invalid-rows` with a rule file: a value that breaks only a value rule fails its record, with the rule
/// named in the reasons, as the rule lowered the column's conforming count.
@Suite struct InvalidRowsRulesTests {
    static let input = "Fixtures/rules/invalid-rows-rules.csv"
    static let rules = "Fixtures/rules/invalid-rows-rules.yml"

    /// By hand from the two files: every value fits its column's type (integer, string, integer) and is clean;
    /// mass 9000 (line 3) is above the range 2500...6500 and species Emperor (line 5) is not an allowed value.
    static let expected: [[String]] = [
        ["line", "reasons", "id", "species", "mass"],
        ["3", "mass: rule_violation range", "2", "Gentoo", "9000"],
        ["5", "species: rule_violation allowed_values", "4", "Emperor", "4200"]
    ]

    /// Once with exact value tables, once with the columns past their distinct limit (judged value by value).
    @Test(arguments: [[], ["--exact-distinct-limit", "2"]])
    func valuesBreakingOnlyARuleAreListed(_ extra: [String]) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dq-rules-rows-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let rowsPath = folder.appendingPathComponent("failing.csv").path
        let result = try runDQCLI(
            ["profile", Self.input, "--rules", Self.rules, "--invalid-rows", rowsPath, "--format", "json"] + extra)
        // Both rules are `error` rules and fail: exit 1, with the report written.
        #expect(result.status == 1, "stderr: \(result.stderrText)")
        let report = try JSONParser.parse(result.stdout)
        #expect(report["invalid_rows"] == .int(2))
        #expect(report["columns"]?.arrayValue?.map { $0["conforming"] } == [.int(5), .int(4), .int(4)])
        let written = readRFC4180(Array(try Data(contentsOf: URL(fileURLWithPath: rowsPath))))
        #expect(written.map { $0.map { String(decoding: $0, as: UTF8.self) } } == Self.expected)
    }

    /// Without the rule file the same values conform and nothing fails.
    @Test func withoutRulesNothingFails() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dq-rules-rows-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let rowsPath = folder.appendingPathComponent("failing.csv").path
        let result = try runDQCLI(["profile", Self.input, "--invalid-rows", rowsPath, "--format", "json"])
        #expect(result.status == 0, "stderr: \(result.stderrText)")
        #expect(try JSONParser.parse(result.stdout)["invalid_rows"] == .int(0))
        #expect(readRFC4180(Array(try Data(contentsOf: URL(fileURLWithPath: rowsPath)))).count == 1)
    }
}
