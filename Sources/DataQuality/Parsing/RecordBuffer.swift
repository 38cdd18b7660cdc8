/// One record's fields, stored back to back in one reusable byte buffer.
///
/// Layout (the *row encoding*, also the input of the duplicate-row hash): for each field, its length as an
/// 8-byte little-endian integer, then its bytes. So `a,bc` and `ab,c` encode differently, and quoting does
/// not matter (`"a",b` and `a,b` encode the same). The buffer and the field tables grow to the largest
/// record seen and are reused: appending allocates nothing in steady state.
final class RecordBuffer {
    private(set) var bytes: UnsafeMutableRawPointer
    private var byteCapacity: Int
    /// Bytes used, length prefixes included.
    private(set) var byteCount = 0
    private var valueStarts: UnsafeMutablePointer<Int>
    private var valueLengths: UnsafeMutablePointer<Int>
    private var fieldCapacity: Int
    /// Fields appended since the last ``removeAll()``.
    private(set) var fieldCount = 0

    init() {
        byteCapacity = 4096
        bytes = UnsafeMutableRawPointer.allocate(byteCount: byteCapacity, alignment: 16)
        fieldCapacity = 64
        valueStarts = UnsafeMutablePointer<Int>.allocate(capacity: fieldCapacity)
        valueLengths = UnsafeMutablePointer<Int>.allocate(capacity: fieldCapacity)
    }

    deinit {
        bytes.deallocate()
        valueStarts.deallocate()
        valueLengths.deallocate()
    }

    /// Empties the record, keeping the storage.
    @inline(__always)
    func removeAll() {
        byteCount = 0
        fieldCount = 0
    }

    /// Appends one field's value bytes.
    func append(_ source: UnsafeRawPointer?, count: Int) {
        let needed = byteCount + 8 + count
        if needed > byteCapacity { growBytes(to: needed) }
        if fieldCount == fieldCapacity { growFields() }
        var length = UInt64(count).littleEndian
        withUnsafeBytes(of: &length) { (bytes + byteCount).copyMemory(from: $0.baseAddress!, byteCount: 8) }
        if count > 0, let source { (bytes + byteCount + 8).copyMemory(from: source, byteCount: count) }
        valueStarts[fieldCount] = byteCount + 8
        valueLengths[fieldCount] = count
        byteCount = needed
        fieldCount += 1
    }

    /// Appends a field from a byte array (the rows-of-strings entry point).
    func append(_ value: [UInt8]) {
        value.withUnsafeBytes { append($0.baseAddress, count: $0.count) }
    }

    /// The bytes of field `index` (0-based), valid until the next mutation.
    @inline(__always)
    func field(_ index: Int) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: bytes + valueStarts[index], count: valueLengths[index])
    }

    /// The whole row encoding, valid until the next mutation.
    var encoded: UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: bytes, count: byteCount)
    }

    private func growBytes(to needed: Int) {
        var capacity = byteCapacity
        while capacity < needed { capacity *= 2 }
        let grown = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
        grown.copyMemory(from: bytes, byteCount: byteCount)
        bytes.deallocate()
        bytes = grown
        byteCapacity = capacity
    }

    private func growFields() {
        let capacity = fieldCapacity * 2
        let starts = UnsafeMutablePointer<Int>.allocate(capacity: capacity)
        let lengths = UnsafeMutablePointer<Int>.allocate(capacity: capacity)
        starts.update(from: valueStarts, count: fieldCount)
        lengths.update(from: valueLengths, count: fieldCount)
        valueStarts.deallocate()
        valueLengths.deallocate()
        valueStarts = starts
        valueLengths = lengths
        fieldCapacity = capacity
    }
}
