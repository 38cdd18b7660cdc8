import Foundation
import Testing

@testable import DataQuality

/// Collects progress calls (the handler is `@Sendable`); CompressedInputLibraryTests uses it too.
final class ProgressLog: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [ProfileProgress] = []

    var calls: [ProfileProgress] { lock.withLock { items } }

    func record(_ progress: ProfileProgress) { lock.withLock { items.append(progress) } }
}

private let testRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// A temporary CSV of `records` lines `12345,name` after a header, and its size in bytes.
private func writeTemporaryCSV(records: Int) throws -> (URL, Int) {
    let text = "id,name\n" + String(repeating: "12345,name\n", count: records)
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("progress-\(UUID().uuidString).csv")
    try Data(text.utf8).write(to: url)
    return (url, text.utf8.count)
}

@Suite struct ProgressTests {
    @Test func finalCallHasTheWholeFileAndEveryRow() throws {
        let path = testRoot.appendingPathComponent("Fixtures/real/penguins.csv").path
        let log = ProgressLog()
        let report = try Profiler().profile(fileAt: path, progress: log.record)
        let calls = log.calls
        #expect(calls.count == 2, "one chunk, then the end: \(calls)")
        #expect(calls.allSatisfy { $0.pass == 1 && $0.totalBytes == 15241 })
        #expect(calls.last?.isFinished == true)
        #expect(calls.last?.bytesRead == 15241)
        #expect(calls.last?.rows == 344)
        #expect(report.rows == 344)
    }

    /// 1 MiB chunks: with no interval every chunk reports; with an hour only the first chunk and the end.
    @Test func callsAreThrottledByTheInterval() throws {
        let (url, size) = try writeTemporaryCSV(records: 250_000)
        defer { try? FileManager.default.removeItem(at: url) }
        let chunks = (size + (1 << 20) - 1) >> 20
        #expect(chunks >= 3)

        let everyChunk = ProgressLog()
        _ = try Profiler().profile(fileAt: url.path, progressInterval: .zero, progress: everyChunk.record)
        let calls = everyChunk.calls
        #expect(calls.count == chunks + 1)
        #expect(calls.map(\.bytesRead) == (1...chunks).map { min($0 << 20, size) } + [size])
        #expect(
            zip(calls, calls.dropFirst()).allSatisfy { $0.rows <= $1.rows && $0.elapsedSeconds <= $1.elapsedSeconds })
        #expect(calls.filter(\.isFinished).count == 1)
        #expect(calls.last?.rows == 250_000)

        let hourly = ProgressLog()
        _ = try Profiler().profile(fileAt: url.path, progressInterval: .seconds(3600), progress: hourly.record)
        #expect(hourly.calls.map(\.bytesRead) == [1 << 20, size])
    }

    @Test func theFailingRowsPassReportsToo() throws {
        let path = testRoot.appendingPathComponent("Fixtures/crafted/invalid-rows.csv").path
        let target = FileManager.default.temporaryDirectory.appendingPathComponent("invalid-\(UUID().uuidString).csv")
        defer { try? FileManager.default.removeItem(at: target) }
        let log = ProgressLog()
        let outcome = try QualityCheck(
            options: ProfileOptions(), rules: nil, historyPath: nil, datasetName: nil, now: 0
        )
        .run(.file(path: path, progress: log.record, invalidRows: InvalidRowsRequest(path: target.path))) { _ in }
        #expect(outcome.checked.invalidRows == 8)
        let second = log.calls.filter { $0.pass == 2 }
        #expect(second.last?.isFinished == true)
        #expect(second.last?.bytesRead == second.last?.totalBytes)
        // 14 data records, as the report counts them (line 8 is blank, lines 13-14 one record; no header).
        #expect(second.last?.rows == 14)
    }

    @Test(arguments: [
        (
            ProfileProgress(
                pass: 1, bytesRead: 1 << 20, totalBytes: 4 << 20, rows: 52_000, elapsedSeconds: 0.5, isFinished: false),
            "1.0 MiB of 4.0 MiB (25%), 52,000 rows, 2.0 MiB/s, 0:02 left"
        ),
        (
            ProfileProgress(pass: 1, bytesRead: 1500, totalBytes: nil, rows: 1, elapsedSeconds: 2, isFinished: false),
            "1 row, 750 B/s"
        ),
        (
            ProfileProgress(
                pass: 2, bytesRead: 15241, totalBytes: 15241, rows: 345, elapsedSeconds: 0.25, isFinished: true),
            "failing rows: 14.9 KiB of 14.9 KiB (100%), 345 rows, 59.5 KiB/s, 0:00 left"
        ),
        (
            ProfileProgress(pass: 1, bytesRead: 0, totalBytes: 3 << 30, rows: 0, elapsedSeconds: 0, isFinished: false),
            "0 B of 3.0 GiB (0%), 0 rows"
        ),
        (
            ProfileProgress(
                pass: 1, bytesRead: 1 << 30, totalBytes: 5000 << 20, rows: 1_234_567, elapsedSeconds: 10,
                isFinished: false),
            "1.0 GiB of 4.9 GiB (20%), 1,234,567 rows, 102.4 MiB/s, 0:39 left"
        )
    ])
    func lineTextIsComputedFromTheProgress(_ progress: ProfileProgress, _ text: String) {
        #expect(ProgressLine.text(for: progress) == text)
    }

    @Test func narrowTerminalsDropTheLastPartsFirst() {
        let progress = ProfileProgress(
            pass: 1, bytesRead: 1 << 20, totalBytes: 4 << 20, rows: 52_000, elapsedSeconds: 0.5, isFinished: false)
        // Whole: "1.0 MiB of 4.0 MiB (25%), 52,000 rows, 2.0 MiB/s, 0:02 left" (59 characters).
        #expect(
            ProgressLine.text(for: progress, columns: 60)
                == "1.0 MiB of 4.0 MiB (25%), 52,000 rows, 2.0 MiB/s, 0:02 left")
        #expect(ProgressLine.text(for: progress, columns: 59) == "1.0 MiB of 4.0 MiB (25%), 52,000 rows, 2.0 MiB/s")
        #expect(ProgressLine.text(for: progress, columns: 40) == "1.0 MiB of 4.0 MiB (25%), 52,000 rows")
        #expect(ProgressLine.text(for: progress, columns: 20) == "1.0 MiB of 4.0 MiB ")
    }

    @Test func durationsRoundUpToWholeSeconds() {
        #expect(ProgressLine.duration(0) == "0:00")
        #expect(ProgressLine.duration(0.2) == "0:01")
        #expect(ProgressLine.duration(75) == "1:15")
        #expect(ProgressLine.duration(3723) == "1:02:03")
    }
}
