import Foundation
import Testing

/// gzip and zstd input (the contract's "What is read, in order", step 1): decompressed while it is read, in a
/// file or on standard input, every member and frame; a cut or damaged stream is exit 65 with the offset in the
/// compressed input where it breaks, and no report and no history row. The fixtures are
/// `Fixtures/real/penguins.csv` compressed (Fixtures/README.md says how each was made).
@Suite struct CompressedInputTests {
    static let plain = "Fixtures/real/penguins.csv"

    /// The decompressed forms of `plain`: one gzip member, one zstd frame, three gzip members (the middle one
    /// empty), two zstd frames, and one gzip member followed by 512 zero bytes of padding.
    static let compressedCopies = [
        "Fixtures/compressed/penguins.csv.gz", "Fixtures/compressed/penguins.csv.zst",
        "Fixtures/compressed/penguins-three-members.csv.gz", "Fixtures/compressed/penguins-two-frames.csv.zst",
        "Fixtures/compressed/penguins-padded.csv.gz"
    ]

    /// A JSON report without its `source.path` (which names the input as given), `source.compression` and
    /// `source.compressed_bytes` (which describe the stored file).
    private func withoutPath(_ report: JSON) -> JSON {
        guard case .object(var members) = report, case .object(var source)? = members["source"] else { return report }
        source["path"] = nil
        source["compression"] = nil
        source["compressed_bytes"] = nil
        members["source"] = .object(source)
        return .object(members)
    }

    private func jsonReport(_ arguments: [String], stdin: Data? = nil) throws -> JSON {
        let run = try runDQCLI(["profile"] + arguments + ["--format", "json"], stdin: stdin)
        #expect(run.status == 0, "\(arguments): \(run.stderrText)")
        #expect(run.stderrText.isEmpty, "\(arguments): \(run.stderrText)")
        return try JSONParser.parse(run.stdout)
    }

    private func scratchFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dq-compressed-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test(arguments: compressedCopies)
    func aCompressedFileGivesTheReportOfItsText(_ path: String) throws {
        let expected = try jsonReport([Self.plain])
        let report = try jsonReport([path])
        #expect(report["source"]?["path"] == .string(path))
        #expect(withoutPath(report) == withoutPath(expected))
        // source.bytes counts the decompressed text: 15241 bytes, not the file's; compressed_bytes the file's.
        #expect(report["source"]?["bytes"] == .int(15241))
        #expect(report["source"]?["compression"] == .string(path.hasSuffix(".zst") ? "zstd" : "gzip"))
        let stored = try FileManager.default.attributesOfItem(atPath: fixtureURL(path).path)[.size] as? Int
        #expect(report["source"]?["compressed_bytes"] == stored.map(JSON.int))
        #expect(expected["source"]?["compression"] == .null)
        #expect(expected["source"]?["compressed_bytes"] == .null)
    }

    @Test(arguments: ["Fixtures/compressed/penguins.csv.gz", "Fixtures/compressed/penguins-two-frames.csv.zst"])
    func compressedStandardInputGivesTheReportOfItsText(_ path: String) throws {
        let expected = try jsonReport(["-"], stdin: try Data(contentsOf: fixtureURL(Self.plain)))
        let stored = try Data(contentsOf: fixtureURL(path))
        let report = try jsonReport(["-"], stdin: stored)
        #expect(withoutPath(report) == withoutPath(expected))
        #expect(report["source"]?["path"] == .string("-"))
        #expect(report["source"]?["compressed_bytes"] == .int(stored.count))
    }

    /// `../shared/cases-v2/48-gzip-compressed`: the counts and offsets that do not depend on schema_version 2.
    @Test func sharedCase48GzipCompressed() throws {
        let report = try jsonReport(["Fixtures/compressed/gzip-compressed.csv.gz"])
        #expect(report["source"]?["bytes"] == .int(52))
        #expect(report["source"]?["encoding"] == .string("utf-8"))
        #expect(report["rows"] == .int(4))
        #expect(report["duplicate_rows"] == .int(1))
        let finding = report["findings"]?.arrayValue?.first
        #expect(finding?["kind"] == .string("duplicate_row"))
        #expect(finding?["count"] == .int(1))
        #expect(finding?["first_line"] == .int(5))
        #expect(finding?["byte_offset"] == .int(42))
        #expect(finding?["example"] == .string("3,apple,2"))
        let fruit = report["columns"]?.arrayValue?.first { $0["name"] == .string("fruit") }
        #expect(fruit?["top_values"]?.arrayValue?.first?["value"] == .string("apple"))
        #expect(fruit?["top_values"]?.arrayValue?.first?["count"] == .int(3))
        let kg = report["columns"]?.arrayValue?.first { $0["name"] == .string("kg") }
        #expect(kg?["nulls"] == .int(1))
    }

    /// `../shared/cases-v2/50-gzip-cut`: 20 of 57 bytes, so the stream breaks at 20, the end of what there is.
    @Test func sharedCase50GzipCut() throws {
        let path = "Fixtures/compressed/damaged/gzip-cut.csv.gz"
        let run = try runDQCLI(["profile", path, "--format", "json"])
        #expect(run.status == 65)
        #expect(run.stdout.isEmpty)
        #expect(
            run.stderrText
                == "dqcli: \(path): the gzip stream is cut at byte 20 of the compressed input (it ends inside a member).\n"
        )
    }

    /// A gzip and a zstd file cut by bytes: the stream breaks where the bytes end, the cut file's size.
    @Test(arguments: [
        ("Fixtures/compressed/penguins.csv.gz", 1000, "gzip", "member"),
        ("Fixtures/compressed/penguins.csv.gz", 10, "gzip", "member"),
        ("Fixtures/compressed/penguins-two-frames.csv.zst", 2000, "zstd", "frame")
    ])
    func aCutStreamIsExit65NamingWhereItEnds(_ source: String, _ length: Int, _ format: String, _ unit: String)
        throws
    {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let cut = folder.appendingPathComponent("cut").path
        try Data(contentsOf: fixtureURL(source)).prefix(length).write(to: URL(fileURLWithPath: cut))
        let run = try runDQCLI(["profile", cut])
        #expect(run.status == 65)
        #expect(
            run.stderrText
                == "dqcli: \(cut): the \(format) stream is cut at byte \(length) of the compressed input (it ends inside a \(unit)).\n"
        )
        let piped = try runDQCLI(["profile", "-"], stdin: try Data(contentsOf: URL(fileURLWithPath: cut)))
        #expect(piped.status == 65)
        #expect(
            piped.stderrText
                == "dqcli: standard input: the \(format) stream is cut at byte \(length) of the compressed input (it ends inside a \(unit)).\n"
        )
    }

    /// `garbage\n` after the only member: the stream is damaged where the garbage starts, at the size of the
    /// valid file; for zstd the same bytes are no frame.
    @Test func trailingGarbageIsExit65NamingWhereItStarts() throws {
        let path = "Fixtures/compressed/damaged/penguins-trailing-garbage.csv.gz"
        let validSize = try Data(contentsOf: fixtureURL("Fixtures/compressed/penguins.csv.gz")).count
        let run = try runDQCLI(["profile", path])
        #expect(run.status == 65)
        #expect(
            run.stderrText
                == "dqcli: \(path): the gzip stream is damaged at byte \(validSize) of the compressed input (what follows the last member is neither a member nor zero padding).\n"
        )
        let zstd = try Data(contentsOf: fixtureURL("Fixtures/compressed/penguins.csv.zst"))
        let piped = try runDQCLI(["profile", "-"], stdin: zstd + Data("garbage\n".utf8))
        #expect(piped.status == 65)
        #expect(
            piped.stderrText
                == "dqcli: standard input: the zstd stream is damaged at byte \(zstd.count) of the compressed input (what follows the last frame is not a frame).\n"
        )
    }

    /// Zero padding is no member: a byte other than zero after it is damage, where that byte is.
    @Test func aByteAfterZeroPaddingIsDamage() throws {
        let padded = try Data(contentsOf: fixtureURL("Fixtures/compressed/penguins-padded.csv.gz"))
        let run = try runDQCLI(["profile", "-"], stdin: padded + Data([0x1F, 0x8B]))
        #expect(run.status == 65)
        #expect(
            run.stderrText
                == "dqcli: standard input: the gzip stream is damaged at byte \(padded.count) of the compressed input (what follows the last member is neither a member nor zero padding).\n"
        )
    }

    /// A byte of zstd's compressed data changed (the block after the frame header): libzstd refuses it.
    @Test func aCorruptedZstdFrameIsExit65() throws {
        var bytes = [UInt8](try Data(contentsOf: fixtureURL("Fixtures/compressed/penguins.csv.zst")))
        for index in 20..<40 { bytes[index] ^= 0xFF }
        let run = try runDQCLI(["profile", "-"], stdin: Data(bytes))
        #expect(run.status == 65)
        #expect(
            run.stderrText.hasPrefix("dqcli: standard input: the zstd stream is damaged at byte "), "\(run.stderrText)")
        #expect(run.stderrText.contains(" of the compressed input (libzstd: "), "\(run.stderrText)")
    }

    /// A damaged stream writes no report and adds no history row: the report file and the database do not
    /// exist afterwards (the database is made with the first row it holds).
    @Test func aDamagedStreamWritesNoReportAndNoHistoryRow() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let report = folder.appendingPathComponent("report.json").path
        let history = folder.appendingPathComponent("history.db").path
        let run = try runDQCLI([
            "profile", "Fixtures/compressed/damaged/gzip-cut.csv.gz", "--format", "json", "--output", report,
            "--history", history
        ])
        #expect(run.status == 65)
        #expect(!FileManager.default.fileExists(atPath: report))
        let rows = try runDQCLI(["history", history, "--format", "json"])
        #expect(!FileManager.default.fileExists(atPath: history), "history: \(rows.stdoutText) \(rows.stderrText)")
    }
}
