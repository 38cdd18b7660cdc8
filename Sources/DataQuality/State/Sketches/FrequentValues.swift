import CPrefetch

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The most frequent values of a stream with too many distinct values to count exactly.
///
/// A Misra-Gries summary with batched purges, as in Apache DataSketches' frequent-items sketch (Anderson,
/// Bevan, Lang, Liberty, Rhodes, Thaler, "A High-Performance Algorithm for Identifying Frequent Items in Data
/// Streams", 2017): at most 2 x ``capacity`` counters; when full, the median count is subtracted from every
/// counter and those left at zero or below are dropped. A reported count is a lower bound of the true count
/// and falls short of it by at most ``maximumError`` (the total subtracted), which is at most n / capacity
/// for n values.
///
/// Storage: a table of its own, smaller than a column's ``ValueTable`` (most values of a column past its exact
/// bound are new and dropped at the next purge, so what a counter costs to create and to drop is what counts):
/// 32-byte counters holding the full XXH3-64 hash (compared before any byte; the purge re-places the kept
/// counters without hashing again), values of up to 8 bytes inside the counter, longer ones in one byte arena
/// compacted by each purge; open addressing with linear probing over twice as many slots as there is room for
/// counters, up to 4 x capacity (load at most 1/2), each slot holding its counter's index and the high 32 bits
/// of its hash, so a probe past another value's slot (most probes, in a column of mostly new values) reads no
/// counter.
/// Memory: at most 2 x capacity counters (64 KB for the default capacity), 32 x capacity bytes of slots and the
/// bytes of the counted values over 8 bytes. The counters and slots start at ``initialCounters`` and double as
/// counters are created (two slots per counter, so the load stays at most 1/2) until 2 x capacity counters, so
/// a summary that counts few values (a column that never leaves its exact bound counts none) holds about
/// 640 bytes. Nothing is allocated per value once the counters and the arena have grown to their working
/// size.
final class FrequentValues {
    let capacity: Int
    /// The most any reported count can fall short of the true count.
    @exclusivity(unchecked) private(set) var maximumError = 0

    /// One counted value.
    private struct Counter {
        var hash: UInt64
        var count: Int
        /// The value's bytes, for at most 8 bytes (zero-padded, in memory order); else its arena offset.
        var bytesOrOffset: UInt64
        var length: Int
    }

    // `@exclusivity(unchecked)`: these change only as the storage grows or fills, and every probe reads them;
    // the check would cost an access call per value.
    @exclusivity(unchecked) private var counters: UnsafeMutablePointer<Counter>
    @exclusivity(unchecked) private var counterCount = 0
    /// Counters the storage holds: from ``initialCounters`` doubling to 2 x ``capacity``, where a full summary
    /// purges instead.
    @exclusivity(unchecked) private var counterCapacity: Int
    /// Per slot, 1 + the index of the counter in it in the low 32 bits (0 when empty) and the high 32 bits of
    /// the counter's hash in the high 32 bits.
    @exclusivity(unchecked) private var slots: UnsafeMutablePointer<UInt64>
    @exclusivity(unchecked) private var slotMask: Int
    @exclusivity(unchecked) private var arena: UnsafeMutableRawPointer
    @exclusivity(unchecked) private var arenaCapacity = 256
    @exclusivity(unchecked) private var arenaCount = 0
    /// Counts below this many are tallied per count to find the purge's median in one pass.
    private static let tallied = 64

    /// The capacity every column uses (a partial profile's setting).
    static let defaultCapacity = 1024
    /// The counters a new summary has room for.
    static let initialCounters = 8

    init(capacity: Int = FrequentValues.defaultCapacity) {
        self.capacity = capacity
        counterCapacity = min(Self.initialCounters, 2 * capacity)
        counters = Self.allocateCounters(counterCapacity)
        let slotCount = Self.slotCount(forCounters: counterCapacity)
        slotMask = slotCount - 1
        slots = calloc(slotCount, MemoryLayout<UInt64>.stride)!.bindMemory(to: UInt64.self, capacity: slotCount)
        arena = malloc(arenaCapacity)!
    }

    /// The bytes the summary holds: its counters, slots and arena (by capacity).
    var allocatedBytes: Int {
        counterCapacity * MemoryLayout<Counter>.stride + (slotMask + 1) * MemoryLayout<UInt64>.stride + arenaCapacity
    }

    private static func allocateCounters(_ count: Int) -> UnsafeMutablePointer<Counter> {
        malloc(count * MemoryLayout<Counter>.stride)!.bindMemory(to: Counter.self, capacity: count)
    }

    /// The power of two, at least 8, of at least two slots per counter.
    private static func slotCount(forCounters counters: Int) -> Int {
        var slotCount = 8
        while slotCount < 2 * counters { slotCount *= 2 }
        return slotCount
    }

    deinit {
        free(counters)
        free(slots)
        free(arena)
    }

    /// Starts loading the slot where ``insert(_:hash:amount:)`` begins probing for `hash` (a hint; no result
    /// changes).
    @inline(__always)
    func prefetchSlot(hash: UInt64) {
        dataquality_prefetch(slots + (Int(truncatingIfNeeded: hash) & slotMask))
    }

    /// Counts `amount` more occurrences of a value.
    /// - Parameters:
    ///   - value: the value's bytes.
    ///   - hash: its XXH3-64 hash (``stableHash64(_:)``).
    ///   - amount: occurrences, at least 1.
    /// - Complexity: O(value length) expected; a purge, once per `capacity` new values at least, is O(capacity).
    @inline(__always)
    func insert(_ value: UnsafeRawBufferPointer, hash: UInt64, amount: Int = 1) {
        let length = value.count
        let word = length <= 8 ? packedWord(value.baseAddress, count: value.count) : 0
        var slot = Int(truncatingIfNeeded: hash) & slotMask
        while true {
            let entry = slots[slot]
            let index = Int(UInt32(truncatingIfNeeded: entry)) - 1
            if index < 0 { break }
            let counter = counters + index
            if entry >> 32 == hash >> 32 && counter.pointee.hash == hash && counter.pointee.length == length
                && (length <= 8
                    ? counter.pointee.bytesOrOffset == word
                    : bytesEqual(arena + Int(counter.pointee.bytesOrOffset), value.baseAddress!, length))
            {
                counter.pointee.count += amount
                return
            }
            slot = (slot + 1) & slotMask
        }
        var bytesOrOffset = word
        if length > 8 {
            if arenaCount + length > arenaCapacity { growArena(to: arenaCount + length) }
            Self.copy(value.baseAddress!, to: arena + arenaCount, length)
            bytesOrOffset = UInt64(arenaCount)
            arenaCount += length
        }
        (counters + counterCount).initialize(
            to: Counter(hash: hash, count: amount, bytesOrOffset: bytesOrOffset, length: length))
        slots[slot] = Self.slotEntry(index: counterCount, hash: hash)
        counterCount += 1
        if counterCount >= counterCapacity { makeRoom() }
    }

    /// Room for the next counter: the storage doubles up to 2 x ``capacity`` counters; a full summary purges.
    private func makeRoom() {
        guard counterCapacity < 2 * capacity else {
            purge()
            return
        }
        counterCapacity = min(2 * counterCapacity, 2 * capacity)
        counters = realloc(counters, counterCapacity * MemoryLayout<Counter>.stride)!
            .bindMemory(to: Counter.self, capacity: counterCapacity)
        let slotCount = Self.slotCount(forCounters: counterCapacity)
        free(slots)
        slots = calloc(slotCount, MemoryLayout<UInt64>.stride)!.bindMemory(to: UInt64.self, capacity: slotCount)
        slotMask = slotCount - 1
        placeCounters()
    }

    /// Puts every counter in its slot of the (empty) slots, by the hash it keeps.
    private func placeCounters() {
        for index in 0..<counterCount {
            var slot = Int(truncatingIfNeeded: counters[index].hash) & slotMask
            while slots[slot] != 0 { slot = (slot + 1) & slotMask }
            slots[slot] = Self.slotEntry(index: index, hash: counters[index].hash)
        }
    }

    /// A slot's contents for counter `index` of a value with `hash`.
    @inline(__always)
    private static func slotEntry(index: Int, hash: UInt64) -> UInt64 {
        UInt64(truncatingIfNeeded: index + 1) | hash & 0xFFFF_FFFF_0000_0000
    }

    /// Adds another summary's counters (Agarwal et al., "Mergeable summaries", 2012: merged Misra-Gries
    /// summaries keep the same error bound).
    func merge(_ other: FrequentValues) {
        for index in 0..<other.counterCount {
            let counter = other.counters[index]
            other.withValue(index) { insert($0, hash: counter.hash, amount: counter.count) }
        }
        maximumError += other.maximumError
    }

    /// Up to `limit` values with their counts, most frequent first, ties by byte order.
    func top(_ limit: Int) -> [(value: [UInt8], count: Int)] {
        let ranked = (0..<counterCount).map { index in
            (value: withValue(index) { Array($0) }, count: counters[index].count)
        }
        return Array(
            ranked.sorted { $0.count != $1.count ? $0.count > $1.count : $0.value.lexicographicallyPrecedes($1.value) }
                .prefix(limit))
    }

    /// Calls `body` with the bytes of counter `index` (valid during the call).
    private func withValue<Result>(_ index: Int, _ body: (UnsafeRawBufferPointer) -> Result) -> Result {
        let counter = counters[index]
        if counter.length > 8 {
            return body(UnsafeRawBufferPointer(start: arena + Int(counter.bytesOrOffset), count: counter.length))
        }
        var word = counter.bytesOrOffset
        return withUnsafeBytes(of: &word) { body(UnsafeRawBufferPointer(rebasing: $0.prefix(counter.length))) }
    }

    /// Subtracts the median count from every counter and drops those left at zero or below; the kept counters
    /// keep their order and their bytes move to the front of the arena. O(capacity).
    private func purge() {
        let median = countAtRank(counterCount / 2)
        var kept = 0
        var bytesKept = 0
        for index in 0..<counterCount where counters[index].count > median {
            var counter = counters[index]
            if counter.length > 8 {
                (arena + bytesKept).copyMemory(from: arena + Int(counter.bytesOrOffset), byteCount: counter.length)
                counter.bytesOrOffset = UInt64(bytesKept)
                bytesKept += counter.length
            }
            counter.count -= median
            counters[kept] = counter
            kept += 1
        }
        counterCount = kept
        arenaCount = bytesKept
        slots.update(repeating: 0, count: slotMask + 1)
        placeCounters()
        maximumError += median
    }

    /// The count at 0-based `rank` among the counters' counts sorted ascending (the median for
    /// `counterCount / 2`): counts below ``tallied`` (most of them: the purge keeps counts low) are tallied per
    /// count in one pass; when the rank falls among the larger counts, those are copied out and selected by
    /// quickselect (Hoare's FIND). The same value a full sort gives.
    private func countAtRank(_ rank: Int) -> Int {
        var below = 0
        let tallied = withUnsafeTemporaryAllocation(of: Int.self, capacity: Self.tallied) { tally -> Int? in
            tally.initialize(repeating: 0)
            for index in 0..<counterCount {
                let count = counters[index].count
                if count < Self.tallied { tally[count] += 1 }
            }
            for count in 0..<Self.tallied {
                below += tally[count]
                if rank < below { return count }
            }
            return nil
        }
        if let tallied { return tallied }
        let large = UnsafeMutableBufferPointer<Int>.allocate(capacity: counterCount - below)
        defer { large.deallocate() }
        var taken = 0
        for index in 0..<counterCount where counters[index].count >= Self.tallied {
            large[taken] = counters[index].count
            taken += 1
        }
        return selectRank(large, rank: rank - below)
    }

    /// Copies `count` (more than 8) bytes: values up to 32 bytes by overlapping word loads and stores, longer
    /// ones by `memcpy`.
    @inline(__always)
    private static func copy(_ source: UnsafeRawPointer, to target: UnsafeMutableRawPointer, _ count: Int) {
        if count > 32 {
            memcpy(target, source, count)
            return
        }
        if count > 16 {
            let first = source.loadUnaligned(as: UInt64.self)
            let second = source.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
            let third = source.loadUnaligned(fromByteOffset: count - 16, as: UInt64.self)
            let last = source.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
            target.storeBytes(of: first, as: UInt64.self)
            target.storeBytes(of: second, toByteOffset: 8, as: UInt64.self)
            target.storeBytes(of: third, toByteOffset: count - 16, as: UInt64.self)
            target.storeBytes(of: last, toByteOffset: count - 8, as: UInt64.self)
            return
        }
        let first = source.loadUnaligned(as: UInt64.self)
        let last = source.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
        target.storeBytes(of: first, as: UInt64.self)
        target.storeBytes(of: last, toByteOffset: count - 8, as: UInt64.self)
    }

    private func growArena(to needed: Int) {
        var capacity = arenaCapacity
        while capacity < needed { capacity *= 2 }
        arena = realloc(arena, capacity)!
        arenaCapacity = capacity
    }
}

extension FrequentValues {
    /// The counters (value and count) and the error bound.
    func write(to writer: inout StateWriter) {
        writer.int(maximumError)
        writer.int(counterCount)
        for index in 0..<counterCount {
            withValue(index) { writer.data($0) }
            writer.int(counters[index].count)
        }
    }

    /// Reads counters into this (empty) summary.
    func read(from reader: inout StateReader) throws {
        maximumError = try reader.count()
        let entries = try reader.count(limit: 2 * capacity)
        for _ in 0..<entries {
            let value = try reader.data()
            let count = try reader.count()
            value.withUnsafeBytes { raw in insert(raw, hash: stableHash64(raw), amount: count) }
        }
    }
}
