/// Profiles CSV bytes that arrive in pieces: a network body, a decompressor's output, a pipe. The driver
/// under ``Profiler/profile(fileAt:progressInterval:progress:invalidRows:)`` for inputs read in one pass, and
/// the type a Swift caller feeds byte buffers to.
///
/// Feed the pieces in order with ``feed(_:)-(UnsafeRawBufferPointer)``, then call ``finish()`` once. Pieces may
/// cut records, lines and UTF-8 sequences anywhere. A compressed input is decompressed before it comes here
/// (``ByteSource``); a text in UTF-16 or a single-byte encoding (named by ``ProfileOptions/encoding``, a UTF-16
/// byte order mark, or detected as windows-1252) is decoded to UTF-8 here (``TextStage``), and offsets in the
/// report count its stored bytes. Until the input-prefix decision is made (not a CSV, byte order mark,
/// the skipped lines and `sep=` line, and the delimiter, given or detected from the first 64 KiB from where
/// records begin) the first bytes are held (the first 64 KiB and the preamble); after that nothing is held but
/// the record being read.
/// Not `Sendable`: one task feeds one driver.
public final class ByteStreamDriver {
    private let options: ProfileOptions
    private let sourceName: String
    private var holder: InputPrefixHolder
    private var bytesRead = 0
    /// Bytes of the text read so far (of its UTF-8 decoding when the input is not UTF-8).
    private var textRead = 0
    /// Decides the encoding and decodes a text that is not UTF-8.
    private let textStage: TextStage
    /// The input's first bytes up to the sample's end, for the advice on the source
    /// (``SourceDescription/advise(columnCount:raggedRows:options:prefix:firstBytes:inputLength:)``).
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
        holder = InputPrefixHolder(options: options)
        textStage = TextStage(given: options.encoding, sourceName: sourceName)
    }

    /// Reads the next piece.
    /// - Throws: ``ProfileError``: `notCSV` once the first 64 KiB are held, `unknownKeyColumn` once the header
    ///   is read, `malformedRecord` or `raggedRecord` under strict reading, `invalidOption` when the delimiter is
    ///   to be detected, the quote is `,` and no candidate is eligible (see ``DelimiterSniffer``).
    /// - Complexity: O(piece length).
    public func feed(_ piece: UnsafeRawBufferPointer) throws {
        precondition(!isFinished, "feed(_:) after finish()")
        bytesRead += piece.count
        try textStage.feed(piece) { try feedText($0) }
    }

    /// Reads the next piece of the text (decoded when the input is not UTF-8).
    private func feedText(_ text: UnsafeRawBufferPointer) throws {
        textRead += text.count
        if let reader {
            try reader.feed(text)
        } else if holder.hold(text) {
            try start()
        }
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
            from: profiler!.state(delimiter: source.delimiter), policy: ScoringPolicy(options: options), source: source,
            linesToSkip: options.linesToSkip)
        conformanceJudges = judges
        leadingBytes.withUnsafeBytes {
            report.source.advise(
                columnCount: report.columns.count, raggedRows: report.raggedRows, options: options, prefix: prefix!,
                firstBytes: $0, inputLength: textRead)
        }
        return report
    }

    /// Ends the input and returns its partial profile (see ``PartialProfile``).
    /// - Throws: as ``feed(_:)-(UnsafeRawBufferPointer)``.
    func finishPartialProfile() throws -> PartialProfile {
        let source = try finishReading()
        return PartialProfile(
            state: profiler!.state(delimiter: source.delimiter), source: source, linesToSkip: options.linesToSkip,
            name: sourceName)
    }

    private func finishReading() throws -> SourceDescription {
        precondition(!isFinished, "finish() called twice")
        isFinished = true
        try textStage.finish { try feedText($0) }
        if reader == nil { try start() }
        try reader!.finish()
        try profiler!.finishInput()
        return SourceDescription(
            path: sourceName, bytes: bytesRead, prefix: prefix!, options: options, header: options.hasHeader,
            encoding: textStage.encoding!.name)
    }

    private func start() throws {
        let held = holder.release()
        let prefix = try InputPrefix(firstBytes: held, inputLength: held.count, options: options, path: sourceName)
        self.prefix = prefix
        leadingBytes = Array(held.prefix(prefix.dataStart + DelimiterSniffer.sampleBytes + 1))
        let profiler = try RecordProfiler(options: options, sourceName: sourceName, header: options.hasHeader)
        partialProfileSettings?.apply(to: profiler)
        profiler.readsDetectedWindows1252 = textStage.isDetected && textStage.encoding == .windows1252
        held.withUnsafeBytes { profiler.tallies.encoding?.noteStart(of: $0, recordsStart: prefix.dataStart) }
        let reader = CSVRecordReader(
            consumer: profiler, delimiter: prefix.delimiter, quote: options.quote, maxFieldBytes: options.maxFieldBytes,
            startOffset: prefix.dataStart, startLine: prefix.firstLine, commentByte: options.commentByte,
            locatesFaultsExactly: options.strict)
        reader.storedOffsets = textStage.offsets
        if let expectedBytes {
            // The sample is the text: a UTF-16 input's text is about half its stored bytes (ASCII decodes to 1
            // byte of 2), so the estimate does not reserve twice the rows.
            let textBytes = textStage.encoding?.isUTF16 == true ? expectedBytes / 2 : expectedBytes
            profiler.expectRows(estimatedRows(bytes: textBytes, sample: held))
        }
        self.profiler = profiler
        self.reader = reader
        try held.withUnsafeBytes { all in try reader.feed(UnsafeRawBufferPointer(rebasing: all[prefix.dataStart...])) }
    }
}
