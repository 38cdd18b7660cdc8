import Foundation
import Testing

/// A temporary folder removed at the end of the test.
private final class ScratchFolder {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("dq-merge-\(UUID().uuidString)")
    init() throws { try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true) }
    deinit { try? FileManager.default.removeItem(at: url) }
    func path(_ name: String) -> String { url.appendingPathComponent(name).path }
    func write(_ text: String, _ name: String) throws -> String {
        try Data(text.utf8).write(to: url.appendingPathComponent(name))
        return path(name)
    }
}

private func jsonObject(_ data: Data) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
}

@Suite struct MergeCommandTests {
    /// Two parts of one table (in two files, each with the header), merged in either order: the numbers of
    /// the whole; findings name their source files.
    @Test func statesOfTwoFilesMergeIntoTheWhole() throws {
        let folder = try ScratchFolder()
        let first = try folder.write("id,name,amount\n1,Ann,10\n2,Bob,\n3,Cy,7\n", "a.csv")
        let second = try folder.write("id,name,amount\n2,Bob,\n4, Dee,5\n", "b.csv")
        let whole = try folder.write("id,name,amount\n1,Ann,10\n2,Bob,\n3,Cy,7\n2,Bob,\n4, Dee,5\n", "whole.csv")
        #expect(try runDQCLI(["profile", first, "--state-out", folder.path("a.state")]).status == 0)
        let piped = try runDQCLI(["profile", second, "--state-out", "-"])
        #expect(piped.status == 0)
        #expect(piped.stdoutText.hasSuffix("\n"))
        #expect(piped.stdoutText.filter { $0 == "\n" }.count == 1)
        #expect(try jsonObject(piped.stdout)["format"] as? String == "dqcli-partial-profile")
        try piped.stdout.write(to: URL(fileURLWithPath: folder.path("b.state")))

        for order in [["a.state", "b.state"], ["b.state", "a.state"]] {
            let merged = try runDQCLI(["merge"] + order.map(folder.path) + ["--format", "json"])
            #expect(merged.status == 0, "\(merged.stderrText)")
            let report = try jsonObject(merged.stdout)
            let single = try jsonObject(try runDQCLI(["profile", whole, "--format", "json"]).stdout)
            for key in ["rows", "duplicate_rows", "blank_lines", "grade"] {
                #expect(report[key] as? NSObject == single[key] as? NSObject, "\(key)")
            }
            #expect(report["rows"] as? Int == 5)
            #expect(report["duplicate_rows"] as? Int == 1)
            let findings = try #require(report["findings"] as? [[String: Any]])
            let duplicate = try #require(findings.first { $0["kind"] as? String == "duplicate_row" })
            // The repeat of "2,Bob," is line 2 of b.csv (sources order by name).
            #expect(duplicate["first_line"] as? Int == 2)
            #expect(duplicate["source_file"] as? String == second)
            let columns = try #require(report["columns"] as? [[String: Any]])
            #expect(columns[2]["nulls"] as? Int == 2)
            let whitespace = try #require(
                (columns[1]["findings"] as? [[String: Any]])?.first { $0["kind"] as? String == "whitespace" })
            #expect(whitespace["source_file"] as? String == second)
            #expect(whitespace["first_line"] as? Int == 3)
        }
    }

    /// The encoding is decided once per run: a part profiled as windows-1252 and one read as UTF-8 are not
    /// parts of one run, so merge refuses them (exit 65), naming both encodings and both states.
    @Test func statesOfDifferentEncodingsAreRefused() throws {
        let folder = try ScratchFolder()
        let first = try folder.write("city\nLi\u{E8}ge\n", "a.csv")
        let second = try folder.write("city\nZ\u{FC}rich\n", "b.csv")
        #expect(try runDQCLI(["profile", first, "--state-out", folder.path("a.state")]).status == 0)
        let named = try runDQCLI(
            ["profile", second, "--encoding", "windows-1252", "--state-out", folder.path("b.state")])
        #expect(named.status == 0, "\(named.stderrText)")
        let refused = try runDQCLI(["merge", folder.path("a.state"), folder.path("b.state")])
        #expect(refused.status == 65)
        #expect(refused.stdout.isEmpty)
        #expect(
            refused.stderrText
                == "dqcli: \(folder.path("b.state")): its encoding is windows-1252 and \(folder.path("a.state"))'s is "
                + "utf-8: the encoding is decided once per run; profile every part with the same --encoding.\n")
    }

    @Test func mismatchedNewerAndMissingStatesAreRefused() throws {
        let folder = try ScratchFolder()
        let input = try folder.write("a\n1\nNA\n", "in.csv")
        #expect(try runDQCLI(["profile", input, "--state-out", folder.path("plain.state")]).status == 0)
        #expect(
            try runDQCLI(["profile", input, "--null-value", "NA", "--state-out", folder.path("na.state")]).status == 0)
        let mismatch = try runDQCLI(["merge", folder.path("plain.state"), folder.path("na.state")])
        #expect(mismatch.status == 65)
        #expect(mismatch.stderrText.contains("na.state"))
        #expect(mismatch.stderrText.contains("null_values"))

        let text = try String(contentsOfFile: folder.path("plain.state"), encoding: .utf8)
        _ = try folder.write(text.replacingOccurrences(of: "\"version\":3", with: "\"version\":7"), "newer.state")
        let newer = try runDQCLI(["merge", folder.path("newer.state")])
        #expect(newer.status == 65)
        #expect(newer.stderrText.contains("format version 7"))

        #expect(try runDQCLI(["merge", folder.path("absent.state")]).status == 66)
        #expect(try runDQCLI(["merge", input]).status == 65)
        #expect(try runDQCLI(["profile", input, "--rows-partitioned-by-hash"]).status == 64)
    }

    /// One state file given twice (under two names) is refused by the CLI, which knows the names; the
    /// library merges equal states like any others.
    @Test func theSamePartGivenTwiceIsRefused() throws {
        let folder = try ScratchFolder()
        let input = try folder.write("a\n1\n", "in.csv")
        #expect(try runDQCLI(["profile", input, "--state-out", folder.path("one.state")]).status == 0)
        let copy = try String(contentsOfFile: folder.path("one.state"), encoding: .utf8)
        _ = try folder.write(copy, "copy.state")
        let twice = try runDQCLI(["merge", folder.path("one.state"), folder.path("copy.state")])
        #expect(twice.status == 65)
        #expect(
            twice.stderrText
                == "dqcli: \(folder.path("copy.state")): it is the same state as \(folder.path("one.state")): each part must be merged once.\n"
        )
    }

    @Test func rulesMustBeGivenAgainToMerge() throws {
        let folder = try ScratchFolder()
        let rules = fixtureURL("Fixtures/rules/every-rule.yml").path
        let input = fixtureURL("Fixtures/rules/every-rule.csv").path
        #expect(try runDQCLI(["profile", input, "--rules", rules, "--state-out", folder.path("r.state")]).status == 0)
        let without = try runDQCLI(["merge", folder.path("r.state")])
        #expect(without.status == 65)
        #expect(without.stderrText.contains("--rules"))
        // One run time for both: the freshness rule's message names it (to the second).
        let now = "2026-11-29T02:00:00Z"
        let with = try runDQCLI(["merge", folder.path("r.state"), "--rules", rules, "--format", "json", "--now", now])
        let direct = try runDQCLI(["profile", input, "--rules", rules, "--format", "json", "--now", now])
        // The rules fail on this file: merge exits as profile does, naming the same failed rules.
        #expect(direct.status == 1)
        #expect(with.status == direct.status, "\(with.stderrText)")
        #expect(with.stderrText == direct.stderrText)
        let merged = try jsonObject(with.stdout)
        let single = try jsonObject(direct.stdout)
        func canonical(_ value: Any?) throws -> Data {
            try JSONSerialization.data(withJSONObject: try #require(value), options: [.sortedKeys])
        }
        #expect(try canonical(merged["columns"]) == canonical(single["columns"]))
        #expect(try canonical(merged["findings"]) == canonical(single["findings"]))
        #expect(try canonical(merged["rules"]) == canonical(single["rules"]))
    }

    /// A rule that fails on the merged whole prints its line, naming the dataset and the parts' source, and
    /// exits 1 (the report is still written). orders-1.csv holds 20 data records; the rule asks for 100.
    @Test func aFailedRuleOfTheMergedWholeIsOneLineAndExit1() throws {
        let folder = try ScratchFolder()
        let rules = try folder.write("dataset:\n  name: orders\n  rows: {min: 100}\n", "orders.yml")
        let state = folder.path("orders.state")
        let profile = try runDQCLI(["profile", "Fixtures/cron/orders-1.csv", "--rules", rules, "--state-out", state])
        #expect(profile.status == 0, "\(profile.stderrText)")
        let report = folder.path("merged.json")
        let merge = try runDQCLI(["merge", state, "--rules", rules, "--format", "json", "--output", report])
        #expect(merge.status == 1)
        #expect(
            merge.stderrText
                == "dqcli: orders (Fixtures/cron/orders-1.csv): rule failed: rows (rule line 3): 20 rows; allowed at least 100.\n"
        )
        #expect(merge.stdout.isEmpty)
        #expect(try JSONParser.parse(Data(contentsOf: URL(fileURLWithPath: report)))["rows"] == .int(20))
    }

    @Test func outputsNeverReplaceTheInputs() throws {
        let folder = try ScratchFolder()
        let input = try folder.write("a\n1\n", "in.csv")
        let onto = try runDQCLI(["profile", input, "--state-out", input])
        #expect(onto.status == 64)
        #expect(try String(contentsOfFile: input, encoding: .utf8) == "a\n1\n")
        #expect(try runDQCLI(["profile", input, "--state-out", folder.path("s.state")]).status == 0)
        let state = try String(contentsOfFile: folder.path("s.state"), encoding: .utf8)
        #expect(try runDQCLI(["merge", folder.path("s.state"), "--output", folder.path("s.state")]).status == 64)
        #expect(try String(contentsOfFile: folder.path("s.state"), encoding: .utf8) == state)
    }

    /// Row hashes follow each part's column order: parts in another order cannot be checked against each
    /// other, so the count is unknown (null), and no part's own count is shown as a finding.
    @Test func partsInAnotherColumnOrderLeaveDuplicatesUnknown() throws {
        let folder = try ScratchFolder()
        let first = try folder.write("id,name\n1,a\n1,a\n", "a.csv")
        let second = try folder.write("name,id\na,1\n", "b.csv")
        #expect(try runDQCLI(["profile", first, "--state-out", folder.path("a.state")]).status == 0)
        #expect(try runDQCLI(["profile", second, "--state-out", folder.path("b.state")]).status == 0)
        let merged = try runDQCLI(["merge", folder.path("a.state"), folder.path("b.state"), "--format", "json"])
        #expect(merged.status == 0, "\(merged.stderrText)")
        let report = try jsonObject(merged.stdout)
        #expect(report["rows"] as? Int == 3)
        #expect(report["duplicate_rows"] is NSNull)
        let kinds = (report["findings"] as? [[String: Any]] ?? []).compactMap { $0["kind"] as? String }
        #expect(kinds == ["duplicates_not_checked"])
        let columns = try #require(report["columns"] as? [[String: Any]])
        #expect(columns.map { $0["name"] as? String } == ["id", "name"])
        #expect(columns[0]["distinct"] as? Int == 1)
    }
}
