import Foundation
import Testing

/// Issue 15: many files in one run (folders, patterns, a summary, `--output-dir`, `--combine`, one history run
/// per dataset), end to end with the built binary.
@Suite struct ManyInputTests {
    /// A fresh scratch folder, removed by the caller.
    private func scratchFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("many15-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// `text` gzip-compressed by gzip(1), written to `url`.
    private func writeGzip(_ text: String, to url: URL) throws {
        let plain = url.deletingPathExtension()
        try text.write(to: plain, atomically: true, encoding: .utf8)
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        gzip.arguments = ["gzip", "-n", plain.path]
        try gzip.run()
        gzip.waitUntilExit()
        #expect(gzip.terminationStatus == 0)
    }

    /// The parsed JSON report `dqcli profile PATH --format json` prints for one file.
    private func singleReport(_ path: String, currentDirectory: URL = repositoryRoot) throws -> JSON {
        let run = try runDQCLI(["profile", path, "--format", "json"], currentDirectory: currentDirectory)
        return try JSONParser.parse(run.stdout)
    }

    @Test func severalFilesGiveAnArrayOfTheSingleReports() throws {
        let paths = ["Fixtures/cron/orders-1.csv", "Fixtures/cron/orders-2.csv"]
        let run = try runDQCLI(["profile"] + paths + ["--format", "json"])
        #expect(run.status == 0)
        #expect(run.stderrText == "")
        let elements = try #require(try JSONParser.parse(run.stdout).arrayValue)
        #expect(elements.count == 2)
        for (element, path) in zip(elements, paths) { #expect(element == (try singleReport(path))) }
    }

    @Test func oneFileByItselfPrintsOneObjectAndAFolderOfOneFileAnArray() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.copyItem(
            at: fixtureURL("Fixtures/cron/orders-1.csv"), to: folder.appendingPathComponent("orders-1.csv"))
        let single = try runDQCLI(["profile", "orders-1.csv", "--format", "json"], currentDirectory: folder)
        #expect(try JSONParser.parse(single.stdout)["schema_version"] == .int(2))
        let inFolder = try runDQCLI(["profile", ".", "--format", "json"], currentDirectory: folder)
        #expect(inFolder.status == 0)
        let elements = try #require(try JSONParser.parse(inFolder.stdout).arrayValue)
        #expect(elements.count == 1)
        #expect(elements[0]["source"]?["path"] == .string("./orders-1.csv"))
    }

    @Test func tablesThenASummaryWhoseFiguresAreTheReports() throws {
        let run = try runDQCLI(["profile", "Fixtures/cron/orders-1.csv", "Fixtures/cron/orders-2.csv"])
        #expect(run.status == 0)
        let single1 = try runDQCLI(["profile", "Fixtures/cron/orders-1.csv"])
        let single2 = try runDQCLI(["profile", "Fixtures/cron/orders-2.csv"])
        // orders-1: 20 rows, grade A, 100.0%; orders-2: 18 rows, coupon null in 15 of 18 (83.3%), so its
        // completeness and overall are 1 - 15/72 = 79.2% and its grade F.
        let summary = """
            2 files, all profiled.
            FILE                        ROWS  GRADE  OVERALL  MAIN FINDING               EXIT
            Fixtures/cron/orders-1.csv    20  A       100.0%  -                             0
            Fixtures/cron/orders-2.csv    18  F        79.2%  coupon: 15 nulls (line 3)     0

            """
        #expect(run.stdoutText == single1.stdoutText + "\n" + single2.stdoutText + "\n" + summary)
    }

    @Test func aBadFileAmongGoodOnesGetsTheWorstExitStatusAndTheOthersTheirReports() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try "id,amount\n1,5\n2,6\n".write(
            to: folder.appendingPathComponent("good.csv"), atomically: true, encoding: .utf8)
        // The first 20 bytes of a gzip member: the stream is cut.
        try writeGzip("garbage", to: folder.appendingPathComponent("cut.csv.gz"))
        let cut = folder.appendingPathComponent("cut.csv.gz")
        try Data(try Data(contentsOf: cut).prefix(20)).write(to: cut)
        let run = try runDQCLI(["profile", ".", "missing.csv", "--format", "json"], currentDirectory: folder)
        #expect(run.status == 66)
        #expect(
            run.stderrText == """
                dqcli: ./cut.csv.gz: the gzip stream is cut at byte 20 of the compressed input (it ends inside a member).
                dqcli: missing.csv: cannot open the file: no such file or directory.

                """)
        let elements = try #require(try JSONParser.parse(run.stdout).arrayValue)
        #expect(elements.count == 3)
        #expect(
            elements[0]
                == .object([
                    "path": .string("./cut.csv.gz"),
                    "error": .object([
                        "exit": .int(65),
                        "message": .string(
                            "./cut.csv.gz: the gzip stream is cut at byte 20 of the compressed input (it ends inside a member)."
                        )
                    ])
                ]))
        #expect(elements[1]["rows"] == .int(2))
        #expect(elements[1]["source"]?["path"] == .string("./good.csv"))
        #expect(elements[2]["error"]?["exit"] == .int(66))
    }

    @Test func anEmptyPatternAndAMissingFolderExit66BeforeReading() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("empty"), withIntermediateDirectories: true)
        let cases: [([String], String)] = [
            (["Fixtures/cron/orders-1.csv", "nothing/*.csv"], "dqcli: nothing/*.csv: no file matches this pattern.\n"),
            (["Fixtures/cron/orders-1.csv", "no-such-folder/"], "dqcli: no-such-folder/: no such folder.\n"),
            (
                [folder.appendingPathComponent("empty").path],
                "dqcli: \(folder.appendingPathComponent("empty").path): the folder holds no .csv, .tsv, .txt or .psv file (plain or compressed with .gz or .zst).\n"
            )
        ]
        for (arguments, message) in cases {
            let run = try runDQCLI(["profile"] + arguments + ["--history", folder.appendingPathComponent("h.db").path])
            #expect(run.status == 66)
            #expect(run.stderrText == message)
            #expect(run.stdoutText == "")
        }
        // Nothing was read, so nothing was stored.
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("h.db").path))
    }

    @Test func outputDirWritesOneReportPerInputAndTheSummary() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("in")
        let output = folder.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: fixtureURL("Fixtures/cron/orders-1.csv"), to: input.appendingPathComponent("orders-1.csv"))
        try writeGzip(
            try String(contentsOf: fixtureURL("Fixtures/cron/orders-2.csv"), encoding: .utf8),
            to: input.appendingPathComponent("orders-2.csv.gz"))
        let run = try runDQCLI(["profile", "in", "--format", "json", "--output-dir", "out"], currentDirectory: folder)
        #expect(run.status == 0)
        #expect(run.stdoutText == "")
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: output.path).sorted() == [
                "orders-1.json", "orders-2.json", "summary.json"
            ])
        let written1 = try JSONParser.parse(try Data(contentsOf: output.appendingPathComponent("orders-1.json")))
        #expect(written1 == (try singleReport("in/orders-1.csv", currentDirectory: folder)))
        let written2 = try JSONParser.parse(try Data(contentsOf: output.appendingPathComponent("orders-2.json")))
        #expect(written2 == (try singleReport("in/orders-2.csv.gz", currentDirectory: folder)))
        #expect(written2["rows"] == .int(18))
        let summary = try JSONParser.parse(try Data(contentsOf: output.appendingPathComponent("summary.json")))
        #expect(
            summary
                == .array([
                    .object([
                        "path": .string("in/orders-1.csv"), "dataset": .string("orders-1"), "rows": .int(20),
                        "grade": .string("A"), "overall": .double(1.0), "main_finding": .null, "exit": .int(0),
                        "error": .null
                    ]),
                    .object([
                        "path": .string("in/orders-2.csv.gz"), "dataset": .string("orders-2"), "rows": .int(18),
                        "grade": .string("F"), "overall": written2["scores"]!["overall"]!,
                        "main_finding": .string("coupon: 15 nulls (line 3)"), "exit": .int(0), "error": .null
                    ])
                ]))
    }

    @Test func outputDirNamesAlikeExit64AndAMissingOutputDirExits73BeforeReading() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for name in ["a", "b"] {
            try FileManager.default.createDirectory(
                at: folder.appendingPathComponent(name), withIntermediateDirectories: true)
        }
        try FileManager.default.copyItem(
            at: fixtureURL("Fixtures/cron/orders-1.csv"), to: folder.appendingPathComponent("a/orders.csv"))
        try FileManager.default.copyItem(
            at: fixtureURL("Fixtures/cron/orders-2.csv"), to: folder.appendingPathComponent("b/orders.csv"))
        let run = try runDQCLI(
            ["profile", "a/orders.csv", "b/orders.csv", "--output-dir", ".", "--format", "json"],
            currentDirectory: folder)
        #expect(run.status == 64)
        #expect(
            run.stderrText.hasPrefix(
                "Error: --output-dir .: a/orders.csv and b/orders.csv would both write their report to orders.json.\n"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("orders.json").path))
        let missing = try runDQCLI(
            ["profile", "a/orders.csv", "--output-dir", "reports", "--format", "json"], currentDirectory: folder)
        #expect(missing.status == 73)
        #expect(missing.stderrText == "dqcli: --output-dir reports: no such folder; create it first.\n")
        // A file where the folder should be is named as such (it used to be called missing).
        let file = try runDQCLI(
            ["profile", "a/orders.csv", "--output-dir", "b/orders.csv", "--format", "json"], currentDirectory: folder)
        #expect(file.status == 73)
        #expect(
            file.stderrText
                == "dqcli: --output-dir b/orders.csv: not a folder (a file has that name); give a folder.\n")
    }

    @Test func aQuotedPatternGivesWhatTheShellsExpansionGives() throws {
        let quoted = try runDQCLI(["profile", "Fixtures/cron/orders-*.csv", "--format", "json"])
        let expanded = try runDQCLI(
            ["profile", "Fixtures/cron/orders-1.csv", "Fixtures/cron/orders-2.csv", "Fixtures/cron/orders-3.csv"]
                + ["--format", "json"])
        #expect(quoted.status == 0)
        #expect(quoted.stdoutText == expanded.stdoutText)
        #expect(try JSONParser.parse(quoted.stdout).arrayValue?.count == 3)
        // The same file twice (by a pattern and by name) is profiled once.
        let repeated = try runDQCLI(
            ["profile", "Fixtures/cron/orders-*.csv", "./Fixtures/cron/orders-2.csv", "--format", "json"])
        #expect(repeated.stdoutText == expanded.stdoutText)
    }

    @Test func combineEqualsMergeOfTheFilesStates() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // Two parts of one export: night 1's first 11 rows and the other 9 (with the header).
        let lines = try String(contentsOf: fixtureURL("Fixtures/cron/orders-1.csv"), encoding: .utf8)
            .split(separator: "\n").map(String.init)
        let first = folder.appendingPathComponent("part-1.csv")
        let second = folder.appendingPathComponent("part-2.csv")
        try (lines[0...11].joined(separator: "\n") + "\n").write(to: first, atomically: true, encoding: .utf8)
        try ([lines[0]] + lines[12...]).joined(separator: "\n").appending("\n")
            .write(to: second, atomically: true, encoding: .utf8)
        let combined = try runDQCLI(
            ["profile", "part-1.csv", "part-2.csv", "--combine", "--format", "json"], currentDirectory: folder)
        #expect(combined.status == 0)
        for part in ["part-1", "part-2"] {
            let state = try runDQCLI(
                ["profile", "\(part).csv", "--state-out", "\(part).state"], currentDirectory: folder)
            #expect(state.status == 0)
        }
        let merged = try runDQCLI(
            ["merge", "part-1.state", "part-2.state", "--source-name", "part-1.csv", "--format", "json"],
            currentDirectory: folder)
        #expect(merged.status == 0)
        guard case .object(var report) = try JSONParser.parse(combined.stdout) else {
            Issue.record("not an object")
            return
        }
        let sources = try #require(report.removeValue(forKey: "sources")?.arrayValue)
        #expect(sources.map { $0["path"] } == [.string("part-1.csv"), .string("part-2.csv")])
        // Night 1 is 268 bytes with its 17-byte header `id,amount,status`; the second part repeats the header.
        #expect(sources.map { $0["bytes"] } == [.int(150), .int(135)])
        #expect(report["source"]?["bytes"] == .int(285))
        #expect(JSON.object(report) == (try JSONParser.parse(merged.stdout)))
        #expect(report["rows"] == .int(20))
        // With a history, the combined inputs are one run, under the first input's dataset name.
        let stored = try runDQCLI(
            ["profile", "part-1.csv", "part-2.csv", "--combine", "--history", "h.db", "--quiet"],
            currentDirectory: folder)
        #expect(stored.status == 0)
        let runs = try JSONParser.parse(
            try runDQCLI(["history", "h.db", "--format", "json"], currentDirectory: folder).stdout)
        #expect(runs.arrayValue?.map { $0["rows"] } == [.int(20)])
        #expect(runs.arrayValue?.map { $0["dataset"] } == [.string("part-1")])
    }

    @Test func combineRefusesADifferentHeaderWith65() throws {
        let run = try runDQCLI(["profile", "Fixtures/cron/orders-1.csv", "Fixtures/cron/orders-2.csv", "--combine"])
        #expect(run.status == 65)
        #expect(
            run.stderrText
                == "dqcli: Fixtures/cron/orders-2.csv: its header differs from Fixtures/cron/orders-1.csv's at column 4: \"coupon\", a column Fixtures/cron/orders-1.csv does not have; combine only parts of one table.\n"
        )
        #expect(run.stdoutText == "")
    }

    @Test func historyStoresOneRunPerFileUnderItsUndatedName() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("exports")
        try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: fixtureURL("Fixtures/cron/orders-1.csv"), to: input.appendingPathComponent("orders-2026-11-01.csv"))
        try writeGzip(
            try String(contentsOf: fixtureURL("Fixtures/cron/orders-3.csv"), encoding: .utf8),
            to: input.appendingPathComponent("orders-2026-11-02.csv.gz"))
        let run = try runDQCLI(
            ["profile", "exports", "--history", "h.db", "--now", "2026-11-02T02:00:00Z", "--output", "report.json"],
            currentDirectory: folder)
        #expect(run.status == 0)
        let subject = "dqcli: orders (exports/orders-2026-11-02.csv.gz): drift: "
        #expect(
            run.stderrText == """
                \(subject)column coupon (string) was added.
                \(subject)column amount changed unit from none to EUR.
                \(subject)the dataset dropped from grade A to F.

                """)
        let history = try runDQCLI(["history", "h.db", "--format", "json"], currentDirectory: folder)
        let runs = try #require(try JSONParser.parse(history.stdout).arrayValue)
        #expect(runs.map { $0["dataset"] } == [.string("orders"), .string("orders")])
        #expect(runs.map { $0["rows"] } == [.int(20), .int(18)])
        #expect(runs[1]["changes"] == .array([.string("+coupon")]))
        // Another file of the dataset stored at the same time is no repeat (a retried cron job would be).
        #expect(runs[1]["repeat_of"] == .null)
    }

    @Test func datasetNamesOneInputOnly() throws {
        let run = try runDQCLI(
            ["profile", "Fixtures/cron/orders-1.csv", "Fixtures/cron/orders-2.csv", "--dataset", "orders"])
        #expect(run.status == 64)
        #expect(
            run.stderrText.hasPrefix(
                "Error: --dataset names the dataset of one input: with several, each is named by its rule file or its file name without extension and date stamp (orders-2026-11-29.csv is orders); give --combine for one dataset.\n"
            ))
    }

    @Test func failUnderAndRulesApplyPerFile() throws {
        let run = try runDQCLI(
            ["profile", "Fixtures/cron/orders-1.csv", "Fixtures/cron/orders-2.csv", "--fail-under", "B", "--quiet"])
        #expect(run.status == 1)
        #expect(run.stderrText == "dqcli: Fixtures/cron/orders-2.csv: grade F is below --fail-under B.\n")
        let check = try runDQCLI(
            ["check", "Fixtures/cron/orders-1.csv", "Fixtures/cron/orders-3.csv", "--rules", "Fixtures/cron/orders.yml"]
                + ["--format", "json", "--quiet", "--output", "-"])
        let elements = try #require(try JSONParser.parse(check.stdout).arrayValue)
        let single3 = try runDQCLI(
            ["check", "Fixtures/cron/orders-3.csv", "--rules", "Fixtures/cron/orders.yml", "--format", "json"])
        #expect(elements[1] == (try JSONParser.parse(single3.stdout)))
        #expect(check.status == single3.status)
    }

    @Test func markdownIsOneDocumentWithTheSummaryFirstAndEachReportOneLevelDown() throws {
        let run = try runDQCLI(["profile", "Fixtures/cron/orders-1.csv", "nope.csv", "--format", "markdown"])
        #expect(run.status == 66)
        let single = try runDQCLI(["profile", "Fixtures/cron/orders-1.csv", "--format", "markdown"])
        let demoted = single.stdoutText.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.hasPrefix("#") ? "#" + $0 : String($0) }.joined(separator: "\n")
        let summary = """
            # Data quality summary

            2 files: 1 profiled, 1 failed.

            | File | Rows | Grade | Overall | Main finding | Exit |
            |---|---:|---|---:|---|---:|
            | Fixtures/cron/orders-1.csv | 20 | **A** | 100.0% | - | 0 |
            | nope.csv | - | - | - | cannot open the file: no such file or directory. | 66 |

            """
        // The summary, a blank line, then night 1's report with `#` added to each heading.
        #expect(run.stdoutText == summary + "\n" + demoted)
    }

    @Test func multiFileHTMLIsOnePageWithUniqueIDs() throws {
        let run = try runDQCLI(["profile", "Fixtures/cron/orders-*.csv", "--format", "html"])
        #expect(run.status == 0)
        let page = run.stdoutText
        #expect(page.components(separatedBy: "<!DOCTYPE html>").count == 2)
        #expect(page.contains("<a href=\"#input-2\">Fixtures/cron/orders-2.csv</a>"))
        #expect(page.contains("<section class=\"card\" id=\"input-2-column-3\">"))
        #expect(!page.contains("id=\"column-"))
    }

    @Test func combinedFindingsFollowTheFileOrderGiven() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try "id,name\n1, bea\n".write(to: folder.appendingPathComponent("b.csv"), atomically: true, encoding: .utf8)
        try "id,name\n2, ann\n".write(to: folder.appendingPathComponent("a.csv"), atomically: true, encoding: .utf8)
        let run = try runDQCLI(
            ["profile", "b.csv", "a.csv", "--combine", "--format", "json"], currentDirectory: folder)
        #expect(run.status == 0)
        let report = try JSONParser.parse(run.stdout)
        #expect(report["source"]?["path"] == .string("b.csv"))
        #expect(report["sources"]?.arrayValue?.map { $0["path"] } == [.string("b.csv"), .string("a.csv")])
        let finding = try #require(report["columns"]?.arrayValue?[1]["findings"]?.arrayValue?.first)
        // Both values have a leading space; the first, in the order given, is b.csv's on its line 2.
        #expect(finding["kind"] == .string("whitespace"))
        #expect(finding["count"] == .int(2))
        #expect(finding["example"] == .string(" bea"))
        #expect(finding["first_line"] == .int(2))
        #expect(finding["source_file"] == .string("b.csv"))
    }

    @Test func suggestWritesOneRuleFilePerDatasetThatCheckRulesDirReads() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let exports = folder.appendingPathComponent("exports")
        try FileManager.default.createDirectory(at: exports, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("rules"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: fixtureURL("Fixtures/cron/orders-1.csv"), to: exports.appendingPathComponent("orders-2026-11-01.csv"))
        try "id,name\n1,ann\n2,bob\n".write(
            to: exports.appendingPathComponent("customers_20261101.csv"), atomically: true, encoding: .utf8)
        let suggest = try runDQCLI(["suggest", "exports", "--output-dir", "rules"], currentDirectory: folder)
        #expect(suggest.status == 0)
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("rules").path).sorted()
                == ["customers.yml", "orders.yml"])
        let orders = try String(contentsOf: folder.appendingPathComponent("rules/orders.yml"), encoding: .utf8)
        #expect(
            orders.contains("# Check with: dqcli check FILE --rules-dir THIS_FOLDER\ndataset:\n  name: \"orders\"\n"))
        let check = try runDQCLI(
            ["check", "exports", "--rules-dir", "rules", "--format", "json"], currentDirectory: folder)
        #expect(check.status == 0)
        let elements = try #require(try JSONParser.parse(check.stdout).arrayValue)
        #expect(
            elements.map { $0["options"]?["rules"] } == [.string("rules/customers.yml"), .string("rules/orders.yml")])
        // One plain FILE with --rules-dir prints one report, as with --rules.
        let one = try runDQCLI(
            ["check", "exports/orders-2026-11-01.csv", "--rules-dir", "rules", "--format", "json"],
            currentDirectory: folder)
        #expect(one.status == 0)
        #expect(try JSONParser.parse(one.stdout)["options"]?["rules"] == .string("rules/orders.yml"))
        // Standard output: one YAML document per input, `---` between them.
        let printed = try runDQCLI(["suggest", "exports"], currentDirectory: folder)
        #expect(printed.stdoutText.components(separatedBy: "\n---\n").count == 2)
        // A file whose dataset has no rule file in the folder is a usage error, before anything is read.
        try "x\n1\n".write(
            to: exports.appendingPathComponent("extra-2026-11-01.csv"), atomically: true, encoding: .utf8)
        let missing = try runDQCLI(["check", "exports", "--rules-dir", "rules"], currentDirectory: folder)
        #expect(missing.status == 64)
        #expect(
            missing.stderrText.hasPrefix(
                "Error: exports/extra-2026-11-01.csv: --rules-dir rules has no extra.yml for its dataset extra.\n"))
        #expect(missing.stdoutText == "")
    }
}
