import DataQuality
import Foundation
import Testing

/// A fresh empty folder under the system's temporary folder; the caller removes it.
private func scratchFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("dqcli-governance-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// The `drift` array of a JSON report as `kind column baseline` texts (`-` for no column).
private func driftTriples(_ report: JSON) -> [String] {
    guard let items = report["drift"]?.arrayValue else { return ["no drift array"] }
    return items.map { item in
        "\(item["kind"]?.stringValue ?? "?") \(item["column"]?.stringValue ?? "-") \(item["baseline"]?.stringValue ?? "?")"
    }
}

/// The first YAML block of README.md after `heading`, with `indent` leading spaces taken off each line (a block
/// inside a list item is indented), as a reader would paste it.
private func readmeYAMLBlock(after heading: String, indent: Int = 0) throws -> String {
    let readme = try String(contentsOf: fixtureURL("README.md"), encoding: .utf8)
    let section = try #require(readme.range(of: heading))
    let fence = String(repeating: " ", count: indent) + "```"
    let start = try #require(readme.range(of: fence + "yaml\n", range: section.upperBound..<readme.endIndex))
    let end = try #require(readme.range(of: fence, range: start.upperBound..<readme.endIndex))
    return readme[start.upperBound..<end.lowerBound].split(separator: "\n", omittingEmptySubsequences: false)
        .map { $0.dropFirst(indent) }.joined(separator: "\n")
}

@Suite struct GovernanceTests {
    // MARK: - The nightly cron job

    /// Three nights of the orders export under Fixtures/cron/orders.yml (drift limits: rows 5%, any grade
    /// drop). Night 1: 20 rows, 3 clean columns (grade A). Night 2: 18 rows (-10%) and a new `coupon` column
    /// null in 15 of 18 rows, so the dataset has 57 conforming cells of 72 (0.7917, grade F). Night 3: `amount`
    /// written as `107 EUR` (still integers, now with the unit `EUR`: a `unit_change` from none); rows equal
    /// night 2 but 5.3% below the median of nights 1 and 2 (19).
    @Test func threeNightsAsACronJob() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = folder.appendingPathComponent("history.db").path
        var statuses: [Int32] = []
        var stderrLines: [[String]] = []
        var reports: [JSON] = []
        for night in 1...3 {
            let output = folder.appendingPathComponent("orders-\(night).json").path
            let run = try runDQCLI([
                "check", "Fixtures/cron/orders-\(night).csv", "--rules", "Fixtures/cron/orders.yml", "--history",
                database,
                "--now", "2026-11-0\(night)T02:00:00Z", "--fail-on-drift", "--quiet", "--format", "json", "--output",
                output
            ])
            statuses.append(run.status)
            #expect(run.stdout.isEmpty, "--quiet prints nothing on standard output")
            stderrLines.append(run.stderrText.split(separator: "\n").map(String.init))
            reports.append(try JSONParser.parse(try Data(contentsOf: URL(fileURLWithPath: output))))
        }
        #expect(statuses == [0, 1, 1])
        #expect(driftTriples(reports[0]) == [])
        #expect(
            driftTriples(reports[1]) == [
                "column_added coupon previous", "row_count_change - previous", "grade_drop - previous"
            ])
        #expect(driftTriples(reports[2]) == ["unit_change amount previous", "row_count_change - median"])
        #expect(stderrLines[0] == [])
        #expect(
            stderrLines[1] == [
                "dqcli: orders (Fixtures/cron/orders-2.csv): drift: column coupon (string) was added.",
                "dqcli: orders (Fixtures/cron/orders-2.csv): drift: rows went from 20 (previous) to 18, -10.0%; the limit is 5.0%.",
                "dqcli: orders (Fixtures/cron/orders-2.csv): drift: the dataset dropped from grade A to F."
            ])
        #expect(
            stderrLines[2] == [
                "dqcli: orders (Fixtures/cron/orders-3.csv): drift: column amount changed unit from none to EUR.",
                "dqcli: orders (Fixtures/cron/orders-3.csv): drift: rows went from 19 (median) to 18, -5.3%; the limit is 5.0%."
            ])

        let history = try runDQCLI(["history", database])
        #expect(history.status == 0)
        #expect(
            history.stdoutText == """
                RUN  DATE                  DATASET  ROWS  GRADE  OVERALL  FAILED  CHANGED
                1    2026-11-01T02:00:00Z  orders   20    A      100.0%   0       -
                2    2026-11-02T02:00:00Z  orders   18    F      79.2%    0       +coupon
                3    2026-11-03T02:00:00Z  orders   18    F      79.2%    0       -

                """)
        let onlyOrders = try runDQCLI(["history", database, "--dataset", "orders"])
        #expect(onlyOrders.stdoutText == history.stdoutText)
        let json = try JSONParser.parse(try runDQCLI(["history", database, "--format", "json"]).stdout)
        #expect((try? walk(json, "1.changes.0").get()) == .string("+coupon"))
        #expect((try? walk(json, "2.rows").get()) == .int(18))
    }

    @Test func diffComparesTwoSavedReports() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let paths = try savedCronReports([2, 3], in: folder)
        let diff = try runDQCLI(["diff", paths[0], paths[1], "--fail-on-drift"])
        #expect(diff.status == 1)
        #expect(diff.stdoutText == "unit_change: column amount changed unit from none to EUR.\n")
        let same = try runDQCLI(["diff", paths[0], paths[0], "--fail-on-drift"])
        #expect(same.status == 0)
        #expect(same.stdoutText == "No drift.\n")
        let json = try JSONParser.parse(try runDQCLI(["diff", paths[0], paths[1], "--format", "json"]).stdout)
        #expect((try? walk(json, "0.before").get()) == .null)
        #expect((try? walk(json, "0.after").get()) == .string("EUR"))
        let missing = folder.appendingPathComponent("missing.json").path
        let neither = try runDQCLI(["diff", missing, folder.appendingPathComponent("also-missing.json").path])
        #expect(neither.status == 66)
        #expect(neither.stderrText == "dqcli: \(missing): cannot open the file: no such file or directory.\n")
    }

    // MARK: - Bad rule files

    /// Each bad fixture exits 64 with its line in the message, before the data is read (the data path does not
    /// exist, which would be exit 66 if it were opened).
    @Test(arguments: [
        ("unknown-key.yml", 3), ("wrong-value-type.yml", 3), ("bad-regex.yml", 3), ("impossible-range.yml", 3),
        ("unknown-level.yml", 3), ("unknown-type.yml", 3), ("unknown-grade.yml", 3), ("bad-duration.yml", 4),
        ("unknown-format.yml", 3), ("not-yaml.yml", 3), ("not-a-list.yml", 3), ("fraction-above-one.yml", 3),
        ("duplicate-key.yml", 4)
    ])
    func badRuleFileExits64WithItsLine(_ file: String, _ line: Int) throws {
        let path = "Fixtures/rules/bad/" + file
        let run = try runDQCLI(["check", "no-such-data.csv", "--rules", path])
        #expect(run.status == 64)
        #expect(run.stdout.isEmpty)
        #expect(run.stderrText.hasPrefix("dqcli: \(path), line \(line)"), "\(run.stderrText)")
    }

    /// A rule file that cannot be opened: the message gives the system's reason.
    @Test func unreadableRuleFileSaysWhy() throws {
        let missing = try runDQCLI(["check", "no-such-data.csv", "--rules", "no-such-rules.yml"])
        #expect(missing.status == 64)
        #expect(missing.stderrText == "dqcli: no-such-rules.yml: cannot open the file: no such file or directory.\n")
        let folder = try runDQCLI(["check", "no-such-data.csv", "--rules", "Fixtures/rules"])
        #expect(folder.status == 64)
        #expect(folder.stderrText == "dqcli: Fixtures/rules: cannot read it: it is a directory.\n")
    }

    /// A key written twice is reported at its second line with its full path, not at the mapping's first line.
    @Test func repeatedKeyIsReportedAtItsOwnLineWithItsPath() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let rules = folder.appendingPathComponent("dq.yml")
        try "dataset:\n  name: orders\ncolumns:\n  amount:\n    type: decimal\n    nullable: false\n    type: integer\n"
            .write(to: rules, atomically: true, encoding: .utf8)
        let run = try runDQCLI(["check", "no-such-data.csv", "--rules", rules.path])
        #expect(run.status == 64)
        #expect(
            run.stderrText
                == "dqcli: \(rules.path), line 7, key columns.amount.type: the key `type` is written twice in the same mapping; first on line 5.\n"
        )
    }

    @Test func aMissingRequiredColumnIsAFailedRuleNotABadFile() throws {
        let run = try runDQCLI([
            "check", "Fixtures/rules/every-rule.csv", "--rules", "Fixtures/rules/every-rule.yml", "--now", "2026-11-29",
            "--quiet"
        ])
        #expect(run.status == 1)
        #expect(
            run.stderrText.contains(
                "dqcli: every-rule (Fixtures/rules/every-rule.csv): rule failed: customer required (rule line 36): the required column `customer` is missing.\n"
            ))
    }

    /// The README's rule file, pasted as `dq.yml`, passes on penguins with the one warning it announces.
    @Test func readmeRuleFileWorksWhenPasted() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let rules = folder.appendingPathComponent("dq.yml")
        try readmeYAMLBlock(after: "## Nightly governance").write(to: rules, atomically: true, encoding: .utf8)
        let run = try runDQCLI(["check", "Fixtures/real/penguins.csv", "--rules", rules.path, "--format", "json"])
        #expect(run.status == 0, "\(run.stderrText)")
        #expect(
            run.stderrText
                == "dqcli: penguins (Fixtures/real/penguins.csv): warning: sex max_null_fraction (rule line 29): 11 of 344 values are null (3.2%); allowed 2.0%.\n"
        )
    }

    @Test func checkNeedsRules() throws {
        let run = try runDQCLI(["check", "Fixtures/real/penguins.csv"])
        #expect(run.status == 64)
        #expect(
            run.stderrText == """
                Error: give the rule file (--rules FILE), or a folder of them (--rules-dir DIR).
                Usage: dqcli check [<options>] [<FILE> ...]
                  See 'dqcli check --help' for more information.

                """)
        #expect(run.stdout.isEmpty)
    }

    /// `check` needs `--rules` or `--rules-dir` (its validation says so, above); both take several FILEs.
    @Test func helpShowsRulesRequiredForCheckOnly() throws {
        let check = try runDQCLI(["check", "--help"])
        #expect(check.status == 0)
        #expect(check.stdoutText.contains("\nUSAGE: dqcli check [<options>] [<FILE> ...]\n"), "\(check.stdoutText)")
        #expect(check.stdoutText.contains("\n  --rules-dir <DIR>  "), "\(check.stdoutText)")
        let profile = try runDQCLI(["profile", "--help"])
        #expect(
            profile.stdoutText.contains("\nUSAGE: dqcli profile [<options>] [<FILE> ...]\n"), "\(profile.stdoutText)")
    }

    // MARK: - Overlapping runs

    /// Eight processes wait for a `go` file, then all write to one history at once.
    @Test func eightOverlappingRunsAllLand() throws {
        guard let dqcli = dqcliURL else { throw DQCLIMissing() }
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = folder.appendingPathComponent("history.db").path
        let go = folder.appendingPathComponent("go").path
        var processes: [Process] = []
        for index in 0..<8 {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = [
                "-c",
                "while [ ! -e \"$1\" ]; do sleep 0.01; done; exec \"$2\" profile \"$3\" --history \"$4\" --dataset penguins --now \"$5\" --quiet",
                "barrier", go, dqcli.path, fixtureURL("Fixtures/real/penguins.csv").path, database,
                "2026-11-01T02:00:0\(index)Z"
            ]
            let errors = folder.appendingPathComponent("stderr-\(index)")
            #expect(FileManager.default.createFile(atPath: errors.path, contents: nil))
            process.standardOutput = FileHandle.nullDevice
            process.standardError = try FileHandle(forWritingTo: errors)
            try process.run()
            processes.append(process)
        }
        Thread.sleep(forTimeInterval: 0.3)
        #expect(FileManager.default.createFile(atPath: go, contents: nil))
        for process in processes { process.waitUntilExit() }
        let messages = try (0..<8).map {
            try String(contentsOf: folder.appendingPathComponent("stderr-\($0)"), encoding: .utf8)
        }
        #expect(processes.map(\.terminationStatus) == Array(repeating: 0, count: 8), "\(messages.joined())")
        let store = try HistoryStore(path: database)
        #expect(try store.integrityCheck() == ["ok"])
        let runs = try store.runs(dataset: "penguins")
        #expect(runs.count == 8)
        #expect(runs.map(\.runTime) == (0..<8).map { ISOTime.seconds("2026-11-01T02:00:00Z")! + Int64($0) })
        #expect(runs.allSatisfy { $0.rows == 344 && $0.columns.count == 8 })
    }

    @Test func aRunWhoseReportCannotBeWrittenLeavesNoTrace() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = folder.appendingPathComponent("history.db").path
        let run = try runDQCLI([
            "profile", "Fixtures/real/penguins.csv", "--history", database, "--output",
            folder.appendingPathComponent("missing-folder/report.txt").path
        ])
        #expect(run.status == 73)
        #expect(try HistoryStore(path: database).runs().isEmpty)
    }

    // MARK: - Suggest, then check

    /// Runs `dqcli suggest` on `csv`, writing `dq.yml` in `folder`, expects exit 0, and reads the rules back.
    private func suggestRules(for csv: String, into folder: URL) throws -> (path: String, rules: RuleSet) {
        let path = folder.appendingPathComponent("dq.yml").path
        let suggest = try runDQCLI(["suggest", csv, "--output", path])
        #expect(suggest.status == 0, "\(suggest.stderrText)")
        return (path, try RuleFileParser().parse(fileAt: path))
    }

    /// An empty file, and one of blank lines only: suggest wrote `columns:` with nothing under it, which it could
    /// not read back (exit 1). Now a rule file with no columns and a warning `rows` rule, which check reads and
    /// passes with that one warning.
    @Test(arguments: ["", "\n\n\n"])
    func suggestOnAFileWithoutDataWritesRulesCheckReads(_ content: String) throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let csv = folder.appendingPathComponent("empty.csv")
        try content.write(to: csv, atomically: true, encoding: .utf8)
        let (rulesPath, rules) = try suggestRules(for: csv.path, into: folder)
        #expect(rules.columns.isEmpty)
        #expect(rules.dataset.rows == RuleLimit(RuleRange(min: 1), level: .warn, line: 8))
        let check = try runDQCLI(["check", csv.path, "--rules", rulesPath])
        #expect(check.status == 0)
        #expect(
            check.stderrText == "dqcli: empty (\(csv.path)): warning: rows (rule line 8): 0 rows; allowed at least 1.\n"
        )
    }

    /// A header naming two columns alike made suggest write the name twice under `columns` (exit 1: "the key
    /// `nullable` is written twice"). A rule file names columns by name and check judges a name's first
    /// column, so suggest writes rules for the first column of a name, with a comment naming the later ones;
    /// empty and blank names are quoted keys. Check with the suggested rules passes on the same file.
    @Test(arguments: [
        (
            "id,id,name\n1,2,a\n3,4,b\n", ["id", "name"],
            [
                "  # column 2 is also named \"id\": a rule file names columns by name, so the rules below are for column 1 only.\n  \"id\":\n"
            ]
        ),
        (
            "id, ,name,id,,name,Name,\t\n1,a,b,2,c,d,e,f\n3,g,h,4,i,j,k,l\n", ["id", " ", "name", "", "Name", "\t"],
            [
                "  # column 4 is also named \"id\": a rule file names columns by name, so the rules below are for column 1 only.\n  \"id\":\n",
                "  # column 6 is also named \"name\": a rule file names columns by name, so the rules below are for column 3 only.\n  \"name\":\n",
                "\n  \" \":\n", "\n  \"\":\n", "\n  \"\\t\":\n"
            ]
        )
    ])
    func suggestOnRepeatedColumnNamesWritesRulesCheckPasses(_ content: String, _ names: [String], _ excerpts: [String])
        throws
    {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let csv = folder.appendingPathComponent("repeated.csv")
        try content.write(to: csv, atomically: true, encoding: .utf8)
        let (rulesPath, rules) = try suggestRules(for: csv.path, into: folder)
        #expect(rules.columns.map(\.name) == names)
        let text = try String(contentsOfFile: rulesPath, encoding: .utf8)
        for excerpt in excerpts { #expect(text.contains(excerpt), "\(excerpt) in\n\(text)") }
        let check = try runDQCLI(["check", csv.path, "--rules", rulesPath, "--quiet"])
        #expect(check.status == 0)
        #expect(check.stderrText == "")
    }

    /// Check judges a name's rules on its first column, and now so do the value rules that shape the scores:
    /// `x: {type: integer}` turned the second `x` (a, b) into an integer column with consistency 0 and grade F.
    /// It stays a string column graded A, and the dataset grade is A.
    @Test func valueRulesShapeTheFirstColumnOfARepeatedNameOnly() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let csv = folder.appendingPathComponent("repeated.csv")
        try "x,x\n1,a\n2,b\n".write(to: csv, atomically: true, encoding: .utf8)
        let rules = folder.appendingPathComponent("dq.yml")
        try "columns:\n  x: {type: integer}\n".write(to: rules, atomically: true, encoding: .utf8)
        let check = try runDQCLI(["check", csv.path, "--rules", rules.path, "--format", "json"])
        #expect(check.status == 0)
        let report = try JSONParser.parse(check.stdout)
        #expect((try? walk(report, "columns.0.type").get()) == .string("integer"))
        #expect((try? walk(report, "columns.1.type").get()) == .string("string"))
        #expect((try? walk(report, "columns.1.grade").get()) == .string("A"))
        #expect((try? walk(report, "grade").get()) == .string("A"))
    }

    /// `suggest -` reads standard input (it was refused, exit 64): the rules equal those suggested from the
    /// file itself, but for the source named in the first comment and the dataset name, which comes with a
    /// comment asking for the real name. The temporary copy of the input is gone afterwards.
    @Test func suggestReadsStandardInput() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let csv = "Fixtures/real/penguins.csv"
        let fromFile = try runDQCLI(["suggest", csv])
        #expect(fromFile.status == 0)
        let fromInput = try runDQCLI(
            ["suggest", "-"], stdin: try Data(contentsOf: fixtureURL(csv)), environment: ["TMPDIR": folder.path])
        #expect(fromInput.status == 0, "\(fromInput.stderrText)")
        let expected = fromFile.stdoutText
            .replacingOccurrences(of: "from \(csv) (344 rows)", with: "from standard input (344 rows)")
            .replacingOccurrences(
                of: "  name: \"penguins\"\n",
                with:
                    "  # set the dataset's name: this one stands for standard input; give the same name every time, so that every run of the dataset shares one history and drift is measured against earlier runs.\n  name: \"stdin\"\n"
            )
        #expect(fromInput.stdoutText == expected)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }

    /// The suggested file's fourth comment says how to check with it; the library writes it only when its caller
    /// gives the command (``RuleSuggester/checkCommand``), and dqcli gives its own.
    @Test func suggestedRulesSayHowToCheckWithThem() throws {
        let csv = "Fixtures/real/penguins.csv"
        let suggest = try runDQCLI(["suggest", csv])
        #expect(suggest.status == 0)
        #expect(
            suggest.stdoutText.split(separator: "\n").dropFirst(3).first
                == "# Check with: dqcli check FILE --rules THIS_FILE")
        let plain = try RuleSuggester().suggest(fileAt: fixtureURL(csv).path, options: ProfileOptions())
        #expect(plain.split(separator: "\n").dropFirst(3).first == "dataset:")
    }

    /// Rules suggested from one day's export must hold on the next: the key-like `id` (distinct integers)
    /// gets `unique` and no range, `year` (all 2026) a comment instead of `{min: 2026, max: 2026}`, `amount`
    /// (20 to 50, repeating) its range widened by 10% of the span (17 to 53). A dated file name gets a comment
    /// asking for the dataset's name; an undated one does not. The next day's export (new ids, year 2027)
    /// passes.
    @Test(arguments: [
        ("orders-2026-11-29.csv", "\"orders\""), ("orders_20261129.csv", "\"orders\""), ("orders-v2.csv", nil)
    ])
    func suggestedRulesHoldOnTomorrowsExport(_ fileName: String, _ suggestedName: String?) throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let today = folder.appendingPathComponent(fileName)
        try "id,year,amount\n101,2026,20\n102,2026,35\n103,2026,20\n104,2026,50\n".write(
            to: today, atomically: true, encoding: .utf8)
        let (rulesPath, rules) = try suggestRules(for: today.path, into: folder)
        let text = try String(contentsOfFile: rulesPath, encoding: .utf8)
        let id = try #require(rules.column(named: "id"))
        #expect(id.unique?.value == true && id.numberRange == nil)
        #expect(rules.column(named: "year")?.numberRange == nil)
        #expect(
            text.contains(
                "    # no range: every value is 2026, and a range of one value breaks on the first export holding another.\n"
            ))
        #expect(rules.column(named: "amount")?.numberRange?.value == RuleRange(min: 17, max: 53))
        let nameNote = suggestedName.map {
            "  # set the dataset's name (such as \($0)): this one comes from a dated file name, so that every run of the dataset shares one history and drift is measured against earlier runs.\n"
        }
        let name = String(fileName.dropLast(4))
        #expect(text.contains((nameNote ?? "dataset:\n") + "  name: \"\(name)\"\n"), "\(text)")

        let tomorrow = folder.appendingPathComponent("tomorrow.csv")
        try "id,year,amount\n105,2027,25\n106,2027,40\n107,2027,30\n108,2027,20\n".write(
            to: tomorrow, atomically: true, encoding: .utf8)
        let check = try runDQCLI(["check", tomorrow.path, "--rules", rulesPath])
        #expect(check.status == 0, "\(check.stderrText)")
        #expect(check.stderrText.isEmpty)
    }

    /// Values at the ends of binary64 (-1e308 and 1e308, a span of 2e308): widening the range by 10% of the span
    /// overflowed to infinities, written as `null`, and suggest failed on its own output (exit 1, nothing
    /// written). The widened bounds stop at the largest finite numbers, and check passes with them.
    @Test func suggestedRangeNearTheEndsOfBinary64StaysFinite() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let csv = "Fixtures/regressions/suggest-range-near-binary64-ends.csv"
        let (rulesPath, rules) = try suggestRules(for: csv, into: folder)
        let range = try #require(rules.columns.first?.numberRange?.value)
        #expect(range.min == -Double.greatestFiniteMagnitude)
        #expect(range.max == Double.greatestFiniteMagnitude)
        let check = try runDQCLI(["check", csv, "--rules", rulesPath, "--format", "json"])
        #expect(check.status == 0, "\(check.stderrText)")
    }

    /// For each bundled real dataset: the suggested rules hold a type and a null limit for every column, and
    /// check passes on the file they came from; on a copy with nulls in one non-nullable column (rows 1-5) and
    /// one integer just above its suggested range, exactly those two rules fail.
    @Test(arguments: ["penguins", "flights-sample"])
    func suggestedRulesPassOnTheirFileAndCatchDamage(_ name: String) throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let csv = "Fixtures/real/\(name).csv"
        let (rulesPath, rules) = try suggestRules(for: csv, into: folder)
        let header = try String(contentsOf: fixtureURL(csv), encoding: .utf8).split(separator: "\n")[0].split(
            separator: ","
        ).map(String.init)
        #expect(rules.columns.map(\.name) == header)
        #expect(rules.columns.allSatisfy { $0.type != nil && $0.maxNullFraction != nil })

        let check = try runDQCLI(["check", csv, "--rules", rulesPath, "--format", "json"])
        #expect(check.status == 0, "\(check.stderrText)")

        let nullColumn = try #require(
            rules.columns.first { $0.maxNullFraction?.value == 0 && $0.maxNullFraction?.level == .error })
        let rangeColumn = try #require(
            rules.columns.first {
                $0.name != nullColumn.name && $0.type?.value == .integer && $0.numberRange?.level == .error
            })
        let nullIndex = header.firstIndex(of: nullColumn.name)!
        let rangeIndex = header.firstIndex(of: rangeColumn.name)!
        let outside = String(Int(rangeColumn.numberRange!.value.max!) + 1)
        var lines = try String(contentsOf: fixtureURL(csv), encoding: .utf8).split(separator: "\n").map {
            $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }
        for row in 1...5 { lines[row][nullIndex] = "" }
        lines[7][rangeIndex] = outside
        let damaged = folder.appendingPathComponent("damaged.csv")
        try (lines.map { $0.joined(separator: ",") }.joined(separator: "\n") + "\n").write(
            to: damaged, atomically: true, encoding: .utf8)
        let failing = try runDQCLI(["check", damaged.path, "--rules", rulesPath, "--format", "json"])
        #expect(failing.status == 1)
        let report = try JSONParser.parse(failing.stdout)
        let results = report["rules"]?.arrayValue ?? []
        let failed = results.filter { $0["passed"] == .bool(false) && $0["level"] == .string("error") }
            .map { "\($0["column"]?.stringValue ?? "-") \($0["rule"]?.stringValue ?? "?")" }
        let expected = [(nullIndex, "\(nullColumn.name) max_null_fraction"), (rangeIndex, "\(rangeColumn.name) range")]
        let inFileOrder: [String] = expected.sorted { $0.0 < $1.0 }.map(\.1)
        #expect(failed == inFileOrder)
    }

    // MARK: - Rows that are events

    /// The README's `rows_are_events` example, pasted as `events.yml`: Fixtures/rules/door-events.csv (6 rows,
    /// 3 columns, every cell conforming, lines 4 and 6 repeating lines 2 and 3) keeps `duplicate_rows` 2 and
    /// uniqueness 1 - 2/6, while overall is 18/18 = 1 (grade A) rather than 4/6 (grade F). Profiled in two
    /// parts into states and merged, it gives the same scores.
    @Test func readmeRowsAreEventsExampleWorksWhenPasted() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let rules = folder.appendingPathComponent("events.yml").path
        let pasted = try readmeYAMLBlock(after: "## Scoring in brief", indent: 2)
        try pasted.write(toFile: rules, atomically: true, encoding: .utf8)
        let csv = "Fixtures/rules/door-events.csv"
        func datasetScores(_ run: RunResult) throws -> [String] {
            let report = try JSONParser.parse(run.stdout)
            let scores = try #require(report["scores"])
            return [
                "\(report["duplicate_rows"] ?? .null)", "\(scores["uniqueness"] ?? .null)",
                "\(scores["overall"] ?? .null)",
                "\(report["grade"] ?? .null)", "\(report["options"]?["rows_are_events"] ?? .null)"
            ]
        }
        let check = try runDQCLI(["check", csv, "--rules", rules, "--format", "json"])
        #expect(check.status == 0, "\(check.stderrText)")
        let expected = ["2", "\(JSON.double(1 - 2.0 / 6.0))", "\(JSON.double(1))", "\"A\"", "true"]
        #expect(try datasetScores(check) == expected)

        let lines = try String(contentsOf: fixtureURL(csv), encoding: .utf8).split(separator: "\n")
        var states: [String] = []
        for (index, rows) in [lines[1...3], lines[4...6]].enumerated() {
            let part = folder.appendingPathComponent("part-\(index).csv").path
            try ([lines[0]] + rows).joined(separator: "\n").appending("\n").write(
                toFile: part, atomically: true, encoding: .utf8)
            states.append(part + ".state")
            let profile = try runDQCLI(["profile", part, "--rules", rules, "--state-out", states[index]])
            #expect(profile.status == 0, "\(profile.stderrText)")
        }
        let merged = try runDQCLI(["merge"] + states + ["--rules", rules, "--format", "json"])
        #expect(merged.status == 0, "\(merged.stderrText)")
        #expect(try datasetScores(merged) == expected)

        try pasted.replacingOccurrences(of: "  rows_are_events: true", with: "").write(
            toFile: rules, atomically: true, encoding: .utf8)
        let contract = try runDQCLI(["check", csv, "--rules", rules, "--format", "json"])
        #expect(
            try datasetScores(contract) == [
                "2", "\(JSON.double(1 - 2.0 / 6.0))", "\(JSON.double(4.0 / 6.0))", "\"F\"", "null"
            ])
    }
}
