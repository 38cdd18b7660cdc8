import Foundation
import Testing

/// One input profiled as a file and, through `dqcli rowhash`, in partition mode.
struct RoundTripInput: Sendable, CustomTestStringConvertible {
    var name: String
    var input: String
    var args: [String]
    var testDescription: String { name }
}

/// `dqcli rowhash F | dqcli profile --record-encoding base64 --header-line "<F's header>"` reports what
/// `dqcli profile F` reports, for every oracle fixture (crafted and real) and every handed case.
@Suite struct PartitionRoundTripTests {
    static let inputs: [RoundTripInput] = {
        var inputs = OracleAgreementTests.entries.map { RoundTripInput(name: $0.name, input: $0.input, args: $0.args) }
        // The shared cases whose input is plain text (cases-v2 also holds compressed ones and a ZIP), but not those
        // that drop comment lines: rowhash drops them, so partition mode refuses --comment (PreambleCommandTests).
        for collection in ["cases", "cases-v2"] {
            let casesURL = fixtureURL("Fixtures/\(collection)")
            let names = (try? FileManager.default.contentsOfDirectory(atPath: casesURL.path)) ?? []
            for name in names.sorted() {
                guard let data = try? Data(contentsOf: casesURL.appendingPathComponent("\(name)/expected.json")),
                    let expected = try? JSONParser.parse(data),
                    let input = ["input.csv", "input.txt"].first(where: {
                        FileManager.default.fileExists(atPath: casesURL.appendingPathComponent("\(name)/\($0)").path)
                    })
                else { continue }
                let args = (expected["args"]?.arrayValue ?? []).compactMap(\.stringValue)
                guard !args.contains("--comment") else { continue }
                inputs.append(
                    RoundTripInput(
                        name: "\(collection)/\(name)", input: "Fixtures/\(collection)/\(name)/\(input)", args: args))
            }
        }
        // Real accented text stored in other encodings: each part is given the encoding rowhash decided.
        for (name, args) in [
            ("zones-utf16le.csv", []), ("zones-utf16be.csv", []), ("zones-windows-1252.csv", []),
            ("zones-utf16le.csv.gz", []), ("zones-utf16le-no-bom.csv", ["--encoding", "utf-16le"])
        ] {
            inputs.append(RoundTripInput(name: "encodings/\(name)", input: "Fixtures/encodings/\(name)", args: args))
        }
        return inputs
    }()

    /// The arguments of `args` that decide where records end (and so belong on `rowhash` too).
    static func dialectArguments(_ args: [String]) -> [String] {
        var kept: [String] = []
        var index = 0
        while index < args.count {
            if ["--delimiter", "--quote", "--max-field-bytes", "--encoding"].contains(args[index]),
                index + 1 < args.count
            {
                kept += [args[index], args[index + 1]]
                index += 1
            } else if args[index] == "--no-header" {
                kept.append(args[index])
            }
            index += 1
        }
        return kept
    }

    /// A report with what partition mode cannot know taken out: the source's bytes, path and BOM, byte
    /// offsets, source names, the `bom` and `encoding_unsure` findings (the latter weighs the file's first 64 KiB
    /// against the rest: docs/row-hash.md), header findings' lines and `no_data`'s wording.
    static func comparable(_ report: JSON) -> JSON {
        func findings(_ value: JSON?) -> JSON {
            .array(
                (value?.arrayValue ?? []).compactMap { finding in
                    guard case .object(var members) = finding,
                        !["bom", "encoding_unsure"].contains(finding["kind"]?.stringValue ?? "")
                    else {
                        return nil
                    }
                    for key in ["byte_offset", "source_file", "first_line_is_part_relative"] { members[key] = nil }
                    if ["blank_name", "duplicate_name"].contains(members["kind"]?.stringValue ?? "") {
                        members["first_line"] = nil
                    }
                    if members["kind"] == .string("no_data") { members["message"] = nil }
                    return .object(members)
                })
        }
        guard case .object(var members) = report else { return report }
        members["tool"] = nil
        // Every part is given the encoding the file's head decided (rowhash's note).
        if case .object(var options) = members["options"] ?? .null {
            options["encoding"] = nil
            members["options"] = .object(options)
        }
        members["source"] = .object([
            "delimiter": report["source"]?["delimiter"] ?? .null, "encoding": report["source"]?["encoding"] ?? .null
        ])
        members["findings"] = findings(report["findings"])
        members["columns"] = .array(
            (report["columns"]?.arrayValue ?? []).map { column in
                guard case .object(var fields) = column else { return column }
                fields["findings"] = findings(column["findings"])
                return .object(fields)
            })
        return .object(members)
    }

    /// Paths where two JSON values differ.
    static func differences(_ left: JSON, _ right: JSON, at path: String = "") -> [String] {
        switch (left, right) {
        case (.object(let a), .object(let b)):
            return Set(a.keys).union(b.keys).sorted().flatMap { key in
                differences(a[key] ?? .null, b[key] ?? .null, at: path + "." + key)
            }
        case (.array(let a), .array(let b)) where a.count == b.count:
            return zip(a, b).enumerated().flatMap { differences($1.0, $1.1, at: path + "[\($0)]") }
        default:
            return left.looselyEquals(right) ? [] : ["\(path): file \(left), partition \(right)"]
        }
    }

    @Test func everyKindOfFixtureIsCovered() {
        let files = Set(Self.inputs.map(\.input))
        for needed in [
            "Fixtures/crafted/crlf.csv", "Fixtures/crafted/whitespace.csv",
            "Fixtures/crafted/malformed-unterminated.csv",
            "Fixtures/cases/04-quoted-embedded-newline/input.csv", "Fixtures/cases/05-unterminated-quote-eof/input.csv",
            "Fixtures/crafted/mixed-endings.csv", "Fixtures/crafted/lone-cr.csv"
        ] {
            #expect(files.contains(needed), "\(needed) is not among the round-trip inputs")
        }
    }

    /// What partition mode needs for one input: the file's report, its rowhash lines, the column-name
    /// arguments and the other arguments; nil when the input has no header to pass or no report.
    static func prepare(_ input: RoundTripInput) throws -> (
        whole: RunResult, hashed: RunResult, names: [String], partArgs: [String]
    )? {
        let whole = try runDQCLI(["profile", input.input, "--format", "json"] + input.args)
        let dialect = Self.dialectArguments(input.args)
        let hashed = try runDQCLI(["rowhash", input.input] + dialect)
        #expect(hashed.status == 0, "\(input.name): rowhash exit \(hashed.status): \(hashed.stderrText)")
        let names: [String]
        var partArgs = input.args.filter { $0 != "--no-header" }
        let encoding = whole.status == 0 ? (try JSONParser.parse(whole.stdout))["source"]?["encoding"] : nil
        if let encoding = encoding?.stringValue, encoding != "utf-8" {
            // The records keep their stored bytes: every part reads them in the encoding rowhash decided and
            // noted, and takes the column names as text.
            #expect(
                hashed.stderrText
                    == "dqcli: \(input.input): the records are \(encoding) text, kept as stored; profile every part with --encoding \(encoding).\n"
            )
            if !partArgs.contains("--encoding") { partArgs += ["--encoding", encoding] }
            // Without a header line a part's delimiter would be detected from its records alone.
            let report = try JSONParser.parse(whole.stdout)
            if !partArgs.contains("--delimiter"), let delimiter = report["source"]?["delimiter"]?.stringValue {
                partArgs += ["--delimiter", delimiter]
            }
            let columns = report["columns"]?.arrayValue ?? []
            names = ["--columns", columns.compactMap { $0["name"]?.stringValue }.joined(separator: ",")]
        } else if dialect.contains("--no-header") {
            guard whole.status == 0 else { return nil }
            let columns = (try JSONParser.parse(whole.stdout))["columns"]?.arrayValue ?? []
            guard !columns.isEmpty else { return nil }
            names = ["--columns", columns.compactMap { $0["name"]?.stringValue }.joined(separator: ",")]
        } else {
            // The header's exact bytes: the first record when nothing is a header, its line feed left out as
            // `$(head -1 FILE)` leaves it out.
            let all = try runDQCLI(["rowhash", input.input, "--no-header"] + dialect)
            let first = all.stdoutText.split(separator: "\n").first { !$0.hasPrefix(RowHashTests.blankLineHash) }
            guard let first, let record = Data(base64Encoded: String(first.split(separator: "\t")[3])) else {
                #expect(hashed.stdout.isEmpty, "\(input.name): records without a header")
                return nil
            }
            var header = [UInt8](record)
            if header.last == 0x0A { header.removeLast() }
            guard let text = String(bytes: header, encoding: .utf8), !header.contains(0) else {
                Issue.record("\(input.name): the header is not UTF-8, so it cannot be an argument")
                return nil
            }
            names = ["--header-line", text]
        }
        return (whole, hashed, names, partArgs)
    }

    @Test(arguments: inputs)
    func partitionModeReportsWhatTheFileReports(_ input: RoundTripInput) throws {
        guard let (whole, hashed, names, partArgs) = try Self.prepare(input) else { return }
        let part = try runDQCLI(
            ["profile", "--record-encoding", "base64", "--format", "json"] + names + partArgs, stdin: hashed.stdout)
        #expect(
            part.status == whole.status,
            "\(input.name): partition exit \(part.status), file exit \(whole.status): \(part.stderrText)")
        guard whole.status == 0, part.status == 0 else { return }
        let differences = Self.differences(
            Self.comparable(try JSONParser.parse(whole.stdout)), Self.comparable(try JSONParser.parse(part.stdout)))
        #expect(differences.isEmpty, "\(input.name):\n\(differences.joined(separator: "\n"))")
    }

    /// The Spark recipe in small: rowhash lines partitioned by their hash into 3 interleaved parts (a line goes
    /// to part `first hex digit mod 3`, so equal records meet), each profiled to a state with
    /// `--rows-partitioned-by-hash`, merged in reverse order: the file's report, first lines included.
    @Test(arguments: inputs)
    func hashPartitionedStatesMergeIntoTheFilesReport(_ input: RoundTripInput) throws {
        guard let (whole, hashed, names, partArgs) = try Self.prepare(input), whole.status == 0 else { return }
        var parts = [Data](repeating: Data(), count: 3)
        for line in hashed.stdoutText.split(separator: "\n", omittingEmptySubsequences: true) {
            let part = Int(String(line.prefix(1)), radix: 16)! % 3
            parts[part].append(Data((line + "\n").utf8))
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dq-hash-parts-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var states: [String] = []
        for (index, lines) in parts.enumerated() {
            let state = folder.appendingPathComponent("part\(index).state").path
            let run = try runDQCLI(
                ["profile", "--record-encoding", "base64", "--rows-partitioned-by-hash", "--state-out", state]
                    + names + partArgs, stdin: lines)
            #expect(run.status == 0, "\(input.name) part \(index): \(run.stderrText)")
            states.append(state)
        }
        let merged = try runDQCLI(["merge"] + states.reversed() + ["--format", "json"])
        #expect(merged.status == 0, "\(input.name): merge: \(merged.stderrText)")
        guard merged.status == 0 else { return }
        let differences = Self.differences(
            Self.withoutSketchedEstimates(Self.comparable(try JSONParser.parse(whole.stdout))),
            Self.withoutSketchedEstimates(Self.comparable(try JSONParser.parse(merged.stdout))))
        #expect(differences.isEmpty, "\(input.name):\n\(differences.joined(separator: "\n"))")
    }

    /// A report without the estimates of columns past the exact-distinct bound (top values, quantiles and
    /// histograms from sketches), which depend on the order values arrive in, within their stated error, and with
    /// their mean and standard deviation to 12 significant digits: merged running moments (Chan et al.) agree
    /// with one pass to about 1e-15 relative, not bit for bit (docs/report-additions.md).
    static func withoutSketchedEstimates(_ report: JSON) -> JSON {
        guard case .object(var members) = report else { return report }
        members["columns"] = .array(
            (report["columns"]?.arrayValue ?? []).map { column in
                guard case .object(var fields) = column, column["distinct_is_estimate"] == .bool(true) else {
                    return column
                }
                for key in ["top_values", "quantiles", "histogram", "length_quantiles", "length_histogram"] {
                    fields[key] = nil
                }
                for key in ["mean", "stddev"] {
                    if let value = column[key]?.number {
                        fields[key] = .double(Double(String(format: "%.12g", value))!)
                    }
                }
                return .object(fields)
            })
        return .object(members)
    }
}
