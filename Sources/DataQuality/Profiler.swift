import Foundation

/// Profiles CSV data into a ``Report``: the library's entry point.
///
/// Three sources: a file path (or standard input, `-`), byte buffers the caller feeds in pieces
/// (``ByteStreamProfiler``), and rows of strings the caller already holds. All three apply the same contract.
/// A `Profiler` holds only its options: it is a value, `Sendable`, and keeps no global state, so any number
/// can run at once on different tasks.
///
/// Memory does not grow with the input apart from the duplicate-row fingerprints (see ``DuplicateRowSet``)
/// and each column's exact distinct set, which holds at most ``ProfileOptions/exactDistinctLimit`` non-null
/// values (their bytes plus about 64 bytes each) before the column switches to a HyperLogLog sketch.
public struct Profiler: Sendable {
    /// The options every profile of this profiler uses.
    public var options: ProfileOptions

    /// Creates a profiler.
    public init(options: ProfileOptions = ProfileOptions()) {
        self.options = options
    }

    /// Profiles a file, streaming it in 1 MiB chunks; a regular file of 16 MiB or more is cut into
    /// record-aligned chunks profiled on all cores and merged (the same report, sooner).
    /// - Parameter path: a file path; `-` reads standard input.
    /// - Returns: the report; `source.path` is `path` as given.
    /// - Throws: ``ProfileError`` (`cannotRead`, `invalidOption`, `unknownKeyColumn`, and under `strict`
    ///   `malformedRecord` or `raggedRecord`).
    /// - Complexity: O(n) time in the file's bytes.
    public func profile(fileAt path: String) throws -> Report {
        var chunking = ChunkingPolicy.automatic
        if let threads = options.maximumThreads { chunking.parts = min(chunking.parts, threads) }
        return try profile(fileAt: path, chunking: chunking)
    }

    /// Profiles a file, in parallel chunks when it is a regular file large enough for `chunking`.
    func profile(fileAt path: String, chunking: ChunkingPolicy) throws -> Report {
        try options.validate()
        if path != "-", let report = try ParallelFileProfiler.profile(path: path, options: options, policy: chunking) {
            return report
        }
        let input: ByteSource
        if path == "-" {
            input = ByteSource(fileDescriptor: 0, path: path, closesWhenDone: false)
        } else {
            input = try ByteSource(openingFileAt: path)
        }
        defer { input.close() }
        let engine = try ByteStreamProfiler(options: options, sourceName: path)
        try input.forEachChunk { chunk in try engine.feed(chunk) }
        return try engine.finish()
    }

    /// Profiles bytes held in memory.
    /// - Parameters:
    ///   - bytes: the whole CSV text, as bytes.
    ///   - sourceName: the label reported as `source.path`.
    /// - Throws: as ``profile(fileAt:)``, except `cannotRead`.
    public func profile(bytes: [UInt8], sourceName: String = "-") throws -> Report {
        let engine = try ByteStreamProfiler(options: options, sourceName: sourceName)
        try bytes.withUnsafeBytes { try engine.feed($0) }
        return try engine.finish()
    }

    /// Profiles rows of strings the caller already holds, without CSV parsing.
    ///
    /// Each row is one record; row `i` (0-based) is reported as line `i + 2` with column names given, as if a
    /// header stood on line 1, else as line `i + 1`. There are no blank lines, malformed rows or byte offsets.
    /// Values are compared as their UTF-8 bytes.
    /// - Parameters:
    ///   - rows: the records, in order.
    ///   - columnNames: the header; `nil` names the columns `column_1`... after the first row's width.
    ///   - sourceName: the label reported as `source.path`.
    /// - Throws: ``ProfileError`` (`invalidOption`, `unknownKeyColumn`, and under `strict` `raggedRecord`).
    /// - Complexity: O(total bytes of the values).
    public func profile(
        rows: some Sequence<[String]>, columnNames: [String]?, sourceName: String = "rows"
    ) throws -> Report {
        try options.validate()
        let engine = try RecordProfiler(
            options: options, sourceName: sourceName, header: columnNames != nil, reportsByteOffsets: false)
        var line = 1
        if let columnNames {
            try engine.observeRecord(fields: columnNames.map { Array($0.utf8) }, line: 1)
            line = 2
        }
        for row in rows {
            try engine.observeRecord(fields: row.map { Array($0.utf8) }, line: line)
            line += 1
        }
        try engine.finishInput()
        return engine.finish(
            source: SourceDescription(
                path: sourceName, bytes: 0, delimiter: options.delimiter ?? UInt8(ascii: ","),
                quote: options.quote, header: columnNames != nil, encoding: "utf-8", byteOrderMark: false))
    }
}
