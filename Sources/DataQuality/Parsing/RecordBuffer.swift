/// One record's fields, stored back to back in one reusable byte buffer.
///
/// Layout (the *row encoding*, also the input of the duplicate-row hash): for each field, its length as an
/// 8-byte little-endian integer, then its bytes. So `a,bc` and `ab,c` encode differently, and quoting does
/// not matter (`"a",b` and `a,b` encode the same). The buffer and the field tables grow to the largest
/// record seen and are reused: appending allocates nothing in steady state.
final class RecordBuffer {
    /// The mutable sizes, behind one pointer so appending pays no exclusivity checks (and libcsv's field
    /// callback appends through ``storage`` without touching the object).
    struct Storage {
        var bytes: UnsafeMutableRawPointer
        var byteCapacity: Int
        var byteCount = 0
        var valueStarts: UnsafeMutablePointer<Int>
        var valueLengths: UnsafeMutablePointer<Int>
        var fieldCapacity: Int
        var fieldCount = 0
    }

    let storage: UnsafeMutablePointer<Storage>

    init() {
        storage = UnsafeMutablePointer<Storage>.allocate(capacity: 1)
        storage.initialize(to: Self.makeStorage())
    }

    deinit {
        Self.release(storage.pointee)
        storage.deinitialize(count: 1)
        storage.deallocate()
    }

    /// Empty storage with room for 4 KiB of row encoding and 64 fields (it grows as records need).
    static func makeStorage() -> Storage {
        Storage(
            bytes: UnsafeMutableRawPointer.allocate(byteCount: 4096, alignment: 16), byteCapacity: 4096,
            valueStarts: UnsafeMutablePointer<Int>.allocate(capacity: 64),
            valueLengths: UnsafeMutablePointer<Int>.allocate(capacity: 64), fieldCapacity: 64)
    }

    /// Frees the buffers of storage made by ``makeStorage()`` (and grown by appending).
    static func release(_ storage: Storage) {
        storage.bytes.deallocate()
        storage.valueStarts.deallocate()
        storage.valueLengths.deallocate()
    }

    /// Gives this buffer's record to `other` and takes `other`'s buffers, emptied: the record changes hands
    /// without copying its bytes.
    /// - Complexity: O(1).
    @inline(__always)
    func exchangeStorage(with other: UnsafeMutablePointer<Storage>) {
        swap(&storage.pointee, &other.pointee)
        storage.pointee.byteCount = 0
        storage.pointee.fieldCount = 0
    }

    /// Bytes used, length prefixes included.
    var byteCount: Int { storage.pointee.byteCount }
    /// Fields appended since the last ``removeAll()``.
    var fieldCount: Int { storage.pointee.fieldCount }

    /// Empties the record, keeping the storage.
    @inline(__always)
    func removeAll() {
        storage.pointee.byteCount = 0
        storage.pointee.fieldCount = 0
    }

    /// Appends one field's value bytes.
    @inline(__always)
    func append(_ source: UnsafeRawPointer?, count: Int) {
        Self.append(source, count: count, to: storage)
    }

    /// ``append(_:count:)`` on a buffer's ``storage``. A field of at most 16 bytes that fits (most fields) is
    /// stored without a call, so the function that inlines this saves no registers for one.
    @inline(__always)
    static func append(_ source: UnsafeRawPointer?, count: Int, to storage: UnsafeMutablePointer<Storage>) {
        let used = storage.pointee.byteCount
        let needed = used &+ 8 &+ count
        let field = storage.pointee.fieldCount
        guard
            _fastPath(
                count <= 16 && needed <= storage.pointee.byteCapacity && field != storage.pointee.fieldCapacity)
        else {
            appendLongOrGrowing(source, count: count, to: storage)
            return
        }
        let bytes = storage.pointee.bytes
        if count > 0, let source { copyShortBytes(to: bytes + (used &+ 8), from: source, count: count) }
        finishAppend(count: count, used: used, field: field, to: storage)
    }

    /// ``append(_:count:to:)`` for a field over 16 bytes or one that needs the buffers to grow.
    @inline(never)
    private static func appendLongOrGrowing(
        _ source: UnsafeRawPointer?, count: Int, to storage: UnsafeMutablePointer<Storage>
    ) {
        let used = storage.pointee.byteCount
        let needed = used &+ 8 &+ count
        if needed > storage.pointee.byteCapacity { growBytes(storage, to: needed) }
        let field = storage.pointee.fieldCount
        if field == storage.pointee.fieldCapacity { growFields(storage) }
        if count > 0, let source {
            let target = storage.pointee.bytes + (used &+ 8)
            if count <= 16 {
                copyShortBytes(to: target, from: source, count: count)
            } else {
                target.copyMemory(from: source, byteCount: count)
            }
        }
        finishAppend(count: count, used: used, field: field, to: storage)
    }

    /// Writes the length prefix and the field's place once its bytes are in.
    @inline(__always)
    private static func finishAppend(count: Int, used: Int, field: Int, to storage: UnsafeMutablePointer<Storage>) {
        (storage.pointee.bytes + used).storeBytes(of: UInt64(truncatingIfNeeded: count).littleEndian, as: UInt64.self)
        storage.pointee.valueStarts[field] = used &+ 8
        storage.pointee.valueLengths[field] = count
        storage.pointee.byteCount = used &+ 8 &+ count
        storage.pointee.fieldCount = field &+ 1
    }

    /// Appends a field from a byte array (the rows-of-strings entry point).
    func append(_ value: [UInt8]) {
        value.withUnsafeBytes { append($0.baseAddress, count: $0.count) }
    }

    /// The bytes of field `index` (0-based), valid until the next mutation.
    @inline(__always)
    func field(_ index: Int) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(
            start: storage.pointee.bytes + storage.pointee.valueStarts[index],
            count: storage.pointee.valueLengths[index])
    }

    /// The whole row encoding, valid until the next mutation.
    var encoded: UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: storage.pointee.bytes, count: storage.pointee.byteCount)
    }

    private static func growBytes(_ storage: UnsafeMutablePointer<Storage>, to needed: Int) {
        var capacity = storage.pointee.byteCapacity
        while capacity < needed { capacity *= 2 }
        let grown = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
        grown.copyMemory(from: storage.pointee.bytes, byteCount: storage.pointee.byteCount)
        storage.pointee.bytes.deallocate()
        storage.pointee.bytes = grown
        storage.pointee.byteCapacity = capacity
    }

    private static func growFields(_ storage: UnsafeMutablePointer<Storage>) {
        let capacity = storage.pointee.fieldCapacity * 2
        let count = storage.pointee.fieldCount
        let starts = UnsafeMutablePointer<Int>.allocate(capacity: capacity)
        let lengths = UnsafeMutablePointer<Int>.allocate(capacity: capacity)
        starts.update(from: storage.pointee.valueStarts, count: count)
        lengths.update(from: storage.pointee.valueLengths, count: count)
        storage.pointee.valueStarts.deallocate()
        storage.pointee.valueLengths.deallocate()
        storage.pointee.valueStarts = starts
        storage.pointee.valueLengths = lengths
        storage.pointee.fieldCapacity = capacity
    }
}

/// Copies `count` (1 to 16) bytes with two overlapping loads and stores of the widest fitting size (no call,
/// no byte outside either range touched).
@inline(__always)
private func copyShortBytes(to destination: UnsafeMutableRawPointer, from source: UnsafeRawPointer, count: Int) {
    switch count {
    case 8...:
        let head = source.loadUnaligned(as: UInt64.self)
        let tail = source.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
        destination.storeBytes(of: head, as: UInt64.self)
        destination.storeBytes(of: tail, toByteOffset: count - 8, as: UInt64.self)
    case 4..<8:
        let head = source.loadUnaligned(as: UInt32.self)
        let tail = source.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self)
        destination.storeBytes(of: head, as: UInt32.self)
        destination.storeBytes(of: tail, toByteOffset: count - 4, as: UInt32.self)
    case 2..<4:
        let head = source.loadUnaligned(as: UInt16.self)
        let tail = source.loadUnaligned(fromByteOffset: count - 2, as: UInt16.self)
        destination.storeBytes(of: head, as: UInt16.self)
        destination.storeBytes(of: tail, toByteOffset: count - 2, as: UInt16.self)
    default:
        destination.storeBytes(of: source.load(as: UInt8.self), as: UInt8.self)
    }
}
