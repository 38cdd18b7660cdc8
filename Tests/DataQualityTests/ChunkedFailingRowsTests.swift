import Foundation
import Testing

@testable import DataQuality

private let failingRowsRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// Collects progress calls (the handler is `@Sendable` and called from the chunk workers).
private final class CallLog: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [ProfileProgress] = []
    var calls: [ProfileProgress] { lock.withLock { items } }
    func record(_ progress: ProfileProgress) { lock.withLock { items.append(progress) } }
}

/// The failing-rows pass judges with the columns of the merged partial profiles exactly as with the
/// one-pass columns, and progress adds up over the chunk workers.
@Suite struct ChunkedFailingRowsTests {
    @Test(arguments: [
        "Fixtures/crafted/invalid-rows.csv", "Fixtures/crafted/case-variants.csv", "Fixtures/crafted/mixed-large.csv",
        "Fixtures/real/flights-sample.csv", "Fixtures/crafted/redaction.csv"
    ])
    func chunkedRunWritesTheSameFailingRows(_ fixture: String) throws {
        let path = failingRowsRoot.appendingPathComponent(fixture).path
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("chunked-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let onePassFile = folder.appendingPathComponent("one.csv").path
        let chunkedFile = folder.appendingPathComponent("chunked.csv").path
        let size = try #require(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)

        // The file is cut (no fall-back to one pass), so the chunked run below merges partial profiles.
        #expect(
            try ParallelFileDriver.profile(
                path: path, options: ProfileOptions(), policy: ChunkingPolicy(parts: 3, minimumBytesPerPart: 1)) != nil)
        let onePass = try Profiler().profileWithFailingRows(
            fileAt: path, chunking: ChunkingPolicy(parts: 1, minimumBytesPerPart: 1),
            invalidRows: InvalidRowsRequest(path: onePassFile, includesNulls: true))
        let log = CallLog()
        let chunked = try Profiler().profileWithFailingRows(
            fileAt: path, chunking: ChunkingPolicy(parts: 3, minimumBytesPerPart: 1), progressInterval: .zero,
            progress: log.record, invalidRows: InvalidRowsRequest(path: chunkedFile, includesNulls: true))
        #expect(chunked.invalidRows == onePass.invalidRows)
        #expect(
            try Data(contentsOf: URL(fileURLWithPath: chunkedFile))
                == Data(contentsOf: URL(fileURLWithPath: onePassFile)))

        let first = log.calls.filter { $0.pass == 1 }
        #expect(
            first.last?.isFinished == true && first.last?.bytesRead == size && first.last?.rows == chunked.report.rows)
        // Workers add their own pieces: the running totals only grow.
        #expect(zip(first, first.dropFirst()).allSatisfy { $0.bytesRead <= $1.bytesRead && $0.rows <= $1.rows })
        #expect(first.dropLast().allSatisfy { $0.bytesRead <= size })
    }

    /// Past the exact bound the failing rows judge a written number by its reading, as the report counts it:
    /// `numbers-past-limit.csv` with the bound at 3 lists the rows of the exact run, line 7 (`betrag` 1500,00
    /// mixed) and line 8 (`menge` 4567 mixed), in one pass and in 3 chunks.
    @Test(arguments: [1, 3])
    func writtenNumbersPastTheExactBoundFailAsInTheReport(parts: Int) throws {
        let path = failingRowsRoot.appendingPathComponent("Fixtures/crafted/numbers-past-limit.csv").path
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("past-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let failing = folder.appendingPathComponent("failing.csv").path
        var options = ProfileOptions()
        options.exactDistinctLimit = 3
        let run = try Profiler(options: options).profileWithFailingRows(
            fileAt: path, chunking: ChunkingPolicy(parts: parts, minimumBytesPerPart: 1),
            invalidRows: InvalidRowsRequest(path: failing, includesNulls: false))
        #expect(run.invalidRows == 2)
        #expect(
            try String(contentsOfFile: failing, encoding: .utf8)
                == "line,reasons,id,betrag,menge,rabatt,spaet,frueh\r\n"
                + "7,betrag: mixed_formats,6,\"1500,00\",\"1,000,000\",3 %,\"3,141\",\"6,789\"\r\n"
                + "8,menge: mixed_formats,7,\"7,25\",4567,20 %,\"2,718\",\"8,765\"\r\n")
    }
}
