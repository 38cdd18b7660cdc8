import Foundation

/// Profiles CSV data into a ``Report``: the library's entry point.
///
/// Three sources: a file path (or standard input, `-`), byte buffers the caller feeds in pieces
/// (``ByteStreamDriver``), and rows of strings the caller already holds. All three apply the same contract.
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
    /// - Parameters:
    ///   - path: a file path; `-` reads standard input.
    ///   - progressInterval: the least time between two progress calls of one pass.
    ///   - progress: called with ``ProfileProgress`` on the first chunk read, then at most once per
    ///     `progressInterval`, and once when a pass ends (from the profiling threads, one call at a time);
    ///     `nil` costs nothing.
    /// - Returns: the report; `source.path` is `path` as given.
    /// - Throws: ``ProfileError`` (`cannotRead`, `notCSV` before anything is read when the input is not a CSV,
    ///   `invalidOption`, `unknownKeyColumn`, under `strict` `malformedRecord` or `raggedRecord`).
    /// - Complexity: O(n) time in the file's bytes. To write the failing records too, run a ``QualityCheck``.
    public func profile(
        fileAt path: String, progressInterval: Duration = .milliseconds(250), progress: ProgressHandler? = nil
    ) throws -> Report {
        try profile(fileAt: path, chunking: automaticChunking, progressInterval: progressInterval, progress: progress)
    }

    /// ``ChunkingPolicy/automatic``, within ``ProfileOptions/maximumThreads``.
    private var automaticChunking: ChunkingPolicy {
        var chunking = ChunkingPolicy.automatic
        if let threads = options.maximumThreads { chunking.parts = min(chunking.parts, threads) }
        return chunking
    }

    /// Profiles a file as ``profile(fileAt:progressInterval:progress:)`` does; with `invalidRows`, a second pass
    /// writes the failing records to a CSV file (see ``InvalidRowsCollector``) and counts them. An input that is
    /// not a regular file (standard input, a pipe) is copied during the first pass to a temporary file that is
    /// unlinked as soon as it is created (read back through its descriptor).
    /// - Throws: ``SameFileError`` when the failing-rows file is the input (before reading anything); as
    ///   ``profile(fileAt:progressInterval:progress:)``, and `cannotWrite` for the failing-rows file or the copy.
    /// - Complexity: O(n) time in the file's bytes (twice with `invalidRows`).
    func profileWithFailingRows(
        fileAt path: String, progressInterval: Duration, progress: ProgressHandler?, invalidRows: InvalidRowsRequest?
    ) throws -> (report: Report, invalidRows: Int?) {
        try profileWithFailingRows(
            fileAt: path, chunking: automaticChunking, progressInterval: progressInterval, progress: progress,
            invalidRows: invalidRows)
    }

    /// Profiles a file, in parallel chunks when it is a regular file large enough for `chunking`.
    func profile(
        fileAt path: String, chunking: ChunkingPolicy, progressInterval: Duration = .milliseconds(250),
        progress: ProgressHandler? = nil
    ) throws -> Report {
        try profileWithFailingRows(
            fileAt: path, chunking: chunking, progressInterval: progressInterval, progress: progress, invalidRows: nil
        ).report
    }

    /// Profiles a file as ``profile(fileAt:chunking:progressInterval:progress:)`` does and counts the failing
    /// rows it writes with `invalidRows` (see ``profileWithFailingRows(fileAt:progressInterval:progress:invalidRows:)``).
    func profileWithFailingRows(
        fileAt path: String, chunking: ChunkingPolicy, progressInterval: Duration = .milliseconds(250),
        progress: ProgressHandler? = nil, invalidRows: InvalidRowsRequest?
    ) throws -> (report: Report, invalidRows: Int?) {
        try options.validate()
        if let invalidRows {
            try RunFile.checkDistinct([RunFile(.input, path), RunFile(.invalidRows, invalidRows.path)])
        }
        let location = InputLocation(path: path)
        let tracker = progress.map {
            ProgressTracker(handler: $0, pass: 1, totalBytes: location.regularFileSize, interval: progressInterval)
        }
        var judges: [ConformanceJudge] = []
        var spool: SpoolFile?
        defer { spool?.close() }
        let report: Report
        if case .file(let path) = location,
            let parallel = try ParallelFileDriver.profile(
                path: path, options: options, policy: chunking, progress: tracker, finished: { judges = $0 })
        {
            report = parallel
        } else {
            tracker?.restart()
            let input = try ByteSource.open(location)
            defer { input.close() }
            let driver = try ByteStreamDriver(options: options, sourceName: path)
            driver.expectedBytes = location.textSizeHint
            if invalidRows != nil && !location.canBeReadAgain { spool = try SpoolFile() }
            var rowsReported = 0
            var storedBytesReported = 0
            try input.forEachChunk { chunk in
                try driver.feed(chunk)
                try spool?.write(chunk)
                if let tracker {
                    let rows = driver.rowsRead
                    tracker.advance(bytes: input.storedBytesRead - storedBytesReported, rows: rows - rowsReported)
                    rowsReported = rows
                    storedBytesReported = input.storedBytesRead
                }
            }
            var streamed = try driver.finish()
            streamed.source.takeStorage(of: input)
            report = streamed
            judges = driver.conformanceJudges
        }
        // Progress counts the stored bytes: the compressed ones of a compressed input.
        tracker?.finish(bytes: report.source.compressedBytes ?? report.source.bytes, rows: report.rows)
        guard let invalidRows else { return (report, nil) }
        let input = try spool?.rewound(sourceName: path) ?? ByteSource(openingFileAt: path)
        defer { input.close() }
        let failing = try InvalidRowsPass.run(
            reading: input, report: report, judges: judges,
            options: options, request: invalidRows,
            progress: progress.map {
                ProgressTracker(handler: $0, pass: 2, totalBytes: report.source.bytes, interval: progressInterval)
            })
        return (report, failing)
    }

    /// Profiles a file (or standard input, `-`) in one sequential pass, copying every chunk read into `copy`,
    /// so that an input that cannot be read twice (standard input, a pipe) can be read again from the copy.
    /// - Throws: as ``profile(fileAt:progressInterval:progress:)``.
    func profile(fileAt path: String, copyingInto copy: SpoolFile) throws -> Report {
        try options.validate()
        let input = try ByteSource.open(InputLocation(path: path))
        defer { input.close() }
        return try profile(reading: input, sourceName: path) { try copy.write($0) }
    }

    /// Profiles the copy that ``profile(fileAt:copyingInto:)`` made, read again from its start, in one
    /// sequential pass; `sourceName` names the input in the report and in errors.
    /// - Throws: as ``profile(fileAt:progressInterval:progress:)``.
    func profile(rereading copy: SpoolFile, sourceName: String) throws -> Report {
        try options.validate()
        return try profile(reading: copy.rewound(sourceName: sourceName), sourceName: sourceName) { _ in }
    }

    /// Profiles `input` to its end, handing each chunk to `eachChunk` after profiling it.
    private func profile(
        reading input: ByteSource, sourceName: String, eachChunk: (UnsafeRawBufferPointer) throws -> Void
    ) throws -> Report {
        let driver = try ByteStreamDriver(options: options, sourceName: sourceName)
        try input.forEachChunk { chunk in
            try driver.feed(chunk)
            try eachChunk(chunk)
        }
        var report = try driver.finish()
        report.source.takeStorage(of: input)
        return report
    }

    /// Profiles a file (or standard input, `-`) in one pass into a partial profile, to be merged with the
    /// partial profiles of the input's other parts (``PartialProfile/merge(_:rules:sourceName:)``).
    /// - Parameters:
    ///   - path: a file path; `-` reads standard input.
    ///   - rowPositionLimit: distinct rows up to which the state carries its row hashes with each row's first
    ///     record (for exact duplicate counts across parts); past it the state carries none.
    ///   - rowsPartitionedByHash: declares that equal records never fall in two different parts (the records
    ///     were partitioned by `dqcli rowhash`'s hash), so merged duplicate counts add.
    /// - Returns: the state; ``PartialProfile/encoded`` is its JSON line.
    /// - Throws: as ``profile(fileAt:progressInterval:progress:)``.
    /// - Complexity: O(n) in the input's bytes; memory as a profile plus the kept row positions.
    public func partialProfile(
        fileAt path: String, rowPositionLimit: Int = PartialProfile.defaultRowPositionLimit,
        rowsPartitionedByHash: Bool = false
    ) throws -> PartialProfile {
        try options.validate()
        let input = try ByteSource.open(InputLocation(path: path))
        defer { input.close() }
        let driver = try ByteStreamDriver(options: options, sourceName: path)
        driver.partialProfileSettings = PartialProfileSettings(
            rowPositionLimit: rowPositionLimit, rowsPartitionedByHash: rowsPartitionedByHash)
        try input.forEachChunk { try driver.feed($0) }
        var profile = try driver.finishPartialProfile()
        profile.sourceDescription?.takeStorage(of: input)
        return profile
    }

    /// Profiles bytes held in memory into a partial profile (see ``partialProfile(fileAt:rowPositionLimit:rowsPartitionedByHash:)``).
    public func partialProfile(
        bytes: [UInt8], sourceName: String = "-", rowPositionLimit: Int = PartialProfile.defaultRowPositionLimit,
        rowsPartitionedByHash: Bool = false
    ) throws -> PartialProfile {
        let driver = try ByteStreamDriver(options: options, sourceName: sourceName)
        driver.partialProfileSettings = PartialProfileSettings(
            rowPositionLimit: rowPositionLimit, rowsPartitionedByHash: rowsPartitionedByHash)
        try bytes.withUnsafeBytes { try driver.feed($0) }
        return try driver.finishPartialProfile()
    }

    /// Profiles bytes held in memory.
    /// - Parameters:
    ///   - bytes: the whole CSV text, as bytes.
    ///   - sourceName: the label reported as `source.path`.
    /// - Throws: as ``profile(fileAt:)``, except `cannotRead`.
    public func profile(bytes: [UInt8], sourceName: String = "-") throws -> Report {
        let driver = try ByteStreamDriver(options: options, sourceName: sourceName)
        try bytes.withUnsafeBytes { try driver.feed($0) }
        return try driver.finish()
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
        let prefix = InputPrefix(
            byteOrderMark: nil, delimiter: options.delimiter ?? DelimiterSniffer.fallback,
            delimiterWasDetected: false)
        let source = SourceDescription(
            path: sourceName, bytes: 0, prefix: prefix, options: options, header: columnNames != nil,
            encoding: "utf-8")
        return try ReportBuilder.build(
            from: engine.state(delimiter: source.delimiter), policy: ScoringPolicy(options: options), source: source,
            linesToSkip: options.linesToSkip
        ).report
    }
}
