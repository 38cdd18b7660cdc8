import Foundation
import Testing

@testable import DataQuality

private let headerRepositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// A header field over `maxFieldBytes` is an error in every mode (it used to cut the header, so every data
/// row read as ragged and `malformed_rows`, 345 for penguins under a 3-byte limit, exceeded `rows`, 344).
@Suite struct HeaderFieldLimitTests {
    /// The sentence a Swift caller reads.
    @Test func messageNamesTheSwiftOption() {
        #expect(
            ProfileError.Problem.headerFieldTooLong(limit: 4).message(naming: \.description)
                == "the header has a field longer than maxFieldBytes (4 bytes): the column names would be cut; give a larger maxFieldBytes."
        )
    }

    /// Fixtures/regressions/header-field-too-long.csv is a BOM (bytes 0-2), then `id,"na""me",v`: `id,` is
    /// bytes 3-5, the opening quote 6, `n` 7, `a` 8, the doubled quote 9-10 (one value byte), `m` 11, so under
    /// a 4-byte limit `e` at byte 12 is the first byte past it; the same whether strict or not, whole or in
    /// pieces of any size.
    @Test(arguments: [false, true], [0, 1, 2, 3, 5, 7])
    func headerFieldOverTheLimitNamesItsByte(strict: Bool, pieceLength: Int) throws {
        let bytes = Array(
            try Data(
                contentsOf: headerRepositoryRoot.appendingPathComponent(
                    "Fixtures/regressions/header-field-too-long.csv")))
        var options = ProfileOptions()
        options.strict = strict
        options.maxFieldBytes = 4
        options.delimiter = UInt8(ascii: ",")  // Given, so the pieces reach the reader as they are fed.
        let profiler = try ByteStreamDriver(options: options, sourceName: "header.csv")
        #expect(
            throws: ProfileError(.headerFieldTooLong(limit: 4), path: "header.csv", line: 1, byteOffset: 12)
        ) {
            let length = pieceLength == 0 ? bytes.count : pieceLength
            for start in stride(from: 0, to: bytes.count, by: length) {
                try profiler.feed(Array(bytes[start..<min(start + length, bytes.count)]))
            }
            _ = try profiler.finish()
        }
    }

    /// penguins.csv's header starts `species,`: under a 3-byte limit `c` at byte 3 is past it; under 16 bytes
    /// `flipper_length_mm` (17 bytes, from byte 8 + 7 + 15 + 14 = 44) passes it at byte 60. One pass and
    /// chunked alike.
    @Test(arguments: [(3, 3), (16, 60)], [1, 2, 3])
    func penguinsHeaderUnderASmallLimit(limit: (bytes: Int, offset: Int), parts: Int) throws {
        let path = headerRepositoryRoot.appendingPathComponent("Fixtures/real/penguins.csv").path
        var options = ProfileOptions()
        options.maxFieldBytes = limit.bytes
        #expect(
            throws: ProfileError(
                .headerFieldTooLong(limit: limit.bytes), path: path, line: 1, byteOffset: limit.offset)
        ) {
            _ = try Profiler(options: options).profile(
                fileAt: path, chunking: ChunkingPolicy(parts: parts, minimumBytesPerPart: 1))
        }
    }

    /// A header field exactly at the limit is read whole: `flipper_length_mm` is 17 bytes, the longest name.
    @Test func headerFieldAtTheLimitIsRead() throws {
        var options = ProfileOptions()
        options.maxFieldBytes = 17
        let report = try Profiler(options: options).profile(
            fileAt: headerRepositoryRoot.appendingPathComponent("Fixtures/real/penguins.csv").path)
        #expect(report.columns.map(\.name)[4] == "flipper_length_mm")
        #expect(report.rows == 344)
    }
}
