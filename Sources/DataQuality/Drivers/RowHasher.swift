import Foundation

/// `dqcli rowhash`: each record of a CSV input with its row hash, source line and exact bytes, one text line
/// per record, so an engine (Spark) can move records one per line and partition them by dqcli's own hash.
///
/// Output, one line per record after the header (blank lines and malformed records included, the header not),
/// in input order: `HASH<TAB>SOURCE<TAB>LINE<TAB>RECORD<LF>` where HASH is the ``RowHash`` (32 hex digits),
/// SOURCE the source name, LINE the 1-based line the record starts on, and RECORD the base64 (RFC 4648,
/// standard alphabet, padded) of the record's bytes exactly as in the input: from its first byte up to the
/// next record's or comment line's first byte (its line ending included; a last record without one has none). A
/// BOM, skipped lines, a `sep=` line and comment lines are part of no record. Records are cut exactly as ``Profiler`` cuts them (the same reader, dialect detection and
/// field limit), so `dqcli profile --record-encoding base64` reads them back as the same records.
///
/// The encoding is decided once, from the input's head, as ``Profiler`` decides it (a UTF-16 byte order mark,
/// else ``ProfileOptions/encoding``, else detected): a text in another encoding than UTF-8 is decoded to find
/// its records and fields, HASH is that of the decoded fields, and RECORD still holds the stored bytes. Every
/// part must then be profiled with that encoding (``encoding``, which ``notes`` carry).
///
/// Feed the input in pieces of any size with ``feed(_:)``, then call ``finish()`` once. Not `Sendable`.
/// Memory: the first 64 KiB (and a longer preamble) until the delimiter is known, then the record being read
/// plus the last piece fed, nothing per record.
public final class RowHasher {
    /// A record met but not yet written: its bytes end where the next record starts.
    private struct PendingRecord {
        var hash: RowHash
        var line: Int
        var byteOffset: Int
        var isHeader: Bool
    }

    /// Receives the reader's records, blank lines and comment lines.
    private final class Collector: RecordConsumer {
        unowned let hasher: RowHasher
        var headerPending: Bool
        let sourceName: String
        let maxFieldBytes: Int

        init(hasher: RowHasher, hasHeader: Bool, sourceName: String, maxFieldBytes: Int) {
            self.hasher = hasher
            headerPending = hasHeader
            self.sourceName = sourceName
            self.maxFieldBytes = maxFieldBytes
        }

        func blankLine(line: Int, byteOffset: Int, text: UnsafeRawBufferPointer) throws {
            try hasher.met(PendingRecord(hash: .blankLine, line: line, byteOffset: byteOffset, isHeader: false))
        }

        func commentLine(line: Int, byteOffset: Int) throws {
            try hasher.endPending(at: byteOffset)
        }

        func record(
            _ fields: RecordBuffer, line: Int, byteOffset: Int, fault: RecordFault?, rawText: UnsafeRawBufferPointer,
            isComplete: Bool
        ) throws {
            let isHeader = headerPending
            headerPending = false
            if isHeader, let fault, fault.kind == .fieldTooLong {
                throw ProfileError.headerFieldTooLong(
                    path: sourceName, line: line, byteOffset: fault.byteOffset, limit: maxFieldBytes)
            }
            try hasher.met(
                PendingRecord(
                    hash: RowHash(encodedRow: fields.encoded), line: line, byteOffset: byteOffset, isHeader: isHeader))
        }
    }

    /// Output is handed to `write` in batches of about this many bytes.
    private static let batchBytes = 1 << 16

    private let options: ProfileOptions
    private let sourceName: String
    private let sourceNameBytes: [UInt8]
    private let write: (UnsafeRawBufferPointer) throws -> Void
    private var holder: InputPrefixHolder
    /// Decides the encoding and decodes a text that is not UTF-8.
    private let textStage: TextStage
    private var reader: CSVRecordReader<Collector>?
    private var collector: Collector?
    /// Stored input bytes from ``windowStart`` (absolute offset) on: the pending record's bytes and what follows
    /// (before the input-prefix decision: every byte so far).
    private var window: [UInt8] = []
    private var windowStart = 0
    private var pending: PendingRecord?
    private var output: [UInt8] = []
    private var isFinished = false

    /// The delimiter used, once known (given, or detected from the first 64 KiB).
    public private(set) var delimiter: UInt8?
    /// The input's encoding, once decided (with the first 64 KiB): each part's profile must read the records
    /// in it (``ProfileOptions/encoding``).
    public var encoding: TextEncoding? { textStage.encoding }
    /// What the caller should be told about the input (records in another encoding than UTF-8), once the
    /// delimiter is known.
    public private(set) var notes: [InputNote] = []

    /// - Parameters:
    ///   - options: the dialect (``ProfileOptions/delimiter``, detected when nil; ``ProfileOptions/quote``),
    ///     ``ProfileOptions/hasHeader``, ``ProfileOptions/maxFieldBytes``, ``ProfileOptions/linesToSkip``,
    ///     ``ProfileOptions/commentByte`` and ``ProfileOptions/encoding``, which decide where records are and
    ///     end; the other options do not matter here.
    ///   - sourceName: SOURCE on every line.
    ///   - write: receives the output text (UTF-8 lines as above) in batches, in order; the buffer is valid
    ///     only during the call.
    /// - Throws: ``ProfileError`` `invalidOption` when the options are out of range or `sourceName` holds a
    ///   tab, CR or LF.
    public init(
        options: ProfileOptions, sourceName: String, write: @escaping (UnsafeRawBufferPointer) throws -> Void
    ) throws {
        try options.validate()
        if sourceName.utf8.contains(where: { $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) {
            throw ProfileError(.sourceNameHoldsLineBreak, path: sourceName)
        }
        self.options = options
        self.sourceName = sourceName
        self.sourceNameBytes = Array(sourceName.utf8)
        self.write = write
        holder = InputPrefixHolder(options: options)
        textStage = TextStage(given: options.encoding, sourceName: sourceName)
    }

    /// Reads the next piece of the input.
    /// - Throws: ``ProfileError`` `invalidOption` when the delimiter is detected, the quote is `,` and no
    ///   candidate is eligible; `malformedRecord` when a header field is longer than
    ///   ``ProfileOptions/maxFieldBytes`` (the cut header would make every column name wrong, as ``Profiler``
    ///   says too), naming the source name, the header's line and the first byte past the limit; `notCSV` once
    ///   the first 64 KiB are held, when the input is not a CSV; whatever `write` throws.
    /// - Complexity: O(piece length).
    public func feed(_ piece: UnsafeRawBufferPointer) throws {
        precondition(!isFinished, "feed(_:) after finish()")
        window.append(contentsOf: piece)
        try textStage.feed(piece) { try feedText($0) }
        if reader != nil { dropWrittenBytes() }
    }

    /// Reads the next piece of the text (decoded when the input is not UTF-8).
    private func feedText(_ text: UnsafeRawBufferPointer) throws {
        if let reader {
            try reader.feed(text)
        } else if holder.hold(text) {
            try start()
        }
    }

    /// Ends the input: writes the last record and flushes the output.
    /// - Throws: as ``feed(_:)``.
    public func finish() throws {
        precondition(!isFinished, "finish() called twice")
        isFinished = true
        try textStage.finish { try feedText($0) }
        if reader == nil { try start() }
        try reader!.finish()
        if let last = pending { try emit(last, endOffset: windowStart + window.count) }
        pending = nil
        try flush()
    }

    /// Hashes a whole file (or standard input, `-`), streaming it in 1 MiB chunks.
    /// - Parameters: as ``init(options:sourceName:write:)``; `path` is read.
    /// - Returns: what the caller should be told about the input (``notes``).
    /// - Throws: ``ProfileError`` `cannotRead`, and as ``feed(_:)``.
    @discardableResult
    public static func hashRecords(
        fileAt path: String, options: ProfileOptions, sourceName: String,
        write: @escaping (UnsafeRawBufferPointer) throws -> Void
    ) throws -> [InputNote] {
        let hasher = try RowHasher(options: options, sourceName: sourceName, write: write)
        let input = try ByteSource.open(InputLocation(path: path))
        defer { input.close() }
        try input.forEachChunk { try hasher.feed($0) }
        try hasher.finish()
        return hasher.notes
    }

    private func start() throws {
        let held = holder.release()
        let prefix = try InputPrefix(firstBytes: held, inputLength: held.count, options: options, path: sourceName)
        let bodyStart = prefix.dataStart
        let chosen = prefix.delimiter
        delimiter = chosen
        notes = InputNote.notes(recordsEncoded: textStage.encoding!)
        let collector = Collector(
            hasher: self, hasHeader: options.hasHeader, sourceName: sourceName, maxFieldBytes: options.maxFieldBytes)
        let reader = CSVRecordReader(
            consumer: collector, delimiter: chosen, quote: options.quote, maxFieldBytes: options.maxFieldBytes,
            startOffset: bodyStart, startLine: prefix.firstLine, commentByte: options.commentByte,
            locatesFaultsExactly: false)
        reader.storedOffsets = textStage.offsets
        self.collector = collector
        self.reader = reader
        // The window holds stored bytes: records start at the stored offset of the text's body.
        let storedBodyStart = textStage.offsets?.storedOffset(of: bodyStart) ?? bodyStart
        window.removeFirst(min(storedBodyStart - windowStart, window.count))
        windowStart = storedBodyStart
        try held.withUnsafeBytes { try reader.feed(UnsafeRawBufferPointer(rebasing: $0[bodyStart...])) }
        dropWrittenBytes()
    }

    /// A record or blank line starts: the one before it ends here.
    private func met(_ record: PendingRecord) throws {
        try endPending(at: record.byteOffset)
        pending = record
    }

    /// A record, a blank line or a comment line starts at `offset`: the pending record ends there (a comment line
    /// is part of no record).
    private func endPending(at offset: Int) throws {
        if let previous = pending { try emit(previous, endOffset: offset) }
        pending = nil
    }

    private func emit(_ record: PendingRecord, endOffset: Int) throws {
        if record.isHeader { return }
        record.hash.appendHexDigits(to: &output)
        output.append(0x09)
        output.append(contentsOf: sourceNameBytes)
        output.append(0x09)
        output.append(contentsOf: String(record.line).utf8)
        output.append(0x09)
        let start = record.byteOffset - windowStart
        let bytes = window.withUnsafeBytes { Data($0[start..<(endOffset - windowStart)]) }
        output.append(contentsOf: bytes.base64EncodedData())
        output.append(0x0A)
        if output.count >= Self.batchBytes { try flush() }
    }

    /// Keeps only the bytes from the pending record's start on.
    private func dropWrittenBytes() {
        let keepFrom = pending?.byteOffset ?? windowStart
        let dropped = keepFrom - windowStart
        guard dropped > 0 else { return }
        window.removeFirst(dropped)
        windowStart = keepFrom
    }

    private func flush() throws {
        guard !output.isEmpty else { return }
        try output.withUnsafeBytes { try write($0) }
        output.removeAll(keepingCapacity: true)
    }
}
