/// Writes the large parts of a ``ProfileState`` (exact value tables, sketches, row sets) as compact binary
/// blobs (little-endian integers, binary64 bit patterns, length-prefixed byte strings), each in its own
/// type's layout; the state's keyed coding carries them in base64.
struct StateWriter {
    private(set) var bytes: [UInt8] = []

    mutating func int(_ value: Int) {
        withUnsafeBytes(of: Int64(value).littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func uint64(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func double(_ value: Double) { uint64(value.bitPattern) }

    mutating func bool(_ value: Bool) { bytes.append(value ? 1 : 0) }

    mutating func byte(_ value: UInt8) { bytes.append(value) }

    mutating func data(_ value: some Collection<UInt8>) {
        int(value.count)
        bytes.append(contentsOf: value)
    }

    mutating func string(_ value: String) { data(Array(value.utf8)) }

    /// A position code (``SourcePosition``).
    mutating func position(_ code: Int) { int(code) }

    mutating func doubles(_ values: [Double]) {
        int(values.count)
        values.forEach { double($0) }
    }
}

/// Reads what ``StateWriter`` wrote; every read checks the bounds and throws ``StateReadingError`` instead of
/// trapping, so a damaged state file is an error, never a crash.
struct StateReader {
    private let bytes: [UInt8]
    private var offset = 0
    /// Turns a stored position code into the code of the merged profile's source table.
    let mapPosition: (Int) -> Int

    init(_ bytes: [UInt8], mapPosition: @escaping (Int) -> Int = { $0 }) {
        self.bytes = bytes
        self.mapPosition = mapPosition
    }

    var isAtEnd: Bool { offset == bytes.count }
    /// Bytes not read yet.
    var remainingBytes: Int { bytes.count - offset }

    private mutating func take(_ count: Int) throws -> ArraySlice<UInt8> {
        guard count >= 0, count <= bytes.count - offset else { throw StateReadingError(offset: offset) }
        defer { offset += count }
        return bytes[offset..<(offset + count)]
    }

    mutating func uint64() throws -> UInt64 {
        try take(8).reversed().reduce(0) { $0 << 8 | UInt64($1) }
    }

    mutating func int() throws -> Int { Int(Int64(bitPattern: try uint64())) }

    /// The largest count a state may hold (2^40, about 1.1e12): sums over many merged parts and the
    /// products the report computes stay far from overflowing.
    static let maximumCount = 1 << 40

    /// A count or length: a non-negative int no larger than `limit`.
    mutating func count(limit: Int = StateReader.maximumCount) throws -> Int {
        let value = try int()
        guard value >= 0, value <= limit else { throw StateReadingError(offset: offset - 8) }
        return value
    }

    mutating func double() throws -> Double { Double(bitPattern: try uint64()) }

    mutating func bool() throws -> Bool {
        let value = try take(1).first!
        guard value <= 1 else { throw StateReadingError(offset: offset - 1) }
        return value == 1
    }

    mutating func byte() throws -> UInt8 { try take(1).first! }

    mutating func data() throws -> [UInt8] {
        let length = try count(limit: bytes.count - offset - 8)
        return Array(try take(length))
    }

    mutating func string() throws -> String { decodeText(try data()) }

    mutating func position() throws -> Int { mapPosition(try int()) }

    mutating func doubles() throws -> [Double] {
        let count = try count(limit: (bytes.count - offset) / 8)
        return try (0..<count).map { _ in try double() }
    }
}

/// A state's binary part ended early or held an impossible value.
struct StateReadingError: Error {
    /// Where in the decoded binary part (bytes).
    var offset: Int
}
