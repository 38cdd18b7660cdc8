/// A growing buffer that text is written into as UTF-8 bytes, piece by piece: one capacity check and one copy
/// per piece, without the uniqueness check and the generic paths of appending to an `Array` (where a JSON
/// report's thousands of small pieces spent most of their writing time).
struct ByteBuffer: ~Copyable {
    private var start: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    /// The bytes written so far.
    private(set) var count = 0

    /// An empty buffer with room for `capacity` bytes (at least 16) before it grows.
    init(capacity: Int) {
        self.capacity = Swift.max(16, capacity)
        start = .allocate(capacity: self.capacity)
    }

    deinit { start.deallocate() }

    /// Appends one byte.
    mutating func append(_ byte: UInt8) {
        if count == capacity { grow(toHold: 1) }
        (start + count).initialize(to: byte)
        count += 1
    }

    /// Appends `bytes`.
    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
        if capacity - count < bytes.count { grow(toHold: bytes.count) }
        (start + count).initialize(from: base, count: bytes.count)
        count += bytes.count
    }

    /// Appends the UTF-8 bytes of a literal.
    mutating func append(_ literal: StaticString) {
        append(UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
    }

    /// Appends `repeats` copies of `byte` (none when `repeats` is 0 or less).
    mutating func append(_ byte: UInt8, repeated repeats: Int) {
        guard repeats > 0 else { return }
        if capacity - count < repeats { grow(toHold: repeats) }
        (start + count).initialize(repeating: byte, count: repeats)
        count += repeats
    }

    /// Reverses the bytes from `offset` (at most ``count``) to the end: digits written lowest first.
    mutating func reverseBytes(from offset: Int) {
        var bytes = UnsafeMutableBufferPointer(start: start + offset, count: count - offset)
        bytes.reverse()
    }

    /// Calls `body` with the bytes written; they are valid only during the call.
    func withBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        try body(UnsafeBufferPointer(start: start, count: count))
    }

    /// Moves the bytes to a larger allocation with room for `extra` more (at least twice the capacity).
    private mutating func grow(toHold extra: Int) {
        let larger = Swift.max(capacity * 2, count + extra)
        let moved = UnsafeMutablePointer<UInt8>.allocate(capacity: larger)
        moved.moveInitialize(from: start, count: count)
        start.deallocate()
        start = moved
        capacity = larger
    }
}
