import Foundation
import Testing

/// UTF-16 and gzip-compressed inputs are profiled as bytes (the contract's rule), with one note on standard
/// error saying how to profile them properly.
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

    @Test func utf16FileGetsOneNoteAndTheContractReport() throws {
        try withFile("wide.csv", Self.utf16) { path in
            let result = try runDQCLI(["profile", path, "--format", "json"])
            #expect(result.status == 0)
            #expect(
                result.stderrText
                    == "dqcli: \(path): the file is UTF-16; profile a UTF-8 copy (iconv -f UTF-16 -t UTF-8 \(path) > \(path).utf8.csv).\n"
            )
            #expect(try JSONParser.parse(result.stdout)["source"]?["encoding"] == .string("utf-16"))
            let quiet = try runDQCLI(["profile", path, "--format", "json", "--quiet"])
            #expect(quiet.status == 0)
            #expect(quiet.stderrText.isEmpty, "stderr: \(quiet.stderrText)")
        }
    }

    @Test func gzipFileGetsOneNote() throws {
        try withFile("orders.csv.gz", Self.gzip) { path in
            let result = try runDQCLI(["profile", path])
            #expect(result.status == 0)
            #expect(
                result.stderrText
                    == "dqcli: \(path): the file is gzip-compressed; decompress it first (gunzip -c \(path) | dqcli profile -).\n"
            )
            #expect(try runDQCLI(["profile", path, "--quiet"]).stderrText.isEmpty)
        }
    }

    @Test func gzipOnStandardInputGetsANoteToo() throws {
        let result = try runDQCLI(["profile", "-"], stdin: Self.gzip)
        #expect(
            result.stderrText
                == "dqcli: standard input: the input is gzip-compressed; decompress it first (... | gunzip -c | dqcli profile -).\n"
        )
    }

    @Test func rowhashGetsTheNoteForAFileAndForStandardInput() throws {
        try withFile("wide.csv", Self.utf16) { path in
            let result = try runDQCLI(["rowhash", path])
            #expect(result.status == 0)
            #expect(
                result.stderrText
                    == "dqcli: \(path): the file is UTF-16; hash a UTF-8 copy (iconv -f UTF-16 -t UTF-8 \(path) | dqcli rowhash - --source-name \(path)).\n"
            )
        }
        let piped = try runDQCLI(["rowhash", "-"], stdin: Self.gzip)
        #expect(piped.status == 0)
        #expect(
            piped.stderrText
                == "dqcli: standard input: the input is gzip-compressed; decompress it first (... | gunzip -c | dqcli rowhash -).\n"
        )
    }

    @Test func mergeOfACompressedPartGetsTheNote() throws {
        try withFile("orders.csv.gz", Self.gzip) { path in
            let state = path + ".state"
            #expect(try runDQCLI(["profile", path, "--state-out", state, "--quiet"]).status == 0)
            let result = try runDQCLI(["merge", state, "--format", "json"])
            #expect(result.status == 0)
            #expect(
                result.stderrText
                    == "dqcli: a part was gzip-compressed and was read as raw bytes; decompress the files before profiling them.\n"
            )
        }
    }

    @Test func pathWithASpaceIsQuotedInTheCommand() throws {
        try withFile("my file.csv", Self.utf16) { path in
            let result = try runDQCLI(["profile", path])
            #expect(
                result.stderrText.contains("(iconv -f UTF-16 -t UTF-8 '\(path)' > '\(path).utf8.csv')"),
                "\(result.stderrText)")
        }
    }

    @Test func utf8FileGetsNoNote() throws {
        let result = try runDQCLI(["profile", "Fixtures/real/penguins.csv"])
        #expect(result.stderrText.isEmpty, "stderr: \(result.stderrText)")
    }
}
