import Foundation
import Testing

@testable import DataQuality

let chunkRepositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// Every fixture file, relative to the repository root.
let chunkFixtures: [String] = {
    let manager = FileManager.default
    var paths: [String] = []
    for folder in ["Fixtures/crafted", "Fixtures/real", "Fixtures/regressions"] {
        let names =
            (try? manager.contentsOfDirectory(atPath: chunkRepositoryRoot.appendingPathComponent(folder).path)) ?? []
        paths += names.filter { $0.hasSuffix(".csv") }.sorted().map { "\(folder)/\($0)" }
    }
    // The shared cases with a plain (not compressed) input, cases-v2's 46 being UTF-16 text; not cases-v2's 51 and
    // 53, whose sep= line and comment lines a part cut from the middle of the file cannot know of, nor 65, whose
    // preamble hint reads the file's first lines, which a merge of parts' states does not hold.
    for folder in ["Fixtures/cases", "Fixtures/cases-v2"] {
        let cases =
            (try? manager.contentsOfDirectory(atPath: chunkRepositoryRoot.appendingPathComponent(folder).path)) ?? []
        for name in cases.sorted()
        where !["51-excel-sep-line", "53-comment-lines", "65-every-record-ragged"].contains(name) {
            paths += ["input.csv", "input.txt"].map { "\(folder)/\(name)/\($0)" }.filter {
                manager.fileExists(atPath: chunkRepositoryRoot.appendingPathComponent($0).path)
            }
        }
    }
    return paths
}()

/// A report with the fields that are estimates past the exact bound cleared (top values and distributions
/// of sketched columns), and means rounded to 12 significant digits, so chunked and one-pass reports compare
/// with `==`.
func comparable(_ report: Report) -> Report {
    var report = report
    for index in report.columns.indices {
        if report.columns[index].distinctIsEstimate {
            report.columns[index].topValues = []
            // Sketched distributions depend on where compaction happened (within their rank error, which
            // ChunkedDistributionTests checks).
            report.columns[index].valueDistribution = nil
            report.columns[index].lengthDistribution = nil
        }
        report.columns[index].mean = report.columns[index].mean.map { Double(String(format: "%.12g", $0))! }
        report.columns[index].stddev = report.columns[index].stddev.map { Double(String(format: "%.12g", $0))! }
    }
    return report
}

@Suite struct ChunkedProfileTests {
    @Test(arguments: [2, 3, 5, 8])
    func chunkedReportEqualsOnePass(parts: Int) throws {
        var chunked = 0
        for fixture in chunkFixtures {
            let path = chunkRepositoryRoot.appendingPathComponent(fixture).path
            for limit in [100_000, 5] {
                var options = ProfileOptions()
                options.exactDistinctLimit = limit
                let onePass = try Profiler(options: options).profile(
                    fileAt: path, chunking: ChunkingPolicy(parts: 1, minimumBytesPerPart: 1))
                guard
                    let inChunks = try ParallelFileDriver.profile(
                        path: path, options: options, policy: ChunkingPolicy(parts: parts, minimumBytesPerPart: 1))
                else { continue }
                chunked += 1
                #expect(comparable(inChunks) == comparable(onePass), "\(fixture), \(parts) parts, limit \(limit)")
            }
        }
        // Most fixtures are large enough to cut: a test that never cut a file could not fail.
        #expect(chunked >= chunkFixtures.count)
    }

    /// A windows-1252 text is cut in its stored bytes and each chunk decodes its own (the file was read in one
    /// stream before): the report equals one pass's, byte offsets (stored ones) included. The crafted file puts
    /// an accented value (one stored byte, two decoded) before every cut, a ragged record after each, and a
    /// duplicate of the first data row at the end.
    @Test(arguments: [2, 3, 5])
    func aWindows1252TextIsCutAndDecodedPerChunk(parts: Int) throws {
        var stored = Array("id,city,note\r\n".utf8)
        for row in 1...400 {
            stored += Array("\(row),Li".utf8) + [0xE8] + Array("ge \(row % 7),caf".utf8) + [0xE9] + Array("\r\n".utf8)
            if row % 97 == 0 { stored += Array("\(row),ragged\r\n".utf8) }
        }
        stored += Array("1,Li".utf8) + [0xE8] + Array("ge 1,caf".utf8) + [0xE9] + Array("\r\n".utf8)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("dq-1252-\(UUID().uuidString).csv")
            .path
        try Data(stored).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let onePass = try Profiler().profile(fileAt: path, chunking: ChunkingPolicy(parts: 1, minimumBytesPerPart: 1))
        let inChunks = try #require(
            try ParallelFileDriver.profile(
                path: path, options: ProfileOptions(), policy: ChunkingPolicy(parts: parts, minimumBytesPerPart: 1)))
        #expect(inChunks == onePass)
        #expect(inChunks.source.encoding == "windows-1252")
        #expect(inChunks.columns[1].topValues.first?.value == "Liège 1")
        // Row 97's ragged record starts after 97 data rows of 21 to 23 stored bytes: its stored offset, counted
        // from the file's bytes, not from the longer decoding.
        let ragged = try #require(inChunks.findings.first { $0.kind == .raggedRow })
        let firstRagged = try #require(
            stored.indices.first { stored[$0...].starts(with: Array("\r\n97,ragged".utf8)) })
        #expect(ragged.byteOffset == firstRagged + 2)
        #expect(ragged.count == 4)
        #expect(inChunks.duplicateRows == 1)
    }

    /// A generated file whose first half holds no duplicate row while the second half repeats rows of the
    /// first (so the first duplicate must be found across the cut), with quoted newlines and CRLF endings.
    @Test func duplicateAcrossTheCutIsFoundWithItsLine() throws {
        var text = "id,note,amount\r\n"
        for row in 1...400 { text += "\(row),\"line one\nline \(row)\",\(Double(row) / 4)\r\n" }
        for row in [7, 300, 7] { text += "\(row),\"line one\nline \(row)\",\(Double(row) / 4)\r\n" }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("dq-chunk-\(UUID().uuidString).csv")
        try Data(text.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let report = try #require(
            try ParallelFileDriver.profile(
                path: url.path, options: ProfileOptions(), policy: ChunkingPolicy(parts: 2, minimumBytesPerPart: 1)))
        // 400 rows of 2 lines each after the header line: row 7's copy starts on line 2 + 400 * 2 = 802.
        #expect(report.rows == 403)
        #expect(report.duplicateRows == 3)
        let finding = try #require(report.findings.first { $0.kind == .duplicateRow })
        #expect(finding.firstLine == 802)
        #expect(finding.count == 3)
        #expect(finding.example == "7,\"line one\nline 7\",1.75")
    }
}
