/// The dataset-level fold: header, record kinds, duplicate rows and the per-column accumulators.
///
/// Receives records from ``CSVRecordReader`` (or from the rows-of-strings entry point) and turns them into a
/// ``Report`` at the end. Strict mode and key-column checks throw here, in reading order.
final class RecordProfiler: RecordConsumer {
    let options: ProfileOptions
    private let sourceName: String
    private let hasHeader: Bool
    private let reportsByteOffsets: Bool
    private let classifier: ValueClassifier
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
    @exclusivity(unchecked) var duplicateSet: DuplicateRowSet?

    @exclusivity(unchecked) var rows = 0
    @exclusivity(unchecked) var recordsSeen = 0
    @exclusivity(unchecked) var blankLines = 0
    @exclusivity(unchecked) var commentLines = 0
    @exclusivity(unchecked) var blankFirst: RecordSeen?
    @exclusivity(unchecked) var ragged = 0
    @exclusivity(unchecked) var raggedFirst: RecordSeen?
    @exclusivity(unchecked) var malformed = 0
    @exclusivity(unchecked) var malformedFirst: RecordSeen?
    @exclusivity(unchecked) var malformedCauses = MalformedCauses()
    @exclusivity(unchecked) var unterminated = 0
    @exclusivity(unchecked) var unterminatedFirst: RecordSeen?
    @exclusivity(unchecked) var duplicates = 0
    @exclusivity(unchecked) var duplicateFirst: RecordSeen?
    @exclusivity(unchecked) var invalidRecords = 0
    @exclusivity(unchecked) var invalidFirst: RecordSeen?
    /// Each column's conformance judge, set by ``finish(source:)`` (for the failing-rows pass).
    @exclusivity(unchecked) private(set) var judges: [ConformanceJudge] = []
    /// The sources that the lines given to ``record(_:line:byteOffset:fault:rawText:isComplete:)`` point into,
    /// as ``SourcePosition`` codes; one entry, the input's name, unless partition mode names sources.
    @exclusivity(unchecked) var sources: SourceTable
    /// The position code of the first data record or blank line read (orders partial profiles for a merge).
    @exclusivity(unchecked) var firstPosition: Int?
    /// Each distinct row's first record, kept for a partial profile (``keepRowPositions(limit:)``) while the
    /// rows number at most the limit, so a merge can place a duplicate across parts; nil otherwise.
    @exclusivity(unchecked) var rowFirsts: [RowFingerprint: RecordSeen]?
    @exclusivity(unchecked) private var rowPositionLimit = 0
    /// True when the parts merged into this profile could not be checked against each other for duplicate
    /// rows (neither row sets nor partitioning by row hash): `duplicate_rows` is then null.
    @exclusivity(unchecked) var duplicatesUnknown = false
    /// Whether the records were partitioned by row hash (equal records never fall in two parts).
    @exclusivity(unchecked) var rowsPartitionedByHash = false
    /// The header's fault and invalid UTF-8, so a merge counts a header that several parts read once.
    @exclusivity(unchecked) var headerFault: RecordFaultKind?
    @exclusivity(unchecked) var headerIsInvalidUTF8 = false
    /// When set, called once, just before the record after the first `count` records is read, with which
    /// columns have switched to sketches by then (``ParallelFileDriver``'s head start).
    @exclusivity(unchecked) private var headStart: (count: Int, publish: ([Bool]) -> Void)?

    init(options: ProfileOptions, sourceName: String, header: Bool, reportsByteOffsets: Bool = true) throws {
        self.options = options
        self.sourceName = sourceName
        self.hasHeader = header
        self.reportsByteOffsets = reportsByteOffsets
        self.classifier = ValueClassifier(nullTokens: options.uniqueNullValues)
        self.keys = options.uniqueKeys
        self.sources = SourceTable(names: [sourceName])
        if options.checksDuplicates { duplicateSet = DuplicateRowSet() }
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
        if let theirs = later.firstPosition, firstPosition.map({ theirs < $0 }) ?? true { firstPosition = theirs }
        if headerLine == nil {
            headerLine = later.headerLine
            headerOffset = later.headerOffset
            headerFault = later.headerFault
            headerIsInvalidUTF8 = later.headerIsInvalidUTF8
        } else if later.headerLine != nil {
            // Both parts read the header (partitions given --header-line, files each with their header): the
            // whole input has it once.
            later.recordsSeen -= 1
            if let kind = later.headerFault {
                later.malformed -= 1
                later.malformedCauses.remove(kind)
                if kind == .unterminatedQuote { later.unterminated -= 1 }
            }
            if later.headerIsInvalidUTF8 { later.invalidRecords -= 1 }
        }
        rows += later.rows
        recordsSeen += later.recordsSeen
        blankLines += later.blankLines
        commentLines += later.commentLines
        blankFirst = RecordSeen.earlier(blankFirst, later.blankFirst)
        ragged += later.ragged
        raggedFirst = RecordSeen.earlier(raggedFirst, later.raggedFirst)
        malformed += later.malformed
        malformedFirst = RecordSeen.earlier(malformedFirst, later.malformedFirst)
        malformedCauses.merge(later.malformedCauses)
        unterminated += later.unterminated
        unterminatedFirst = RecordSeen.earlier(unterminatedFirst, later.unterminatedFirst)
        invalidRecords += later.invalidRecords
        invalidFirst = RecordSeen.earlier(invalidFirst, later.invalidFirst)
        try mergeDuplicates(later, keepsRows: keepsRows, laterFirstCrossDuplicate: laterFirstCrossDuplicate)
        for index in 0..<min(width, later.width) { columns[index].merge(later.columns[index]) }
    }

    /// Duplicate rows of two parts: exact from both parts' row sets, or the sum when both parts were partitioned
    /// by row hash, else unknown.
    private func mergeDuplicates(
        _ later: RecordProfiler, keepsRows: Bool, laterFirstCrossDuplicate: (DuplicateRowSet) throws -> RecordSeen?
    ) rethrows {
        defer { rowsPartitionedByHash = rowsPartitionedByHash && later.rowsPartitionedByHash }
        guard options.checksDuplicates, !duplicatesUnknown else { return }
        if later.duplicatesUnknown {
            duplicatesUnknown = true
            duplicateSet = nil
            return
        }
        if let mine = duplicateSet, let theirs = later.duplicateSet {
            let cross = mine.countShared(with: theirs)
            // A part's rows need not all come before the other's (partitions of several files): the first
            // duplicate is the earliest of both parts' own and the first repeat across them. Chunks of one
            // file in order only need the cross repeat when this part has no duplicate of its own.
            var first = RecordSeen.earlier(duplicateFirst, later.duplicateFirst)
            if cross > 0, duplicateFirst == nil || rowFirsts != nil, let found = try laterFirstCrossDuplicate(mine) {
                first = RecordSeen.earlier(first, found)
            }
            duplicateFirst = first
            duplicates += later.duplicates + cross
            if keepsRows { mine.formUnion(theirs) }
            if var firsts = rowFirsts, let theirFirsts = later.rowFirsts {
                for (row, seen) in theirFirsts where firsts[row].map({ seen.line < $0.line }) ?? true {
                    firsts[row] = seen
                }
                rowFirsts = firsts
            } else {
                rowFirsts = nil
            }
        } else if rowsPartitionedByHash && later.rowsPartitionedByHash {
            duplicates += later.duplicates
            duplicateFirst = RecordSeen.earlier(duplicateFirst, later.duplicateFirst)
            duplicateSet = nil
            rowFirsts = nil
        } else {
            duplicatesUnknown = true
            duplicateSet = nil
            rowFirsts = nil
        }
    }

    /// Gives up exact duplicate rows for this part: its row hashes are over another column order than the
    /// parts it is merged with, so equal rows would not meet.
    func markDuplicatesUnknown() {
        guard options.checksDuplicates else { return }
        duplicatesUnknown = true
        duplicateSet = nil
        rowFirsts = nil
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
        columns[index].firstRepeat = FirstSeen(line: line, example: Array(example.prefix(FirstSeen.exampleBytes)))
        columns[index].counters.pointee.sawRepeat = true
        columns[index].firstRepeatNeedsSearch = false
    }

    /// Sizes the duplicate-row set for about `rows` distinct rows before the first record (see
    /// ``DuplicateRowSet/reserve(rows:)``); an estimate, changing no result.
    func expectRows(_ rows: Int) {
        duplicateSet?.reserve(rows: rows)
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

    /// Whether a raw value is null under this profile's null rule.
    func isNull(_ raw: UnsafeRawBufferPointer) -> Bool {
        classifier.classify(raw).flags.contains(.null)
    }

    // MARK: - RecordConsumer

    func blankLine(line: Int, byteOffset: Int, text: UnsafeRawBufferPointer) throws {
        if firstPosition == nil { firstPosition = line }
        blankLines += 1
        if blankFirst == nil {
            blankFirst = RecordSeen(line: line, byteOffset: reportsByteOffsets ? byteOffset : nil, example: "")
        }
    }

    func commentLine(line: Int, byteOffset: Int) {
        commentLines += 1
    }

    func record(
        _ fields: RecordBuffer, line: Int, byteOffset: Int, fault: RecordFault?, rawText: UnsafeRawBufferPointer,
        isComplete: Bool
    ) throws {
        if recordsSeen == headStart?.count { publishHeadStart() }
        recordsSeen += 1
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
        rows += 1
        if firstPosition == nil { firstPosition = line }
        if let fault {
            noteInvalidFields(fields, line: line, offset: offset)
            noteMalformed(fault, seen)
            if options.strict { throw strictError(fault, line: line) }
            return
        }
        if fields.fieldCount != width {
            noteInvalidFields(fields, line: line, offset: offset)
            ragged += 1
            if raggedFirst == nil { raggedFirst = seen() }
            if options.strict {
                throw ProfileError(
                    code: .raggedRecord,
                    message:
                        "ragged record: \(fields.fieldCount) field\(fields.fieldCount == 1 ? "" : "s") where the \(hasHeader ? "header" : "first record") has \(width).",
                    path: sourceName, line: line, byteOffset: offset)
            }
            if duplicateSet != nil { checkDuplicate(DuplicateRowSet.fingerprint(of: fields.encoded), seen) }
            return
        }
        // The record waits in the batch; its row's slot in the duplicate-row set starts loading now and is
        // read when the batch is observed.
        let fingerprint = duplicateSet.map { _ in DuplicateRowSet.fingerprint(of: fields.encoded) }
        if let fingerprint { duplicateSet?.prefetch(fingerprint: fingerprint) }
        batch.append(
            fields, line: line, byteOffset: offset, fingerprint: fingerprint ?? RowFingerprint(low: 0, high: 0),
            rawText: rawText, isComplete: isComplete,
            keepsText: duplicateSet != nil && (duplicateFirst == nil || rowFirsts != nil))
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
                if flags.contains(.invalidUTF8) && batchInvalidColumns[row] < 0 { batchInvalidColumns[row] = column }
            }
        }
        for row in 0..<count {
            let invalidColumn = batchInvalidColumns[row]
            if invalidColumn >= 0 {
                invalidRecords += 1
                if invalidFirst == nil {
                    invalidFirst = RecordSeen(
                        line: batch.line(row), byteOffset: batch.byteOffset(row),
                        example: decodeText(Array(batch.field(row, invalidColumn)), scalars: 100))
                }
            }
            if duplicateSet != nil {
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
        let invalidBefore = invalidRecords
        noteInvalidFields(fields, line: line, offset: byteOffset)
        headerIsInvalidUTF8 = invalidRecords > invalidBefore
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

    /// Makes the columns' accumulators.
    /// - Parameter adoptingTables: per column, an exact table the accumulator reads in place (a restored
    ///   state's, see ``init(restoring:mapPosition:layout:adoptingTables:)``); empty for new tables.
    func makeColumns(adoptingTables adopted: [ValueTable?] = []) {
        // Looked up by name once per column: a linear search per column was quadratic in wide files. A rule
        // file names columns by name and ``RuleEvaluator`` judges the first column of a name, so only that
        // column's values are judged by the value rules.
        var ruleColumns = options.rules.map(\.columnsByName) ?? [:]
        columns = (0..<width).map { index in
            let accumulator = ColumnAccumulator(
                classifier: classifier, exactDistinctLimit: options.exactDistinctLimit,
                tracksKeyValues: keys.contains(names[index]), adoptedTable: adopted.isEmpty ? nil : adopted[index])
            accumulator.valueRules = ruleColumns.removeValue(forKey: names[index]).flatMap(ColumnValueRules.init)
            return accumulator
        }
        columnReferences.deallocate()
        columnReferences = UnsafeMutablePointer<Unmanaged<ColumnAccumulator>>.allocate(capacity: width)
        columnReferences.initialize(from: columns.map { Unmanaged.passUnretained($0) }, count: width)
    }

    private func noteMalformed(_ fault: RecordFault, _ seen: () -> RecordSeen) {
        malformed += 1
        if malformedFirst == nil { malformedFirst = seen() }
        malformedCauses.add(fault.kind)
        if fault.kind == .unterminatedQuote {
            unterminated += 1
            if unterminatedFirst == nil { unterminatedFirst = seen() }
        }
    }

    private func noteInvalidFields(_ fields: RecordBuffer, line: Int, offset: Int?) {
        for index in 0..<fields.fieldCount where !isValidUTF8(fields.field(index)) {
            invalidRecords += 1
            if invalidFirst == nil {
                invalidFirst = RecordSeen(
                    line: line, byteOffset: offset, example: decodeText(Array(fields.field(index)), scalars: 100))
            }
            return
        }
    }

    private func checkDuplicate(_ fingerprint: RowFingerprint, _ seen: () -> RecordSeen) {
        guard let duplicateSet else { return }
        if duplicateSet.insertReturningDuplicate(fingerprint: fingerprint) {
            duplicates += 1
            if duplicateFirst == nil { duplicateFirst = seen() }
        } else if rowFirsts != nil {
            if duplicateSet.count > rowPositionLimit { rowFirsts = nil } else { rowFirsts![fingerprint] = seen() }
        }
    }

    /// Keeps each distinct row's first record while the distinct rows number at most `limit`, for a partial
    /// profile that a later merge checks against other parts. Call before reading.
    func keepRowPositions(limit: Int) {
        guard duplicateSet != nil else { return }
        rowFirsts = [:]
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

    /// Builds the report.
    /// - Parameter source: the source description (its byte count decides the `no_data` message).
    func finish(source: SourceDescription) -> Report {
        observeBatch()
        let thresholds = options.gradeThresholds
        var totals: [ColumnTotals] = []
        for index in 0..<width {
            totals.append(
                columns[index].finish(
                    name: names[index], index: index, rows: rows, isKey: keys.contains(names[index]),
                    thresholds: thresholds))
        }
        judges = totals.map(\.judge)
        let nonNullCells = totals.reduce(0) { $0 + $1.nonNullCells }
        let conformingCells = totals.reduce(0) { $0 + $1.conformingCells }
        let duplicateRows = options.checksDuplicates && !duplicatesUnknown ? duplicates : nil
        let rowsAreEvents = options.rules?.dataset.rowsAreEvents ?? false
        let scores = Scores.dataset(
            rows: rows, columns: width, nonNullCells: nonNullCells, conformingCells: conformingCells,
            duplicateRows: duplicateRows, rowsAreEvents: rowsAreEvents)

        var findings: [Finding] = []
        func add(_ kind: FindingKind, _ count: Int, _ first: RecordSeen?) {
            guard count > 0, let first else { return }
            findings.append(
                Finding(
                    kind: kind, count: count, example: first.example, firstLine: first.line,
                    byteOffset: first.byteOffset))
        }
        if source.byteOrderMark {
            findings.append(Finding(kind: .byteOrderMark, count: 1, example: nil, firstLine: 1, byteOffset: 0))
        }
        add(.invalidUTF8, invalidRecords, invalidFirst)
        if let headerLine {
            let trimmed = namesRaw.map { name in
                name.drop { $0 == 0x20 || $0 == 0x09 }.reversed().drop { $0 == 0x20 || $0 == 0x09 }
            }
            let blank = trimmed.indices.filter { trimmed[$0].isEmpty }
            var seenNames = Set<[UInt8]>()
            var repeated: [Int] = []
            for index in namesRaw.indices where !trimmed[index].isEmpty {
                if !seenNames.insert(namesRaw[index]).inserted { repeated.append(index) }
            }
            if let first = blank.first {
                findings.append(
                    Finding(
                        kind: .blankName, count: blank.count, example: names[first], firstLine: headerLine,
                        byteOffset: headerOffset, columns: blank))
            }
            if let first = repeated.first {
                findings.append(
                    Finding(
                        kind: .duplicateName, count: repeated.count, example: names[first], firstLine: headerLine,
                        byteOffset: headerOffset, columns: repeated))
            }
        }
        add(.blankLine, blankLines, blankFirst)
        add(.raggedRow, ragged, raggedFirst)
        add(.malformedRow, malformed, malformedFirst)
        add(.unterminatedQuote, unterminated, unterminatedFirst)
        if duplicateRows != nil { add(.duplicateRow, duplicates, duplicateFirst) }
        if duplicatesUnknown {
            findings.append(
                Finding(
                    kind: .duplicatesNotChecked, count: 1, example: nil, firstLine: nil, hint: .mergedDuplicatesUnknown)
            )
        } else if duplicateRows == nil {
            findings.append(Finding(kind: .duplicatesNotChecked, count: 1, example: nil, firstLine: nil))
        }
        if source.encoding != TextEncoding.utf8.name {
            findings.append(Finding(kind: .nonUTF8Encoding, count: 1, example: source.encoding, firstLine: nil))
        }
        if rows == 0 {
            let why =
                source.bytes == 0
                ? "the file is empty" : (recordsSeen == 0 ? "the file has no records" : "the file has no data rows")
            findings.append(Finding(kind: .noData, count: 1, example: nil, firstLine: nil, message: why))
        }
        findings.sort(by: Finding.contractOrder)

        var report = Report(
            source: source,
            options: ReportOptions(
                nullValues: options.uniqueNullValues, keys: keys, gradeThresholds: thresholds,
                duplicates: options.checksDuplicates, maxFieldBytes: options.maxFieldBytes,
                exactDistinctLimit: options.exactDistinctLimit, rowsAreEvents: rowsAreEvents,
                linesToSkip: options.linesToSkip, commentByte: options.commentByte),
            rows: rows, blankLines: blankLines, raggedRows: ragged, malformedRows: malformed,
            duplicateRows: duplicateRows, scores: scores,
            grade: thresholds.grade(overall: scores.overall, rows: rows),
            findings: findings, columns: totals.map(\.profile), malformedCauses: malformedCauses.byCause)
        report.commentLines = commentLines
        return sources.resolving(report)
    }
}

// MARK: - Merging parts

extension RecordProfiler {
    /// The first repeat of a row across this part and `other` (from both parts' kept row firsts): for each
    /// row both hold, the later of its two first records; the earliest of those. Nil without kept firsts.
    func firstRepeat(across other: RecordProfiler) -> RecordSeen? {
        observeBatch()
        other.observeBatch()
        guard let mine = rowFirsts, let theirs = other.rowFirsts else { return nil }
        var first: RecordSeen?
        for (row, seen) in theirs {
            guard let own = mine[row] else { continue }
            let laterRow = own.line > seen.line ? own : seen
            if first.map({ laterRow.line < $0.line }) ?? true { first = laterRow }
        }
        return first
    }
}
