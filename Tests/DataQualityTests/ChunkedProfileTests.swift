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
    let cases =
        (try? manager.contentsOfDirectory(atPath: chunkRepositoryRoot.appendingPathComponent("Fixtures/cases").path))
        ?? []
    paths += cases.sorted().map { "Fixtures/cases/\($0)/input.csv" }
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
