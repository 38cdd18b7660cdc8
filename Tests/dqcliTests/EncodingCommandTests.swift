import Foundation
import Testing

/// The contract's "Encoding" rule end to end: real accented text (Fixtures/encodings, from the IANA time zone
/// database) stored as UTF-8, UTF-16LE and UTF-16BE with a byte order mark, UTF-16LE without one, windows-1252
/// and gzip-compressed UTF-16LE gives the UTF-8 file's report but for the `source` keys and the encoding
/// findings; `--encoding` names an encoding or is a usage error.
@Suite struct EncodingCommandTests {
    static let folder = "Fixtures/encodings/"

    /// The report of `arguments` as JSON (exit 0, nothing on standard error).
    private func report(_ arguments: [String], stdin: Data? = nil) throws -> JSON {
        let result = try runDQCLI(["profile"] + arguments + ["--format", "json"], stdin: stdin)
        #expect(result.status == 0, "stderr: \(result.stderrText)")
        #expect(result.stderrText.isEmpty, "stderr: \(result.stderrText)")
        return try JSONParser.parse(result.stdout)
    }

    /// The report without what the encoding and storage decide: the `source` keys `path`, `bytes`, `encoding`,
    /// `bom`, `compression` and `compressed_bytes`, `options.encoding` (the name given), and the `bom` and
    /// `non_utf8_encoding` findings.
    private func withoutEncodingFacts(_ report: JSON) -> JSON {
        guard case .object(var members) = report, case .object(var source) = members["source"] ?? .null,
            case .object(var options) = members["options"] ?? .null,
            case .array(let findings) = members["findings"] ?? .null
        else { return report }
        for key in ["path", "bytes", "encoding", "bom", "compression", "compressed_bytes"] { source[key] = nil }
        members["source"] = .object(source)
        options["encoding"] = nil
        members["options"] = .object(options)
        members["findings"] = .array(
            findings.filter { !["bom", "non_utf8_encoding"].contains($0["kind"]?.stringValue ?? "") })
        return .object(members)
    }

    private func encodingFinding(_ name: String) -> JSON {
        .object(["kind": .string("non_utf8_encoding"), "count": .int(1), "example": .string(name), "first_line": .null])
    }

    private let byteOrderMarkFinding = JSON.object([
        "kind": .string("bom"), "count": .int(1), "example": .null, "first_line": .int(1), "byte_offset": .int(0)
    ])

    /// zones.csv: 61 lines of 3,569 bytes; 3,560 characters (9 of them accented, 2 UTF-8 bytes each).
    @Test func copiesInOtherEncodingsGiveTheUTF8Report() throws {
        let utf8 = try report([Self.folder + "zones.csv"])
        #expect(utf8["rows"] == .int(60))
        #expect(utf8["findings"] == .array([]))
        #expect(utf8["source"]?["encoding"] == .string("utf-8"))
        let expected = withoutEncodingFacts(utf8)
        // Each copy: the arguments, then source.bytes (UTF-16: 2 per character, and 2 for a mark), encoding,
        // bom, compressed_bytes, and the findings.
        let copies: [([String], Int, String, Bool, Int?, [JSON])] = [
            (
                ["zones-utf16le.csv"], 2 + 2 * 3_560, "utf-16le", true, nil,
                [byteOrderMarkFinding, encodingFinding("utf-16le")]
            ),
            (
                ["zones-utf16be.csv"], 2 + 2 * 3_560, "utf-16be", true, nil,
                [byteOrderMarkFinding, encodingFinding("utf-16be")]
            ),
            (
                ["zones-utf16le-no-bom.csv", "--encoding", "utf-16le"], 2 * 3_560, "utf-16le", false, nil,
                [encodingFinding("utf-16le")]
            ),
            (["zones-windows-1252.csv"], 3_560, "windows-1252", false, nil, [encodingFinding("windows-1252")]),
            (
                ["zones-utf16le.csv.gz"], 2 + 2 * 3_560, "utf-16le", true, 2_052,
                [byteOrderMarkFinding, encodingFinding("utf-16le")]
            ),
            (["zones.csv.gz"], 3_569, "utf-8", false, 1_683, []),
            (["zones-two-members.csv.gz"], 3_569, "utf-8", false, 1_802, []),
            (["zones.csv.zst"], 3_569, "utf-8", false, 1_666, [])
        ]
        for (arguments, bytes, encoding, mark, compressedBytes, findings) in copies {
            let copy = try report([Self.folder + arguments[0]] + arguments.dropFirst())
            #expect(withoutEncodingFacts(copy) == expected, "\(arguments)")
            #expect(copy["source"]?["bytes"] == .int(bytes), "\(arguments)")
            #expect(copy["source"]?["encoding"] == .string(encoding), "\(arguments)")
            #expect(copy["source"]?["bom"] == .bool(mark), "\(arguments)")
            #expect(copy["source"]?["compressed_bytes"] == (compressedBytes.map { .int($0) } ?? .null), "\(arguments)")
            #expect(copy["findings"] == .array(findings), "\(arguments)")
            // options.encoding is the name given (canonical), null when none was: as the v2 oracle prints it.
            let given = arguments.firstIndex(of: "--encoding").map { arguments[$0 + 1] }
            #expect(copy["options"]?["encoding"] == (given.map { .string($0) } ?? .null), "\(arguments)")
        }
        #expect(utf8["options"]?["encoding"] == .null)
        let named = try report([Self.folder + "zones-windows-1252.csv", "--encoding", "CP1252"])
        #expect(named["options"]?["encoding"] == .string("windows-1252"))
        #expect(named["source"]?["encoding"] == .string("windows-1252"))
    }

    /// The table, Markdown and HTML name the mark the file starts with: a UTF-16 mark is not a UTF-8 one (a
    /// UTF-8 mark keeps its name, also in a windows-1252 file, where EF BB BF is the mark too).
    @Test(arguments: [
        ("zones-utf16le.csv", "UTF-16LE"), ("zones-utf16be.csv", "UTF-16BE"), ("zones-utf16le.csv.gz", "UTF-16LE")
    ])
    func renderersNameTheByteOrderMark(_ file: String, _ mark: String) throws {
        let phrase = "\(mark) byte-order mark at the start (removed)"
        let table = try runDQCLI(["profile", Self.folder + file])
        #expect(table.stdoutText.contains("\n  \(phrase)\n"), "\(table.stdoutText)")
        let markdown = try runDQCLI(["profile", Self.folder + file, "--format", "markdown"])
        #expect(markdown.stdoutText.contains("| \(phrase) |"))
        let html = try runDQCLI(["profile", Self.folder + file, "--format", "html"])
        #expect(html.stdoutText.contains("<li>\(phrase)</li>"))
        #expect(!(table.stdoutText + markdown.stdoutText + html.stdoutText).contains("UTF-8 byte-order mark"))
    }

    /// EF BB BF before windows-1252 text is the UTF-8 mark (the contract: the BOM in every encoding but UTF-16),
    /// not the three characters it would decode to: removed, `bom` true, the column named `city`.
    @Test func aUTF8MarkKeepsItsName() throws {
        var stored = Data([0xEF, 0xBB, 0xBF])
        stored.append(Data([0x63, 0x69, 0x74, 0x79, 0x0A, 0x4C, 0x69, 0xE8, 0x67, 0x65, 0x0A]))
        let table = try runDQCLI(["profile", "-", "--encoding", "windows-1252"], stdin: stored)
        #expect(table.stdoutText.contains("\n  UTF-8 byte-order mark at the start (removed)\n"), "\(table.stdoutText)")
        for named in [[], ["--encoding", "windows-1252"]] {
            let json = try report(["-"] + named, stdin: stored)
            #expect(json["source"]?["encoding"] == .string("windows-1252"))
            #expect(json["source"]?["bom"] == .bool(true))
            #expect(json["source"]?["bytes"] == .int(14))
            #expect(json["findings"] == .array([byteOrderMarkFinding, encodingFinding("windows-1252")]))
            #expect(json["columns"]?.arrayValue?[0]["name"] == .string("city"))
            #expect(json["columns"]?.arrayValue?[0]["min"] == .string("Li\u{E8}ge"))
        }
    }

    /// Standard input is decoded as a file is: the UTF-16BE copy piped in; the windows-1252 copy piped in is
    /// detected as it is in a file and gives the UTF-8 file's report but for its source keys and finding.
    @Test func standardInputIsDecoded() throws {
        let narrow = try Data(contentsOf: fixtureURL(Self.folder + "zones-windows-1252.csv"))
        let pipedNarrow = try report(["-"], stdin: narrow)
        #expect(withoutEncodingFacts(pipedNarrow) == withoutEncodingFacts(try report([Self.folder + "zones.csv"])))
        #expect(pipedNarrow["source"]?["encoding"] == .string("windows-1252"))
        #expect(pipedNarrow["source"]?["bytes"] == .int(3_560))
        #expect(pipedNarrow["findings"] == .array([encodingFinding("windows-1252")]))
        let stored = try Data(contentsOf: fixtureURL(Self.folder + "zones-utf16be.csv"))
        let piped = try report(["-"], stdin: stored)
        let file = try report([Self.folder + "zones-utf16be.csv"])
        #expect(piped["source"]?["path"] == .string("-"))
        #expect(withoutEncodingFacts(piped) == withoutEncodingFacts(file))
        #expect(piped["source"]?["bytes"] == .int(7_122))
        #expect(piped["findings"] == file["findings"])
    }

    /// Byte offsets count the stored UTF-16 bytes: the UTF-16LE copy with a ragged line appended; the line starts
    /// after the mark and the file's 3,560 characters: 2 + 2 x 3,560 = 7,122 (7,120 without the mark, 3,569 in
    /// the UTF-8 file).
    @Test func offsetsCountTheStoredBytes() throws {
        let appended = Array("extra,1\r\n".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let stored = try Data(contentsOf: fixtureURL(Self.folder + "zones-utf16le.csv")) + Data(appended)
        let wide = try report(["-"], stdin: stored)
        let raggedFinding = wide["findings"]?.arrayValue?.first { $0["kind"] == .string("ragged_row") }
        #expect(raggedFinding?["first_line"] == .int(62))
        #expect(raggedFinding?["byte_offset"] == .int(7_122))
        let utf8 = try Data(contentsOf: fixtureURL(Self.folder + "zones.csv")) + Data("extra,1\r\n".utf8)
        let narrow = try report(["-"], stdin: utf8)
        #expect(
            narrow["findings"]?.arrayValue?.first { $0["kind"] == .string("ragged_row") }?["byte_offset"] == .int(3_569)
        )
        let strict = try runDQCLI(["profile", "-", "--strict"], stdin: stored)
        #expect(strict.status == 65)
        #expect(
            strict.stderrText
                == "dqcli: standard input, line 62, byte offset 7122: ragged record: 2 fields where the header has 4.\n"
        )
    }

    /// The failing-rows pass decodes as the first pass did: the ragged record appended to the UTF-16LE copy is
    /// written, in UTF-8, with its line.
    @Test func failingRowsOfAUTF16File() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dq-encoding-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let appended = Array("extra,1\r\n".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let input = folder.appendingPathComponent("zones.csv")
        try (try Data(contentsOf: fixtureURL(Self.folder + "zones-utf16le.csv")) + Data(appended)).write(to: input)
        let failing = folder.appendingPathComponent("failing.csv").path
        let result = try runDQCLI(["profile", input.path, "--invalid-rows", failing, "--quiet"])
        #expect(result.status == 0, "stderr: \(result.stderrText)")
        #expect(
            try String(contentsOfFile: failing, encoding: .utf8)
                == "line,reasons,countries,coordinates,timezone,comments\r\n62,\"ragged: 2 fields, the header has 4\",extra,1\r\n"
        )
    }

    /// The not-a-CSV fixture (UTF-16LE without a mark) exits 65 suggesting `--encoding utf-16le`, and is read
    /// with it: `id,name,city` and 3 rows, `Liège` decoded.
    @Test func encodingReadsUTF16WithoutAMark() throws {
        let refused = try runDQCLI(["profile", "Fixtures/not-csv/utf16le-no-bom.csv"])
        #expect(refused.status == 65)
        let read = try report(["Fixtures/not-csv/utf16le-no-bom.csv", "--encoding", "UTF-16LE"])
        #expect(read["rows"] == .int(3))
        #expect(read["source"]?["bytes"] == .int(98))
        #expect(read["columns"]?.arrayValue?.map { $0["name"] } == [.string("id"), .string("name"), .string("city")])
        #expect(read["columns"]?.arrayValue?[2]["min"] == .string("Köln"))
        #expect(read["columns"]?.arrayValue?[2]["max"] == .string("Paris"))
    }

    /// The BOM-less UTF-16LE copy of zones.csv without `--encoding`: exit 65, no report, and the sentence that
    /// names what it looks like and the option that reads it.
    @Test func bomLessCopyExits65WithoutEncoding() throws {
        let refused = try runDQCLI(["profile", Self.folder + "zones-utf16le-no-bom.csv", "--format", "json"])
        #expect(refused.status == 65)
        #expect(refused.stdout.isEmpty)
        #expect(
            refused.stderrText
                == "dqcli: Fixtures/encodings/zones-utf16le-no-bom.csv: not a CSV as it stands: the input looks like "
                + "UTF-16LE without a byte order mark (50% of the first 7120 bytes are NUL, every one at an odd "
                + "offset): try --encoding utf-16le.\n")
    }

    @Test(
        arguments: [
            ("utf-16", "Error: --encoding utf-16 needs its byte order: give utf-16le or utf-16be."),
            (
                "shift_jis",
                "Error: --encoding shift_jis is not an encoding this reads: give utf-8, utf-16le, utf-16be or an "
                    + "ASCII-compatible single-byte encoding such as windows-1252, iso-8859-1 or iso-8859-15."
            )
        ])
    func unknownEncodingIsAUsageError(_ name: String, _ message: String) throws {
        let result = try runDQCLI(["profile", Self.folder + "zones.csv", "--encoding", name])
        #expect(result.status == 64)
        #expect(result.stderrText.hasPrefix(message + "\n"), "stderr: \(result.stderrText)")
        #expect(result.stdout.isEmpty)
    }

    /// The encoding is decided once, from the file's head, and handed to every part: `rowhash` of the
    /// windows-1252 `city\nLi\u{E8}ge\n` (detected, or named) hashes the decoded fields, so its HASH is that of
    /// the UTF-8 copy's record, and keeps RECORD's stored bytes (`Li\u{E8}ge\n`, base64 `TGnoZ2UK`); partition
    /// mode given the encoding decodes them: `Liège`, and the report says windows-1252 and its finding.
    @Test func rowhashAndPartitionModeReadTheRunsEncoding() throws {
        let stored = Data([0x63, 0x69, 0x74, 0x79, 0x0A, 0x4C, 0x69, 0xE8, 0x67, 0x65, 0x0A])
        let utf8 = try runDQCLI(["rowhash", "-"], stdin: Data("city\nLi\u{E8}ge\n".utf8))
        let hash = String(utf8.stdoutText.prefix(32))
        for named in [[], ["--encoding", "cp1252"]] {
            let hashed = try runDQCLI(["rowhash", "-"] + named, stdin: stored)
            #expect(hashed.status == 0)
            #expect(hashed.stdoutText == "\(hash)\t-\t2\tTGnoZ2UK\n", "\(named)")
            #expect(
                hashed.stderrText
                    == "dqcli: standard input: the records are windows-1252 text, kept as stored; profile every part with --encoding windows-1252.\n"
            )
        }
        let hashed = try runDQCLI(["rowhash", "-"], stdin: stored)
        let part = try report(
            ["-", "--record-encoding", "base64", "--columns", "city", "--encoding", "windows-1252"],
            stdin: hashed.stdout)
        #expect(part["source"]?["encoding"] == .string("windows-1252"))
        #expect(part["source"]?["bytes"] == .int(6))
        #expect(part["columns"]?.arrayValue?[0]["min"] == .string("Li\u{E8}ge"))
        #expect(part["findings"] == .array([encodingFinding("windows-1252")]))
        // Without the encoding the part reads the stored bytes as UTF-8 (the byte E8 invalid), whose fields are
        // not the ones rowhash hashed: exit 65, as for another dialect.
        let unnamed = try runDQCLI(
            ["profile", "-", "--record-encoding", "base64", "--columns", "city"], stdin: hashed.stdout)
        #expect(unnamed.status == 65)
        #expect(unnamed.stdout.isEmpty)
        #expect(
            unnamed.stderrText.hasPrefix("dqcli: standard input, line 1: HASH \(hash) is not the record's row hash ("))
        #expect(
            unnamed.stderrText.hasSuffix(
                ") as read here: give the --delimiter, --quote, --max-field-bytes and --encoding that dqcli rowhash used.\n"
            ))
    }

    /// A named single-byte encoding decodes by its table: 0xAA is unmapped in windows-1253 (invalid text, shown as
    /// U+FFFD), and `--encoding latin1` reads the windows-1252 copy's accents as ISO-8859-1 does.
    @Test func namedSingleByteEncodings() throws {
        let greek = try report(
            ["-", "--encoding", "cp1253"], stdin: Data([0x61, 0x2C, 0x62, 0x0A, 0x31, 0x2C, 0xAA, 0x0A]))
        #expect(greek["source"]?["encoding"] == .string("windows-1253"))
        #expect(
            greek["findings"]?.arrayValue?.first?["example"] == .string("\u{FFFD}")
                && greek["findings"]?.arrayValue?.first?["byte_offset"] == .int(4))
        let latin = try report([Self.folder + "zones-windows-1252.csv", "--encoding", "latin1"])
        #expect(latin["source"]?["encoding"] == .string("iso-8859-1"))
        #expect(withoutEncodingFacts(latin) == withoutEncodingFacts(try report([Self.folder + "zones.csv"])))
    }

    /// A detection its 64 KiB window got wrong (Fixtures/crafted/encoding-unsure-*.csv): the finding in JSON,
    /// and the table's sentence that says which `--encoding` to re-run with; exit 0 (it lowers no score).
    @Test func encodingUnsureSuggestsTheEncodingToGive() throws {
        let ascii = try report(["Fixtures/crafted/encoding-unsure-windows-1252.csv"])
        #expect(
            ascii["findings"]?.arrayValue?.first
                == .object([
                    "kind": .string("encoding_unsure"), "count": .int(4), "example": .string("windows-1252"),
                    "first_line": .int(4519), "byte_offset": .int(65549)
                ]))
        let table = try runDQCLI([
            "profile", "Fixtures/crafted/encoding-unsure-windows-1252.csv", "--format", "table", "--color", "never"
        ])
        #expect(table.status == 0)
        #expect(
            table.stdoutText.replacingOccurrences(of: "\n    ", with: " ").contains(
                "\n  encoding unsure: 4 values are not UTF-8 though the first 64 KiB were ASCII, first at line 4,519: try --encoding windows-1252\n"
            ), "\(table.stdoutText)")
        let utf8 = try runDQCLI([
            "profile", "Fixtures/crafted/encoding-unsure-utf-8.csv", "--format", "markdown", "--color", "never"
        ])
        #expect(utf8.status == 0)
        #expect(
            utf8.stdoutText.contains(
                "encoding unsure: 3 values hold UTF-8 though the first 64 KiB read as windows-1252, first at line 4,520: try --encoding utf-8"
            ), "\(utf8.stdoutText)")
        let named = try report(["Fixtures/crafted/encoding-unsure-utf-8.csv", "--encoding", "windows-1252"])
        #expect(named["findings"]?.arrayValue?.contains { $0["kind"] == .string("encoding_unsure") } == false)
    }
}
