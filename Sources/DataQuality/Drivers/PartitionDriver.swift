import Foundation

/// Where partition mode takes the column names from (a part of an export has no header of its own).
public enum PartitionColumnNames: Sendable, Equatable {
    /// The names as given (`--columns A,B,C`: split at commas, no CSV quoting).
    case names([String])
    /// One CSV header line (`--header-line TEXT`), read with the profile's dialect as exactly one record;
    /// a line ending at its end (as `head -1` leaves a CR) is allowed.
    case headerLine(String)
}

/// Partition mode: profiles records that an engine (Spark) moved one per line, as `dqcli rowhash` writes
/// them, so that the report counts them exactly as a profile of the file would.
///
/// Each input line (ending in LF; a CR before it is ignored) is either a rowhash line
/// `HASH<TAB>SOURCE<TAB>LINE<TAB>RECORD` or a bare `RECORD`, where RECORD is base64 (RFC 4648, standard
/// alphabet, padded) of one record's exact bytes. Every decoded record is read as exactly one record: a
/// record lacking its line ending is ended there (an open quote in it is an unterminated quote, as at end of
/// file). No header is read from the records: the names come from ``PartitionColumnNames``.
///
/// Positions: a finding's `first_line` is the record's LINE in its SOURCE (``Finding/sourceFile``); for a bare
/// record it is the record's 1-based ordinal in this input and ``Finding/firstLineIsPartRelative`` is true.
/// Findings about the header point at line 1 of the source `--header-line` (or `--columns`). Byte offsets are
/// null. The report's `source.bytes` counts the header line's and the decoded records' bytes. The records are
/// text in ``ProfileOptions/encoding`` (UTF-8 when nil; invalid bytes are findings): records in another encoding,
/// as `dqcli rowhash` writes them from such a file (``RowHasher/encoding``), are decoded to UTF-8 before they are
/// read, and the report's encoding is that one; the header line is text already. A rowhash line's HASH must be the row hash of its record as read
/// with this profile's dialect and field limit, so a dialect that differs from the one the records were hashed
/// with is an error rather than a silently different duplicate count.
///
/// The delimiter, when not given, is detected as for a file, from the header line followed by the first
/// records (64 KiB); give it explicitly when parts are profiled separately, so every part reads alike.
/// ``ProfileOptions/hasHeader`` is ignored. Not `Sendable`: one task feeds one profiler.
///
/// Memory: one input line, the first 64 KiB of records while the delimiter is detected, and what the
/// profile keeps (see ``Profiler``).
public final class PartitionDriver {
    /// Passes each record on to the profile, counting what the reader made of one decoded record.
    private final class OneRecordConsumer: RecordConsumer {
        let profiler: RecordProfiler
        var events = 0
        var expectedHash: RowHash?
        var foundHash: RowHash?

        init(profiler: RecordProfiler) {
            self.profiler = profiler
        }

        func blankLine(line: Int, byteOffset: Int, text: UnsafeRawBufferPointer) throws {
            events += 1
            if expectedHash != nil { foundHash = .blankLine }
            try profiler.blankLine(line: line, byteOffset: byteOffset, text: text)
        }

        func record(
            _ fields: RecordBuffer, line: Int, byteOffset: Int, fault: RecordFault?, rawText: UnsafeRawBufferPointer,
            isComplete: Bool
        ) throws {
            events += 1
            if expectedHash != nil { foundHash = RowHash(encodedRow: fields.encoded) }
            try profiler.record(
                fields, line: line, byteOffset: byteOffset, fault: fault, rawText: rawText, isComplete: isComplete)
        }
    }

    private struct HeldRecord {
        var bytes: [UInt8]
        var position: Int
        var inputLine: Int
        var hash: RowHash?
    }

    private let options: ProfileOptions
    private let sourceName: String
    private let columnNames: PartitionColumnNames
    private let headerBytes: [UInt8]
    private var sources: SourceTable
    private let headerPosition: Int
    private var delimiter: UInt8?
    private var profiler: RecordProfiler?
    private var consumer: OneRecordConsumer?
    private var reader: CSVRecordReader<OneRecordConsumer>?
    private var held: [HeldRecord] = []
    private var heldBytes = 0
    private var partialLine: [UInt8] = []
    private var inputLine = 0
    private var ordinal = 0
    private var lastSourceName: [UInt8] = []
    private var lastSourceIndex = -1
    private var recordBytes = 0
    private var isFinished = false
    /// Decodes the records when ``ProfileOptions/encoding`` is not UTF-8; nil when they are read as they are.
    private let recordDecoder: TextDecoder?

    /// - Parameters:
    ///   - options: the profile's options (``ProfileOptions/hasHeader`` is ignored; ``ProfileOptions/encoding``
    ///     is the records' encoding).
    ///   - sourceName: the input's name (`source.path`; the source of bare records; error messages).
    ///   - columnNames: where the names come from.
    /// - Throws: ``ProfileError`` `invalidOption` when the options are out of range, the names list is empty,
    ///   or the header line is empty or starts with a line ending.
    public init(options: ProfileOptions, sourceName: String, columnNames: PartitionColumnNames) throws {
        try options.validate()
        self.options = options
        self.sourceName = sourceName
        self.columnNames = columnNames
        recordDecoder = options.encoding.flatMap { $0 == .utf8 ? nil : TextDecoder(encoding: $0) }
        sources = SourceTable(names: [sourceName])
        sources.namesSources = true
        switch columnNames {
        case .names(let names):
            if names.isEmpty {
                throw ProfileError(.noColumnNames)
            }
            headerBytes = []
            headerPosition = SourcePosition.code(source: sources.index(of: "columns given"), line: 1)
        case .headerLine(let text):
            headerBytes = Array(text.utf8)
            if headerBytes.first.map({ $0 == 0x0A || $0 == 0x0D }) ?? true {
                throw ProfileError(.emptyHeaderLine)
            }
            headerPosition = SourcePosition.code(source: sources.index(of: "header line given"), line: 1)
        }
    }

    /// Reads the next piece of the input (lines may be cut anywhere).
    /// - Throws: ``ProfileError``: `invalidEncodedRecord` naming the input line (not a rowhash line, bad
    ///   base64, a bad HASH or LINE, a HASH that is not the record's, bytes that read as more than one
    ///   record); `unknownKeyColumn`; under strict reading `malformedRecord` or `raggedRecord` naming the
    ///   record's source and line; `invalidOption` when the delimiter is detected, the quote is `,` and no
    ///   candidate is eligible.
    /// - Complexity: O(piece length).
    public func feed(_ piece: UnsafeRawBufferPointer) throws {
        precondition(!isFinished, "feed(_:) after finish()")
        guard let base = piece.baseAddress else { return }
        var start = 0
        while start < piece.count, let found = memchr(base + start, 0x0A, piece.count - start) {
            let end = base.distance(to: UnsafeRawPointer(found))
            if partialLine.isEmpty {
                try readLine(UnsafeRawBufferPointer(start: base + start, count: end - start))
            } else {
                partialLine.append(contentsOf: UnsafeRawBufferPointer(start: base + start, count: end - start))
                let line = partialLine
                partialLine = []
                try line.withUnsafeBytes { try readLine($0) }
            }
            start = end + 1
        }
        partialLine.append(contentsOf: UnsafeRawBufferPointer(start: base + start, count: piece.count - start))
    }

    /// Reads the next piece of the input.
    public func feed(_ piece: [UInt8]) throws {
        try piece.withUnsafeBytes { try feed($0) }
    }

    /// Ends the input and returns the report.
    /// - Throws: as ``feed(_:)-(UnsafeRawBufferPointer)``.
    public func finish() throws -> Report {
        let source = try finishReading()
        return try ReportBuilder.build(
            from: profiler!.state(delimiter: source.delimiter), policy: ScoringPolicy(options: options), source: source,
            linesToSkip: options.linesToSkip
        ).report
    }

    /// The settings of a partial profile (`--state-out`), when one is made instead of a report.
    var partialProfileSettings: PartialProfileSettings?

    /// Ends the input and returns its partial profile (see ``PartialProfile``).
    /// - Throws: as ``feed(_:)-(UnsafeRawBufferPointer)``.
    func finishPartialProfile() throws -> PartialProfile {
        let source = try finishReading()
        return PartialProfile(state: profiler!.state(delimiter: source.delimiter), source: source, name: sourceName)
    }

    private func finishReading() throws -> SourceDescription {
        precondition(!isFinished, "finish() called twice")
        isFinished = true
        if !partialLine.isEmpty {
            let line = partialLine
            partialLine = []
            try line.withUnsafeBytes { try readLine($0) }
        }
        if profiler == nil { try start() }
        let profiler = profiler!
        try profiler.finishInput()
        profiler.sources = sources
        let prefix = InputPrefix(
            byteOrderMark: nil, delimiter: delimiter!,
            delimiterWasDetected: options.delimiter == nil)
        return SourceDescription(
            path: sourceName, bytes: headerBytes.count + recordBytes, prefix: prefix, options: options, header: true,
            encoding: (options.encoding ?? .utf8).name)
    }

    // MARK: - Input lines

    private func readLine(_ text: UnsafeRawBufferPointer) throws {
        inputLine += 1
        var line = text
        if line.last == 0x0D { line = UnsafeRawBufferPointer(rebasing: line.dropLast()) }
        if line.isEmpty {
            throw lineError("the line is empty; expected HASH<TAB>SOURCE<TAB>LINE<TAB>RECORD or a base64 record.")
        }
        var tabs: [Int] = []
        var searchFrom = 0
        while tabs.count <= 3, searchFrom < line.count,
            let found = memchr(line.baseAddress! + searchFrom, 0x09, line.count - searchFrom)
        {
            tabs.append(line.baseAddress!.distance(to: UnsafeRawPointer(found)))
            searchFrom = tabs.last! + 1
        }
        let position: Int
        let hash: RowHash?
        let encoded: UnsafeRawBufferPointer
        switch tabs.count {
        case 0:
            ordinal += 1
            sources.partRelative.insert(0)
            position = SourcePosition.code(source: 0, line: ordinal)
            hash = nil
            encoded = line
        case 3:
            guard let parsed = RowHash(hexDigits: line[..<tabs[0]]) else {
                throw lineError("HASH is not 32 hexadecimal digits.")
            }
            let name = line[(tabs[0] + 1)..<tabs[1]]
            if name.isEmpty { throw lineError("SOURCE is empty.") }
            guard let sourceLine = Self.decimal(line[(tabs[1] + 1)..<tabs[2]]), sourceLine >= 1,
                sourceLine <= SourcePosition.lineMask
            else {
                throw lineError("LINE is not a line number (a whole number from 1 to \(SourcePosition.lineMask)).")
            }
            if !name.elementsEqual(lastSourceName) {
                lastSourceName = Array(name)
                lastSourceIndex = sources.index(of: String(decoding: lastSourceName, as: UTF8.self))
            }
            position = SourcePosition.code(source: lastSourceIndex, line: sourceLine)
            hash = parsed
            encoded = UnsafeRawBufferPointer(rebasing: line[(tabs[2] + 1)...])
        default:
            throw lineError(
                "the line has \(tabs.count) tab\(tabs.count == 1 ? "" : "s"); expected HASH<TAB>SOURCE<TAB>LINE<TAB>RECORD (3) or a base64 record (none)."
            )
        }
        guard let stored = Data(base64Encoded: Data(encoded)) else {
            throw lineError("RECORD is not base64 (RFC 4648, standard alphabet, with padding).")
        }
        if stored.isEmpty { throw lineError("RECORD holds no bytes; a record has at least its line ending.") }
        recordBytes += stored.count
        let decoded = self.text(ofRecord: stored)
        if reader != nil {
            try decoded.withUnsafeBytes { try read($0, position: position, inputLine: inputLine, hash: hash) }
            return
        }
        let record = HeldRecord(bytes: Array(decoded), position: position, inputLine: inputLine, hash: hash)
        held.append(record)
        heldBytes += record.bytes.count
        if options.delimiter != nil || headerBytes.count + 1 + heldBytes > DelimiterSniffer.sampleBytes { try start() }
    }

    /// A record's stored bytes as the profile reads them: their UTF-8 decoding when the records are in another
    /// encoding. A UTF-16 record's final odd byte becomes invalid text, as at the end of a file.
    private func text(ofRecord stored: Data) -> Data {
        guard let recordDecoder else { return stored }
        var text = Data()
        stored.withUnsafeBytes { recordDecoder.decode($0) { text.append(contentsOf: $0) } }
        recordDecoder.finish { text.append(contentsOf: $0) }
        // Byte offsets are null here: no offset is translated, so none of the decoder's checkpoints is kept.
        _ = recordDecoder.offsets.takeCheckpoints()
        return text
    }

    private static func decimal(_ digits: Slice<UnsafeRawBufferPointer>) -> Int? {
        guard !digits.isEmpty, digits.count <= 18 else { return nil }
        var value = 0
        for byte in digits {
            guard byte >= 0x30 && byte <= 0x39 else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        return value
    }

    private func lineError(_ message: String) -> ProfileError {
        ProfileError(code: .invalidEncodedRecord, message: message, path: sourceName, line: inputLine)
    }

    // MARK: - Records

    /// Chooses the delimiter, reads the header and the records held so far.
    private func start() throws {
        let chosen: UInt8
        if let given = options.delimiter {
            chosen = given
        } else {
            var sample = headerBytes
            if case .headerLine = columnNames, headerBytes.last != 0x0A { sample.append(0x0A) }
            for record in held where sample.count <= DelimiterSniffer.sampleBytes {
                sample.append(contentsOf: record.bytes)
            }
            chosen = try sample.withUnsafeBytes {
                try DelimiterSniffer.delimiter(options: options, body: $0, bodyLength: $0.count)
            }
        }
        delimiter = chosen
        let profiler = try RecordProfiler(
            options: options, sourceName: sourceName, header: true, reportsByteOffsets: false)
        partialProfileSettings?.apply(to: profiler)
        let consumer = OneRecordConsumer(profiler: profiler)
        let reader = CSVRecordReader(
            consumer: consumer, delimiter: chosen, quote: options.quote, maxFieldBytes: options.maxFieldBytes,
            startOffset: 0, startLine: headerPosition, locatesFaultsExactly: options.strict)
        self.profiler = profiler
        self.consumer = consumer
        self.reader = reader
        try locatingErrors {
            switch columnNames {
            case .names(let names):
                try profiler.observeRecord(fields: names.map { Array($0.utf8) }, line: headerPosition)
            case .headerLine:
                try headerBytes.withUnsafeBytes { try reader.feed($0) }
                try reader.finish()
                if consumer.events != 1 {
                    throw ProfileError(.headerLineIsNotOneRecord(events: consumer.events))
                }
            }
        }
        let records = held
        held = []
        for record in records {
            try record.bytes.withUnsafeBytes {
                try read($0, position: record.position, inputLine: record.inputLine, hash: record.hash)
            }
        }
    }

    /// Reads one decoded record as exactly one record.
    private func read(_ bytes: UnsafeRawBufferPointer, position: Int, inputLine: Int, hash: RowHash?) throws {
        let reader = reader!
        let consumer = consumer!
        consumer.events = 0
        consumer.expectedHash = hash
        consumer.foundHash = nil
        reader.resume(atLine: position)
        try locatingErrors {
            try reader.feed(bytes)
            try reader.finish()
        }
        if consumer.events != 1 {
            throw ProfileError(.encodedRecordIsNotOneRecord(events: consumer.events), path: sourceName, line: inputLine)
        }
        if let expected = hash, let found = consumer.foundHash, expected != found {
            throw ProfileError(
                .rowHashDiffers(expected: expected.hexDigits, found: found.hexDigits), path: sourceName, line: inputLine
            )
        }
    }

    /// Turns the position code in a strict-reading error into the record's source and line.
    private func locatingErrors(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch var error as ProfileError where error.code == .malformedRecord || error.code == .raggedRecord {
            if let code = error.line {
                let source = SourcePosition.source(of: code)
                error.path = sources.names.indices.contains(source) ? sources.names[source] : sourceName
                error.line = SourcePosition.line(of: code)
                error.lineCountsRecordsOfPart = sources.partRelative.contains(source)
            }
            error.byteOffset = nil
            throw error
        }
    }
}
