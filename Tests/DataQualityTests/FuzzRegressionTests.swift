import Foundation
import Testing

@testable import DataQuality

private let fuzzRepositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

private func fixturePath(_ relative: String) -> String {
    fuzzRepositoryRoot.appendingPathComponent(relative).path
}

/// Inputs the fuzzer (Fuzz/, scripts/fuzz.sh) found wrong, with the right values worked out by hand. The
/// fuzzer's own copies, option bytes included, are in Fixtures/fuzz/.
@Suite struct FuzzRegressionTests {
    /// The last chunk's final record has no line ending and repeats a row of the first chunk: the search for
    /// the first cross-chunk duplicate must read that record too (it used to stop before it, leaving the
    /// `duplicate_row` finding out while `duplicate_rows` counted it).
    @Test(arguments: [2, 3, 4])
    func duplicateInLastChunkWithoutFinalNewline(parts: Int) throws {
        let path = fixturePath("Fixtures/regressions/duplicate-in-last-chunk-without-final-newline.csv")
        let report = try #require(
            try ParallelFileDriver.profile(
                path: path, options: ProfileOptions(), policy: ChunkingPolicy(parts: parts, minimumBytesPerPart: 1)))
        // Lines: 1 header (12 bytes), 2 and 3 malformed (10 bytes each), 4 `3,fine,7` (9), 5 blank (1),
        // 6 and 7 malformed again, 8 `3,fine,7` at byte 12 + 10 + 10 + 9 + 1 + 10 + 10 = 62, no line ending.
        #expect(report.rows == 6)
        #expect(report.malformedRows == 4)
        #expect(report.duplicateRows == 1)
        let finding = try #require(report.findings.first { $0.kind == .duplicateRow })
        #expect(finding.count == 1)
        #expect(finding.firstLine == 8)
        #expect(finding.byteOffset == 62)
        #expect(finding.example == "3,fine,7")
    }

    /// Under `--strict` with a 3-byte field limit, `1,xyzw"v` on line 2 first passes the limit at `w` (byte
    /// 4 + 2 + 3 = 9) and only then holds a stray quote (byte 10): the error names the first fault, however the
    /// bytes arrive (whole, it used to name the quote; in small pieces, the limit).
    @Test(arguments: [0, 1, 2, 3, 5, 7])
    func strictNamesTheFirstFaultOfARecord(pieceLength: Int) throws {
        let bytes = Array(
            try Data(
                contentsOf: URL(
                    fileURLWithPath: fixturePath(
                        "Fixtures/regressions/strict-too-long-before-stray-quote.csv"))))
        var options = ProfileOptions()
        options.strict = true
        options.maxFieldBytes = 3
        options.delimiter = UInt8(ascii: ",")  // Given, so the pieces reach the reader as they are fed.
        let profiler = try ByteStreamDriver(options: options, sourceName: "strict.csv")
        let error = try #require(throws: ProfileError.self) {
            _ = try profileInPieces(bytes, pieceLength: pieceLength, with: profiler)
        }
        #expect(error.code == .malformedRecord)
        #expect(error.line == 2)
        #expect(error.byteOffset == 9)
        #expect(error.problem == .fieldTooLong)
        #expect(error.message == "malformed record: a field longer than maxFieldBytes (the first byte past the limit).")
    }

    /// Under `--strict` with a 32-byte field limit, a header that is one quoted field of doubled quotes passes
    /// the limit at the second quote of its 33rd pair: byte 1 + 2 x 33 - 1 = 66 (the opening quote is byte 0).
    /// Pieces that cut a pair between its two quotes used to place it one pair later (68): the quote libcsv
    /// holds while it waits for the next byte was left out of the re-read's count.
    @Test(arguments: [0, 1, 2, 3, 4, 5, 7])
    func strictLimitInsideDoubledQuotesWhateverThePieces(pieceLength: Int) throws {
        let bytes = Array(
            try Data(
                contentsOf: URL(
                    fileURLWithPath: fixturePath(
                        "Fixtures/regressions/strict-too-long-doubled-quotes.csv"))))
        var options = ProfileOptions()
        options.strict = true
        options.maxFieldBytes = 32
        options.delimiter = UInt8(ascii: ",")
        let profiler = try ByteStreamDriver(options: options, sourceName: "quotes.csv")
        let error = try #require(throws: ProfileError.self) {
            _ = try profileInPieces(bytes, pieceLength: pieceLength, with: profiler)
        }
        #expect(error.code == .malformedRecord)
        #expect(error.line == 1)
        #expect(error.byteOffset == 66)
    }

    /// Without `--strict` the cause counted in `malformed_causes` is that same first fault, whole or in pieces
    /// (whole, the record used to count as `quote_in_unquoted_field`).
    @Test(arguments: [0, 1, 2, 3, 5, 7])
    func malformedCauseIsTheFirstFault(pieceLength: Int) throws {
        let bytes = Array(
            try Data(
                contentsOf: URL(
                    fileURLWithPath: fixturePath(
                        "Fixtures/regressions/strict-too-long-before-stray-quote.csv"))))
        var options = ProfileOptions()
        options.maxFieldBytes = 3
        options.delimiter = UInt8(ascii: ",")
        let profiler = try ByteStreamDriver(options: options, sourceName: "causes.csv")
        let report = try profileInPieces(bytes, pieceLength: pieceLength, with: profiler)
        #expect(report.rows == 1)
        #expect(report.malformedRows == 1)
        #expect(report.malformedCauses == ["field_too_long": 1])
    }

    /// A column past the exact-distinct bound (moments streamed, then merged) holding 1e308, 1e10 and 1e108,
    /// cut after 1e308: merging the second chunk's mean moved the first by delta x 2 / 3 with delta about
    /// -1e308, and delta x 2 overflowed, so the chunked mean was missing. The mean is (1e308 + 1e10 + 1e108) / 3,
    /// 3.333333333333333e307 to binary64 (the other two terms vanish beside 1e308).
    @Test func meanOfHugeValuesMergesWithoutOverflow() throws {
        var options = ProfileOptions()
        options.exactDistinctLimit = 2
        let path = fixturePath("Fixtures/regressions/mean-overflow-across-chunks.csv")
        // 23 bytes: the cut of two parts moves from byte 11 to the end of line 2, so 1e308 is alone.
        let report = try #require(
            try ParallelFileDriver.profile(
                path: path, options: options, policy: ChunkingPolicy(parts: 2, minimumBytesPerPart: 1)))
        let column = try #require(report.columns.first)
        #expect(column.distinctIsEstimate)
        let mean = try #require(column.mean)
        #expect(abs(mean - 3.333333333333333e307) <= 1e-12 * 3.333333333333333e307)
    }

    /// Found by fuzzing: in a key column past the exact-distinct bound, a first repeat that crosses a chunk
    /// cut was not located by the merge (the sketches keep no lines); the input is now read again to place it.
    /// `id` of invalid-rows.csv repeats `1` (line 2) on line 17; with a bound of 2 every chunk is past it.
    @Test func keyRepeatAcrossACutPastTheDistinctBound() throws {
        var options = ProfileOptions()
        options.keys = ["id"]
        options.exactDistinctLimit = 2
        let report = try #require(
            try ParallelFileDriver.profile(
                path: fixturePath("Fixtures/crafted/invalid-rows.csv"), options: options,
                policy: ChunkingPolicy(parts: 3, minimumBytesPerPart: 1)))
        let id = try #require(report.columns.first { $0.name == "id" })
        let finding = try #require(id.findings.first { $0.kind == .duplicateValue })
        #expect(finding.count == 1)
        #expect(finding.firstLine == 17)
        #expect(finding.example == "1")
    }
}

/// Feeds `bytes` to `profiler` in pieces of `pieceLength` bytes (0: in one piece) and finishes it.
private func profileInPieces(_ bytes: [UInt8], pieceLength: Int, with profiler: ByteStreamDriver) throws -> Report {
    let length = pieceLength == 0 ? bytes.count : pieceLength
    var offset = 0
    while offset < bytes.count {
        try profiler.feed(Array(bytes[offset..<min(offset + length, bytes.count)]))
        offset += length
    }
    return try profiler.finish()
}
