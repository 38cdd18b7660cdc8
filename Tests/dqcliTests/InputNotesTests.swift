import Foundation
import Testing

/// UTF-16 input is decoded when profiled and hashed as bytes by `rowhash`, with one note on standard error saying
/// how to hash it properly; gzip-compressed input is decompressed, with no note.
@Suite struct InputNotesTests {
    /// `a,b\n1,2\n` in UTF-16 little-endian after its byte-order mark `FF FE`.
    static let utf16 = Data([0xFF, 0xFE] + Array("a,b\n1,2\n".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
    /// `a,b\n1,2\n` compressed by Python's `gzip.compress(..., mtime=0)`: starts with the magic bytes 1F 8B.
    static let gzip = Data([
        0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x03, 0x4B, 0xD4, 0x49, 0xE2, 0x32, 0xD4, 0x31, 0xE2,
        0x02, 0x00, 0x7B, 0x07, 0x97, 0x0A, 0x08, 0x00, 0x00, 0x00
    ])

    private func withFile(_ name: String, _ bytes: Data, _ body: (String) throws -> Void) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dq-notes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent(name).path
        try bytes.write(to: URL(fileURLWithPath: path))
        try body(path)
    }

    /// UTF-16 is decoded (EncodingCommandTests): no note, the report of its text.
    @Test func utf16FileGetsNoNoteAndItsTextsReport() throws {
        try withFile("wide.csv", Self.utf16) { path in
            let result = try runDQCLI(["profile", path, "--format", "json"])
            #expect(result.status == 0)
            #expect(result.stderrText.isEmpty, "stderr: \(result.stderrText)")
            let report = try JSONParser.parse(result.stdout)
            #expect(report["source"]?["encoding"] == .string("utf-16le"))
            #expect(report["rows"] == .int(1))
        }
    }

    /// `rowhash` hashes the bytes as they are, so a UTF-16 input gets a note there, its path quoted.
    @Test func rowhashOfUTF16GetsOneNote() throws {
        try withFile("my file.csv", Self.utf16) { path in
            let result = try runDQCLI(["rowhash", path])
            #expect(
                result.stderrText
                    == "dqcli: \(path): the file is UTF-16; hash a UTF-8 copy (iconv -f UTF-16 -t UTF-8 '\(path)' | dqcli rowhash - --source-name '\(path)').\n"
            )
        }
    }

    /// A gzip-compressed input is decompressed (CompressedInputTests): no note, and the report of its text, from
    /// a file and from standard input.
    @Test func gzipFileGetsNoNoteAndTheReportOfItsText() throws {
        let text = Data("a,b\n1,2\n".utf8)
        // The report of the text, but for `source.compression` and `source.compressed_bytes`.
        let expected = try runDQCLI(["profile", "-", "--format", "json"], stdin: text).stdoutText
            .replacingOccurrences(
                of: "\"compression\": null,\n    \"compressed_bytes\": null",
                with: "\"compression\": \"gzip\",\n    \"compressed_bytes\": \(Self.gzip.count)")
        try withFile("orders.csv.gz", Self.gzip) { path in
            let result = try runDQCLI(["profile", path, "--format", "json"])
            #expect(result.status == 0)
            #expect(result.stderrText.isEmpty, "stderr: \(result.stderrText)")
            #expect(
                result.stdoutText
                    == expected.replacingOccurrences(of: "\"path\": \"-\"", with: "\"path\": \"\(path)\""))
        }
        let piped = try runDQCLI(["profile", "-", "--format", "json"], stdin: Self.gzip)
        #expect(piped.stderrText.isEmpty, "stderr: \(piped.stderrText)")
        #expect(piped.stdoutText == expected)
    }

    @Test func rowhashHashesTheTextOfACompressedInput() throws {
        let text = try runDQCLI(["rowhash", "-"], stdin: Data("a,b\n1,2\n".utf8))
        let piped = try runDQCLI(["rowhash", "-"], stdin: Self.gzip)
        #expect(piped.status == 0)
        #expect(piped.stderrText.isEmpty, "stderr: \(piped.stderrText)")
        #expect(piped.stdout == text.stdout)
    }

    @Test func mergeOfACompressedPartGetsNoNote() throws {
        try withFile("orders.csv.gz", Self.gzip) { path in
            let state = path + ".state"
            #expect(try runDQCLI(["profile", path, "--state-out", state, "--quiet"]).status == 0)
            let result = try runDQCLI(["merge", state, "--format", "json"])
            #expect(result.status == 0)
            #expect(result.stderrText.isEmpty, "stderr: \(result.stderrText)")
            #expect(try JSONParser.parse(result.stdout)["rows"] == .int(1))
        }
    }

    @Test func utf8FileGetsNoNote() throws {
        let result = try runDQCLI(["profile", "Fixtures/real/penguins.csv"])
        #expect(result.stderrText.isEmpty, "stderr: \(result.stderrText)")
    }
}
