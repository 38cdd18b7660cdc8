/// Profiles CSV bytes that arrive in pieces: a network body, a decompressor's output, a pipe.
///
/// Feed the pieces in order with ``feed(_:)-(UnsafeRawBufferPointer)``, then call ``finish()`` once. Pieces may
/// cut records, lines and UTF-8 sequences anywhere. Until the delimiter is known (given, or detected from the
/// first 64 KiB) the first bytes are held; after that nothing is held but the record being read.
/// Not `Sendable`: one task feeds one profiler.
public final class ByteStreamDriver {
    private static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    private let options: ProfileOptions
    private let sourceName: String
    private var held: [UInt8] = []
    private var bytesRead = 0
    private var validator = StreamingUTF8Validator()
    /// The input's first bytes: 3 (for the encoding and compression checks), or, when the delimiter is
    /// given, enough for the sniffer's sample too (``DelimiterSniffer/alternative(columnCount:options:body:bodyLength:)``).
    private var leadingBytes: [UInt8] = []
    private let leadingBytesKept: Int
    private var hasByteOrderMark = false
    private var delimiter: UInt8?
    private var profiler: RecordProfiler?
    private var reader: CSVRecordReader<RecordProfiler>?
    private var isFinished = false
    /// For a partial profile: the row-position limit (``RecordProfiler/keepRowPositions(limit:)``) and
    /// whether the records were partitioned by row hash; nil for a report.
    var partialProfileSettings: (rowPositionLimit: Int, rowsPartitionedByHash: Bool)?
    /// The input's size in bytes when known (a regular file), to size the duplicate-row set from the first
    /// lines' length (``estimatedRows(bytes:sample:)``).
    var expectedBytes: Int?

    /// Data records read so far (for progress).
    var rowsRead: Int { profiler?.rows ?? 0 }
    /// Each column's conformance judge, once ``finish()`` returned (for the failing-rows pass).
    var conformanceJudges: [ConformanceJudge] { profiler?.judges ?? [] }

    /// - Parameters:
    ///   - options: the profile's options.
    ///   - sourceName: the label reported as `source.path` and in error messages.
    /// - Throws: ``ProfileError`` `invalidOption` when the options are out of range.
    public init(options: ProfileOptions, sourceName: String = "-") throws {
        try options.validate()
        self.options = options
        self.sourceName = sourceName
        leadingBytesKept = options.delimiter == nil ? 3 : 3 + DelimiterSniffer.sampleBytes + 1
    }

    /// Reads the next piece.
    /// - Throws: ``ProfileError``: `unknownKeyColumn` once the header is read, `malformedRecord` or
    ///   `raggedRecord` under strict reading, `invalidOption` when the delimiter is to be detected, the quote
    ///   is `,` and no candidate is eligible (see ``DelimiterSniffer``).
    /// - Complexity: O(piece length).
    public func feed(_ piece: UnsafeRawBufferPointer) throws {
        precondition(!isFinished, "feed(_:) after finish()")
        bytesRead += piece.count
        validator.feed(piece)
        if leadingBytes.count < leadingBytesKept {
            leadingBytes.append(contentsOf: piece.prefix(leadingBytesKept - leadingBytes.count))
        }
        if let reader {
            try reader.feed(piece)
            return
        }
        held.append(contentsOf: piece)
        let needed = options.delimiter == nil ? 3 + DelimiterSniffer.sampleBytes + 1 : 3
        if held.count >= needed { try start() }
    }

    /// Reads the next piece.
    public func feed(_ piece: [UInt8]) throws {
        try piece.withUnsafeBytes { try feed($0) }
    }

    /// Ends the input and returns the report.
    /// - Throws: as ``feed(_:)-(UnsafeRawBufferPointer)``.
    public func finish() throws -> Report {
        let source = try finishReading()
        var report = profiler!.finish(source: source)
        let bodyStart = hasByteOrderMark ? 3 : 0
        report.source.delimiterAlternative = leadingBytes.withUnsafeBytes { all in
            DelimiterSniffer.alternative(
                columnCount: report.columns.count, options: options,
                body: UnsafeRawBufferPointer(rebasing: all[min(bodyStart, all.count)...]), bodyLength: bytesRead - bodyStart)
        }
        return report
    }

    /// Ends the input and returns its partial profile (see ``PartialProfile``).
    /// - Throws: as ``feed(_:)-(UnsafeRawBufferPointer)``.
    func finishPartialProfile() throws -> PartialProfile {
        let source = try finishReading()
        return PartialProfile(profiler: profiler!, source: source, options: options, name: sourceName)
    }

    private func finishReading() throws -> SourceDescription {
        precondition(!isFinished, "finish() called twice")
        isFinished = true
        if reader == nil { try start() }
        try reader!.finish()
        try profiler!.finishInput()
        let encoding: String
        if leadingBytes.starts(with: [0xFF, 0xFE]) || leadingBytes.starts(with: [0xFE, 0xFF]) {
            encoding = "utf-16"
        } else {
            encoding = validator.isValid && validator.isComplete ? "utf-8" : "windows-1252"
        }
        return SourceDescription(
            path: sourceName, bytes: bytesRead, delimiter: delimiter!, quote: options.quote,
            header: options.hasHeader, encoding: encoding, byteOrderMark: hasByteOrderMark,
            delimiterWasDetected: options.delimiter == nil, isGzipCompressed: leadingBytes.starts(with: [0x1F, 0x8B]))
    }

    private func start() throws {
        hasByteOrderMark = held.starts(with: Self.byteOrderMark)
        let bodyStart = hasByteOrderMark ? 3 : 0
        let chosen = try held.withUnsafeBytes { all in
            let body = UnsafeRawBufferPointer(rebasing: all[bodyStart...])
            return try DelimiterSniffer.delimiter(options: options, body: body, bodyLength: body.count)
        }
        delimiter = chosen
        let profiler = try RecordProfiler(options: options, sourceName: sourceName, header: options.hasHeader)
        if let settings = partialProfileSettings {
            profiler.keepRowPositions(limit: settings.rowPositionLimit)
            profiler.rowsPartitionedByHash = settings.rowsPartitionedByHash
        }
        let reader = CSVRecordReader(
            consumer: profiler, delimiter: chosen, quote: options.quote, maxFieldBytes: options.maxFieldBytes,
            startOffset: bodyStart, locatesFaultsExactly: options.strict)
        if let expectedBytes {
            profiler.expectRows(estimatedRows(bytes: expectedBytes, sample: held))
        }
        self.profiler = profiler
        self.reader = reader
        let body = held
        held = []
        try body.withUnsafeBytes { all in try reader.feed(UnsafeRawBufferPointer(rebasing: all[bodyStart...])) }
    }
}
