import Foundation
import Testing

/// `dqcli rowhash`: hashes checked against `xxhsum -H2` (Debian xxhash 0.8.1) over row encodings written by
/// hand, record bytes against Python's `base64.b64encode`.
@Suite struct RowHashTests {
    /// XXH3-128 of the empty encoding, from `printf '' | xxhsum -H2 -`.
    static let blankLineHash = "99aa06d3014798d86001c324468d497f"
    /// The fields `a`, `b`: encoding 01 00 00 00 00 00 00 00 61 01 00 00 00 00 00 00 00 62.
    static let abHash = "4e8071d3974d16754bcb794c7d699bd6"

    /// A computed property, not a stored `Data` constant: LeakSanitizer reports a global `Data`'s storage.
    static var input: Data { Data("id,name\r\n\"a\",b\r\n\r\na,b\r\n\"q\nr\",s\r\nc,\"unterm\n".utf8) }

    func lines(_ result: RunResult) -> [[String]] {
        result.stdoutText.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map {
            $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        }
    }

    @Test func printsHashSourceLineAndExactBytesOfEveryRecordAfterTheHeader() throws {
        let result = try runDQCLI(["rowhash", "-", "--source-name", "part.csv"], stdin: Self.input)
        #expect(result.status == 0, "\(result.stderrText)")
        #expect(result.stderr.isEmpty)
        #expect(
            lines(result) == [
                [Self.abHash, "part.csv", "2", "ImEiLGINCg=="],  // "a",b CR LF
                [Self.blankLineHash, "part.csv", "3", "DQo="],  // CR LF
                [Self.abHash, "part.csv", "4", "YSxiDQo="],  // a,b CR LF
                // fields "q LF r", "s"
                ["9ff1ec995be696257f4ac320d94c53fa", "part.csv", "5", "InEKciIscw0K"],
                // unterminated quote at end of input: fields "c", "unterm LF"
                ["ea6bb29844aca6cbb55ef5444b22d44c", "part.csv", "7", "YywidW50ZXJtCg=="]
            ])
    }

    @Test func quotingDoesNotChangeTheHashButFieldBoundariesDo() throws {
        let result = try runDQCLI(["rowhash", "--no-header"], stdin: Data("\"a\",b\na,b\na,bc\nab,c".utf8))
        let hashes = lines(result).map { $0[0] }
        #expect(
            hashes == [Self.abHash, Self.abHash, "f310f4d71be93bc46456c91685adede6", "f2eda2708bcfd51cc05c0ee4c9f60440"]
        )
        #expect(lines(result).map { $0[1] } == ["-", "-", "-", "-"])
        #expect(lines(result).last?[3] == "YWIsYw==", "a last record without a line ending has none")
    }

    @Test func byteOrderMarkBelongsToNoRecordAndTheDelimiterIsDetected() throws {
        let input = Data([0xEF, 0xBB, 0xBF] + Array("x;y\na;b\n".utf8))
        let result = try runDQCLI(["rowhash", "--no-header"], stdin: input)
        #expect(lines(result).map { $0[3] } == ["eDt5Cg==", "YTtiCg=="])  // x;y LF, a;b LF
        #expect(lines(result).last?[0] == Self.abHash)
    }

    @Test func aSourceNameWithATabOrLineEndingIsRefused() throws {
        let tab = try runDQCLI(["rowhash", "-", "--source-name", "a\tb"], stdin: Self.input)
        #expect(tab.status == 64)
        #expect(tab.stdout.isEmpty)
        let newline = try runDQCLI(["rowhash", "-", "--source-name", "a\nb"], stdin: Self.input)
        #expect(newline.status == 64)
    }

    @Test func aMissingFileExits66() throws {
        let result = try runDQCLI(["rowhash", "Fixtures/no-such-file.csv"])
        #expect(result.status == 66)
        #expect(result.stderrText.contains("Fixtures/no-such-file.csv"))
    }

    @Test func theFieldLimitCutsRecordsAsProfileDoes() throws {
        // A quoted field over 4 bytes ends its record at its line's end; the rest is read as new records.
        let result = try runDQCLI(
            ["rowhash", "--no-header", "--max-field-bytes", "4"], stdin: Data("\"abcdef\nx\",y\nz\n".utf8))
        #expect(lines(result).map { $0[2] } == ["1", "2", "3"])
        #expect(lines(result).map { $0[3] } == ["ImFiY2RlZgo=", "eCIseQo=", "ego="])
    }

    /// A header field over the limit would cut the column names: exit 65 with profile's sentence, nothing
    /// printed; the message names the source (standard input for `-`, else the source name).
    @Test func aHeaderFieldOverTheLimitExits65AsProfileDoes() throws {
        let input = Data("abcdefgh,b\n1,2\n".utf8)
        let sentence =
            "line 1, byte offset 3: the header has a field longer than --max-field-bytes (3 bytes): the column names would be cut; give a larger --max-field-bytes.\n"
        let rowhash = try runDQCLI(["rowhash", "--max-field-bytes", "3"], stdin: input)
        #expect(rowhash.status == 65)
        #expect(rowhash.stderrText == "dqcli: standard input, " + sentence)
        #expect(rowhash.stdout.isEmpty)
        let profile = try runDQCLI(["profile", "-", "--max-field-bytes", "3"], stdin: input)
        #expect(profile.status == 65)
        #expect(profile.stderrText == rowhash.stderrText)
        let named = try runDQCLI(["rowhash", "--max-field-bytes", "3", "--source-name", "orders.csv"], stdin: input)
        #expect(named.status == 65)
        #expect(named.stderrText == "dqcli: orders.csv, " + sentence)
    }

    @Test func documentedReferenceCheckAgrees() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "scripts/check-row-hash.py", dqcliURL?.path ?? ".build/debug/dqcli"]
        process.currentDirectoryURL = repositoryRoot
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(text)")
        #expect(text.contains(" passed, 0 failed"), "\(text)")
    }
}
