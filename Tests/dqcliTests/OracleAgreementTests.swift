import Foundation
import Testing

/// A port of the shared oracle's compare.py (`--findings`): the fields it compares and its tolerances.
/// Returns one line per field that differs.
enum OracleComparison {
    static let topFields = ["rows", "blank_lines", "ragged_rows", "duplicate_rows", "malformed_rows", "grade"]
    static let scoreFields = ["completeness", "consistency", "uniqueness", "overall"]
    static let exactColumnFields = [
        "name", "type", "nulls", "type_mismatches", "whitespace_issues", "min_length", "max_length", "grade"
    ]

    static func isNumber(_ value: JSON?) -> Bool {
        switch value {
        case .int?, .double?: true
        default: false
        }
    }

    static func sameExact(_ a: JSON?, _ b: JSON?) -> Bool {
        guard let a, let b else { return false }
        if isNumber(a) && isNumber(b) { return a.number! == b.number! }
        return a == b
    }

    /// min/max: strings and integers exact, other numbers within 1e-12 relative.
    static func sameBound(_ a: JSON?, _ b: JSON?) -> Bool {
        if isNumber(a) && isNumber(b) {
            if case .int(let x)? = a, case .int(let y)? = b { return x == y }
            return isClose(a!.number!, b!.number!, relative: 1e-12, absolute: 0)
        }
        return sameExact(a, b)
    }

    static func isClose(_ a: Double, _ b: Double, relative: Double, absolute: Double) -> Bool {
        if a == b { return true }
        return abs(a - b) <= max(relative * max(abs(a), abs(b)), absolute)
    }

    static func within(absolute: Double? = nil, relative: Double? = nil) -> (JSON?, JSON?) -> Bool {
        { a, b in
            if a == .null && b == .null { return true }
            guard let x = a?.number, let y = b?.number, isNumber(a), isNumber(b) else { return false }
            if let absolute { return abs(x - y) <= absolute }
            return isClose(x, y, relative: relative!, absolute: 1e-12)
        }
    }

    static func sameTopValues(_ a: JSON?, _ b: JSON?) -> Bool {
        guard let x = a?.arrayValue, let y = b?.arrayValue, x.count == y.count else { return false }
        return zip(x, y).allSatisfy { first, second in
            guard case .object = first, case .object = second else { return false }
            return first["value"] == second["value"] && sameExact(first["count"], second["count"])
        }
    }

    /// (kind, count, first_line, byte_offset) of each finding, byte_offset absent = null.
    static func findingKeys(_ findings: JSON?) -> JSON? {
        guard let list = findings?.arrayValue else { return findings }
        return .array(
            list.map { finding in
                guard case .object(let members) = finding else { return finding }
                return .array([
                    members["kind"] ?? .string("(missing)"), members["count"] ?? .string("(missing)"),
                    members["first_line"] ?? .string("(missing)"), members["byte_offset"] ?? .null
                ])
            })
    }

    static func sameFindings(_ a: JSON?, _ b: JSON?) -> Bool {
        guard let a, let b else { return false }
        return a.looselyEquals(b)
    }

    static func compare(oracle: JSON, dqcli: JSON, findings: Bool = true) -> [String] {
        var differences: [String] = []
        func check(_ label: String, _ expected: JSON?, _ got: JSON?, _ same: (JSON?, JSON?) -> Bool) {
            if expected == nil || got == nil || !same(expected, got) {
                let show = { (value: JSON?) -> String in
                    guard let value else { return "(missing)" }
                    let text = value.description
                    return text.count <= 160 ? text : String(text.prefix(157)) + "..."
                }
                differences.append("\(label): oracle \(show(expected)), dqcli \(show(got))")
            }
        }
        if findings {
            check("findings", findingKeys(oracle["findings"]), findingKeys(dqcli["findings"]), sameFindings)
        }
        for field in topFields { check(field, oracle[field], dqcli[field], sameExact) }
        for field in scoreFields {
            check("scores.\(field)", oracle["scores"]?[field], dqcli["scores"]?[field], within(absolute: 1e-6))
        }
        let oracleColumns = oracle["columns"]?.arrayValue ?? []
        let dqcliColumns = dqcli["columns"]?.arrayValue ?? []
        check("columns (count)", .int(oracleColumns.count), .int(dqcliColumns.count), sameExact)
        for (index, expected) in oracleColumns.enumerated() {
            let got = index < dqcliColumns.count ? dqcliColumns[index] : .object([:])
            let label = "columns[\(index)] (\(expected["name"]?.description ?? "?"))"
            for field in exactColumnFields { check("\(label).\(field)", expected[field], got[field], sameExact) }
            var distinctSame: (JSON?, JSON?) -> Bool = sameExact
            if got["distinct_is_estimate"] == .bool(true), let oracleDistinct = expected["distinct"]?.number {
                distinctSame = within(absolute: 0.02 * max(oracleDistinct, 1))
            }
            check("\(label).distinct", expected["distinct"], got["distinct"], distinctSame)
            for field in ["min", "max"] { check("\(label).\(field)", expected[field], got[field], sameBound) }
            for field in ["mean", "stddev"] {
                check("\(label).\(field)", expected[field], got[field], within(relative: 1e-6))
            }
            check("\(label).top_values", expected["top_values"], got["top_values"], sameTopValues)
            if findings {
                check(
                    "\(label).findings", findingKeys(expected["findings"]), findingKeys(got["findings"]), sameFindings)
            }
        }
        return differences
    }
}

struct ManifestEntry: Sendable, CustomTestStringConvertible {
    var name: String
    var input: String
    var args: [String]
    var exit: Int
    var stderrContains: [String]
    var testDescription: String { name }
}

@Suite struct OracleAgreementTests {
    static let entries: [ManifestEntry] = {
        guard let data = try? Data(contentsOf: fixtureURL("Fixtures/oracle/manifest.json")),
            let manifest = try? JSONParser.parse(data), let list = manifest.arrayValue
        else { return [] }
        return list.map { entry in
            ManifestEntry(
                name: entry["name"]?.stringValue ?? "?", input: entry["input"]?.stringValue ?? "",
                args: (entry["args"]?.arrayValue ?? []).compactMap(\.stringValue),
                exit: entry["exit"]?.number.map { Int($0) } ?? 0,
                stderrContains: (entry["stderr_contains"]?.arrayValue ?? []).compactMap(\.stringValue))
        }
    }()

    @Test func manifestIsRead() {
        #expect(Self.entries.count >= 60, "manifest has \(Self.entries.count) entries")
        #expect(Self.entries.contains { $0.exit == 65 })
    }

    @Test(arguments: entries)
    func agreesWithOracle(_ entry: ManifestEntry) throws {
        let result = try runDQCLI(["profile", entry.input, "--format", "json"] + entry.args)
        #expect(
            Int(result.status) == entry.exit,
            "\(entry.name): exit \(result.status), expected \(entry.exit); stderr: \(result.stderrText.prefix(300))")
        let stderr = result.stderrText.lowercased()
        for needle in entry.stderrContains {
            #expect(
                stderr.contains(needle.lowercased()), "\(entry.name): stderr lacks '\(needle)': \(result.stderrText)")
        }
        guard entry.exit == 0 else {
            #expect(result.stdout.isEmpty, "\(entry.name): a rejected input prints no report")
            return
        }
        let oracle = try JSONParser.parse(try Data(contentsOf: fixtureURL("Fixtures/oracle/\(entry.name).json")))
        let report = try JSONParser.parse(result.stdout)
        let differences = OracleComparison.compare(oracle: oracle, dqcli: report, findings: true)
        #expect(
            differences.isEmpty,
            "\(entry.name): \(differences.count) fields differ from the oracle:\n\(differences.joined(separator: "\n"))"
        )
    }

    /// The comparison itself notices a difference (so a pass above means agreement, not a blind comparator).
    @Test func comparisonDetectsDifferences() throws {
        let oracle = try JSONParser.parse(try Data(contentsOf: fixtureURL("Fixtures/oracle/grades.json")))
        #expect(OracleComparison.compare(oracle: oracle, dqcli: oracle).isEmpty)
        guard case .object(var members) = oracle, case .array(var columns) = members["columns"]!,
            case .object(var first) = columns[0]
        else {
            Issue.record("unexpected oracle shape")
            return
        }
        first["nulls"] = .int((first["nulls"]?.number.map { Int($0) } ?? 0) + 1)
        columns[0] = .object(first)
        members["columns"] = .array(columns)
        members["rows"] = .int(999)
        let differences = OracleComparison.compare(oracle: oracle, dqcli: .object(members))
        #expect(differences.count == 2, "\(differences)")
        #expect(differences.contains { $0.hasPrefix("rows:") })
        #expect(differences.contains { $0.contains(".nulls") })
        #expect(!expectationMatches(got: .int(3), want: .int(4)))
        #expect(expectationMatches(got: .int(3), want: .double(3.0000001)))
        #expect(!expectationMatches(got: .int(1), want: .bool(true)))
        #expect(expectationMatches(got: .double(0.5), want: .object(["approx": .double(0.45), "tol": .double(0.1)])))
        #expect(!expectationMatches(got: .int(5), want: .object(["at_most": .int(4)])))
    }
}
