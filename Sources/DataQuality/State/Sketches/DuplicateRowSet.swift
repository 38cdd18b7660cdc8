import CPrefetch
import CXXHash

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A row's 128-bit fingerprint (``DuplicateRowSet``).
struct RowFingerprint: Hashable {
    var low: UInt64
    var high: UInt64
}

/// The set of rows seen, as 128-bit fingerprints, to count duplicate rows exactly in one pass.
///
/// A row's fingerprint is XXH3-128 (xxHash, seed 0) of its row encoding (``RecordBuffer``: each field's length
/// as 8 bytes little-endian, then its bytes), so `a,bc` and `ab,c` differ and quoting does not matter. Two
/// different rows share a fingerprint with probability about n^2 / 2^129 for n distinct rows (under 1e-25
/// for a billion rows), the only way a count could be wrong.
///
/// Memory: open addressing over a power-of-two table of 16-byte slots (a fingerprint's two halves side by side,
/// so a probe touches one cache line) kept at most 3/4 full, so between 21 and 43 bytes per distinct row (16
/// bytes of fingerprint each, plus empty slots), and twice that for a moment while the table doubles.
final class DuplicateRowSet {
    /// The slots; (0, 0) marks an empty one (``fingerprint(_:)`` never returns it).
    @exclusivity(unchecked) private var slots: UnsafeMutablePointer<RowFingerprint>
    @exclusivity(unchecked) private var slotCount: Int
    @exclusivity(unchecked) private var mask: Int
    @exclusivity(unchecked) private(set) var count = 0

    init(initialSlots: Int = 1024) {
        slotCount = initialSlots
        mask = initialSlots - 1
        slots = Self.allocateEmpty(initialSlots)
    }

    deinit { free(slots) }

    /// The bytes of the slots.
    var allocatedBytes: Int { slotCount * MemoryLayout<RowFingerprint>.stride }

    /// The most slots ``reserve(rows:)`` makes room for: 2^23 (128 MiB, about 6.3 million rows at 3/4 load).
    static let maximumReservedSlots = 1 << 23

    /// Makes room for `rows` distinct rows at once, before any is inserted, so a large input does not double
    /// the table again and again (each doubling writes a new table and moves every row into it, and twice the
    /// memory is held while it does). At most ``maximumReservedSlots``: an estimate that is too high (an input
    /// of few distinct rows) costs at most that much memory; beyond it the table grows as before.
    func reserve(rows: Int) {
        guard count == 0, rows > 0 else { return }
        let slotsForRows = rows > Self.maximumReservedSlots ? Self.maximumReservedSlots : rows * 4 / 3
        var wanted = slotCount
        while wanted < Self.maximumReservedSlots && wanted < slotsForRows { wanted *= 2 }
        guard wanted > slotCount else { return }
        free(slots)
        slotCount = wanted
        mask = wanted - 1
        slots = Self.allocateEmpty(wanted)
    }

    /// Tables of this many bytes or more are aligned to 2 MiB and offered to Linux's transparent huge pages: a
    /// probe lands anywhere in the table, and with 4 KiB pages nearly every probe of a large table also walked
    /// the page tables (-3% wall time, one core, on the benchmark's 1 GB file).
    private static let hugePageBytes = 4 << 20

    /// Written through, not `calloc`ed: a probe that reads an untouched page maps the shared zero page, and the
    /// insertion that then writes it must copy it and flush that address from every core's translation cache
    /// (an interrupt to each core running another worker: 6% of a two-core run's time went there).
    private static func allocateEmpty(_ count: Int) -> UnsafeMutablePointer<RowFingerprint> {
        let bytes = count * MemoryLayout<RowFingerprint>.stride
        var memory: UnsafeMutableRawPointer?
        #if os(Linux)
            if bytes >= hugePageBytes, posix_memalign(&memory, 2 << 20, bytes) == 0, let aligned = memory {
                _ = madvise(aligned, bytes, Int32(MADV_HUGEPAGE))
            }
        #endif
        let slots = (memory ?? malloc(bytes)!).bindMemory(to: RowFingerprint.self, capacity: count)
        slots.initialize(repeating: RowFingerprint(low: 0, high: 0), count: count)
        return slots
    }

    /// Inserts a row by its encoding.
    /// - Returns: true when an equal row was inserted before.
    func insertReturningDuplicate(_ encodedRow: UnsafeRawBufferPointer) -> Bool {
        let (first, second) = Self.fingerprint(encodedRow)
        return insertFingerprint(first, second)
    }

    /// Inserts a row by its fingerprint (``fingerprint(_:)``); true when it was there already.
    func insertReturningDuplicate(fingerprint: RowFingerprint) -> Bool {
        insertFingerprint(fingerprint.low, fingerprint.high)
    }

    /// Starts loading the slot of a fingerprint, ahead of inserting it (a hint; no result changes).
    @inline(__always)
    func prefetch(fingerprint: RowFingerprint) {
        dataquality_prefetch(slots + (Int(truncatingIfNeeded: fingerprint.low) & mask))
    }

    /// Whether a row with this fingerprint was inserted.
    func contains(fingerprint: RowFingerprint) -> Bool {
        containsFingerprint(fingerprint.low, fingerprint.high)
    }

    /// A row's fingerprint: XXH3-128 of its encoding, (0, 0) replaced by (1, 0).
    static func fingerprint(of encodedRow: UnsafeRawBufferPointer) -> RowFingerprint {
        let (low, high) = fingerprint(encodedRow)
        return RowFingerprint(low: low, high: high)
    }

    /// Whether a row with this encoding was inserted.
    func contains(_ encodedRow: UnsafeRawBufferPointer) -> Bool {
        let (first, second) = Self.fingerprint(encodedRow)
        return containsFingerprint(first, second)
    }

    /// The fingerprints held, in slot order.
    private var fingerprints: some Sequence<RowFingerprint> {
        UnsafeBufferPointer(start: slots, count: slotCount).lazy.filter { $0.low != 0 || $0.high != 0 }
    }

    /// How many of `other`'s rows this set holds too.
    func countShared(with other: DuplicateRowSet) -> Int {
        var shared = 0
        for row in other.fingerprints where containsFingerprint(row.low, row.high) { shared += 1 }
        return shared
    }

    /// Adds every row of `other`.
    func formUnion(_ other: DuplicateRowSet) {
        // `other`'s rows come in its slot order. Inserted into a table with fewer slots they wrap around it
        // twice or more, each pass piling onto the runs the one before left (linear probing's primary
        // clustering: half of a two-core run with a unique --key column went here). So first grow to at least
        // `other`'s slot count, with room for both.
        var wanted = slotCount
        while wanted < other.slotCount || (count + other.count) * 4 > wanted * 3 { wanted *= 2 }
        if wanted > slotCount { rehash(slotCount: wanted) }
        for row in other.fingerprints { _ = insertFingerprint(row.low, row.high) }
    }

    private func containsFingerprint(_ first: UInt64, _ second: UInt64) -> Bool {
        var slot = Int(truncatingIfNeeded: first) & mask
        while slots[slot].low != 0 || slots[slot].high != 0 {
            if slots[slot].low == first && slots[slot].high == second { return true }
            slot = (slot + 1) & mask
        }
        return false
    }

    private static func fingerprint(_ encodedRow: UnsafeRawBufferPointer) -> (UInt64, UInt64) {
        let hash = dataquality_xxh3_128(encodedRow.baseAddress, encodedRow.count)
        if hash.low64 == 0 && hash.high64 == 0 { return (1, 0) }  // (0, 0) marks an empty slot
        return (hash.low64, hash.high64)
    }

    /// Inserts a fingerprint; true when it was there already.
    private func insertFingerprint(_ first: UInt64, _ second: UInt64) -> Bool {
        var slot = Int(truncatingIfNeeded: first) & mask
        while slots[slot].low != 0 || slots[slot].high != 0 {
            if slots[slot].low == first && slots[slot].high == second { return true }
            slot = (slot + 1) & mask
        }
        slots[slot] = RowFingerprint(low: first, high: second)
        count += 1
        if count * 4 > slotCount * 3 { grow() }
        return false
    }

    private func grow() {
        rehash(slotCount: slotCount * 2)
    }

    /// Moves every row into a new table of `newCount` slots (a power of two, more than now).
    private func rehash(slotCount newCount: Int) {
        let old = slots
        let oldCount = slotCount
        slotCount = newCount
        mask = slotCount - 1
        slots = Self.allocateEmpty(slotCount)
        for index in 0..<oldCount where old[index].low != 0 || old[index].high != 0 {
            var slot = Int(truncatingIfNeeded: old[index].low) & mask
            while slots[slot].low != 0 || slots[slot].high != 0 { slot = (slot + 1) & mask }
            slots[slot] = old[index]
        }
        free(old)
    }
}

extension DuplicateRowSet {
    /// The fingerprints, 16 bytes each (low then high 64 bits, little-endian), in slot order.
    func write(to writer: inout StateWriter) {
        writer.int(count)
        for row in fingerprints {
            writer.uint64(row.low)
            writer.uint64(row.high)
        }
    }

    convenience init(reading reader: inout StateReader) throws {
        let count = try reader.count(limit: reader.remainingBytes / 16)
        var slots = 1024
        while slots * 3 < count * 4 + 4 { slots *= 2 }
        self.init(initialSlots: slots)
        for _ in 0..<count {
            let first = try reader.uint64()
            let second = try reader.uint64()
            guard first != 0 || second != 0 else { throw StateReadingError(offset: 0) }
            _ = insertFingerprint(first, second)
        }
    }
}
