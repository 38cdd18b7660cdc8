import Foundation
import Testing

@testable import DataQuality

/// The dataset finding `encoding_unsure` (contract, "Encoding"): a detection that its 64 KiB window got wrong.
/// The fixtures (Fixtures/crafted/encoding-unsure-*.csv, made as Fixtures/README.md says) hold a header, then
/// `N,Town N` rows (ASCII) up to line 4518, past the first 65536 bytes; their expected values were counted by
/// hand and agree with the reference oracle.
@Suite struct EncodingUnsureTests {
    private static func path(_ name: String) -> String {
        chunkRepositoryRoot.appendingPathComponent("Fixtures/crafted/encoding-unsure-\(name).csv").path
    }

    /// The finding of that kind in a report, if any.
    private func unsure(_ report: Report) -> Finding? {
        report.findings.first { $0.kind.rawValue == "encoding_unsure" }
    }

    /// (count, example, first line, byte offset) of the finding, for comparisons.
    private func facts(_ finding: Finding?) -> [String] {
        guard let finding else { return ["none"] }
        return [
            String(finding.count), finding.example ?? "nil", finding.firstLine.map(String.init) ?? "nil",
            finding.byteOffset.map(String.init) ?? "nil"
        ]
    }

    /// ASCII window, read as UTF-8; after it `Li\xE8ge` (line 4519, byte 65549), `Z\xFCrich` (line 4520) and
    /// the ragged `M\xE4lm\xF6,x\xE9` (line 4521: two fields): 4 fields, 3 records; no UTF-8 anywhere.
    @Test func asciiWindowThenWindows1252Bytes() throws {
        let report = try Profiler().profile(fileAt: Self.path("windows-1252"))
        #expect(report.source.encoding == "utf-8")
        #expect(facts(unsure(report)) == ["4", "windows-1252", "4519", "65549"])
        // invalid_utf8 still counts records.
        let invalid = report.findings.first { $0.kind == .invalidUTF8 }
        #expect(invalid?.count == 3)
    }

    /// The same file with one `Caf\xC3\xA9` (valid UTF-8) after the cp1252 values: no finding.
    @Test func oneUTF8SequenceAnywhereMeansNoFinding() throws {
        let report = try Profiler().profile(fileAt: Self.path("with-utf8"))
        #expect(report.source.encoding == "utf-8")
        #expect(unsure(report) == nil)
    }

    /// `Li\xE8ge` on line 2 makes the window windows-1252; after it `Caf\xC3\xA9` (line 4520, byte 65563),
    /// `Z\xFCrich` (cp1252, not counted) and the ragged `Caf\xC3\xA9,Cr\xC3\xA8me` (two fields): 3 fields.
    @Test func detectedWindows1252WithUTF8Later() throws {
        let report = try Profiler().profile(fileAt: Self.path("utf-8"))
        #expect(report.source.encoding == "windows-1252")
        #expect(facts(unsure(report)) == ["3", "utf-8", "4520", "65563"])
    }

    /// A named encoding is not a detection: no finding either way.
    @Test func namedEncodingGivesNoFinding() throws {
        var options = ProfileOptions()
        options.encoding = try TextEncoding(name: "windows-1252")
        #expect(unsure(try Profiler(options: options).profile(fileAt: Self.path("utf-8"))) == nil)
        options.encoding = try TextEncoding(name: "utf-8")
        #expect(unsure(try Profiler(options: options).profile(fileAt: Self.path("windows-1252"))) == nil)
    }

    /// Chunks of one run (2 and 3 parts, the detected windows-1252 file too), byte-by-byte and 7-byte pieces, and a state
    /// file read back give the one-pass finding.
    @Test(arguments: ["windows-1252", "with-utf8", "utf-8"])
    func chunksPiecesAndStatesAgree(_ name: String) throws {
        let path = Self.path(name)
        let alone = try Profiler().profile(fileAt: path, chunking: ChunkingPolicy(parts: 1, minimumBytesPerPart: 1))
        let onePass = facts(unsure(alone))
        #expect(onePass != ["none"] || name == "with-utf8")
        for parts in [2, 3] {
            let chunked = try ParallelFileDriver.profile(
                path: path, options: ProfileOptions(), policy: ChunkingPolicy(parts: parts, minimumBytesPerPart: 1))
            // The detected windows-1252 file too: single-byte text is cut in its stored bytes (ChunkText).
            let report = try #require(chunked, "\(name): UTF-8 and single-byte files are cut into chunks")
            #expect(facts(unsure(report)) == onePass, "\(name), \(parts) parts")
        }
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        for size in [1, 7] {
            let driver = try ByteStreamDriver(options: ProfileOptions(), sourceName: path)
            var start = 0
            while start < bytes.count {
                let end = min(bytes.count, start + size)
                try bytes[start..<end].withUnsafeBytes { try driver.feed($0) }
                start = end
            }
            #expect(facts(unsure(try driver.finish())) == onePass, "\(name), pieces of \(size)")
        }
        let part = try Profiler().partialProfile(bytes: bytes, sourceName: path)
        let read = try PartialProfile(decoding: part.encoded, name: "p.state")
        let merged = try read.state(rules: nil).merged(with: ProfileState.empty(matching: read.state(rules: nil)))
        let fromState = try ReportBuilder.report(from: merged, policy: ScoringPolicy(), source: alone.source)
        #expect(facts(unsure(fromState)) == onePass, "\(name), state file")
    }

    /// A comment line is no value, but it is part of the text: one that holds UTF-8 (`#Caf\xC3\xA9`, appended
    /// to the windows-1252 fixture, read with the comment byte `#`) means no finding, and an ASCII one
    /// (`#Cafe`) changes nothing; in one stream, in chunks and in pieces of 1 byte.
    @Test(arguments: [("#Caf\u{E9}", "none"), ("#Cafe", "4")])
    func aCommentLineIsPartOfTheText(_ comment: String, _ count: String) throws {
        let bytes =
            Array(try Data(contentsOf: URL(fileURLWithPath: Self.path("windows-1252")))) + Array((comment + "\n").utf8)
        var options = ProfileOptions()
        options.commentByte = UInt8(ascii: "#")
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("unsure-\(UUID().uuidString).csv")
        try Data(bytes).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let onePass = try Profiler(options: options).profile(bytes: bytes)
        #expect(facts(unsure(onePass)).first == count)
        let chunked = try #require(
            try ParallelFileDriver.profile(
                path: file.path, options: options, policy: ChunkingPolicy(parts: 2, minimumBytesPerPart: 1)))
        #expect(facts(unsure(chunked)) == facts(unsure(onePass)))
        let driver = try ByteStreamDriver(options: options)
        for index in bytes.indices { try [bytes[index]].withUnsafeBytes { try driver.feed($0) } }
        #expect(facts(unsure(try driver.finish())) == facts(unsure(onePass)))
    }

    /// A null value is a value too: the windows-1252 fixture plus `9999,\u{2014}` (an em dash in UTF-8) read
    /// with the null token `\u{2014}` has a multi-byte UTF-8 sequence, so no finding (as the oracle says).
    @Test func aNullTokenInUTF8RulesOutWindows1252() throws {
        let bytes =
            Array(try Data(contentsOf: URL(fileURLWithPath: Self.path("windows-1252")))) + Array("9999,\u{2014}\n".utf8)
        var options = ProfileOptions()
        options.nullValues = ["\u{2014}"]
        let report = try Profiler(options: options).profile(bytes: bytes)
        #expect(report.columns[1].nulls == 1)
        #expect(unsure(report) == nil)
    }
}
