import Foundation
import Testing

/// UTF-16 input is decoded when profiled and when hashed by `rowhash`, which notes on standard error the
/// encoding every part must be profiled with; gzip-compressed input is decompressed, with no note.
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

    /// `rowhash` decides the encoding from the head as `profile` does: a UTF-16 input's records are found and
    /// hashed in its decoding (the HASH of the UTF-8 text's record `1,2`), RECORD keeps the stored bytes
    /// (`1\0,\02\0\n\0`, base64 `MQAsADIACgA=`), and one note names the `--encoding` every part needs.
    @Test func rowhashOfUTF16GetsOneNote() throws {
        let text = try runDQCLI(["rowhash", "-"], stdin: Data("a,b\n1,2\n".utf8))
        let hash = text.stdoutText.prefix(32)
        try withFile("my file.csv", Self.utf16) { path in
            let result = try runDQCLI(["rowhash", path])
            #expect(result.status == 0)
            #expect(result.stdoutText == "\(hash)\t\(path)\t2\tMQAsADIACgA=\n")
            #expect(
                result.stderrText
                    == "dqcli: \(path): the records are utf-16le text, kept as stored; profile every part with --encoding utf-16le.\n"
            )
        }
        let piped = try runDQCLI(["rowhash", "-"], stdin: Self.utf16)
        #expect(
            piped.stderrText
                == "dqcli: standard input: the records are utf-16le text, kept as stored; profile every part with --encoding utf-16le.\n"
        )
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
