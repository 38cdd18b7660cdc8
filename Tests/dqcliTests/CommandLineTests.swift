import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A fresh empty folder under the system's temporary folder, removed by the caller.
private func makeScratchFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("dqcli-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

private func folderContents(_ url: URL) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []).sorted()
}

/// The penguins header names, read from the file's first line (independently of dqcli).
private func penguinsColumnNames() throws -> [String] {
    let text = try String(contentsOf: fixtureURL("Fixtures/real/penguins.csv"), encoding: .utf8)
    return text.split(separator: "\n", maxSplits: 1)[0].split(separator: ",").map(String.init)
}

@Suite struct CommandLineTests {
    static let penguins = "Fixtures/real/penguins.csv"

    @Test func binaryIsFound() {
        #expect(dqcliURL != nil, "dqcli binary not found")
    }

    // MARK: stdin

    @Test func standardInputGivesTheSameRowsAsTheFile() throws {
        let bytes = try Data(contentsOf: fixtureURL(Self.penguins))
        let piped = try runDQCLI(["profile", "-", "--format", "json"], stdin: bytes)
        #expect(piped.status == 0, "stderr: \(piped.stderrText)")
        let fromStdin = try JSONParser.parse(piped.stdout)
        let fromFile = try JSONParser.parse(try runDQCLI(["profile", Self.penguins, "--format", "json"]).stdout)
        let oracle = try JSONParser.parse(try Data(contentsOf: fixtureURL("Fixtures/oracle/real-penguins.json")))
        #expect(fromStdin["rows"] == .int(344))  // README: 344 rows x 8 columns
        #expect(fromStdin["columns"]?.arrayValue?.count == 8)
        #expect(fromStdin["source"]?["path"] == .string("-"))
        #expect(fromStdin["source"]?["bytes"] == .int(bytes.count))
        let differences = OracleComparison.compare(oracle: oracle, dqcli: fromStdin)
        #expect(differences.isEmpty, "stdin report vs oracle: \(differences)")
        // Everything but the path is the same as for the file.
        guard case .object(var stdinMembers) = fromStdin, case .object(var fileMembers) = fromFile else {
            Issue.record("reports are not objects")
            return
        }
        stdinMembers["source"] = nil
        fileMembers["source"] = nil
        #expect(JSON.object(stdinMembers) == JSON.object(fileMembers))
    }

    // MARK: --output

    @Test func outputFileHoldsWhatStdoutWouldAndStdoutIsEmpty() throws {
        let folder = try makeScratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let target = folder.appendingPathComponent("report.json")
        let written = try runDQCLI(["profile", Self.penguins, "--format", "json", "--output", target.path])
        #expect(written.status == 0, "stderr: \(written.stderrText)")
        #expect(written.stdout.isEmpty, "stdout: \(written.stdoutText.prefix(200))")
        let printed = try runDQCLI(["profile", Self.penguins, "--format", "json"])
        let fileBytes = try Data(contentsOf: target)
        #expect(!fileBytes.isEmpty)
        #expect(fileBytes == printed.stdout, "the file differs from what stdout shows")
        #expect(folderContents(folder) == ["report.json"], "left behind: \(folderContents(folder))")
    }

    @Test func outputIntoMissingFolderExits73AndLeavesNothing() throws {
        let folder = try makeScratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let missing = folder.appendingPathComponent("no-such-folder")
        let target = missing.appendingPathComponent("report.json")
        let result = try runDQCLI(["profile", Self.penguins, "--format", "json", "--output", target.path])
        #expect(result.status == 73, "stderr: \(result.stderrText)")
        #expect(result.stdout.isEmpty)
        #expect(!result.stderrText.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: missing.path))
        #expect(folderContents(folder).isEmpty, "left behind: \(folderContents(folder))")
    }

    @Test(.enabled(if: geteuid() != 0, "root writes into read-only folders"))
    func outputIntoReadOnlyFolderExits73AndLeavesNothing() throws {
        let folder = try makeScratchFolder()
        defer {
            chmod(folder.path, 0o755)
            try? FileManager.default.removeItem(at: folder)
        }
        #expect(chmod(folder.path, 0o555) == 0)
        let target = folder.appendingPathComponent("report.json")
        let result = try runDQCLI(["profile", Self.penguins, "--format", "json", "--output", target.path])
        #expect(result.status == 73, "stderr: \(result.stderrText)")
        #expect(folderContents(folder).isEmpty, "left behind: \(folderContents(folder))")
    }

    /// The target is an existing folder: the temporary file can be created beside it, but it cannot replace
    /// the folder. Exit 73, and the temporary file is gone (works as root too).
    @Test func outputOntoAFolderExits73AndLeavesNoTemporaryFile() throws {
        let folder = try makeScratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let target = folder.appendingPathComponent("report.json")
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: false)
        try Data("keep".utf8).write(to: target.appendingPathComponent("inside.txt"))
        let result = try runDQCLI(["profile", Self.penguins, "--format", "json", "--output", target.path])
        #expect(result.status == 73, "stderr: \(result.stderrText)")
        #expect(result.stdout.isEmpty)
        #expect(folderContents(folder) == ["report.json"], "left behind: \(folderContents(folder))")
        #expect(folderContents(target) == ["inside.txt"])
    }

    // MARK: errors

    @Test func missingInputExits66NamingThePath() throws {
        let path = "Fixtures/real/does-not-exist-\(UUID().uuidString).csv"
        let result = try runDQCLI(["profile", path, "--format", "json"])
        #expect(result.status == 66, "stderr: \(result.stderrText)")
        #expect(result.stderrText.contains(path), "stderr: \(result.stderrText)")
        #expect(result.stdout.isEmpty)
    }

    @Test(arguments: [
        ["--no-such-flag"], ["--format", "xml"], ["--fail-under", "E"], ["--exact-distinct-limit", "0"],
        ["--max-field-bytes", "0"], ["--grade-thresholds", "0.5,0.9,0.8,0.7"], ["--delimiter", "ab"]
    ])
    func usageErrorsExit64(_ extra: [String]) throws {
        let result = try runDQCLI(["profile", Self.penguins] + extra)
        #expect(result.status == 64, "\(extra): exit \(result.status), stderr: \(result.stderrText)")
        #expect(result.stdout.isEmpty, "\(extra): stdout \(result.stdoutText.prefix(100))")
    }

    @Test(arguments: [
        ["--max-field-bytes", "-1"], ["--exact-distinct-limit", "-5"], ["--threads", "-2"]
    ])
    func negativeNumbersAreParsedThenRefused(_ extra: [String]) throws {
        let result = try runDQCLI(["profile", Self.penguins] + extra)
        #expect(result.status == 64, "\(extra): exit \(result.status)")
        #expect(
            result.stderrText.hasPrefix("Error: \(extra[0]) \(extra[1]): must be a whole number, at least 1"),
            "\(extra): \(result.stderrText)")
        #expect(!result.stderrText.contains("Missing value"), "\(extra): \(result.stderrText)")
        #expect(result.stdout.isEmpty)
    }

    @Test func quoteCommaWithoutDelimiterExits64() throws {
        // penguins.csv read with ; tab or | has one field per record: no candidate, and , is the quote.
        let result = try runDQCLI(["profile", Self.penguins, "--quote", ","])
        #expect(result.status == 64, "stderr: \(result.stderrText)")
        #expect(
            result.stderrText == "Error: --quote ',' is also the default delimiter: give --delimiter too.\n"
                + Self.profileUsage)
        #expect(result.stdout.isEmpty)
        let given = try runDQCLI(["profile", Self.penguins, "--quote", ",", "--delimiter", ";", "--format", "json"])
        #expect(given.status == 0, "stderr: \(given.stderrText)")
    }

    /// The usage lines ArgumentParser prints after a usage error of `profile`.
    static let profileUsage = """
        Usage: dqcli profile [<options>] [<FILE> ...]
          See 'dqcli profile --help' for more information.

        """

    /// An error the input reveals (`--quote ,` with no delimiter to detect, found while reading) has the shape
    /// of one `validate()` finds before reading (`--threads 0`): `Error:`, the same usage lines, exit 64.
    @Test func optionErrorsFoundWhileReadingLookLikeTheOthers() throws {
        let threads = try runDQCLI(["profile", Self.penguins, "--threads", "0"])
        #expect(threads.status == 64)
        #expect(threads.stderrText == "Error: --threads 0: must be a whole number, at least 1.\n" + Self.profileUsage)
        let quote = try runDQCLI(["check", Self.penguins, "--rules", "Fixtures/cron/orders.yml", "--quote", ","])
        #expect(quote.status == 64)
        #expect(
            quote.stderrText == """
                Error: --quote ',' is also the default delimiter: give --delimiter too.
                Usage: dqcli check [<options>] [<FILE> ...]
                  See 'dqcli check --help' for more information.

                """)
    }

    /// A header field over `--max-field-bytes` exits 65 in every mode, naming line 1 and the first byte past
    /// the limit: penguins.csv starts `species,`, so under 3 bytes that is `c`, byte 3.
    @Test(arguments: [["profile"], ["profile", "--strict"], ["check", "--rules", "Fixtures/cron/orders.yml"]])
    func headerFieldOverTheLimitExits65(_ command: [String]) throws {
        let result = try runDQCLI([command[0], Self.penguins, "--max-field-bytes", "3"] + command.dropFirst())
        #expect(result.status == 65)
        #expect(
            result.stderrText
                == "dqcli: Fixtures/real/penguins.csv, line 1, byte offset 3: the header has a field longer than --max-field-bytes (3 bytes): the column names would be cut; give a larger --max-field-bytes.\n"
        )
        #expect(result.stdout.isEmpty)
    }

    @Test func unknownKeyExits64NamingTheKey() throws {
        let result = try runDQCLI(["profile", Self.penguins, "--format", "json", "--key", "no_such_column"])
        #expect(result.status == 64, "stderr: \(result.stderrText)")
        #expect(
            result.stderrText
                == "Error: Fixtures/real/penguins.csv: --key no_such_column: no column has that name.\n"
                + Self.profileUsage)
        #expect(result.stdout.isEmpty)
    }

    /// Control characters in an echoed option value or file name are written as Swift escapes, never raw: in
    /// dqcli's own messages, in the library's, and in ArgumentParser's.
    @Test(arguments: [
        (["--delimiter", "\t\u{1B}"], "Error: --delimiter '\\t\\u{1B}': must be a single byte other than CR and LF.\n"),
        (["--delimiter", "\n"], "Error: --delimiter '\\n': must be a single byte other than CR and LF.\n"),
        (
            ["--now", "2026\u{1B}[2J"],
            "Error: --now '2026\\u{1B}[2J': must be an ISO 8601 date or datetime such as 2026-11-29T02:00:00Z.\n"
        ),
        (
            ["--grade-thresholds", "\u{7F}\u{9B}"],
            "Error: --grade-thresholds '\\u{7F}\\u{9B}': must be four fractions in 0...1, from A down to D.\n"
        ),
        (["--key", "id\r"], "Error: Fixtures/real/penguins.csv: --key id\\r: no column has that name.\n"),
        (
            ["--format", "x\u{1B}y"],
            "Error: The value 'x\\u{1B}y' is invalid for '--format <format>'. Please provide one of 'table', 'json', 'html' or 'markdown'.\nHelp:  --format <format>  Report format; without it, --output's extension chooses: .json, .md or .markdown, .html or .htm, else table.\n"
        )
    ])
    func controlCharactersInOptionValuesAreEscaped(_ extra: [String], _ expectedStart: String) throws {
        let result = try runDQCLI(["profile", Self.penguins] + extra)
        #expect(result.status == 64)
        #expect(result.stderrText == expectedStart + Self.profileUsage)
    }

    /// The name holds `[`, so it is a pattern (issue 15), which matches nothing; a name without one is a file.
    @Test func controlCharactersInAnUnreadableFileNameAreEscaped() throws {
        let pattern = try runDQCLI(["profile", "Fixtures/no-such\u{1B}[2J.csv"])
        #expect(pattern.status == 66)
        #expect(pattern.stderrText == "dqcli: Fixtures/no-such\\u{1B}[2J.csv: no file matches this pattern.\n")
        let file = try runDQCLI(["profile", "Fixtures/no-such\u{1B}2J.csv"])
        #expect(file.status == 66)
        #expect(
            file.stderrText
                == "dqcli: Fixtures/no-such\\u{1B}2J.csv: cannot open the file: no such file or directory.\n")
    }

    // MARK: --fail-under

    @Test func failUnderPassesForAGradeAFile() throws {
        // The oracle grades penguins A.
        let result = try runDQCLI(["profile", Self.penguins, "--format", "json", "--fail-under", "B"])
        #expect(result.status == 0, "stderr: \(result.stderrText)")
        #expect(try JSONParser.parse(result.stdout)["grade"] == .string("A"))
    }

    @Test func failUnderFailsForAGradeFFileAndStillPrintsTheReport() throws {
        // 08-ragged-rows: overall 6/12, grade F (the shared case's hand count).
        let input = "Fixtures/cases/08-ragged-rows/input.csv"
        let json = try runDQCLI(["profile", input, "--format", "json", "--fail-under", "B"])
        #expect(json.status == 1, "stderr: \(json.stderrText)")
        let report = try JSONParser.parse(json.stdout)
        #expect(report["grade"] == .string("F"))
        #expect(report["rows"] == .int(4))
        let table = try runDQCLI(["profile", input, "--fail-under", "b"])
        #expect(table.status == 1)
        #expect(table.stdoutText.contains("Grade F"), "table: \(table.stdoutText)")
        // F is not worse than F.
        #expect(try runDQCLI(["profile", input, "--format", "json", "--fail-under", "F"]).status == 0)
    }

    // MARK: --strict

    @Test func strictOnARaggedFileExits65NamingLineAndOffset() throws {
        // crafted/ragged.csv: `a,b,c\n1,2,3\n` is 12 bytes, then the 2-field record `4,5` on line 3.
        let result = try runDQCLI(["profile", "Fixtures/crafted/ragged.csv", "--format", "json", "--strict"])
        #expect(result.status == 65, "stderr: \(result.stderrText)")
        #expect(result.stderrText.contains("line 3"), "stderr: \(result.stderrText)")
        #expect(result.stderrText.contains("12"), "stderr: \(result.stderrText)")
        #expect(result.stdout.isEmpty)
        // Without --strict the same file profiles (3 ragged rows, hand-counted in EXPECTED.md).
        let lenient = try runDQCLI(["profile", "Fixtures/crafted/ragged.csv", "--format", "json"])
        #expect(lenient.status == 0)
        #expect(try JSONParser.parse(lenient.stdout)["ragged_rows"] == .int(3))
    }

    // MARK: table

    @Test func defaultTableFitsEightyColumnsAndNamesEveryColumn() throws {
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = nil
        environment["TERM"] = "xterm-256color"
        let result = try runDQCLI(["profile", Self.penguins], environment: environment)
        #expect(result.status == 0, "stderr: \(result.stderrText)")
        let text = result.stdoutText
        #expect(!text.isEmpty)
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            #expect(line.count <= 80, "line of \(line.count) columns: \(line)")
        }
        for name in try penguinsColumnNames() {
            #expect(text.contains(name), "table lacks column \(name)")
        }
        #expect(!result.stdout.contains(0x1B), "ANSI escape in non-terminal output")
        #expect(text.contains("344"), "table lacks the row count")
    }
}
