import Foundation
import Testing

@testable import DataQuality

/// Collects where each record starts (byte offset and line), to cut an input between records.
final class RecordStarts: RecordConsumer {
    var starts: [(offset: Int, line: Int)] = []
    func blankLine(line: Int, byteOffset: Int, text: UnsafeRawBufferPointer) {}
    func record(
        _ fields: RecordBuffer, line: Int, byteOffset: Int, fault: RecordFault?, rawText: UnsafeRawBufferPointer,
        isComplete: Bool
    ) {
        starts.append((byteOffset, line))
    }
}

/// Profiles `bytes` cut before the records starting at `cuts` (byte offsets with their lines) into partial
/// profiles, each encoded to its JSON line and read back.
func partialProfiles(
    of bytes: [UInt8], cuts: [(offset: Int, line: Int)], path: String, options: ProfileOptions, delimiter: UInt8,
    rowLimit: Int, partitioned: Bool = false
) throws -> [PartialProfile] {
    let bodyStart = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    let bounds = [(offset: 0, line: 1)] + cuts
    var namesRaw: [[UInt8]]?
    var parts: [PartialProfile] = []
    for (index, start) in bounds.enumerated() {
        let end = index + 1 < bounds.count ? bounds[index + 1].offset : bytes.count
        let profiler =
            index == 0
            ? try RecordProfiler(options: options, sourceName: path, header: options.hasHeader)
            : try RecordProfiler(
                options: options, sourceName: path, header: options.hasHeader, continuingWith: namesRaw ?? [])
        profiler.keepRowPositions(limit: rowLimit)
        profiler.duplicateRows.rowsPartitionedByHash = partitioned
        let readFrom = index == 0 ? bodyStart : start.offset
        let reader = CSVRecordReader(
            consumer: profiler, delimiter: delimiter, quote: options.quote, maxFieldBytes: options.maxFieldBytes,
            startOffset: readFrom, startLine: start.line, locatesFaultsExactly: false)
        try bytes[readFrom..<end].withUnsafeBytes { try reader.feed($0) }
        try reader.finish()
        try profiler.finishInput()
        if index == 0 { namesRaw = profiler.columnNamesRaw }
        let piece = Array(bytes[start.offset..<end])
        let source = SourceDescription(
            path: path, bytes: piece.count, delimiter: delimiter, quote: options.quote, header: options.hasHeader,
            encoding: String(validating: piece, as: UTF8.self) == nil ? "windows-1252" : "utf-8",
            byteOrderMark: index == 0 && bodyStart == 3, delimiterWasDetected: false)
        let state = PartialProfile(
            state: profiler.state(delimiter: delimiter), source: source, name: "part\(index)")
        parts.append(try PartialProfile(decoding: state.encoded, name: "part\(index)"))
    }
    return parts
}

@Suite struct PartialProfileTests {
    /// The merge law over files: every fixture cut into 2, 3 and 5 parts at seeded random record starts,
    /// each part's state written and read back, merged in a shuffled order, gives the one-pass report.
    @Test(arguments: [2, 3, 5])
    func mergedStatesEqualOnePass(parts: Int) throws {
        var generator = SeededGenerator(seed: UInt64(parts))
        var cutFiles = 0
        for fixture in chunkFixtures {
            let path = chunkRepositoryRoot.appendingPathComponent(fixture).path
            let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
            let detected = try Profiler().profile(bytes: bytes, sourceName: path).source.delimiter
            for limit in [100_000, 5] {
                var options = ProfileOptions()
                options.exactDistinctLimit = limit
                options.delimiter = detected
                let onePass = try Profiler(options: options).profile(bytes: bytes, sourceName: path)
                let scan = RecordStarts()
                let reader = CSVRecordReader(
                    consumer: scan, delimiter: detected, quote: options.quote, maxFieldBytes: options.maxFieldBytes,
                    startOffset: 0, locatesFaultsExactly: false)
                try bytes.withUnsafeBytes { try reader.feed($0) }
                try reader.finish()
                let candidates = Array(scan.starts.dropFirst())
                guard candidates.count >= parts - 1 else { continue }
                cutFiles += 1
                var cuts = Array(candidates.shuffled(using: &generator).prefix(parts - 1))
                cuts.sort { $0.offset < $1.offset }
                var states = try partialProfiles(
                    of: bytes, cuts: cuts, path: path, options: options, delimiter: detected, rowLimit: 100_000)
                states.shuffle(using: &generator)
                let merged = try PartialProfile.merge(states)
                #expect(comparable(merged) == comparable(onePass), "\(fixture), \(parts) parts, limit \(limit)")
                #expect(merged.source == onePass.source, "\(fixture)")
            }
        }
        #expect(cutFiles >= chunkFixtures.count)
    }

    /// Parts that carry no row hashes and were not partitioned by row hash: the duplicate count is unknown,
    /// never guessed; partitioned parts add their counts.
    @Test func duplicatesWithoutRowHashes() throws {
        // Rows 2 and 4 repeat row 1 (line 2); the cut falls before line 4.
        let text = "a,b\n1,x\n1,x\n2,y\n1,x\n"
        let bytes = Array(text.utf8)
        var options = ProfileOptions()
        options.delimiter = UInt8(ascii: ",")
        let cut = [(offset: 12, line: 4)]
        let unknown = try PartialProfile.merge(
            try partialProfiles(of: bytes, cuts: cut, path: "t.csv", options: options, delimiter: 0x2C, rowLimit: 0))
        #expect(unknown.duplicateRows == nil)
        #expect(unknown.scores.uniqueness == nil)
        let notice = try #require(unknown.findings.first { $0.kind == .duplicatesNotChecked })
        #expect(notice.hint == .mergedDuplicatesUnknown)
        #expect(notice.presentedMessage?.contains("--rows-partitioned-by-hash") == true)

        let exact = try PartialProfile.merge(
            try partialProfiles(of: bytes, cuts: cut, path: "t.csv", options: options, delimiter: 0x2C, rowLimit: 10))
        #expect(exact.duplicateRows == 2)
        let first = try #require(exact.findings.first { $0.kind == .duplicateRow })
        #expect(first.firstLine == 3)
        #expect(first.count == 2)

        // Declared partitioned (wrongly here: row "1,x" is in both parts): the counts add, 1 + 0.
        let partitioned = try PartialProfile.merge(
            try partialProfiles(
                of: bytes, cuts: cut, path: "t.csv", options: options, delimiter: 0x2C, rowLimit: 0,
                partitioned: true))
        #expect(partitioned.duplicateRows == 1)
    }

    /// A row of the later part repeating a row of the earlier part is the first duplicate, placed exactly,
    /// ahead of the later part's own repeat (line 6).
    @Test func firstDuplicateAcrossParts() throws {
        let text = "id,v\n1,a\n2,b\n3,c\n2,b\n3,c\n"
        var options = ProfileOptions()
        options.delimiter = UInt8(ascii: ",")
        let states = try partialProfiles(
            of: Array(text.utf8), cuts: [(offset: 13, line: 4)], path: "t.csv", options: options, delimiter: 0x2C,
            rowLimit: 10)
        let merged = try PartialProfile.merge(states.reversed())
        #expect(merged.duplicateRows == 2)
        let finding = try #require(merged.findings.first { $0.kind == .duplicateRow })
        #expect(finding.firstLine == 5)
        #expect(finding.byteOffset == 17)
        #expect(finding.example == "2,b")
    }

    @Test func columnsAlignByNameAndOccurrence() throws {
        let first = try Profiler().partialProfile(bytes: Array("x,y,x\n1,a,10\n2,b,20\n".utf8), sourceName: "one.csv")
        let second = try Profiler().partialProfile(bytes: Array("y,x,x\nc,3,30\n".utf8), sourceName: "two.csv")
        let merged = try PartialProfile.merge([second, first])
        #expect(merged.columns.map(\.name) == ["x", "y", "x"])
        #expect(merged.rows == 3)
        // The first x holds 1, 2, 3; the second 10, 20, 30.
        #expect(merged.columns[0].min == .integer(1))
        #expect(merged.columns[0].max == .integer(3))
        #expect(merged.columns[2].max == .integer(30))
        #expect(merged.columns[1].topValues.map(\.value) == ["a", "b", "c"])

        let other = try Profiler().partialProfile(bytes: Array("x,z,x\n1,a,10\n".utf8), sourceName: "three.csv")
        #expect(throws: ProfileError.self) { try PartialProfile.merge([first, other]) }
    }

    @Test func emptyInputIsAValidStateAndMergesAsNothing() throws {
        let empty = try Profiler().partialProfile(bytes: [], sourceName: "empty.csv")
        let readBack = try PartialProfile(decoding: empty.encoded, name: "empty.state")
        #expect(readBack.rows == 0)
        let data = try Profiler().partialProfile(bytes: Array("a\n1\n2\n".utf8), sourceName: "d.csv")
        let merged = try PartialProfile.merge([readBack, data])
        #expect(merged.rows == 2)
        #expect(merged.columns.map(\.name) == ["a"])
        let alone = try PartialProfile.merge([readBack])
        #expect(alone.rows == 0)
        #expect(alone.findings.contains { $0.kind == .noData })
    }

    @Test func mismatchedNewerAndDamagedStatesAreRefused() throws {
        let plain = try Profiler().partialProfile(bytes: Array("a\n1\n".utf8), sourceName: "p.csv")
        var options = ProfileOptions()
        options.nullValues = ["NA"]
        let other = try Profiler(options: options).partialProfile(bytes: Array("a\n2\n".utf8), sourceName: "q.csv")
        let mismatch = #expect(throws: ProfileError.self) { try PartialProfile.merge([plain, other]) }
        #expect(mismatch?.code == .invalidState)
        #expect(mismatch?.description.contains("null_values") == true)

        let text = String(decoding: plain.encoded, as: UTF8.self)
        let newer = Array(text.replacingOccurrences(of: "\"version\":3", with: "\"version\":4").utf8)
        let refused = #expect(throws: ProfileError.self) { try PartialProfile(decoding: newer, name: "new.state") }
        #expect(refused?.description.contains("format version 4") == true)

        let edited = #expect(throws: ProfileError.self) {
            try PartialProfile(
                decoding: Array(text.replacingOccurrences(of: "\"state\":\"", with: "\"state\":\"AAAA").utf8),
                name: "bad.state")
        }
        #expect(edited?.description.contains("state_digest") == true)
        // A state cut short but given a matching digest: refused when read, never a crash.
        let binary = Data(base64Encoded: plain.envelope.state)!.dropLast(10)
        let cut = text.replacingOccurrences(of: plain.envelope.state, with: binary.base64EncodedString())
            .replacingOccurrences(of: plain.envelope.stateDigest, with: PartialProfile.digest(of: Data(binary)))
        let damaged = try PartialProfile(decoding: Array(cut.utf8), name: "cut.state")
        let broken = #expect(throws: ProfileError.self) { try PartialProfile.merge([damaged]) }
        #expect(broken?.description.contains("damaged") == true)
        #expect(throws: ProfileError.self) { try PartialProfile(decoding: Array("{}".utf8), name: "x.state") }
    }
}
