import CPrefetch
import CXXHash

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An exact multiset of byte strings: each distinct value once, with its count and what was learnt about it.
///
/// Open addressing with linear probing over a power-of-two slot array (load at most 1/2), keyed by the
/// value's XXH3-64 hash; each slot holds its entry's index and the high 32 bits of the value's hash, so a probe
/// reads only the entry whose hash half matches (not those of other values in the probe run) and a prefetch
/// can find that entry before the lookup. Values longer than 8 bytes live back to back in one byte arena,
/// shorter ones in their entry. Storage is manual (unsafe buffers that double when full), so a lookup of a
/// value already present allocates nothing and costs no reference counting. Memory: 48 bytes of entry, 16 to
/// 32 bytes of slots and the bytes of values over 8 bytes per distinct value; entries and bytes grow by
/// `realloc` (large blocks move by remapping pages, so growing never holds two copies), and the entries stop
/// doubling at the expected size the owner gives (``init(expectedEntries:)``).
final class ValueTable {
    /// One distinct value.
    struct Entry {
        /// Where the value's bytes start in the arena; for a value of at most ``inlineBytes`` bytes, the bytes
        /// themselves (zero-padded, in memory order), so looking it up or keeping it touches no arena.
        var offset: Int
        var count: Int
        /// The 1-based line of its first occurrence.
        var firstLine: Int
        /// The number, for finite integers and decimals.
        var number: Double
        var length: Int32
        /// Length in Unicode scalars.
        var scalarLength: Int32
        var valueClass: UInt8
        var flags: ValueFlags
    }

    @exclusivity(unchecked) private var entries: UnsafeMutablePointer<Entry>
    @exclusivity(unchecked) private var entryCapacity: Int
    @exclusivity(unchecked) private(set) var count = 0
    /// Per slot: 1 + the entry's index in the low 32 bits (0: empty), the high 32 bits of its value's hash
    /// in the high 32 bits. The full hash is not kept; ``hash(_:)`` computes it again when the slots are
    /// rebuilt.
    @exclusivity(unchecked) private var slots: UnsafeMutablePointer<UInt64>
    @exclusivity(unchecked) private var slotCount: Int
    @exclusivity(unchecked) private var arena: UnsafeMutableRawPointer
    @exclusivity(unchecked) private var arenaCapacity: Int
    @exclusivity(unchecked) private var arenaCount = 0
    /// Room for null tokens in a column's table beyond its exact bound (the default list has 10 tokens).
    static let expectedNullEntries = 16
    /// Where doubling the entries stops: growth goes to this size first, then doubles again only past it.
    private let expectedEntries: Int

    /// - Parameter expectedEntries: the most entries the owner expects to hold (an exact bound plus its nulls,
    ///   a summary's capacity); more still fit, at the cost of doubling from there.
    init(expectedEntries: Int = Int.max) {
        self.expectedEntries = expectedEntries
        slotCount = 8
        slots = UnsafeMutablePointer<UInt64>.allocate(capacity: slotCount)
        slots.initialize(repeating: 0, count: slotCount)
        entryCapacity = 4
        entries = Self.allocateEntries(entryCapacity)
        arenaCapacity = 64
        arena = malloc(arenaCapacity)!
    }

    deinit {
        slots.deallocate()
        free(entries)
        free(arena)
    }

    private static func allocateEntries(_ capacity: Int) -> UnsafeMutablePointer<Entry> {
        malloc(capacity * MemoryLayout<Entry>.stride)!.bindMemory(to: Entry.self, capacity: capacity)
    }

    var indices: Range<Int> { 0..<count }

    /// The bytes the table holds: its slots, entries and arena (by capacity).
    var allocatedBytes: Int {
        slotCount * MemoryLayout<UInt64>.stride + entryCapacity * MemoryLayout<Entry>.stride + arenaCapacity
    }

    /// Entry `index` (0-based, in insertion order).
    @inline(__always)
    subscript(index: Int) -> Entry {
        get { entries[index] }
    }

    /// A pointer to entry `index`, valid until the next insertion.
    @inline(__always)
    func entryPointer(_ index: Int) -> UnsafeMutablePointer<Entry> {
        entries + index
    }

    /// Values this short live in their entry's ``Entry/offset`` instead of the arena.
    static let inlineBytes = 8
    private static let inlineStart = MemoryLayout<Entry>.offset(of: \Entry.offset)!

    /// The bytes of entry `index`, valid until the next insertion.
    @inline(__always)
    func valueBytes(_ index: Int) -> UnsafeRawBufferPointer {
        let length = Int(entries[index].length)
        if length <= Self.inlineBytes {
            return UnsafeRawBufferPointer(start: UnsafeRawPointer(entries + index) + Self.inlineStart, count: length)
        }
        return UnsafeRawBufferPointer(start: arena + entries[index].offset, count: length)
    }

    /// The XXH3-64 hash of entry `index`'s bytes (computed again: only its high half is kept, in its slot).
    @inline(__always)
    func hash(_ index: Int) -> UInt64 {
        stableHash64(valueBytes(index))
    }

    /// A copy of entry `index`'s bytes.
    func value(_ index: Int) -> [UInt8] {
        Array(valueBytes(index))
    }

    /// Starts loading the slot a value with `hash` lands on, ahead of ``find(_:hash:)`` (a hint; no result
    /// changes).
    @inline(__always)
    func prefetchSlot(hash: UInt64) {
        dataquality_prefetch(slots + (Int(truncatingIfNeeded: hash) & (slotCount - 1)))
    }

    /// Starts loading the entry in the slot a value with `hash` lands on (after ``prefetchSlot(hash:)``).
    @inline(__always)
    func prefetchEntry(hash: UInt64) {
        let mask = slotCount - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let contents = slots[slot]
            if contents == 0 { return }
            if contents >> 32 == hash >> 32 {
                dataquality_prefetch(entries + (Int(truncatingIfNeeded: contents & 0xFFFF_FFFF) &- 1))
                return
            }
            slot = (slot + 1) & mask
        }
    }

    /// The index of `value`, or -1.
    @inline(__always)
    func find(_ value: UnsafeRawBufferPointer, hash: UInt64) -> Int {
        let mask = slotCount - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        let length = value.count
        while true {
            let contents = slots[slot]
            if contents == 0 { return -1 }
            if contents >> 32 == hash >> 32 {
                let index = Int(truncatingIfNeeded: contents & 0xFFFF_FFFF) &- 1
                let entry = entries + index
                if Int(entry.pointee.length) == length
                    && (length <= Self.inlineBytes
                        ? entry.pointee.offset == Self.packed(value)
                        : bytesEqual(arena + entry.pointee.offset, value.baseAddress!, length))
                {
                    return index
                }
            }
            slot = (slot + 1) & mask
        }
    }

    /// Adds a value known to be absent; returns its index.
    @discardableResult
    func insert(
        _ value: UnsafeRawBufferPointer, hash: UInt64, count occurrences: Int, firstLine: Int, number: Double,
        scalarLength: Int, valueClass: UInt8, flags: ValueFlags
    ) -> Int {
        if (count + 1) * 2 > slotCount { growSlots() }
        if count == entryCapacity { growEntries() }
        let length = value.count
        var offset = arenaCount
        if length <= Self.inlineBytes {
            offset = Self.packed(value)
        } else {
            if arenaCount + length > arenaCapacity { growArena(to: arenaCount + length) }
            (arena + arenaCount).copyMemory(from: value.baseAddress!, byteCount: length)
            arenaCount += length
        }
        let index = count
        (entries + index).initialize(
            to: Entry(
                offset: offset, count: occurrences, firstLine: firstLine, number: number, length: Int32(length),
                scalarLength: Int32(scalarLength), valueClass: valueClass, flags: flags))
        count += 1
        place(index, hash: hash)
        return index
    }

    /// Adds a copy of `other`'s entry `index`.
    @discardableResult
    func insert(copyOf index: Int, from other: ValueTable) -> Int {
        let entry = other[index]
        return insert(
            other.valueBytes(index), hash: other.hash(index), count: entry.count, firstLine: entry.firstLine,
            number: entry.number, scalarLength: Int(entry.scalarLength), valueClass: entry.valueClass,
            flags: entry.flags)
    }

    /// Empties the table and releases its memory down to the initial size.
    func removeAll() {
        count = 0
        arenaCount = 0
        slots.deallocate()
        slotCount = 8
        slots = UnsafeMutablePointer<UInt64>.allocate(capacity: slotCount)
        slots.initialize(repeating: 0, count: slotCount)
        free(entries)
        entryCapacity = 4
        entries = Self.allocateEntries(entryCapacity)
        free(arena)
        arenaCapacity = 64
        arena = malloc(arenaCapacity)!
    }

    /// Makes this table a copy of `other` (memory copies, at `other`'s capacities), each entry's first line
    /// turned by `mapLine` when given.
    /// - Complexity: O(bytes `other` holds).
    func replaceContents(with other: ValueTable, mapLine: ((Int) -> Int)?) {
        slots.deallocate()
        slotCount = other.slotCount
        slots = UnsafeMutablePointer<UInt64>.allocate(capacity: slotCount)
        slots.initialize(from: other.slots, count: slotCount)
        free(entries)
        entryCapacity = other.entryCapacity
        entries = Self.allocateEntries(entryCapacity)
        // Entries are plain values (no references), so copying their bytes copies them.
        UnsafeMutableRawPointer(entries).copyMemory(
            from: other.entries, byteCount: other.count * MemoryLayout<Entry>.stride)
        count = other.count
        free(arena)
        arenaCapacity = other.arenaCapacity
        arena = malloc(arenaCapacity)!
        arena.copyMemory(from: other.arena, byteCount: other.arenaCount)
        arenaCount = other.arenaCount
        if let mapLine {
            for index in 0..<count { entries[index].firstLine = mapLine(entries[index].firstLine) }
        }
    }

    /// Keeps only the entries whose count is above `amount`, lowering each kept count by `amount` (the purge
    /// of a frequent-items summary). O(n) for n entries.
    func purge(subtracting amount: Int) {
        var kept = 0
        var bytesKept = 0
        for index in 0..<count where entries[index].count > amount {
            var entry = entries[index]
            let length = Int(entry.length)
            if length > Self.inlineBytes {
                (arena + bytesKept).copyMemory(from: arena + entry.offset, byteCount: length)
                entry.offset = bytesKept
                bytesKept += length
            }
            entry.count -= amount
            entries[kept] = entry
            kept += 1
        }
        count = kept
        arenaCount = bytesKept
        slots.update(repeating: 0, count: slotCount)
        for index in 0..<count { place(index, hash: hash(index)) }
    }

    /// The count at 0-based `rank` among the entries' counts sorted ascending (the median for `count / 2`), by
    /// quickselect (Hoare's FIND) over a copy of the counts: O(n) expected, the same value a full sort gives.
    /// - Precondition: `0 <= rank < count`.
    func countAtRank(_ rank: Int) -> Int {
        let counts = UnsafeMutableBufferPointer<Int>.allocate(capacity: count)
        defer { counts.deallocate() }
        for index in 0..<count { counts[index] = entries[index].count }
        return selectRank(counts, rank: rank)
    }

    /// A value of at most ``inlineBytes`` bytes as its entry holds it (``packedWord(_:count:)``).
    @inline(__always)
    private static func packed(_ value: UnsafeRawBufferPointer) -> Int {
        Int(bitPattern: UInt(packedWord(value.baseAddress, count: value.count)))
    }

    private func place(_ index: Int, hash: UInt64) {
        let mask = slotCount - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        slots[slot] = UInt64(truncatingIfNeeded: index + 1) | hash & 0xFFFF_FFFF_0000_0000
    }

    private func growSlots() {
        slots.deallocate()
        slotCount *= 2
        slots = UnsafeMutablePointer<UInt64>.allocate(capacity: slotCount)
        slots.initialize(repeating: 0, count: slotCount)
        for index in 0..<count { place(index, hash: hash(index)) }
    }

    private func growEntries() {
        let doubled = entryCapacity * 2
        let capacity = entryCapacity < expectedEntries ? min(doubled, expectedEntries) : doubled
        // Entries are plain values (no references), so moving their bytes moves them.
        entries = realloc(entries, capacity * MemoryLayout<Entry>.stride)!.bindMemory(
            to: Entry.self, capacity: capacity)
        entryCapacity = capacity
    }

    private func growArena(to needed: Int) {
        var capacity = arenaCapacity
        while capacity < needed { capacity *= 2 }
        arena = realloc(arena, capacity)!
        arenaCapacity = capacity
    }
}

/// Whether `count` (at least 1) bytes at `lhs` and `rhs` are equal. Short values (most field values) are compared
/// in place with overlapping word loads, which costs less than a call to `memcmp`; long ones call it.
@inline(__always)
func bytesEqual(_ lhs: UnsafeRawPointer, _ rhs: UnsafeRawPointer, _ count: Int) -> Bool {
    if count > 32 { return memcmp(lhs, rhs, count) == 0 }
    if count >= 8 {
        var index = 0
        while index + 8 < count {
            if lhs.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                != rhs.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            {
                return false
            }
            index += 8
        }
        return lhs.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
            == rhs.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
    }
    if count >= 4 {
        return lhs.loadUnaligned(as: UInt32.self) == rhs.loadUnaligned(as: UInt32.self)
            && lhs.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self)
                == rhs.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self)
    }
    // One to three bytes: the first, the middle and the last cover them all.
    return lhs.load(as: UInt8.self) == rhs.load(as: UInt8.self)
        && lhs.load(fromByteOffset: count / 2, as: UInt8.self) == rhs.load(fromByteOffset: count / 2, as: UInt8.self)
        && lhs.load(fromByteOffset: count - 1, as: UInt8.self) == rhs.load(fromByteOffset: count - 1, as: UInt8.self)
}

/// XXH3-64 of a byte string (xxHash, Yann Collet, <https://github.com/Cyan4973/xxHash>, seed 0). Stable across
/// processes and machines, unlike Swift's per-process seeded `Hasher`.
@inline(__always)
func stableHash64(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
    dataquality_xxh3_64(bytes.baseAddress, bytes.count)
}

extension ValueTable {
    /// Every entry: bytes, count, first line (a position code), number, scalar length, class and flags.
    func write(to writer: inout StateWriter) {
        writer.int(count)
        for index in indices {
            let entry = self[index]
            writer.data(valueBytes(index))
            writer.int(entry.count)
            writer.position(entry.firstLine)
            writer.double(entry.number)
            writer.int(Int(entry.scalarLength))
            writer.byte(entry.valueClass)
            writer.byte(entry.flags.rawValue)
        }
    }

    /// Reads entries into this (empty) table; equal values twice are refused.
    func read(from reader: inout StateReader) throws {
        let entries = try reader.count(limit: reader.remainingBytes / 8)
        for _ in 0..<entries {
            let value = try reader.data()
            let count = try reader.count()
            let firstLine = try reader.position()
            let number = try reader.double()
            let scalarLength = try reader.count(limit: Int(Int32.max))
            let valueClass = try reader.byte()
            let flags = ValueFlags(rawValue: try reader.byte())
            guard Int(valueClass) < ValueClass.count else { throw StateReadingError(offset: 0) }
            try value.withUnsafeBytes { raw in
                let hash = stableHash64(raw)
                guard find(raw, hash: hash) < 0 else { throw StateReadingError(offset: 0) }
                insert(
                    raw, hash: hash, count: count, firstLine: firstLine, number: number, scalarLength: scalarLength,
                    valueClass: valueClass, flags: flags)
            }
        }
    }
}
