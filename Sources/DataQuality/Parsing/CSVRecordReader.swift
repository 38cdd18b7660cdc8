import CLibCSV

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// How a record breaks the quoting rules (or the field limit).
enum RecordFaultKind: Sendable, Equatable {
    /// A quote inside an unquoted field; the faulty byte is the stray quote.
    case quoteInUnquotedField
    /// Bytes other than a delimiter or line ending after a closing quote; the faulty byte is the closing quote.
    case textAfterClosingQuote
    /// A quoted field still open at end of input; the faulty byte is its opening quote.
    case unterminatedQuote
    /// A field longer than the field limit; the faulty byte is the first byte past the limit.
    case fieldTooLong
}

/// A record's first fault and where it is.
struct RecordFault: Sendable, Equatable {
    var kind: RecordFaultKind
    /// 0-based offset of the faulty byte in the whole input (BOM included). Exact under strict reading;
    /// otherwise exact for quote faults and approximate (the end of the chunk read) for the others. The kind
    /// is the record's first fault in both modes, however the bytes were cut into pieces.
    var byteOffset: Int
}

/// Receives what ``CSVRecordReader`` reads, in input order.
protocol RecordConsumer: AnyObject {
    /// A line with no bytes between line endings, outside quotes.
    func blankLine(line: Int, byteOffset: Int, text: UnsafeRawBufferPointer) throws
    /// A comment line: its first byte is the comment byte and stands where a record would begin (1-based
    /// `line`, 0-based `byteOffset` of that byte). Its bytes are skipped to its line ending.
    func commentLine(line: Int, byteOffset: Int) throws
    /// The next bytes of the comment line last begun (``commentLine(line:byteOffset:)``), in one or more pieces,
    /// up to its line ending; valid only during the call.
    func commentText(_ bytes: UnsafeRawBufferPointer)
    /// A record. `fields` and `rawText` are valid only during the call. `rawText` holds the record's first
    /// bytes as in the input (at most ``CSVRecordReader/capturedBytes``), its line ending included when
    /// the record fits; `line` is the 1-based line it starts on, `byteOffset` its first byte.
    func record(
        _ fields: RecordBuffer, line: Int, byteOffset: Int, fault: RecordFault?, rawText: UnsafeRawBufferPointer,
        isComplete: Bool
    ) throws
}

extension RecordConsumer {
    /// Comment lines need no notice by default (only their count is reported).
    func commentLine(line: Int, byteOffset: Int) throws {}
    /// Nor their bytes.
    func commentText(_ bytes: UnsafeRawBufferPointer) {}
}

/// What the C callbacks write into: the record being read and flags about it.
final class ParserSink {
    /// The sink's fields, behind one pointer that libcsv's callbacks receive as their context: a callback
    /// reaches the record without reference counting or a closure (one call per field).
    struct State {
        let record: UnsafeMutablePointer<RecordBuffer.Storage>
        var rowEnded = false
        var sawTooLongField = false
        /// After an over-long field the record keeps the fields read so far and takes no more.
        var isFrozen = false
        let maxFieldBytes: Int
    }

    let record = RecordBuffer()
    let state: UnsafeMutablePointer<State>

    init(maxFieldBytes: Int) {
        state = UnsafeMutablePointer<State>.allocate(capacity: 1)
        state.initialize(to: State(record: record.storage, maxFieldBytes: maxFieldBytes))
    }

    deinit {
        state.deinitialize(count: 1)
        state.deallocate()
    }

    var rowEnded: Bool {
        get { state.pointee.rowEnded }
        set { state.pointee.rowEnded = newValue }
    }
    var sawTooLongField: Bool {
        get { state.pointee.sawTooLongField }
        set { state.pointee.sawTooLongField = newValue }
    }
    var isFrozen: Bool {
        get { state.pointee.isFrozen }
        set { state.pointee.isFrozen = newValue }
    }

    func appendField(_ bytes: UnsafeRawPointer?, count: Int) {
        Self.appendField(state, bytes, count: count)
    }

    @inline(__always)
    static func appendField(_ state: UnsafeMutablePointer<State>, _ bytes: UnsafeRawPointer?, count: Int) {
        if _slowPath(state.pointee.isFrozen) { return }
        if _slowPath(count > state.pointee.maxFieldBytes) {
            state.pointee.sawTooLongField = true
            state.pointee.isFrozen = true
            RecordBuffer.append(bytes, count: state.pointee.maxFieldBytes, to: state.pointee.record)
        } else {
            RecordBuffer.append(bytes, count: count, to: state.pointee.record)
        }
    }
}

// The reader owns the sink for as long as libcsv may call back; the callbacks get its state's address.
// A C-convention closure with no context; its body is a leaf on the fast path (the entry Swift emits for C
// callers only jumps to it).
private let fieldCallback: @convention(c) (UnsafeMutableRawPointer?, Int, UnsafeMutableRawPointer?) -> Void = {
    field, length, context in
    ParserSink.appendField(context!.assumingMemoryBound(to: ParserSink.State.self), field, count: length)
}

private func rowCallback(_ terminator: Int32, _ context: UnsafeMutableRawPointer?) {
    context!.assumingMemoryBound(to: ParserSink.State.self).pointee.rowEnded = true
}

private let rowNotBegun: Int32 = 0
private let fieldNotBegun: Int32 = 1
private let fieldBegun: Int32 = 2
private let fieldMightHaveEnded: Int32 = 3
private let carriageReturn: UInt8 = 0x0D
private let lineFeed: UInt8 = 0x0A

/// The only code that touches libcsv: reads records from bytes fed in pieces of any size.
///
/// libcsv (Robert Gamble, <https://github.com/rgamble/libcsv>, 3.0) is configured to hide nothing: strict
/// mode with `CSV_STRICT_FINI`, a space function that treats no byte as space, and the input fed one
/// physical line at a time (lines end at LF, CRLF or a lone CR), so each record's first line and byte
/// offset are known without a second tokenizer. Blank lines outside quotes are reported, never fed; so are
/// comment lines (a line whose first byte is the comment byte, where a record would begin), skipped to their
/// line ending without a field or an allocation (libcsv has no comments).
/// Faults follow the report contract: a record that breaks a quoting rule or holds a field over the limit
/// is malformed and ends at the end of the line where its first fault is found; reading resumes on the next
/// line. Up to that line end the fields go on in the RFC 4180 way (a stray quote is a literal; after a closing
/// quote the field continues unquoted), which only matters for a malformed header's names and the sniffer.
///
/// Memory: the record being read (at most the field limit per field plus one chunk), nothing per record.
final class CSVRecordReader<Consumer: RecordConsumer> {
    /// Record bytes kept for examples: enough for 100 Unicode scalars (4 bytes each) plus a line ending.
    static var capturedBytes: Int { 404 }

    private let consumer: Consumer
    private let parser: UnsafeMutablePointer<csv_parser>
    private let sink: ParserSink
    private let sinkContext: UnsafeMutableRawPointer
    private let quote: UInt8
    /// The comment byte, or 0x100 (no byte) for none: compared once per record start.
    private let commentByte: UInt16
    private let maxFieldBytes: Int
    private let locatesFaultsExactly: Bool
    /// libcsv tokenizes every record: DEVELOPERS.md's fixed choices allow no CSV tokenizer of our own, so no
    /// splitter may read well-formed lines around it, however much faster; speed comes from the work around it.
    private let scratch: UnsafeMutablePointer<csv_parser>

    @exclusivity(unchecked) private var nextOffset: Int
    /// The offset just past the last record read (its line ending included, except the LF of a CRLF).
    @exclusivity(unchecked) private(set) var lastRecordEnd = 0
    /// Whether no record has ended yet (a record ends past its first byte, so its end is never 0): the first
    /// record, a header, gets the exact place of an over-long field in every mode.
    private var readsFirstRecord: Bool { lastRecordEnd == 0 }
    @exclusivity(unchecked) private var line = 1
    @exclusivity(unchecked) private var atLineStart = true
    @exclusivity(unchecked) private var pendingCarriageReturn = false
    /// In the chunk being fed: the index of its first CR at or after the last line start searched from (the
    /// chunk's length when there is none), or -1 before the first search.
    @exclusivity(unchecked) private var nextCarriageReturn = -1
    @exclusivity(unchecked) private var skippingToLineEnd = false
    /// Whether the line being skipped (``skippingToLineEnd``) is a comment line rather than a malformed record's.
    @exclusivity(unchecked) private var skippingComment = false
    @exclusivity(unchecked) private var recordOpen = false
    @exclusivity(unchecked) private var recordLine = 0
    @exclusivity(unchecked) private var recordOffset = 0
    @exclusivity(unchecked) private var fault: RecordFault?
    @exclusivity(unchecked) private var openQuoteOffset: Int?
    private let capture: UnsafeMutableRawPointer
    @exclusivity(unchecked) private var captureCount = 0
    /// For text decoded from UTF-16 or a single-byte encoding: the translation of the offsets fed (those of the
    /// decoding) into the stored ones the consumer is given; nil when the bytes fed are the stored ones.
    var storedOffsets: StoredOffsetMap?

    /// - Parameters:
    ///   - delimiter, quote: the dialect's bytes.
    ///   - maxFieldBytes: the field limit (value bytes, after unquoting).
    ///   - startOffset: the offset of the first byte fed (3 after a removed BOM).
    ///   - startLine: the 1-based line of the first byte fed (a chunk of a file starts later than line 1).
    ///   - commentByte: the comment byte (``ProfileOptions/commentByte``), nil for none.
    ///   - locatesFaultsExactly: find the exact faulty byte of unterminated quotes and over-long fields
    ///     (strict mode; costs a byte-by-byte re-read of the lines concerned). The first record's over-long
    ///     field is located exactly either way (its header's error names that byte).
    init(
        consumer: Consumer, delimiter: UInt8, quote: UInt8, maxFieldBytes: Int, startOffset: Int,
        startLine: Int = 1, commentByte: UInt8? = nil, locatesFaultsExactly: Bool
    ) {
        self.line = startLine
        self.consumer = consumer
        self.quote = quote
        self.commentByte = commentByte.map(UInt16.init) ?? 0x100
        self.maxFieldBytes = maxFieldBytes
        self.locatesFaultsExactly = locatesFaultsExactly
        self.nextOffset = startOffset
        sink = ParserSink(maxFieldBytes: maxFieldBytes)
        sinkContext = UnsafeMutableRawPointer(sink.state)
        capture = UnsafeMutableRawPointer.allocate(byteCount: Self.capturedBytes, alignment: 8)
        func makeParser() -> UnsafeMutablePointer<csv_parser> {
            let parser = UnsafeMutablePointer<csv_parser>.allocate(capacity: 1)
            csv_init(parser, UInt8(CSV_STRICT | CSV_STRICT_FINI))
            csv_set_delim(parser, delimiter)
            csv_set_quote(parser, quote)
            csv_set_space_func(parser, dataquality_no_byte_is_space)
            csv_set_blk_size(parser, 64 * 1024)
            return parser
        }
        parser = makeParser()
        scratch = makeParser()
    }

    deinit {
        csv_free(parser)
        parser.deallocate()
        csv_free(scratch)
        scratch.deallocate()
        capture.deallocate()
    }

    /// Reads the next piece of input.
    /// - Throws: whatever the consumer throws.
    func feed(_ chunk: UnsafeRawBufferPointer) throws {
        guard let base = chunk.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return }
        let count = chunk.count
        let chunkOffset = nextOffset
        var index = 0
        nextCarriageReturn = -1
        defer { nextOffset = chunkOffset + count }
        while index < count {
            if pendingCarriageReturn {
                pendingCarriageReturn = false
                if base[index] == lineFeed {
                    // The LF of a CRLF: part of the line ending already counted.
                    if recordOpen {
                        appendCapture(base + index, 1)
                        try parse(base + index, 1, absoluteStart: chunkOffset + index, endsLine: true)
                    }
                    index += 1
                    if sink.rowEnded { try finishRecord(isComplete: true, endOffset: chunkOffset + index) }
                    continue
                }
            }
            if skippingToLineEnd {
                let end = lineEnd(base, from: index, count: count)
                if skippingComment {
                    consumer.commentText(UnsafeRawBufferPointer(start: base + index, count: end - index))
                } else {
                    appendCapture(base + index, min(end + 1, count) - index)
                }
                if end == count {
                    index = count
                    break
                }
                index = end + 1
                endLine(terminator: base[end])
                skippingToLineEnd = false
                if skippingComment {
                    skippingComment = false
                } else {
                    try finishRecord(isComplete: true, endOffset: chunkOffset + index)
                }
                continue
            }
            if atLineStart && !recordOpen {
                let byte = base[index]
                if byte == carriageReturn || byte == lineFeed {
                    try consumer.blankLine(
                        line: line, byteOffset: storedOffset(chunkOffset + index),
                        text: UnsafeRawBufferPointer(start: base + index, count: 0))
                    index += 1
                    endLine(terminator: byte)
                    continue
                }
                if _slowPath(UInt16(byte) == commentByte) {
                    try consumer.commentLine(line: line, byteOffset: storedOffset(chunkOffset + index))
                    skippingToLineEnd = true
                    skippingComment = true
                    atLineStart = false
                    continue
                }
                recordOpen = true
                recordLine = line
                recordOffset = chunkOffset + index
            }
            let end = lineEnd(base, from: index, count: count)
            let pieceEnd = end < count ? end + 1 : count
            appendCapture(base + index, pieceEnd - index)
            try parse(base + index, pieceEnd - index, absoluteStart: chunkOffset + index, endsLine: end < count)
            index = pieceEnd
            if end < count {
                endLine(terminator: base[end])
            } else {
                atLineStart = false
            }
            if sink.rowEnded {
                try finishRecord(isComplete: true, endOffset: chunkOffset + index)
            }
        }
    }

    /// Whether everything fed so far ends exactly at a record boundary (no record open, no line being
    /// skipped): the check that a chunk of a file was cut where a record starts.
    var isAtRecordBoundary: Bool { !recordOpen && !skippingToLineEnd }

    /// Ends the input: completes a record left open (an unterminated quote is a fault).
    /// - Throws: whatever the consumer throws.
    func finish() throws {
        if skippingComment {
            skippingComment = false
            skippingToLineEnd = false
        }
        guard recordOpen else { return }
        if skippingToLineEnd {
            skippingToLineEnd = false
            try finishRecord(isComplete: true, endOffset: nextOffset)
            return
        }
        if csv_fini(parser, fieldCallback, rowCallback, sinkContext) != 0 {
            if fault == nil {
                fault = RecordFault(kind: .unterminatedQuote, byteOffset: openQuoteOffset ?? recordOffset)
            }
            sink.appendField(parser.pointee.entry_buf, count: parser.pointee.entry_pos)
            resetParser()
        }
        try finishRecord(isComplete: fault?.kind != .unterminatedQuote, endOffset: nextOffset)
    }

    /// Lets reading go on after ``finish()`` as if a new input began, its first line numbered `line`
    /// (partition mode reads each decoded record as exactly one record: feed it, ``finish()``, resume).
    func resume(atLine line: Int) {
        precondition(!recordOpen, "resume(atLine:) before finish()")
        self.line = line
        atLineStart = true
        pendingCarriageReturn = false
    }

    // MARK: - Lines and pieces

    /// The index of the first CR or LF in `[start, count)`, or `count`: the C library's `memchr` (vectorised)
    /// for the LF, and the chunk's next CR (``nextCarriageReturn``), searched again only once passed: a file
    /// without CR costs one search per chunk, not one per line.
    @inline(__always)
    private func lineEnd(_ base: UnsafePointer<UInt8>, from start: Int, count: Int) -> Int {
        guard start < count else { return count }
        var end = count
        if let found = memchr(base + start, Int32(lineFeed), count - start) {
            end = UnsafeRawPointer(found) - UnsafeRawPointer(base)
        }
        if nextCarriageReturn < start {
            nextCarriageReturn = count
            if let found = memchr(base + start, Int32(carriageReturn), count - start) {
                nextCarriageReturn = UnsafeRawPointer(found) - UnsafeRawPointer(base)
            }
        }
        return min(end, nextCarriageReturn)
    }

    @inline(__always)
    private func endLine(terminator: UInt8) {
        line += 1
        atLineStart = true
        pendingCarriageReturn = terminator == carriageReturn
    }

    @inline(__always)
    private func appendCapture(_ source: UnsafePointer<UInt8>, _ length: Int) {
        let room = Self.capturedBytes - captureCount
        if room <= 0 { return }
        let taken = min(room, length)
        (capture + captureCount).copyMemory(from: source, byteCount: taken)
        captureCount += taken
    }

    /// Feeds one piece of a line to libcsv, repairing quote faults the RFC 4180 way and noting the first.
    private func parse(_ start: UnsafePointer<UInt8>, _ length: Int, absoluteStart: Int, endsLine: Bool) throws {
        let before = (parser.pointee.pstate, parser.pointee.quoted, parser.pointee.entry_pos)
        let faultBeforePiece = fault
        var position = 0
        while position < length {
            let consumed = csv_parse(
                parser, start + position, length - position, fieldCallback, rowCallback, sinkContext)
            if parser.pointee.status == CSV_EPARSE {
                let index = position + consumed
                parser.pointee.status = 0
                if parser.pointee.pstate == fieldMightHaveEnded {
                    noteFault(.textAfterClosingQuote, at: absoluteStart + index - 1)
                    parser.pointee.entry_pos -= 1
                    parser.pointee.quoted = 0
                    parser.pointee.pstate = fieldBegun
                    position = index
                } else {
                    noteFault(.quoteInUnquotedField, at: absoluteStart + index)
                    parser.pointee.entry_buf[parser.pointee.entry_pos] = quote
                    parser.pointee.entry_pos += 1
                    position = index + 1
                }
            } else if consumed < length - position {
                // libcsv could not grow its buffer: treat the field as over-long.
                sink.sawTooLongField = true
                break
            } else {
                position = length
            }
        }
        let openValueBytes = parser.pointee.entry_pos - (parser.pointee.pstate == fieldMightHaveEnded ? 1 : 0)
        let openFieldTooLong = !sink.rowEnded && parser.pointee.pstate >= fieldBegun && openValueBytes > maxFieldBytes
        // Strict reading locates every fault exactly; otherwise only a quote fault of this piece that a field
        // over the limit may precede is checked again (so the kind never depends on where pieces were cut).
        let fieldTooLong = sink.sawTooLongField || openFieldTooLong
        if faultBeforePiece == nil,
            locatesFaultsExactly
                ? fieldTooLong || (!sink.rowEnded && parser.pointee.pstate == fieldBegun && parser.pointee.quoted == 1)
                : fieldTooLong && (fault != nil || readsFirstRecord)
        {
            locateFaults(start, length, absoluteStart: absoluteStart, before: before)
        }
        if fieldTooLong {
            noteFault(.fieldTooLong, at: absoluteStart + length)
            if openFieldTooLong {
                sink.appendField(parser.pointee.entry_buf, count: maxFieldBytes)
                sink.isFrozen = true
            }
            if !sink.rowEnded {
                resetParser()
                if endsLine { sink.rowEnded = true } else { skippingToLineEnd = true }
            }
            return
        }
        if fault != nil && endsLine && !sink.rowEnded {
            // The malformed record ends with the line of its fault; the line ending is not part of the field.
            if parser.pointee.pstate == fieldBegun && parser.pointee.quoted == 1 {
                parser.pointee.entry_pos -= 1
            }
            sink.appendField(parser.pointee.entry_buf, count: parser.pointee.entry_pos)
            resetParser()
            sink.rowEnded = true
        }
    }

    private func noteFault(_ kind: RecordFaultKind, at offset: Int) {
        if fault == nil { fault = RecordFault(kind: kind, byteOffset: offset) }
    }

    private func resetParser() {
        parser.pointee.pstate = rowNotBegun
        parser.pointee.quoted = 0
        parser.pointee.spaces = 0
        parser.pointee.entry_pos = 0
        parser.pointee.status = 0
    }

    /// Re-reads a piece byte by byte in a scratch parser to find the opening quote of a field left open and the
    /// first byte past the field limit (before any quote fault).
    private func locateFaults(
        _ start: UnsafePointer<UInt8>, _ length: Int, absoluteStart: Int, before: (Int32, Int32, Int)
    ) {
        scratch.pointee.pstate = before.0
        scratch.pointee.quoted = before.1
        scratch.pointee.spaces = 0
        scratch.pointee.entry_pos = 0
        scratch.pointee.status = 0
        var carried = before.0 >= fieldBegun ? before.2 - (before.0 == fieldMightHaveEnded ? 1 : 0) : 0
        // A piece that starts just after a quote inside a quoted field: libcsv holds that quote in the field
        // (left out of `carried`) until the next byte says what it was. Another quote makes it a literal quote
        // of the value without adding a byte, so it counts from then on.
        var heldQuote = before.0 == fieldMightHaveEnded ? 1 : 0
        for index in 0..<length {
            let state = scratch.pointee.pstate
            _ = csv_parse(scratch, start + index, 1, nil, nil, nil)
            if scratch.pointee.status == CSV_EPARSE { return }
            let now = scratch.pointee.pstate
            if now < fieldBegun {
                carried = 0
                heldQuote = 0
                scratch.pointee.entry_pos = 0
                continue
            }
            if state < fieldBegun && now == fieldBegun && scratch.pointee.quoted == 1 {
                openQuoteOffset = absoluteStart + index
            }
            let value = carried + heldQuote + scratch.pointee.entry_pos - (now == fieldMightHaveEnded ? 1 : 0)
            if value > maxFieldBytes {
                // Before a quote fault found later in the same piece, this is the record's first fault.
                if fault.map({ absoluteStart + index < $0.byteOffset }) ?? true {
                    fault = RecordFault(kind: .fieldTooLong, byteOffset: absoluteStart + index)
                }
                return
            }
        }
    }

    /// The offset the consumer is given for the byte fed at `offset`.
    @inline(__always)
    private func storedOffset(_ offset: Int) -> Int {
        storedOffsets?.storedOffset(of: offset) ?? offset
    }

    private func finishRecord(isComplete: Bool, endOffset: Int) throws {
        lastRecordEnd = endOffset
        var byteOffset = recordOffset
        var reportedFault = fault
        if _slowPath(storedOffsets != nil) {
            byteOffset = storedOffset(recordOffset)
            reportedFault?.byteOffset = storedOffset(fault?.byteOffset ?? 0)
            storedOffsets!.forget(before: endOffset)
        }
        try consumer.record(
            sink.record, line: recordLine, byteOffset: byteOffset, fault: reportedFault,
            rawText: UnsafeRawBufferPointer(start: capture, count: captureCount), isComplete: isComplete)
        sink.record.removeAll()
        sink.rowEnded = false
        sink.sawTooLongField = false
        sink.isFrozen = false
        fault = nil
        openQuoteOffset = nil
        recordOpen = false
        captureCount = 0
    }
}
