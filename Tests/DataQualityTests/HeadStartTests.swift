import Foundation
import Testing

@testable import DataQuality

/// The first chunk's head start (``ParallelFileDriver/HeadStart``): later chunks begin with the columns the
/// first chunk switched to sketches after a fixed number of records.
@Suite struct HeadStartTests {
    /// 2,000 rows of 21 bytes: a unique `id` (100000 to 101999), a `zip` of 40 values in every part of the
    /// file, and a `code` of 30 values, where the first 1,000 rows hold 15 codes and the last 1,000 rows
    /// another 15 (no chunk passes a bound of 20 on its own; the merge does).
    private func writeFile() throws -> URL {
        var text = "id____,zip,code_____\n"
        for row in 0..<2_000 {
            let code = row < 1_000 ? row % 15 : 15 + row % 15
            text += String(format: "%06d,%03d,c%08d\n", 100_000 + row, row % 40, code)
        }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "dq-head-start-\(UUID().uuidString).csv")
        try Data(text.utf8).write(to: url)
        return url
    }

    @Test func sizeOfTheHeadStart() {
        var options = ProfileOptions()
        options.exactDistinctLimit = 20
        // 25 records (the bound plus a quarter) of 20 bytes each (6 line endings in 120 bytes).
        let prefix = ArraySlice(Array(repeating: UInt8(ascii: "a"), count: 19) + [0x0A]).repeated(6)
        #expect(ParallelFileDriver.HeadStart(options: options, prefix: prefix, length: 4_000).records == 25)
        #expect(ParallelFileDriver.HeadStart(options: options, prefix: prefix, length: 4_000).bytes == 500)
        // 500 bytes are more than an eighth of 3,999 bytes: no head start.
        #expect(ParallelFileDriver.HeadStart(options: options, prefix: prefix, length: 3_999).bytes == 0)
        // The default bound: 125,000 records of 20 bytes, 2.5 MB, want a file of 20 MB.
        #expect(
            ParallelFileDriver.HeadStart(options: ProfileOptions(), prefix: prefix, length: 20_000_000).bytes
                == 2_500_000)
        #expect(ParallelFileDriver.HeadStart(options: ProfileOptions(), prefix: prefix, length: 19_999_999).bytes == 0)
        // A bound near Int.max: no head start, and no overflow.
        options.exactDistinctLimit = Int.max - 1
        #expect(ParallelFileDriver.HeadStart(options: options, prefix: prefix, length: Int.max).bytes == 0)
    }

    @Test(arguments: [2, 3])
    func laterChunksStartWithTheSwitchedColumns(parts: Int) throws {
        let url = try writeFile()
        defer { try? FileManager.default.removeItem(at: url) }
        var options = ProfileOptions()
        options.exactDistinctLimit = 20
        let onePass = try Profiler(options: options).profile(
            fileAt: url.path, chunking: ChunkingPolicy(parts: 1, minimumBytesPerPart: 1))
        let policy = ChunkingPolicy(parts: parts, minimumBytesPerPart: 1)
        let first = try #require(try ParallelFileDriver.profile(path: url.path, options: options, policy: policy))
        #expect(comparable(first) == comparable(onePass))
        // By hand: all three columns pass the bound of 20 (2,000, 40 and 30 distinct values).
        #expect(first.columns.map(\.distinctIsEstimate) == [true, true, true])
        #expect(first.columns[0].min == .integer(100_000) && first.columns[0].max == .integer(101_999))
        #expect(first.rows == 2_000)
        // The switches come from a fixed record count, not from timing: every run gives the same report,
        // estimates included.
        for _ in 0..<5 {
            #expect(try ParallelFileDriver.profile(path: url.path, options: options, policy: policy) == first)
        }
    }

    @Test func strictFaultInTheFirstChunkStopsEveryWorker() throws {
        var text = "id,name\n"
        for row in 0..<400 { text += "\(row),name \(row)\n" }
        text += "400,\"un\"quoted\n"
        for row in 401..<4_000 { text += "\(row),name \(row)\n" }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "dq-head-start-\(UUID().uuidString).csv")
        try Data(text.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        var options = ProfileOptions()
        options.exactDistinctLimit = 4
        options.strict = true
        // The malformed record is line 402 (the header is line 1, row 0 is line 2).
        let error = try #require(throws: ProfileError.self) {
            try ParallelFileDriver.profile(
                path: url.path, options: options, policy: ChunkingPolicy(parts: 2, minimumBytesPerPart: 1))
        }
        #expect(error.line == 402)
    }
}

extension ArraySlice {
    /// This slice `count` times over.
    fileprivate func repeated(_ count: Int) -> ArraySlice<Element> {
        ArraySlice((0..<count).flatMap { _ in self })
    }
}
