/// The dataset-level fold: header, record kinds, duplicate rows and the per-column accumulators.
///
/// Receives records from ``CSVRecordReader`` (or from the rows-of-strings entry point) and turns them into a
/// ``Report`` at the end. Strict mode and key-column checks throw here, in reading order.
final class RecordProfiler: RecordConsumer {
    let options: ProfileOptions
    private let sourceName: String
    private let hasHeader: Bool
    private let reportsByteOffsets: Bool
    private let keys: [String]

    @exclusivity(unchecked) var started = false
    @exclusivity(unchecked) var headerLine: Int?
    @exclusivity(unchecked) var headerOffset: Int?
    @exclusivity(unchecked) var namesRaw: [[UInt8]] = []
    @exclusivity(unchecked) var names: [String] = []
    @exclusivity(unchecked) var width = 0
    @exclusivity(unchecked) var columns: [ColumnAccumulator] = []
    /// The same columns, unretained, for the per-value loop (`columns` owns them).
    @exclusivity(unchecked) private var columnReferences = UnsafeMutablePointer<Unmanaged<ColumnAccumulator>>.allocate(
        capacity: 0)
    /// Well-formed records waiting to be observed a column at a time (``observeBatch()``).
    private let batch = RecordBatch(capacity: RecordProfiler.batchCapacity)
    private static let batchCapacity = 64
    /// The batch's value hashes in the column being observed, and each record's first column of invalid
    /// UTF-8 (-1 for none).
    private let batchHashes = UnsafeMutablePointer<UInt64>.allocate(capacity: RecordProfiler.batchCapacity)
    private let batchInvalidColumns = UnsafeMutablePointer<Int>.allocate(capacity: RecordProfiler.batchCapacity)

    /// The sources that the lines given to ``record(_:line:byteOffset:fault:rawText:isComplete:)`` point into,
    /// as ``SourcePosition`` codes; one entry, the input's name, unless partition mode names sources.
    @exclusivity(unchecked) var sources: SourceTable
    @exclusivity(unchecked) private var rowPositionLimit = 0
    /// The record counts and the first record of each kind.
    @exclusivity(unchecked) var tallies = RecordTallies()
    /// The duplicate rows: the count and first, the row set and (for a partial profile, see
    /// ``keepRowPositions(limit:)``) each distinct row's first record while they number at most the limit.
    @exclusivity(unchecked) var duplicateRows = DuplicateRows()
    /// The header's fault and invalid UTF-8, so a merge counts a header that several parts read once.
    @exclusivity(unchecked) var headerFault: RecordFaultKind?
    @exclusivity(unchecked) var headerIsInvalidUTF8 = false
    /// Whether the values are the UTF-8 decoding of a text detected as windows-1252: the evidence on the
    /// encoding then reads their stored bytes back through the table (``EncodingEvidence``).
    @exclusivity(unchecked) var readsDetectedWindows1252 = false
    /// The comment line being read, searched for a multi-byte UTF-8 sequence (the encoding evidence's
    /// ``EncodingEvidence/multibyteElsewhere``).
    @exclusivity(unchecked) private var commentFinder = MultibyteUTF8Finder()
    /// The encoding counts of the batch being observed (``observeBatch()``).
    @exclusivity(unchecked) private var batchEncodingCounts = BatchEncodingCounts()
    /// When set, called once, just before the record after the first `count` records is read, with which
    /// columns have switched to sketches by then (``ParallelFileDriver``'s head start).
    @exclusivity(unchecked) private var headStart: (count: Int, publish: ([Bool]) -> Void)?

    init(options: ProfileOptions, sourceName: String, header: Bool, reportsByteOffsets: Bool = true) throws {
        self.options = options
        self.sourceName = sourceName
        self.hasHeader = header
        self.reportsByteOffsets = reportsByteOffsets
        self.keys = options.uniqueKeys
        self.sources = SourceTable(names: [sourceName])
        if options.checksDuplicates { duplicateRows.set = DuplicateRowSet() }
    }

    /// A profiler for a later part of an input whose first record (the header, or the record that fixes the
    /// width) was read by another profiler: its records are all data.
    /// - Parameter namesRaw: the column names' bytes (`column_N` without a header); their count is the width.
    convenience init(options: ProfileOptions, sourceName: String, header: Bool, continuingWith namesRaw: [[UInt8]])
        throws
    {
        try self.init(options: options, sourceName: sourceName, header: header)
        started = true
        self.namesRaw = namesRaw
        names = namesRaw.map { decodeText($0) }
        width = namesRaw.count
        makeColumns()
    }

    deinit {
        columnReferences.deallocate()
        batchHashes.deallocate()
        batchInvalidColumns.deallocate()
    }

    /// The column names' bytes, once the first record is read.
    var columnNamesRaw: [[UInt8]] { namesRaw }
    /// The position code of the header, once read.
    var headerPosition: Int? { headerLine }
    /// The column names as text, once the first record is read.
    var columnNames: [String] { names }

    /// Folds in the profiler of the part of the input that comes right after this one's (made with
    /// ``init(options:sourceName:header:continuingWith:)``), so the result is the one-pass profiler of both.
    /// - Parameter laterFirstCrossDuplicate: when this part has no duplicate row but rows of `later` repeat
    ///   rows of this part, finds the first such row of `later` (by re-reading it; given this part's
    ///   fingerprints to test against); nil when it cannot be re-read.
    /// - Complexity: O(distinct values and rows of `later`).
    /// - Parameter keepsRows: whether the merged profiler must keep every row's fingerprint (false for the
    ///   last merge: the counts are exact without the union, which saves its memory).
    func merge(
        _ later: RecordProfiler, keepsRows: Bool = true,
        laterFirstCrossDuplicate: (DuplicateRowSet) throws -> RecordSeen?
    ) rethrows {
        observeBatch()
        later.observeBatch()
        var header = headerRecord
        if header.merge(later.headerRecord) {
            // Both parts read the header (partitions given a header line, files each with their header): the
            // whole input has it once.
            later.tallies = later.tallies.removingHeader(
                fault: later.headerFault, isInvalidUTF8: later.headerIsInvalidUTF8)
        }
        headerRecord = header
        tallies.merge(later.tallies)
        try duplicateRows.merge(
            later.duplicateRows, checksDuplicates: options.checksDuplicates, keepsRows: keepsRows,
            laterFirstCrossDuplicate: laterFirstCrossDuplicate)
        for index in 0..<min(width, later.width) { columns[index].merge(later.columns[index]) }
    }

    /// Gives up exact duplicate rows for this part: its row hashes are over another column order than the
    /// parts it is merged with, so equal rows would not meet.
    func markDuplicatesUnknown() {
        guard options.checksDuplicates else { return }
        duplicateRows.isUnknown = true
        duplicateRows.set = nil
        duplicateRows.firsts = nil
    }

    /// Key columns whose first repeated value may lie across a cut between merged parts (past the exact bound,
    /// the sketches keep no lines): ``ParallelFileDriver`` reads the input again to place it.
    var keyColumnsNeedingRepeatSearch: [Int] {
        observeBatch()
        return columns.indices.filter { columns[$0].firstRepeatNeedsSearch }
    }

    /// Records the first repeated value of key column `index`, found by reading the input again.
    func setFirstRepeat(line: Int, example: [UInt8], column index: Int) {
        observeBatch()
        columns[index].firsts.repeated = FirstSeen(line: line, example: Array(example.prefix(FirstSeen.exampleBytes)))
        columns[index].counters.pointee.sawRepeat = true
        columns[index].firstRepeatNeedsSearch = false
    }

    /// Sizes the duplicate-row set for about `rows` distinct rows before the first record (see
    /// ``DuplicateRowSet/reserve(rows:)``); an estimate, changing no result.
    func expectRows(_ rows: Int) {
        duplicateRows.set?.reserve(rows: rows)
    }

    /// Asks to be told, once, which columns have switched from exact tables to sketches after the first
    /// `records` records (header included), or at ``publishHeadStart()`` when the input ends sooner.
    func reportSwitchedColumns(after records: Int, to publish: @escaping ([Bool]) -> Void) {
        headStart = (records, publish)
    }

    /// Tells the ``reportSwitchedColumns(after:to:)`` receiver which columns have switched to sketches (one
    /// flag per column, empty before the first record), if it was not told yet.
    func publishHeadStart() {
        guard let headStart else { return }
        observeBatch()
        self.headStart = nil
        headStart.publish(columns.map { !$0.isExact })
    }

    /// Switches the columns flagged in `switched` to sketches before any value is read: another part of the
    /// input already holds more distinct values in them than the exact bound, so the merged columns are
    /// sketched whatever this part holds, and an exact table here would only cost memory.
    func startSketching(_ switched: [Bool]) {
        for (column, isSwitched) in zip(columns, switched) where isSwitched { column.switchToSketches() }
    }

    /// Whether a raw value of column `column` (0-based) is null under that column's null rule.
    func isNull(_ raw: UnsafeRawBufferPointer, column: Int) -> Bool {
        columns[column].classifier.classify(raw).flags.contains(.null)
    }

    // MARK: - RecordConsumer

    func blankLine(line: Int, byteOffset: Int, text: UnsafeRawBufferPointer) throws {
        if tallies.firstPosition == nil { tallies.firstPosition = line }
        tallies.blankLines += 1
        if tallies.blankFirst == nil {
            tallies.blankFirst = RecordSeen(line: line, byteOffset: reportsByteOffsets ? byteOffset : nil, example: "")
        }
    }

    func commentLine(line: Int, byteOffset: Int) {
        tallies.commentLines = (tallies.commentLines ?? 0) + 1
        commentFinder = MultibyteUTF8Finder()
    }

    func commentText(_ bytes: UnsafeRawBufferPointer) {
        guard tallies.encoding?.multibyteElsewhere == false else { return }
        commentFinder.feed(bytes)
        if commentFinder.isFound { tallies.encoding?.multibyteElsewhere = true }
    }

    func record(
        _ fields: RecordBuffer, line: Int, byteOffset: Int, fault: RecordFault?, rawText: UnsafeRawBufferPointer,
        isComplete: Bool
    ) throws {
        if tallies.recordsSeen == headStart?.count { publishHeadStart() }
        tallies.recordsSeen += 1
        // A record read outside the batch comes after the batched ones in every count and first.
        if fault != nil || fields.fieldCount != width || !started { observeBatch() }
        let offset = reportsByteOffsets ? byteOffset : nil
        func seen() -> RecordSeen {
            RecordSeen(line: line, byteOffset: offset, example: Self.recordText(rawText, isComplete: isComplete))
        }
        if !started {
            started = true
            if hasHeader {
                try readHeader(fields, line: line, byteOffset: offset, fault: fault, seen: seen)
                return
            }
            width = fields.fieldCount
            names = (1...max(width, 1)).prefix(width).map { "column_\($0)" }
            namesRaw = names.map { Array($0.utf8) }
            try startColumns()
        }
        tallies.rows += 1
        if tallies.firstPosition == nil { tallies.firstPosition = line }
        if let fault {
            noteInvalidFields(fields, line: line, offset: offset)
            noteMalformed(fault, seen)
            if options.strict { throw strictError(fault, line: line) }
            return
        }
        if fields.fieldCount != width {
            noteInvalidFields(fields, line: line, offset: offset)
            tallies.ragged += 1
            if tallies.raggedFirst == nil { tallies.raggedFirst = seen() }
            if options.strict {
                throw ProfileError(
                    code: .raggedRecord,
                    message:
                        "ragged record: \(fields.fieldCount) field\(fields.fieldCount == 1 ? "" : "s") where the \(hasHeader ? "header" : "first record") has \(width).",
                    path: sourceName, line: line, byteOffset: offset)
            }
            if duplicateRows.set != nil { checkDuplicate(DuplicateRowSet.fingerprint(of: fields.encoded), seen) }
            return
        }
        // The record waits in the batch; its row's slot in the duplicate-row set starts loading now and is
        // read when the batch is observed.
        let fingerprint = duplicateRows.set.map { _ in DuplicateRowSet.fingerprint(of: fields.encoded) }
        if let fingerprint { duplicateRows.set?.prefetch(fingerprint: fingerprint) }
        batch.append(
            fields, line: line, byteOffset: offset, fingerprint: fingerprint ?? RowFingerprint(low: 0, high: 0),
            rawText: rawText, isComplete: isComplete,
            keepsText: duplicateRows.set != nil && (duplicateRows.first == nil || duplicateRows.firsts != nil))
        if batch.isFull { observeBatch() }
    }

    /// Observes the batched records a column at a time, then checks their rows for duplicates, in reading
    /// order. Every result is the one of observing each record as it came: a column's values arrive in the
    /// same order, and the records read outside the batch (ragged or malformed ones, the header) come after
    /// the batch is observed (``record(_:line:byteOffset:fault:rawText:isComplete:)`` observes it first).
    ///
    /// Per column, every value is hashed first and its exact table's slot prefetched, then the values are
    /// observed, prefetching the entry in the slot of the value a few places ahead (its slot has arrived by
    /// then), so the cache misses of the exact tables overlap instead of following one another.
    func observeBatch() {
        let count = batch.count
        guard count > 0 else { return }
        for row in 0..<count { batchInvalidColumns[row] = -1 }
        batchEncodingCounts = BatchEncodingCounts()
        let entryLead = 8
        for column in 0..<width {
            let accumulator = columnReferences[column]
            for row in 0..<count {
                let hash = stableHash64(batch.field(row, column))
                batchHashes[row] = hash
                accumulator._withUnsafeGuaranteedRef { $0.prefetchSlot(hash: hash) }
            }
            for row in 0..<min(entryLead, count) {
                accumulator._withUnsafeGuaranteedRef { $0.prefetchEntry(hash: batchHashes[row]) }
            }
            for row in 0..<count {
                let ahead = row + entryLead
                if ahead < count {
                    accumulator._withUnsafeGuaranteedRef { $0.prefetchEntry(hash: batchHashes[ahead]) }
                }
                let flags = accumulator._withUnsafeGuaranteedRef {
                    $0.observe(batch.field(row, column), hash: batchHashes[row], line: batch.line(row))
                }
                if _slowPath(!flags.isDisjoint(with: [.invalidUTF8, .multibyteUTF8])) {
                    noteFlaggedValue(flags, row: row, column: column)
                }
            }
        }
        noteEncoding(batchEncodingCounts)
        for row in 0..<count {
            let invalidColumn = batchInvalidColumns[row]
            if invalidColumn >= 0 {
                tallies.invalidUTF8 += 1
                if tallies.invalidFirst == nil {
                    tallies.invalidFirst = RecordSeen(
                        line: batch.line(row), byteOffset: batch.byteOffset(row),
                        example: decodeText(Array(batch.field(row, invalidColumn)), scalars: 100))
                }
            }
            if duplicateRows.set != nil {
                let batch = batch
                checkDuplicate(batch.fingerprint(row)) {
                    RecordSeen(
                        line: batch.line(row), byteOffset: batch.byteOffset(row), example: batch.exampleText(row))
                }
            }
        }
        batch.removeAll()
    }

    // MARK: - Rows of strings

    /// Reads one record given as values (the rows-of-strings entry point; the first is the header when the
    /// profiler reads one). The record's example text joins the values with the delimiter.
    func observeRecord(fields: [[UInt8]], line: Int) throws {
        let buffer = RecordBuffer()
        fields.forEach(buffer.append)
        var text: [UInt8] = []
        for (index, field) in fields.enumerated() {
            if index > 0 { text.append(options.delimiter ?? UInt8(ascii: ",")) }
            text.append(contentsOf: field.prefix(CSVRecordReader<RecordProfiler>.capturedBytes))
            if text.count >= CSVRecordReader<RecordProfiler>.capturedBytes { break }
        }
        try text.withUnsafeBytes { raw in
            try record(buffer, line: line, byteOffset: 0, fault: nil, rawText: raw, isComplete: false)
        }
    }

    // MARK: - Pieces

    private func readHeader(
        _ fields: RecordBuffer, line: Int, byteOffset: Int?, fault: RecordFault?, seen: () -> RecordSeen
    ) throws {
        headerLine = line
        headerOffset = byteOffset
        width = fields.fieldCount
        namesRaw = (0..<width).map { Array(fields.field($0)) }
        names = namesRaw.map { decodeText($0) }
        let invalidBefore = tallies.invalidUTF8
        noteInvalidFields(fields, line: line, offset: byteOffset)
        headerIsInvalidUTF8 = tallies.invalidUTF8 > invalidBefore
        if let fault {
            if fault.kind == .fieldTooLong {
                throw ProfileError.headerFieldTooLong(
                    path: sourceName, line: line, byteOffset: fault.byteOffset, limit: options.maxFieldBytes)
            }
            headerFault = fault.kind
            noteMalformed(fault, seen)
            if options.strict { throw strictError(fault, line: line) }
        }
        try startColumns()
    }

    private func startColumns() throws {
        for key in keys where !names.contains(key) {
            throw ProfileError(.unknownKeyColumn(name: key), path: sourceName)
        }
        makeColumns()
    }

    /// Makes the columns' accumulators (key columns and value rules as ``ColumnContext`` gives them).
    private func makeColumns() {
        columns = ColumnContext.columns(named: names, options: options).map { context in
            let accumulator = ColumnAccumulator(
                classifier: context.classifier, exactDistinctLimit: options.exactDistinctLimit,
                tracksKeyValues: context.isKey)
            accumulator.valueRules = context.valueRules
            return accumulator
        }
        columnReferences.deallocate()
        columnReferences = UnsafeMutablePointer<Unmanaged<ColumnAccumulator>>.allocate(capacity: width)
        columnReferences.initialize(from: columns.map { Unmanaged.passUnretained($0) }, count: width)
    }

    private func noteMalformed(_ fault: RecordFault, _ seen: () -> RecordSeen) {
        tallies.malformed += 1
        if tallies.malformedFirst == nil { tallies.malformedFirst = seen() }
        tallies.malformedCauses.add(fault.kind)
        if fault.kind == .unterminatedQuote {
            tallies.unterminated += 1
            if tallies.unterminatedFirst == nil { tallies.unterminatedFirst = seen() }
        }
    }

    /// Counts a record read outside the batch (the header, a ragged or malformed record) once in
    /// ``RecordTallies/invalidUTF8`` when a field is not valid UTF-8, and each such field, and each field whose
    /// stored bytes hold a multi-byte UTF-8 sequence, in the encoding evidence.
    private func noteInvalidFields(_ fields: RecordBuffer, line: Int, offset: Int?) {
        var counts = BatchEncodingCounts()
        for index in 0..<fields.fieldCount {
            let field = fields.field(index)
            var flags: ValueFlags = []
            if !isValidUTF8(field) { flags.insert(.invalidUTF8) }
            if TextEncoding.containsValidMultibyteUTF8(field) { flags.insert(.multibyteUTF8) }
            noteEncoding(flags, field, row: 0, into: &counts)
            if flags.contains(.invalidUTF8) && counts.invalidValues == 1 {
                tallies.invalidUTF8 += 1
                if tallies.invalidFirst == nil {
                    tallies.invalidFirst = RecordSeen(
                        line: line, byteOffset: offset, example: decodeText(Array(field), scalars: 100))
                }
            }
        }
        noteEncoding(counts) { _ in RecordSeen(line: line, byteOffset: offset, example: "") }
    }

    /// A batch's values that are not valid UTF-8 and those whose stored bytes hold a multi-byte UTF-8
    /// sequence, and the first row of each (`Int.max` for none).
    private struct BatchEncodingCounts {
        var invalidValues = 0
        var firstInvalidRow = Int.max
        var multibyteValues = 0
        var firstMultibyteRow = Int.max
    }

    /// A batched value flagged as invalid UTF-8 or as holding a multi-byte sequence: the record's first invalid
    /// column and the batch's encoding counts. Out of line, so the per-value loop keeps nothing more live.
    @inline(never)
    private func noteFlaggedValue(_ flags: ValueFlags, row: Int, column: Int) {
        if flags.contains(.invalidUTF8) && batchInvalidColumns[row] < 0 { batchInvalidColumns[row] = column }
        noteEncoding(flags, batch.field(row, column), row: row, into: &batchEncodingCounts)
    }

    /// Counts one value that the classifier flagged as invalid UTF-8 or as holding a multi-byte sequence; a
    /// detected windows-1252 text's value holds one only when its stored bytes do.
    private func noteEncoding(
        _ flags: ValueFlags, _ field: UnsafeRawBufferPointer, row: Int, into counts: inout BatchEncodingCounts
    ) {
        if flags.contains(.invalidUTF8) {
            counts.invalidValues += 1
            counts.firstInvalidRow = min(counts.firstInvalidRow, row)
        }
        if flags.contains(.multibyteUTF8)
            && (!readsDetectedWindows1252 || Windows1252.storedBytesHoldMultibyteUTF8(field))
        {
            counts.multibyteValues += 1
            counts.firstMultibyteRow = min(counts.firstMultibyteRow, row)
        }
    }

    /// Adds a batch's (or a record's) counts to the encoding evidence; `record` gives a row's record.
    private func noteEncoding(_ counts: BatchEncodingCounts, record: ((Int) -> RecordSeen)? = nil) {
        guard counts.invalidValues > 0 || counts.multibyteValues > 0, var evidence = tallies.encoding else { return }
        let batch = batch
        let record =
            record ?? { row in RecordSeen(line: batch.line(row), byteOffset: batch.byteOffset(row), example: "") }
        evidence.invalidValues += counts.invalidValues
        if evidence.invalidFirst == nil && counts.invalidValues > 0 {
            evidence.invalidFirst = record(counts.firstInvalidRow)
        }
        evidence.multibyteValues += counts.multibyteValues
        if evidence.multibyteFirst == nil && counts.multibyteValues > 0 {
            evidence.multibyteFirst = record(counts.firstMultibyteRow)
        }
        tallies.encoding = evidence
    }

    private func checkDuplicate(_ fingerprint: RowFingerprint, _ seen: () -> RecordSeen) {
        guard let duplicateSet = duplicateRows.set else { return }
        if duplicateSet.insertReturningDuplicate(fingerprint: fingerprint) {
            duplicateRows.count += 1
            if duplicateRows.first == nil { duplicateRows.first = seen() }
        } else if duplicateRows.firsts != nil {
            if duplicateSet.count > rowPositionLimit {
                duplicateRows.firsts = nil
            } else {
                duplicateRows.firsts![fingerprint] = seen()
            }
        }
    }

    /// Keeps each distinct row's first record while the distinct rows number at most `limit`, for a partial
    /// profile that a later merge checks against other parts. Call before reading.
    func keepRowPositions(limit: Int) {
        guard duplicateRows.set != nil else { return }
        duplicateRows.firsts = [:]
        rowPositionLimit = limit
    }

    private func strictError(_ fault: RecordFault, line: Int) -> ProfileError {
        let what: String
        switch fault.kind {
        case .quoteInUnquotedField: what = "a quote inside an unquoted field (the stray quote)"
        case .textAfterClosingQuote: what = "bytes after a closing quote (the closing quote)"
        case .unterminatedQuote: what = "an unterminated quote at end of file (the opening quote)"
        case .fieldTooLong:
            return ProfileError(.fieldTooLong, path: sourceName, line: line, byteOffset: fault.byteOffset)
        }
        return ProfileError(
            code: .malformedRecord, message: "malformed record: \(what).", path: sourceName, line: line,
            byteOffset: fault.byteOffset)
    }

    /// A record's bytes as in the input without its line ending, cut to 100 Unicode scalars.
    static func recordText(_ raw: UnsafeRawBufferPointer, isComplete: Bool) -> String {
        var bytes = Array(raw)
        if isComplete && bytes.count < CSVRecordReader<RecordProfiler>.capturedBytes {
            if bytes.last == 0x0A { bytes.removeLast() }
            if bytes.last == 0x0D { bytes.removeLast() }
        }
        return decodeText(bytes, scalars: 100)
    }

    // MARK: - Report

    /// Ends the input: with no record at all, key names are checked against no columns.
    /// - Throws: ``ProfileError`` `unknownKeyColumn`.
    func finishInput() throws {
        observeBatch()
        if !started { try startColumns() }
    }
}
