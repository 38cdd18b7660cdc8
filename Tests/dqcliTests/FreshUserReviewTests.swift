import Foundation
import Testing

/// Messages and refusals a fresh user's review found wrong: another program's SQLite database given
/// to `--history`, the dataset in the `--fail-under` line of a governed run, percentages in the `history`
/// table, standard input named in an overwrite refusal, `diff` of a file that is not JSON.
@Suite struct FreshUserReviewTests {
    /// A fresh empty folder; the caller removes it.
    private func scratchFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("dqcli-review-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// A SQLite database of another program at `path`: one table `t(x)`, `user_version` 0 (made by Python's
    /// sqlite3, as another program would).
    private func otherProgramsDatabase(at path: String) throws {
        let python = Process()
        python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        python.arguments = [
            "python3", "-c",
            "import sqlite3,sys;c=sqlite3.connect(sys.argv[1]);c.execute('create table t(x)');c.commit()", path
        ]
        try python.run()
        python.waitUntilExit()
        #expect(python.terminationStatus == 0)
    }

    // MARK: - Item 1: another program's database

    /// `--history` naming a SQLite database with tables but not dqcli's schema is refused when writing too:
    /// exit 74, one sentence naming the dataset, the input and the database, the file byte for byte as it was
    /// and no companion files.
    @Test func anotherProgramsDatabaseIsRefusedForWriting() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = folder.appendingPathComponent("other.db").path
        try otherProgramsDatabase(at: database)
        let before = try Data(contentsOf: URL(fileURLWithPath: database))
        let run = try runDQCLI([
            "profile", "Fixtures/cron/orders-1.csv", "--history", database, "--dataset", "x", "--quiet"
        ])
        #expect(run.status == 74)
        #expect(
            run.stderrText
                == "dqcli: x (Fixtures/cron/orders-1.csv): history \(database): not a dqcli history database (it holds another program's tables); give another path.\n"
        )
        #expect(try Data(contentsOf: URL(fileURLWithPath: database)) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["other.db"])
    }

    /// An empty file still becomes a history: the run is stored and `history` lists it.
    @Test func anEmptyFileStillBecomesAHistory() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = folder.appendingPathComponent("empty.db").path
        try Data().write(to: URL(fileURLWithPath: database))
        let run = try runDQCLI([
            "profile", "Fixtures/cron/orders-1.csv", "--history", database, "--dataset", "x", "--quiet",
            "--now", "2026-11-01T02:00:00Z"
        ])
        #expect(run.stderrText == "")
        #expect(run.status == 0)
        let history = try runDQCLI(["history", database])
        #expect(history.status == 0)
        #expect(
            history.stdoutText == """
                RUN  DATE                  DATASET  ROWS  GRADE  OVERALL  FAILED  CHANGED
                1    2026-11-01T02:00:00Z  x        20    A      100.0%   0       -

                """)
    }

    // MARK: - Item 2: the gate line names the dataset in a governed run

    /// With a rule file the dataset is known: the `--fail-under` line names it and the input, as the rule
    /// lines do; for a file and for standard input.
    @Test func theGateLineOfAGovernedRunNamesTheDataset() throws {
        let piped = try runDQCLI(
            ["check", "-", "--rules", "Fixtures/cron/orders.yml", "--quiet", "--fail-under", "A"],
            stdinFile: fixtureURL("Fixtures/cron/orders-3.csv"))
        #expect(piped.status == 1)
        #expect(piped.stderrText.hasSuffix("dqcli: orders (standard input): grade F is below --fail-under A.\n"))
        #expect(!piped.stderrText.contains("dqcli: standard input:"))
        let named = try runDQCLI([
            "check", "Fixtures/cron/orders-3.csv", "--rules", "Fixtures/cron/orders.yml", "--quiet", "--fail-under", "A"
        ])
        #expect(named.status == 1)
        #expect(
            named.stderrText.hasSuffix("dqcli: orders (Fixtures/cron/orders-3.csv): grade F is below --fail-under A.\n")
        )
    }

    // MARK: - Item 4: standard input in an overwrite refusal

    /// `--output FILE` or `--invalid-rows FILE` when FILE is piped in: the refusal calls the input `standard input`.
    @Test func anOverwriteRefusalCallsStandardInputByName() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("x.csv")
        try Data("a,b\n1,2\n".utf8).write(to: input)
        for arguments in [
            ["profile", "-", "--output", "x.csv"], ["profile", "-", "--invalid-rows", "x.csv"],
            ["suggest", "-", "--output", "x.csv"]
        ] {
            let option = arguments[2]
            let run = try runDQCLI(arguments, stdinFile: input, currentDirectory: folder)
            #expect(run.status == 64)
            #expect(
                run.stderrText.split(separator: "\n").first
                    == "Error: \(option) x.csv: that is the input file (standard input); choose another path.")
            #expect(try Data(contentsOf: input) == Data("a,b\n1,2\n".utf8))
        }
    }

    // MARK: - Item 5: diff names what is wrong with a report

    /// A file that is not JSON at all is said to be so (exit 65), with where the decoder stopped.
    @Test func diffSaysAFileIsNotJSON() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let paths = try savedCronReports([1], in: folder)
        let bad = folder.appendingPathComponent("bad.json").path
        try Data("{bad".utf8).write(to: URL(fileURLWithPath: bad))
        let run = try runDQCLI(["diff", paths[0], bad])
        #expect(run.status == 65)
        #expect(run.stderrText == "dqcli: \(bad): not valid JSON: invalid value around character 1.\n")
    }
}
