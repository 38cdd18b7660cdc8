/// Well-formed records held back so that ``RecordProfiler`` observes them a column at a time: each column's
/// tables, sketches and classification branches stay in the cache and the branch predictors for the length
/// of a batch, instead of twenty columns' state taking turns on every row.
///
/// A record enters by exchanging storage with the reader's ``RecordBuffer`` (no bytes copied); its line, byte
/// offset, row fingerprint and, while a duplicate row may still need it, its example text are kept beside it.
///
/// Memory: the records held, at most ``byteBudget`` bytes of row encoding plus the record that reaches it
/// (a batch is full at `capacity` records or at that many bytes), `capacity` slots of 4 KiB and 64 fields
/// kept between batches (a slot that grew past ``keptSlotBytes`` or ``keptSlotFields`` for a long record is
/// given back when the batch is emptied), and `capacity` × ``CSVRecordReader/capturedBytes`` bytes of
/// example text. Nothing is allocated per record while records fit the kept slots.
final class RecordBatch {
    let capacity: Int
    @exclusivity(unchecked) private(set) var count = 0
    /// Bytes of row encoding held (the records' ``RecordBuffer/byteCount``s).
    @exclusivity(unchecked) private(set) var heldBytes = 0
    /// A batch holding this many bytes of row encoding is full, however few records it holds: long records
    /// are observed a few at a time instead of `capacity` of them waiting.
    static let byteBudget = 1 << 20
    /// A slot whose buffers grew past these sizes is replaced by a new one when the batch is emptied.
    static let keptSlotBytes = 64 << 10
    static let keptSlotFields = 4096
    private let storages: UnsafeMutablePointer<RecordBuffer.Storage>
    /// Each record's line (position code), byte offset (-1 when not reported) and row fingerprint.
    private let lines: UnsafeMutablePointer<Int>
    private let offsets: UnsafeMutablePointer<Int>
    private let fingerprints: UnsafeMutablePointer<RowFingerprint>
    /// Each record's example text (its first bytes as in the input), when kept, and whether it is complete.
    private let texts: UnsafeMutableRawPointer
    private let textCounts: UnsafeMutablePointer<Int>
    private let textIsComplete: UnsafeMutablePointer<Bool>
    private static var textCapacity: Int { CSVRecordReader<RecordProfiler>.capturedBytes }

    init(capacity: Int) {
        self.capacity = capacity
        storages = .allocate(capacity: capacity)
        for index in 0..<capacity { (storages + index).initialize(to: RecordBuffer.makeStorage()) }
        lines = .allocate(capacity: capacity)
        offsets = .allocate(capacity: capacity)
        fingerprints = .allocate(capacity: capacity)
        texts = .allocate(byteCount: capacity * Self.textCapacity, alignment: 16)
        textCounts = .allocate(capacity: capacity)
        textIsComplete = .allocate(capacity: capacity)
    }

    deinit {
        for index in 0..<capacity { RecordBuffer.release(storages[index]) }
        storages.deinitialize(count: capacity)
        storages.deallocate()
        lines.deallocate()
        offsets.deallocate()
        fingerprints.deallocate()
        texts.deallocate()
        textCounts.deallocate()
        textIsComplete.deallocate()
    }

    var isFull: Bool { count == capacity || heldBytes >= Self.byteBudget }

    /// Bytes the slots' buffers take (row encodings and field tables), held records or not.
    var slotBytes: Int {
        (0..<capacity).reduce(0) { total, row in
            total + storages[row].byteCapacity + 2 * MemoryLayout<Int>.stride * storages[row].fieldCapacity
        }
    }

    /// Takes `fields`' record (leaving `fields` empty) with its place; keeps `rawText` only when `keepsText`.
    func append(
        _ fields: RecordBuffer, line: Int, byteOffset: Int?, fingerprint: RowFingerprint,
        rawText: UnsafeRawBufferPointer, isComplete: Bool, keepsText: Bool
    ) {
        let row = count
        fields.exchangeStorage(with: storages + row)
        heldBytes += storages[row].byteCount
        lines[row] = line
        offsets[row] = byteOffset ?? -1
        fingerprints[row] = fingerprint
        if keepsText {
            let kept = min(rawText.count, Self.textCapacity)
            if kept > 0, let base = rawText.baseAddress {
                (texts + row * Self.textCapacity).copyMemory(from: base, byteCount: kept)
            }
            textCounts[row] = kept
            textIsComplete[row] = isComplete
        } else {
            textCounts[row] = -1
        }
        count = row + 1
    }

    /// The bytes of field `column` of record `row`, valid until ``removeAll()``.
    @inline(__always)
    func field(_ row: Int, _ column: Int) -> UnsafeRawBufferPointer {
        let storage = storages + row
        return UnsafeRawBufferPointer(
            start: storage.pointee.bytes + storage.pointee.valueStarts[column],
            count: storage.pointee.valueLengths[column])
    }

    @inline(__always) func line(_ row: Int) -> Int { lines[row] }
    @inline(__always) func byteOffset(_ row: Int) -> Int? { offsets[row] < 0 ? nil : offsets[row] }
    @inline(__always) func fingerprint(_ row: Int) -> RowFingerprint { fingerprints[row] }

    /// Record `row`'s example text, as ``RecordProfiler/recordText(_:isComplete:)`` makes it; empty when it was
    /// not kept.
    func exampleText(_ row: Int) -> String {
        guard textCounts[row] >= 0 else { return "" }
        return RecordProfiler.recordText(
            UnsafeRawBufferPointer(start: texts + row * Self.textCapacity, count: textCounts[row]),
            isComplete: textIsComplete[row])
    }

    /// Forgets the records, keeping every buffer but those that grew past ``keptSlotBytes`` or
    /// ``keptSlotFields``, which are replaced by new ones.
    func removeAll() {
        for row in 0..<count
        where storages[row].byteCapacity > Self.keptSlotBytes || storages[row].fieldCapacity > Self.keptSlotFields {
            RecordBuffer.release(storages[row])
            storages[row] = RecordBuffer.makeStorage()
        }
        count = 0
        heldBytes = 0
    }
}
