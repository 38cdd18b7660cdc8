import Foundation
import Testing

/// `profile`, `check` and `suggest` read standard input alike: with no FILE or with `-`, when it is a pipe or
/// a file; when it is a terminal or a device (`/dev/null`, as under cron) that is a usage error asking for
/// the file, for `-` too.
@Suite struct StandardInputTests {
    static let orders = "Fixtures/cron/orders-1.csv"
    static let rules = "Fixtures/cron/orders.yml"
    static let notAFileOrAPipe =
        "(FILE), or pipe it in: standard input is a terminal or a device, not a file or a pipe.\n"

    /// The usage error of `command` when it has no input: the sentence, then ArgumentParser's usage lines.
    static func noInputError(_ command: String, verb: String, usage: String) -> String {
        "Error: give the CSV file to \(verb) " + notAFileOrAPipe + "Usage: dqcli \(command) [<options>] \(usage)\n"
            + "  See 'dqcli \(command) --help' for more information.\n"
    }

    static let noInputCases: [(arguments: [String], stderr: String)] = [
        (["profile", "-"], noInputError("profile", verb: "profile", usage: "[<FILE> ...]")),
        (["check", "--rules", rules], noInputError("check", verb: "check", usage: "[<FILE> ...]")),
        (["check", "-", "--rules", rules], noInputError("check", verb: "check", usage: "[<FILE> ...]")),
        (["suggest"], noInputError("suggest", verb: "suggest rules for", usage: "[<FILE> ...]")),
        (["suggest", "-"], noInputError("suggest", verb: "suggest rules for", usage: "[<FILE> ...]"))
    ]

    /// Standard input is /dev/null (``runDQCLI``'s default): exit 64, nothing on standard output.
    @Test(arguments: noInputCases)
    func standardInputFromDevNullIsAUsageError(_ arguments: [String], _ stderr: String) throws {
        let result = try runDQCLI(arguments)
        #expect(result.status == 64)
        #expect(result.stderrText == stderr)
        #expect(result.stdout.isEmpty)
    }

    /// A terminal as standard input is refused the same way, `-` or not.
    @Test(arguments: [["check", "--rules", rules], ["check", "-", "--rules", rules], ["suggest"]])
    func standardInputFromATerminalIsAUsageError(_ arguments: [String]) throws {
        guard let (master, terminalPath) = PseudoTerminal.open() else { throw NoPseudoTerminal() }
        defer { close(master) }
        let result = try runDQCLI(arguments, stdinFile: URL(fileURLWithPath: terminalPath))
        #expect(result.status == 64)
        #expect(result.stderrText.hasPrefix("Error: give the CSV file to "), "\(result.stderrText)")
    }

    /// `check` and `suggest` with no FILE read a pipe, as with `-`: the same output, exit 0 (orders-1.csv passes
    /// orders.yml).
    @Test(arguments: [["check", "--rules", rules, "--format", "json", "--now", "2026-11-29T02:00:00Z"], ["suggest"]])
    func noFileReadsAPipeAsDashDoes(_ arguments: [String]) throws {
        let bytes = try Data(contentsOf: fixtureURL(Self.orders))
        let implicit = try runDQCLI(arguments, stdin: bytes)
        var withDash = arguments
        withDash.insert("-", at: 1)
        let explicit = try runDQCLI(withDash, stdin: bytes)
        #expect(explicit.status == 0, "\(explicit.stderrText)")
        #expect(implicit.status == explicit.status)
        #expect(implicit.stdout == explicit.stdout)
        #expect(implicit.stderrText == explicit.stderrText)
        #expect(!implicit.stdout.isEmpty)
    }
}
