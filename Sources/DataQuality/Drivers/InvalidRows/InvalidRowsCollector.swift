/// The second pass of `--invalid-rows`: receives the records again from ``CSVRecordReader`` and writes
/// those that fail to a CSV file.
///
/// A data record fails when it is malformed, ragged, or holds a non-null value that does not conform to
/// its column (judged by the column's finished ``ConformanceJudge``, the same rules that counted the
/// report's `conforming`); with `includesNulls`, also when it holds a null. The header (the first record
/// that is not a blank line, when the file has one) is never written as a failing row.
///
/// Output (see ``SpreadsheetCSV`` for quoting and formula neutralisation): a header `line,reasons,` then the
/// column names; then one record per failing row: its 1-based first line, its reasons joined by `; `, and
/// its fields after unquoting, byte for byte. Reasons read `malformed: <fault>`, `ragged: N fields, the
/// header has M`, or `<column name>: <finding kind>` for each problem of each value (`type_mismatch`,
/// `mixed_formats`, `whitespace`, `invalid_utf8`, `control_characters`, `case_variant`, `rule_violation
/// <rule name>` for each value rule of a rule file it breaks, and `null` when nulls are asked for), in column
/// order.
///
/// Memory: one output buffer of about 1 MiB, flushed as it fills.
final class InvalidRowsCollector: RecordConsumer {
    private static let flushBytes = 1 << 20

    private let judges: [ConformanceJudge]
    private let names: [[UInt8]]
    private let hasHeader: Bool
    private let includesNulls: Bool
    private let output: AtomicOutputFile
    private var buffer: [UInt8] = []
    private var started = false
    /// Failing data records written so far.
    private(set) var invalidRows = 0
    /// Data records read so far, the header not counted (for progress, whose rows are the report's).
    private(set) var dataRecordsRead = 0

    /// Writes the output's header row into the buffer.
    /// - Parameters:
    ///   - judges: one per column, in column order.
    ///   - columnNames: the report's column names (same count as `judges`).
    ///   - hasHeader: whether the input's first record is a header (then it is skipped).
    ///   - includesNulls: whether a record with a null value fails too.
    ///   - output: where the rows go.
    init(
        judges: [ConformanceJudge], columnNames: [String], hasHeader: Bool, includesNulls: Bool,
        output: AtomicOutputFile
    ) {
        self.judges = judges
        self.names = columnNames.map { Array($0.utf8) }
        self.hasHeader = hasHeader
        self.includesNulls = includesNulls
        self.output = output
        buffer.reserveCapacity(Self.flushBytes + 4096)
        SpreadsheetCSV.appendRecord([Array("line".utf8), Array("reasons".utf8)] + names, to: &buffer)
    }

    func blankLine(line: Int, byteOffset: Int, text: UnsafeRawBufferPointer) throws {}

    func record(
        _ fields: RecordBuffer, line: Int, byteOffset: Int, fault: RecordFault?, rawText: UnsafeRawBufferPointer,
        isComplete: Bool
    ) throws {
        if !started {
            started = true
            if hasHeader { return }
        }
        dataRecordsRead += 1
        let reasons = reasons(fields, fault: fault)
        if reasons.isEmpty { return }
        invalidRows += 1
        var cells: [[UInt8]] = [Array(String(line).utf8), Array(reasons.joined(separator: "; ").utf8)]
        for index in 0..<fields.fieldCount { cells.append(Array(fields.field(index))) }
        SpreadsheetCSV.appendRecord(cells, to: &buffer)
        if buffer.count >= Self.flushBytes { try flush() }
    }

    /// Writes what is buffered.
    /// - Throws: ``AtomicWriteError``.
    func flush() throws(AtomicWriteError) {
        try output.write(buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    private func reasons(_ fields: RecordBuffer, fault: RecordFault?) -> [String] {
        if let fault {
            switch fault.kind {
            case .quoteInUnquotedField: return ["malformed: a quote inside an unquoted field"]
            case .textAfterClosingQuote: return ["malformed: bytes after a closing quote"]
            case .unterminatedQuote: return ["malformed: an unterminated quote at end of file"]
            case .fieldTooLong: return ["malformed: a field longer than the field limit"]
            }
        }
        if fields.fieldCount != judges.count {
            let reference = hasHeader ? "the header" : "the first record"
            return [
                "ragged: \(fields.fieldCount) field\(fields.fieldCount == 1 ? "" : "s"), \(reference) has \(judges.count)"
            ]
        }
        var reasons: [String] = []
        for index in 0..<judges.count {
            var problems = judges[index].problems(of: fields.field(index))
            if !includesNulls { problems.remove(.null) }
            if problems.isEmpty { continue }
            let name = String(decoding: names[index], as: UTF8.self)
            for kind in problems.findingKinds where kind != .ruleViolation {
                reasons.append("\(name): \(kind.rawValue)")
            }
            if problems.contains(.ruleViolation) {
                for rule in judges[index].brokenRules(of: fields.field(index)) {
                    reasons.append("\(name): rule_violation \(rule)")
                }
            }
        }
        return reasons
    }
}
