#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CXXHash

/// An exact multiset of byte strings: each distinct value once, with its count and what was learnt about it.
///
/// Open addressing with linear probing over a power-of-two slot array (load at most 1/2), keyed by the
/// value's XXH3-64 hash; values live back to back in one byte arena. A lookup of a value already present
/// allocates nothing. Memory: the values' bytes plus about 100 bytes per distinct value.
final class ValueTable {
    struct Entry {
        var hash: UInt64
        var offset: Int
        var length: Int
        var count: Int
        var firstLine: Int
        var info: ValueInfo
    }

    private(set) var entries: [Entry] = []
    private var slots: [Int32]
    private var mask: Int
    private var arena: [UInt8] = []

    init(initialSlots: Int = 64) {
        slots = [Int32](repeating: -1, count: initialSlots)
        mask = initialSlots - 1
        arena.reserveCapacity(1024)
    }

    var count: Int { entries.count }

    /// The bytes of entry `index`, valid until the next insertion.
    func withValue<R>(_ index: Int, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        let entry = entries[index]
        return try arena.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[entry.offset..<(entry.offset + entry.length)])) }
    }

    /// A copy of entry `index`'s bytes.
    func value(_ index: Int) -> [UInt8] {
        let entry = entries[index]
        return Array(arena[entry.offset..<(entry.offset + entry.length)])
    }

    /// The index of `value`, or nil.
    @inline(__always)
    func find(_ value: UnsafeRawBufferPointer, hash: UInt64) -> Int? {
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let index = Int(slots[slot])
            if index < 0 { return nil }
            let entry = entries[index]
            if entry.hash == hash && entry.length == value.count && equalBytes(entry.offset, value) {
                return index
            }
            slot = (slot + 1) & mask
        }
    }

    /// Adds a value known to be absent; returns its index.
    func insert(_ value: UnsafeRawBufferPointer, hash: UInt64, count: Int, firstLine: Int, info: ValueInfo) -> Int {
        if (entries.count + 1) * 2 > slots.count { grow() }
        let index = entries.count
        entries.append(Entry(hash: hash, offset: arena.count, length: value.count, count: count, firstLine: firstLine, info: info))
        arena.append(contentsOf: value)
        place(index, hash: hash)
        return index
    }

    /// Adds `amount` to entry `index`'s count.
    @inline(__always)
    func increment(_ index: Int, by amount: Int = 1) {
        entries[index].count += amount
    }

    /// Sets entry `index`'s count.
    func setCount(_ index: Int, _ count: Int) {
        entries[index].count = count
    }

    private func equalBytes(_ offset: Int, _ value: UnsafeRawBufferPointer) -> Bool {
        arena.withUnsafeBytes { arenaBytes in
            guard let base = value.baseAddress else { return true }
            return memcmp(arenaBytes.baseAddress! + offset, base, value.count) == 0
        }
    }

    private func place(_ index: Int, hash: UInt64) {
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] >= 0 { slot = (slot + 1) & mask }
        slots[slot] = Int32(index)
    }

    private func grow() {
        let capacity = slots.count * 2
        slots = [Int32](repeating: -1, count: capacity)
        mask = capacity - 1
        for index in entries.indices { place(index, hash: entries[index].hash) }
    }
}

/// XXH3-64 of a byte string (xxHash, Yann Collet, <https://github.com/Cyan4973/xxHash>, seed 0). Stable across
/// processes and machines, unlike Swift's per-process seeded `Hasher`.
@inline(__always)
func stableHash64(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
    XXH3_64bits(bytes.baseAddress, bytes.count)
}
