/// Profiles CSV bytes that arrive in pieces: a network body, a decompressor's output, a pipe. The driver
/// under ``Profiler/profile(fileAt:progressInterval:progress:invalidRows:)`` for inputs read in one pass, and
/// the type a Swift caller feeds byte buffers to.
///
/// Feed the pieces in order with ``feed(_:)-(UnsafeRawBufferPointer)``, then call ``finish()`` once. Pieces may
/// cut records, lines and UTF-8 sequences anywhere. The pieces are the text: a compressed input is decompressed
/// before it comes here (``ByteSource``). Until the input-prefix decision is made (byte order mark and the
/// delimiter, given or detected from the first 64 KiB) the first bytes are held; after that nothing is held but
/// the record being read.
/// Not `Sendable`: one task feeds one driver.
public final class ByteStreamDriver {
    private let options: ProfileOptions
    private let sourceName: String
    private var held: [UInt8] = []
    private var bytesRead = 0
    private var validator = StreamingUTF8Validator()
    /// The input's first bytes, for the delimiter alternative when the delimiter is given
    /// (``DelimiterSniffer/alternative(columnCount:options:body:bodyLength:)``).
    private var leadingBytes: [UInt8] = []
    private var prefix: InputPrefix?
    private var profiler: RecordProfiler?
    private var reader: CSVRecordReader<RecordProfiler>?
    private var isFinished = false
    /// For a partial profile: what its record profiler keeps (``PartialProfileSettings``); nil for a report.
    var partialProfileSettings: PartialProfileSettings?
    /// The input's size in bytes when known (a regular file), to size the duplicate-row set from the first
    /// lines' length (``estimatedRows(bytes:sample:)``).
    var expectedBytes: Int?

    /// Data records read so far (for progress).
    var rowsRead: Int { profiler?.tallies.rows ?? 0 }
    /// Each column's conformance judge, once ``finish()`` returned (for the failing-rows pass).
    private(set) var conformanceJudges: [ConformanceJudge] = []

    /// - Parameters:
    ///   - options: the profile's options.
    ///   - sourceName: the label reported as `source.path` and in error messages.
    /// - Throws: ``ProfileError`` `invalidOption` when the options are out of range.
    public init(options: ProfileOptions, sourceName: String = "-") throws {
        try options.validate()
        self.options = options
        self.sourceName = sourceName
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
        if options.delimiter != nil, leadingBytes.count < InputPrefix.markBytes + DelimiterSniffer.sampleBytes + 1 {
            leadingBytes.append(
                contentsOf: piece.prefix(InputPrefix.markBytes + DelimiterSniffer.sampleBytes + 1 - leadingBytes.count))
        }
        if let reader {
            try reader.feed(piece)
            return
        }
        held.append(contentsOf: piece)
        if held.count >= InputPrefix.length(options: options) { try start() }
    }

    /// Reads the next piece.
    public func feed(_ piece: [UInt8]) throws {
        try piece.withUnsafeBytes { try feed($0) }
    }

    /// Ends the input and returns the report.
    /// - Throws: as ``feed(_:)-(UnsafeRawBufferPointer)``.
    public func finish() throws -> Report {
        let source = try finishReading()
        var (report, judges) = try ReportBuilder.build(
            from: profiler!.state(delimiter: source.delimiter), policy: ScoringPolicy(options: options), source: source)
        conformanceJudges = judges
        let dataStart = prefix!.dataStart
        report.source.delimiterAlternative = leadingBytes.withUnsafeBytes { all in
            DelimiterSniffer.alternative(
                columnCount: report.columns.count, options: options,
                body: UnsafeRawBufferPointer(rebasing: all[min(dataStart, all.count)...]),
                bodyLength: bytesRead - dataStart)
        }
        return report
    }

    /// Ends the input and returns its partial profile (see ``PartialProfile``).
    /// - Throws: as ``feed(_:)-(UnsafeRawBufferPointer)``.
    func finishPartialProfile() throws -> PartialProfile {
        let source = try finishReading()
        return PartialProfile(state: profiler!.state(delimiter: source.delimiter), source: source, name: sourceName)
    }

    private func finishReading() throws -> SourceDescription {
        precondition(!isFinished, "finish() called twice")
        isFinished = true
        if reader == nil { try start() }
        try reader!.finish()
        try profiler!.finishInput()
        return SourceDescription(
            path: sourceName, bytes: bytesRead, prefix: prefix!, options: options, header: options.hasHeader,
            encoding: prefix!.encoding(bytesAreValidUTF8: validator.isValid && validator.isComplete))
    }

    private func start() throws {
        let prefix = try InputPrefix(firstBytes: held, inputLength: held.count, options: options)
        self.prefix = prefix
        let profiler = try RecordProfiler(options: options, sourceName: sourceName, header: options.hasHeader)
        partialProfileSettings?.apply(to: profiler)
        let reader = CSVRecordReader(
            consumer: profiler, delimiter: prefix.delimiter, quote: options.quote, maxFieldBytes: options.maxFieldBytes,
            startOffset: prefix.dataStart, locatesFaultsExactly: options.strict)
        if let expectedBytes {
            profiler.expectRows(estimatedRows(bytes: expectedBytes, sample: held))
        }
        self.profiler = profiler
        self.reader = reader
        let body = held
        held = []
        try body.withUnsafeBytes { all in try reader.feed(UnsafeRawBufferPointer(rebasing: all[prefix.dataStart...])) }
    }
}
