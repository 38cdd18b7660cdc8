import Foundation
import Testing

/// `--decimal-mark` on the commands that profile: `.` or `,` sets every column's convention and is written as
/// `options.decimal_mark`; anything else is a usage error.
@Suite struct DecimalMarkTests {
    static let fixture = "Fixtures/crafted/numbers-ambiguous-point.csv"

    /// `--decimal-mark ,` reads `count` (`1.234`, `12.005`, `640`) as the integers 1234, 12005 and 640, format
    /// `1.234,5` (by hand: grouping `.` on the two non-neutral values); without it the file's point-decimal
    /// reads them as decimals (format null).
    @Test func aGivenMarkReachesTheReport() throws {
        let given = try runDQCLI(["profile", Self.fixture, "--format", "json", "--decimal-mark", ","])
        #expect(given.status == 0, "stderr: \(given.stderrText)")
        let report = try JSONParser.parse(given.stdout)
        #expect(try walk(report, "options.decimal_mark").get() == .string(","))
        #expect(try walk(report, "columns.count.type").get() == .string("integer"))
        #expect(try walk(report, "columns.count.format").get() == .string("1.234,5"))
        let detected = try JSONParser.parse(try runDQCLI(["profile", Self.fixture, "--format", "json"]).stdout)
        #expect(try walk(detected, "options.decimal_mark").get() == .null)
        #expect(try walk(detected, "columns.count.type").get() == .string("decimal"))
        #expect(try walk(detected, "columns.count.format").get() == .null)
    }

    @Test(arguments: ["profile", "check", "suggest"])
    func anyOtherMarkIsAUsageError(_ command: String) throws {
        let result = try runDQCLI([command, Self.fixture, "--decimal-mark", ";"])
        #expect(result.status == 64, "stderr: \(result.stderrText)")
        #expect(result.stderrText.hasPrefix("Error: --decimal-mark ';': must be `.` or `,`."), "\(result.stderrText)")
        #expect(result.stdout.isEmpty)
    }
}
