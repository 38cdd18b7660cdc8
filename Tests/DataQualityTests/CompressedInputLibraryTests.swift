import Foundation
import Testing

@testable import DataQuality

/// The library's side of gzip and zstd input: the source description's typed fields (not in the JSON until
/// schema_version 2), progress in compressed bytes, one stream for a compressed file, and the typed error.
@Suite struct CompressedInputLibraryTests {
    private func fixture(_ relativePath: String) -> String {
        chunkRepositoryRoot.appendingPathComponent(relativePath).path
    }

    /// penguins.csv is 15241 bytes; its gzip copy 2921 and its zstd copy 2641 (ls -l Fixtures/compressed).
    @Test(arguments: [
        ("Fixtures/compressed/penguins.csv.gz", Compression.gzip, 2921),
        ("Fixtures/compressed/penguins.csv.zst", .zstd, 2641)
    ])
    func theSourceSaysHowTheInputWasStoredAndProgressCountsCompressedBytes(
        _ path: String, _ compression: Compression, _ compressedBytes: Int
    ) throws {
        let log = ProgressLog()
        let report = try Profiler().profile(fileAt: fixture(path), progress: log.record)
        #expect(report.source.bytes == 15241)
        #expect(report.source.compression == compression)
        #expect(report.source.compressedBytes == compressedBytes)
        let last = try #require(log.calls.last)
        #expect(last.isFinished)
        #expect(last.bytesRead == compressedBytes)
        #expect(last.totalBytes == compressedBytes)
        #expect(last.rows == 344)
        #expect(log.calls.allSatisfy { $0.bytesRead <= compressedBytes })
    }

    /// The text size that sizes the tables before the records come: a plain file's size; what a gzip trailer or
    /// a zstd frame header states (penguins.csv is 15,241 bytes; the three-member file's last member holds
    /// 8,241 of them and the two-frame file's first frame 7,000, both above their compressed sizes); nil for
    /// standard input. Before, a compressed file was sized by its compressed bytes, so its tables grew (and peaked
    /// above a plain file's) as the text came.
    @Test func aCompressedFileStatesItsTextSize() {
        let sizes: [(String, Int?)] = [
            ("Fixtures/real/penguins.csv", 15_241), ("Fixtures/compressed/penguins.csv.gz", 15_241),
            ("Fixtures/compressed/penguins.csv.zst", 15_241),
            ("Fixtures/compressed/penguins-three-members.csv.gz", 8_241),
            ("Fixtures/compressed/penguins-two-frames.csv.zst", 7_000)
        ]
        for (path, size) in sizes {
            #expect(InputLocation.file(fixture(path)).textSizeHint == size, "\(path)")
        }
        #expect(InputLocation.standardInput.textSizeHint == nil)
    }

    @Test func aPlainInputHasNoCompression() throws {
        let report = try Profiler().profile(fileAt: fixture("Fixtures/real/penguins.csv"))
        #expect(report.source.compression == nil)
        #expect(report.source.compressedBytes == nil)
    }

    /// A compressed regular file is read in one stream even when the chunking policy would cut it: the report
    /// equals the plain file's but for the source's path and storage.
    @Test func aCompressedFileIsNotCutIntoParallelChunks() throws {
        let policy = ChunkingPolicy(parts: 4, minimumBytesPerPart: 1)
        var report = try Profiler().profile(
            fileAt: fixture("Fixtures/compressed/penguins.csv.gz"), chunking: policy)
        let plain = try Profiler().profile(fileAt: fixture("Fixtures/real/penguins.csv"), chunking: policy)
        #expect(report.source.compression == .gzip)
        report.source.path = plain.source.path
        report.source.compression = nil
        report.source.compressedBytes = nil
        #expect(report == plain)
    }

    @Test func aCutStreamThrowsTheTypedProblem() throws {
        let path = fixture("Fixtures/compressed/damaged/gzip-cut.csv.gz")
        let error = try #require(throws: ProfileError.self) { try Profiler().profile(fileAt: path) }
        #expect(error.code == .damagedCompressedInput)
        #expect(error.problem == .damagedCompressedStream(compression: .gzip, offset: 20, damage: .cut))
        #expect(error.path == path)
        #expect(error.byteOffset == nil)
        #expect(
            error.description
                == "\(path): the gzip stream is cut at byte 20 of the compressed input (it ends inside a member).")
    }

    /// The damaged stream is found in a partial profile and by the row hasher too: they read through the same
    /// byte source.
    @Test func everyReaderOfAFileDecompresses() throws {
        let path = fixture("Fixtures/compressed/damaged/penguins-trailing-garbage.csv.gz")
        let problem = ProfileError.Problem.damagedCompressedStream(
            compression: .gzip, offset: 2921, damage: .trailingBytes)
        #expect(throws: ProfileError(problem, path: path)) { try Profiler().partialProfile(fileAt: path) }
        #expect(throws: ProfileError(problem, path: path)) {
            try RowHasher.hashRecords(fileAt: path, options: ProfileOptions(), sourceName: path) { _ in }
        }
    }
}
