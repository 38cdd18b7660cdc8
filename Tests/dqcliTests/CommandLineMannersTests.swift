import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The manners a steward meets first: why a gate failed, `--output -` under `--quiet`, exit statuses in the
/// help, the short flags of csvkit and qsv, standard input without `-`, and how messages name it.
@Suite struct CommandLineMannersTests {
    static let penguins = "Fixtures/real/penguins.csv"
    /// 08-ragged-rows: overall 6/12, grade F (the shared case's hand count).
    static let gradeF = "Fixtures/cases/08-ragged-rows/input.csv"

    /// The usage lines ArgumentParser prints after a usage error of `profile`.
    static let profileUsage = """
        Usage: dqcli profile [<options>] [<FILE> ...]
          See 'dqcli profile --help' for more information.

        """

    // MARK: --fail-under says why it exits 1

    @Test(arguments: [[], ["--quiet"]])
    func failUnderNamesTheGradeAndTheGate(_ extra: [String]) throws {
        let result = try runDQCLI(["profile", Self.gradeF, "--format", "json", "--fail-under", "B"] + extra)
        #expect(result.status == 1)
        #expect(
            result.stderrText == "dqcli: Fixtures/cases/08-ragged-rows/input.csv: grade F is below --fail-under B.\n")
        #expect(result.stdout.isEmpty == extra.contains("--quiet"))
    }

    @Test func failUnderOnStandardInputNamesStandardInput() throws {
        let bytes = try Data(contentsOf: fixtureURL(Self.gradeF))
        let result = try runDQCLI(["profile", "-", "--fail-under", "c", "--quiet"], stdin: bytes)
        #expect(result.status == 1)
        #expect(result.stderrText == "dqcli: standard input: grade F is below --fail-under C.\n")
    }

    @Test func failUnderOfCheckAndMergeSaysSoToo() throws {
        let check = try runDQCLI(
            ["check", Self.gradeF, "--rules", "Fixtures/cron/orders.yml", "--fail-under", "D", "--quiet"])
        #expect(check.status == 1)
        #expect(
            check.stderrText.hasSuffix(
                "dqcli: orders (Fixtures/cases/08-ragged-rows/input.csv): grade F is below --fail-under D.\n"))
        let state = try runDQCLI(["profile", Self.gradeF, "--state-out", "-"])
        #expect(state.status == 0, "stderr: \(state.stderrText)")
        let merge = try runDQCLI(["merge", "-", "--fail-under", "A", "--format", "json"], stdin: state.stdout)
        #expect(merge.status == 1)
        #expect(
            merge.stderrText == "dqcli: Fixtures/cases/08-ragged-rows/input.csv: grade F is below --fail-under A.\n")
    }

    @Test func aPassedGateSaysNothing() throws {
        let result = try runDQCLI(["profile", Self.penguins, "--fail-under", "B", "--quiet"])
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty && result.stdout.isEmpty)
    }

    // MARK: --output - under --quiet

    @Test func quietStillWritesTheReportToDashOutput() throws {
        let plain = try runDQCLI(["profile", Self.penguins, "--format", "json"])
        let quiet = try runDQCLI(["profile", Self.penguins, "--quiet", "--output", "-", "--format", "json"])
        #expect(quiet.status == 0)
        #expect(!quiet.stdout.isEmpty)
        #expect(quiet.stdout == plain.stdout)
        #expect(quiet.stderr.isEmpty)
        // --quiet alone still prints no report.
        #expect(try runDQCLI(["profile", Self.penguins, "--quiet", "--format", "json"]).stdout.isEmpty)
    }

    // MARK: EXIT STATUS in the help

    /// The section of `profile` and `check`, as the README's exit-status table has it, wrapped at 80 columns.
    static let profileExitStatus = """
        EXIT STATUS:
          0       profiled, and every gate passed (failed warn rules do not count).
          1       profiled, and a gate failed: --fail-under, an error rule, or drift
                  with --fail-on-drift.
          64      usage error: a bad option or value, no FILE and no piped input, an
                  unknown --key, a rule file with a mistake.
          65      bad data: --strict met a malformed or ragged record, a header field is
                  over --max-field-bytes, a compressed input is cut or damaged, the
                  input is not a CSV, or (partition mode) an input line is not a record.
          66      the input cannot be opened or read.
          70      an unexpected error inside dqcli (a bug; the message names the error).
          73      the report, the --invalid-rows file or the state cannot be written.
          74      the history database cannot be opened or written.
          128+N   stopped by signal N (130: interrupted, as by Ctrl-C).

        """

    @Test(arguments: [["profile", "--help"], ["profile", "-h"], ["help", "profile"]])
    func profileHelpEndsWithItsExitStatuses(_ arguments: [String]) throws {
        let result = try runDQCLI(arguments)
        #expect(result.status == 0)
        #expect(result.stdoutText.hasSuffix("\n\n" + Self.profileExitStatus), "help: \(result.stdoutText)")
        #expect(result.stdoutText.hasPrefix("OVERVIEW: Profile a CSV file and report its quality."))
    }

    /// Every command's help ends with an EXIT STATUS section listing exactly the statuses it uses.
    @Test(arguments: [
        (["--help"], ["0", "1", "64", "65", "66", "70", "73", "74", "128+N"]),
        (["check", "--help"], ["0", "1", "64", "65", "66", "70", "73", "74", "128+N"]),
        (["suggest", "--help"], ["0", "64", "65", "66", "73", "128+N"]),
        (["history", "--help"], ["0", "64", "66", "73", "74", "128+N"]),
        (["diff", "--help"], ["0", "1", "64", "65", "66", "73", "128+N"]),
        (["merge", "--help"], ["0", "1", "64", "65", "66", "70", "73", "128+N"]),
        (["rowhash", "--help"], ["0", "64", "65", "66", "73", "128+N"])
    ])
    func everyHelpEndsWithExitStatuses(_ arguments: [String], _ statuses: [String]) throws {
        let result = try runDQCLI(arguments)
        #expect(result.status == 0)
        let parts = result.stdoutText.components(separatedBy: "\n\nEXIT STATUS:\n")
        #expect(parts.count == 2, "help: \(result.stdoutText)")
        let section = parts.last ?? ""
        let listed = section.split(separator: "\n").filter { !$0.hasPrefix("   ") }.map {
            String($0.dropFirst(2).prefix { $0 != " " })
        }
        #expect(listed == statuses, "section: \(section)")
        #expect(section.split(separator: "\n").allSatisfy { $0.count <= 80 })
    }

    @Test func versionIsPrintedAsItWas() throws {
        let result = try runDQCLI(["--version"])
        #expect(result.status == 0)
        #expect(result.stdoutText == "0.1.0\n")
    }

    // MARK: Short flags: -d, -t, -o

    @Test func shortDelimiterIsTheLongOne() throws {
        let file = "Fixtures/crafted/delim-semicolon.csv"
        let short = try runDQCLI(["profile", file, "-d", ";", "--format", "json"])
        let long = try runDQCLI(["profile", file, "--delimiter", ";", "--format", "json"])
        #expect(short.status == 0, "stderr: \(short.stderrText)")
        #expect(short.stdout == long.stdout)
        #expect(try JSONParser.parse(short.stdout)["source"]?["delimiter_detected"] == .bool(false))
    }

    @Test func tabsFlagIsDelimiterTab() throws {
        let file = "Fixtures/crafted/delim-tab.csv"
        let short = try runDQCLI(["profile", file, "-t", "--format", "json"])
        let long = try runDQCLI(["profile", file, "--tabs", "--format", "json"])
        let named = try runDQCLI(["profile", file, "--delimiter", "tab", "--format", "json"])
        #expect(short.status == 0, "stderr: \(short.stderrText)")
        #expect(short.stdout == named.stdout && long.stdout == named.stdout)
        let rowhash = try runDQCLI(["rowhash", file, "-t"])
        #expect(rowhash.status == 0)
        #expect(rowhash.stdout == (try runDQCLI(["rowhash", file, "-d", "tab"])).stdout)
    }

    @Test func tabsAndDelimiterTogetherAreAUsageError() throws {
        let result = try runDQCLI(["profile", Self.penguins, "-t", "-d", ","])
        #expect(result.status == 64)
        #expect(
            result.stderrText
                == "Error: --tabs (-t) and --delimiter ',' both set the delimiter: give one of them.\n"
                + Self.profileUsage)
        #expect(result.stdout.isEmpty)
    }

    @Test func shortOutputWritesTheFileForProfileCheckMergeAndSuggest() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dqcli-short-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let report = folder.appendingPathComponent("report.json").path
        let profile = try runDQCLI(["profile", Self.penguins, "--format", "json", "-o", report])
        #expect(profile.status == 0 && profile.stdout.isEmpty)
        #expect(
            try Data(contentsOf: URL(fileURLWithPath: report))
                == (try runDQCLI(["profile", Self.penguins, "--format", "json"])).stdout)

        let rules = folder.appendingPathComponent("penguins.yml").path
        let suggest = try runDQCLI(["suggest", Self.penguins, "-o", rules])
        #expect(suggest.status == 0 && suggest.stdout.isEmpty)
        #expect(try Data(contentsOf: URL(fileURLWithPath: rules)) == (try runDQCLI(["suggest", Self.penguins])).stdout)

        let checked = folder.appendingPathComponent("checked.json").path
        let check = try runDQCLI(["check", Self.penguins, "--rules", rules, "--format", "json", "-o", checked])
        #expect(check.status == 0 && check.stdout.isEmpty, "stderr: \(check.stderrText)")
        #expect(FileManager.default.fileExists(atPath: checked))

        let state = folder.appendingPathComponent("penguins.state").path
        #expect(try runDQCLI(["profile", Self.penguins, "--state-out", state]).status == 0)
        let merged = folder.appendingPathComponent("merged.json").path
        let merge = try runDQCLI(["merge", state, "--format", "json", "-o", merged])
        #expect(merge.status == 0 && merge.stdout.isEmpty)
        #expect(FileManager.default.fileExists(atPath: merged))
    }

    // MARK: No FILE: standard input when it holds data

    @Test func noFileReadsARedirectedFile() throws {
        let result = try runDQCLI(["profile", "--format", "json"], stdinFile: fixtureURL(Self.penguins))
        #expect(result.status == 0, "stderr: \(result.stderrText)")
        let dash = try runDQCLI(["profile", "-", "--format", "json"], stdinFile: fixtureURL(Self.penguins))
        #expect(result.stdout == dash.stdout)
        let report = try JSONParser.parse(result.stdout)
        #expect(report["rows"] == .int(344))
        #expect(report["source"]?["path"] == .string("-"))
    }

    @Test func noFileReadsAPipe() throws {
        let bytes = try Data(contentsOf: fixtureURL(Self.penguins))
        let result = try runDQCLI(["profile", "--format", "json"], stdin: bytes)
        #expect(result.status == 0, "stderr: \(result.stderrText)")
        #expect(try JSONParser.parse(result.stdout)["rows"] == .int(344))
    }

    static let fileNeeded =
        "Error: give the CSV file to profile (FILE), or pipe it in: standard input is a terminal or a device, not a file or a pipe.\n"

    /// Under cron standard input is often /dev/null, a character device: no data to profile.
    @Test func noFileWithStandardInputFromDevNullIsAUsageError() throws {
        let result = try runDQCLI(["profile", "--format", "json"])
        #expect(result.status == 64)
        #expect(result.stderrText == Self.fileNeeded + Self.profileUsage)
        #expect(result.stdout.isEmpty)
    }

    /// `dqcli profile` typed at a terminal would wait for typed CSV: it asks for the file instead.
    @Test func noFileWithStandardInputFromATerminalIsAUsageError() throws {
        guard let (master, terminalPath) = PseudoTerminal.open() else { throw NoPseudoTerminal() }
        defer { close(master) }
        let result = try runDQCLI(["profile"], stdinFile: URL(fileURLWithPath: terminalPath))
        #expect(result.status == 64)
        #expect(result.stderrText == Self.fileNeeded + Self.profileUsage)
        #expect(result.stdout.isEmpty)
    }

    // MARK: Messages name standard input

    @Test func anErrorOnStandardInputNamesStandardInput() throws {
        // crafted/ragged.csv: `a,b,c\n1,2,3\n` is 12 bytes, then the 2-field record `4,5` on line 3.
        let bytes = try Data(contentsOf: fixtureURL("Fixtures/crafted/ragged.csv"))
        let result = try runDQCLI(["profile", "-", "--strict"], stdin: bytes)
        #expect(result.status == 65)
        #expect(
            result.stderrText.hasPrefix("dqcli: standard input, line 3, byte offset 12: "),
            "stderr: \(result.stderrText)")
    }

    // MARK: The README's MAIN FINDING wording

    /// The table's words for the cells of ragged and malformed records, at dqcli's 80 columns: short names
    /// leave room for `ragged/malformed`, long ones only for `bad rows`. The README quotes both.
    @Test func readmeQuotesTheMainFindingsTheTableShows() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dqcli-main-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let longNames = folder.appendingPathComponent("long-names.csv")
        try Data("identifier_long,amount_in_euros\n1,2\n3\n4\n".utf8).write(to: longNames)
        let readme = try String(contentsOf: fixtureURL("README.md"), encoding: .utf8)
        for (path, expected) in [
            ("Fixtures/crafted/ragged.csv", "3 cells in ragged/malformed rows"), (longNames.path, "2 cells in bad rows")
        ] {
            let table = try runDQCLI(["profile", path])
            #expect(table.stdoutText.contains(expected + "\n"), "table: \(table.stdoutText)")
            #expect(readme.contains("`" + expected + "`"), "the README does not quote `\(expected)`")
        }
    }
}
