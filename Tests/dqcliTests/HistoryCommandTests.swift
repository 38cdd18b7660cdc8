import Foundation
import Testing

/// `history` and `diff` end to end, and the messages of runs that store into a history (issue 16).
@Suite struct HistoryCommandTests {
    /// A fresh empty folder; the caller removes it.
    private func scratchFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("dqcli-history-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Nights 1 and 2 of Fixtures/cron stored in a new database in `folder` under Fixtures/cron/orders.yml.
    private func twoNights(in folder: URL) throws -> String {
        let database = folder.appendingPathComponent("history.db").path
        for night in 1...2 {
            let run = try runDQCLI([
                "check", "Fixtures/cron/orders-\(night).csv", "--rules", "Fixtures/cron/orders.yml", "--history",
                database,
                "--now", "2026-11-0\(night)T02:00:00Z", "--quiet"
            ])
            #expect(run.status == 0)
        }
        return database
    }

    /// What `dqcli history DATABASE` prints on standard output.
    private func historyTable(_ database: String) throws -> String {
        try runDQCLI(["history", database]).stdoutText
    }

    private static let twoNightsTable = """
        RUN  DATE                  DATASET  ROWS  GRADE  OVERALL  FAILED  CHANGED
        1    2026-11-01T02:00:00Z  orders   20    A      100.0%   0       -
        2    2026-11-02T02:00:00Z  orders   18    F      79.2%    0       +coupon

        """

    // MARK: - Item 6: reading commands open the database read-only

    /// The database and its folder are read-only (and dqcli runs as `nobody` when the tests run as root): the
    /// history is read all the same, and no `-wal` or `-shm` file appears.
    @Test func historyReadsADatabaseItMayNotWrite() throws {
        let folder = try scratchFolder()
        defer {
            chmod(folder.path, 0o755)
            try? FileManager.default.removeItem(at: folder)
        }
        let database = try twoNights(in: folder)
        #expect(chmod(database, 0o444) == 0)
        #expect(chmod(folder.path, 0o555) == 0)
        let history = try runDQCLI(["history", database], unprivileged: true)
        #expect(history.stderrText == "")
        #expect(history.status == 0)
        #expect(history.stdoutText == Self.twoNightsTable)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["history.db"])
    }

    /// A file that is not a database: one sentence, no SQL text, exit 74.
    @Test func aFileThatIsNotADatabaseIsOneSentence() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let notADatabase = folder.appendingPathComponent("notes.db").path
        try Data(String(repeating: "not a database\n", count: 100).utf8).write(to: URL(fileURLWithPath: notADatabase))
        let history = try runDQCLI(["history", notADatabase])
        #expect(history.status == 74)
        #expect(
            history.stderrText == "dqcli: \(notADatabase): cannot read the history database: file is not a database.\n")
        let empty = folder.appendingPathComponent("empty.db").path
        try Data().write(to: URL(fileURLWithPath: empty))
        let emptyHistory = try runDQCLI(["history", empty])
        #expect(emptyHistory.status == 74)
        #expect(emptyHistory.stderrText == "dqcli: \(empty): not a dqcli history database (it has no runs).\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["empty.db", "notes.db"])
    }

    // MARK: - Item 10: dataset names

    /// Standard input has no file name to name the dataset: `--history` needs `--dataset` or a rule file that
    /// names it (exit 64, nothing stored); either one stores the run under that name.
    @Test func aPipedRunNeedsADatasetName() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = folder.appendingPathComponent("history.db").path
        let csv = try Data(contentsOf: fixtureURL("Fixtures/cron/orders-1.csv"))
        let unnamed = try runDQCLI(["profile", "-", "--history", database, "--quiet"], stdin: csv)
        #expect(unnamed.status == 64)
        #expect(
            unnamed.stderrText.split(separator: "\n").first
                == "Error: --history with standard input needs --dataset NAME (or a rule file whose dataset has a name): every piped file would be stored as one dataset."
        )
        #expect(!FileManager.default.fileExists(atPath: database))
        let named = try runDQCLI(
            ["profile", "-", "--history", database, "--dataset", "orders", "--now", "2026-11-01T02:00:00Z", "--quiet"],
            stdin: csv)
        #expect(named.status == 0)
        let ruled = try runDQCLI(
            [
                "check", "-", "--rules", "Fixtures/cron/orders.yml", "--history", database, "--now",
                "2026-11-02T02:00:00Z", "--quiet"
            ],
            stdin: csv)
        #expect(ruled.status == 0)
        #expect(
            try historyTable(database) == """
                RUN  DATE                  DATASET  ROWS  GRADE  OVERALL  FAILED  CHANGED
                1    2026-11-01T02:00:00Z  orders   20    A      100.0%   0       -
                2    2026-11-02T02:00:00Z  orders   20    A      100.0%   0       -

                """)
    }

    /// `--dataset` of no stored dataset is a usage error that lists the stored ones.
    @Test func historyOfAnUnknownDatasetSaysSoAndListsTheKnownOnes() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = try twoNights(in: folder)
        let other = try runDQCLI([
            "profile", "Fixtures/real/penguins.csv", "--history", database, "--now", "2026-11-01T03:00:00Z", "--quiet"
        ])
        #expect(other.status == 0)
        let unknown = try runDQCLI(["history", database, "--dataset", "nope"])
        #expect(unknown.status == 64)
        #expect(unknown.stdoutText == "")
        #expect(
            unknown.stderrText.split(separator: "\n").first
                == "Error: --dataset nope: the history holds no run of that dataset; its datasets are orders, penguins."
        )
    }

    /// A cron retry stores the same `--now` twice: the second run is marked in every format.
    @Test func aRunStoredTwiceAtTheSameTimeIsMarked() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = try twoNights(in: folder)
        let retry = try runDQCLI([
            "check", "Fixtures/cron/orders-2.csv", "--rules", "Fixtures/cron/orders.yml", "--history", database,
            "--now", "2026-11-02T02:00:00Z", "--quiet"
        ])
        #expect(retry.status == 0)
        #expect(
            try historyTable(database) == """
                RUN  DATE                  DATASET  ROWS  GRADE  OVERALL  FAILED  CHANGED
                1    2026-11-01T02:00:00Z  orders   20    A      100.0%   0       -
                2    2026-11-02T02:00:00Z  orders   18    F      79.2%    0       +coupon
                3    2026-11-02T02:00:00Z  orders   18    F      79.2%    0       repeat of run 2

                """)
        let json = try JSONParser.parse(try runDQCLI(["history", database, "--format", "json"]).stdout)
        #expect((try? walk(json, "1.repeat_of").get()) == .null)
        #expect((try? walk(json, "2.repeat_of").get()) == .int(2))
    }

    // MARK: - Item 12: messages of a governed run

    /// Two nights of a 12-row file. The ids 11 and 12 (lines 12 and 13) break the `warn` range 1...10, so they
    /// do not conform: night 1 has 22 of 24 conforming cells (91.7%, grade C). On night 2, `amount` also holds
    /// `x` and `y` there (10 of 12 values conform: 83.3%, grade D; the dataset 20 of 24 cells: 83.3%, grade D).
    /// Every message names the dataset and the file, shows fractions as percentages and labels the rule line.
    @Test func messagesNameTheDatasetAndFile() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = folder.appendingPathComponent("history.db").path
        let rules = folder.appendingPathComponent("rules.yml")
        try Data(
            """
            dataset:
              name: orders
            columns:
              id:
                range: {min: 1, max: 10, level: warn}
              amount:
                type: integer

            """.utf8
        ).write(to: rules)
        var paths: [String] = []
        for (night, values) in [(1, (1...12).map(String.init)), (2, (1...10).map(String.init) + ["x", "y"])] {
            let path = folder.appendingPathComponent("night-\(night).csv")
            let lines = ["id,amount"] + values.enumerated().map { "\($0.offset + 1),\($0.element)" }
            try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: path)
            paths.append(path.path)
        }
        var stderrs: [String] = []
        for (night, path) in paths.enumerated() {
            let run = try runDQCLI([
                "check", path, "--rules", rules.path, "--history", database, "--now", "2026-11-0\(night + 1)T02:00:00Z",
                "--format", "json", "--output", folder.appendingPathComponent("night-\(night + 1).json").path
            ])
            stderrs.append(run.stderrText)
        }
        #expect(
            stderrs[0] == """
                dqcli: orders (\(paths[0])): warning: id range (rule line 5): 2 values outside the range 1...10, first at line 12: `11`.

                """)
        #expect(
            stderrs[1] == """
                dqcli: orders (\(paths[1])): rule failed: amount type (rule line 7): 2 values are not an integer, first at line 12: `x`.
                dqcli: orders (\(paths[1])): warning: id range (rule line 5): 2 values outside the range 1...10, first at line 12: `11`.
                dqcli: orders (\(paths[1])): drift: the dataset dropped from grade C to D.
                dqcli: orders (\(paths[1])): drift: column amount: consistency went from 100.0% (previous) to 83.3%.
                dqcli: orders (\(paths[1])): drift: column amount dropped from grade A to D.

                """)
        let diff = try runDQCLI([
            "diff", folder.appendingPathComponent("night-1.json").path,
            folder.appendingPathComponent("night-2.json").path
        ])
        #expect(
            diff.stdoutText == """
                grade_drop: the dataset dropped from grade C to D.
                consistency_change: column amount: consistency went from 100.0% (previous) to 83.3%.
                grade_drop: column amount dropped from grade A to D.

                """)
    }

    // MARK: - Item 16: the table's rules block

    /// A failed rule's line longer than the table is wrapped, never cut: the limit (`allowed 2.0%`) shows.
    @Test func theTableShowsEveryFailedRuleWhole() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let rules = folder.appendingPathComponent("rules.yml")
        try Data(
            """
            dataset:
              name: orders
            columns:
              coupon:
                max_null_fraction: 0.02
              status:
                allowed_values: [open]

            """.utf8
        ).write(to: rules)
        let check = try runDQCLI(["check", "Fixtures/cron/orders-2.csv", "--rules", rules.path])
        #expect(check.status == 1)
        let table = check.stdoutText
        let rulesBlock = table.components(separatedBy: "\nRules: ").last ?? ""
        #expect(
            "Rules: " + rulesBlock == """
                Rules: 2 of 4 passed, 2 failed, 0 warned:
                  FAIL coupon max_null_fraction (rule line 5): 15 of 18 values are null (83.3%);
                       allowed 2.0%.
                  FAIL status allowed_values (rule line 7): 9 values outside the allowed values
                       `open`, first at line 3: `closed`.

                """)
        #expect(table.split(separator: "\n").allSatisfy { $0.count <= 80 && !$0.hasSuffix("…") })
    }

    // MARK: - Item 3: Markdown and HTML

    /// `history --format markdown`: per dataset, a table of its runs and one of each column's grade per run.
    /// Night 2 has 57 conforming cells of 72 (79.2%; 15 of 18 coupons are null); night 1 has no `coupon`.
    @Test func historyAsMarkdownTables() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = try twoNights(in: folder)
        let markdown = try runDQCLI(["history", database, "--format", "markdown"])
        #expect(markdown.status == 0)
        #expect(
            markdown.stdoutText == """
                # Data quality history

                \(database): 2 runs of 1 dataset.

                ## orders

                | Run | Date | Rows | Grade | Overall | Completeness | Consistency | Failed rules | Changed |
                |---|---|---:|---|---:|---:|---:|---:|---|
                | 1 | 2026-11-01T02:00:00Z | 20 | A | 100.0% | 100.0% | 100.0% | 0 | - |
                | 2 | 2026-11-02T02:00:00Z | 18 | F | 79.2% | 79.2% | 100.0% | 0 | +coupon |

                Column grades:

                | Column | 1 | 2 |
                |---|---|---|
                | id | A | A |
                | amount | A | A |
                | status | A | A |
                | coupon | - | F |

                """)
    }

    /// `history --format html`: one page, no script, an SVG line of the overall score (100% at y 8; 79.2% at
    /// 112 - (0.7917 - 0.7) / 0.3 × 104 = 80.2, the axis starting at 70%) and a grade cell per column and run
    /// (3 + 4), a dataset name from the data escaped.
    @Test func historyAsAnHTMLPage() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = try twoNights(in: folder)
        let hostile = try runDQCLI([
            "profile", "Fixtures/cron/orders-1.csv", "--history", database, "--dataset", "<script>alert(1)</script>",
            "--quiet"
        ])
        #expect(hostile.status == 0)
        let page = try runDQCLI(["history", database, "--format", "html"]).stdoutText
        #expect(page.hasPrefix("<!DOCTYPE html>\n"))
        #expect(page.hasSuffix("</html>\n"))
        #expect(!page.contains("<script"))
        #expect(page.contains("<span class=\"name\">&lt;script&gt;alert(1)&lt;/script&gt;</span>"))
        #expect(page.contains("<polyline class=\"score\" points=\"40,8 312,80.2\"/>"))
        #expect(page.components(separatedBy: "<svg class=\"trend\"").count - 1 == 2)
        let cards = page.components(separatedBy: "<section class=\"card\">")
        try #require(cards.count == 3)
        let ordersCard = cards[1]
        #expect(ordersCard.components(separatedBy: "<rect class=\"grade-").count - 1 == 7)
        #expect(
            ordersCard.contains(
                "<rect class=\"grade-f\" x=\"143\" y=\"77\" width=\"20\" height=\"18\"><title>coupon · Run 2: grade F</title></rect>"
            ))
    }

    /// `diff --format markdown` and `--format html`: the two reports, their column grades and the drift.
    @Test func diffAsMarkdownAndHTML() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let paths = try savedCronReports([2, 3], in: folder)
        let markdown = try runDQCLI(["diff", paths[0], paths[1], "--format", "markdown"])
        #expect(markdown.status == 0)
        #expect(
            markdown.stdoutText == """
                # Drift between two reports

                | Report | File | Rows | Grade | Overall | Completeness | Consistency | Failed rules | Changed |
                |---|---|---:|---|---:|---:|---:|---:|---|
                | old | \(paths[0]) | 18 | F | 79.2% | 79.2% | 100.0% | 0 | - |
                | new | \(paths[1]) | 18 | F | 79.2% | 79.2% | 100.0% | 0 | - |

                Column grades:

                | Column | old | new |
                |---|---|---|
                | id | A | A |
                | amount | A | A |
                | status | A | A |
                | coupon | F | F |

                Drift:

                | Kind | Finding |
                |---|---|
                | unit_change | column amount changed unit from none to EUR. |

                """)
        let page = try runDQCLI(["diff", paths[0], paths[1], "--format", "html"]).stdoutText
        #expect(page.hasPrefix("<!DOCTYPE html>\n"))
        #expect(!page.contains("<script"))
        #expect(page.contains("<span class=\"name\">Fixtures/cron/orders-2.csv → Fixtures/cron/orders-3.csv</span>"))
        #expect(page.contains("<polyline class=\"score\" points=\"40,80.2 312,80.2\"/>"))
        #expect(
            page.contains("<li><code>unit_change</code> column amount changed unit from none to EUR.</li>"))
    }
}
