/// The case variants of a string column: values whose ASCII-lower-cased bytes equal those of a more frequent
/// value (ties: the byte-order-first spelling wins).
struct CaseVariants {
    private var variantIndexes = Set<Int>()
    private(set) var occurrences = 0
    private(set) var cleanOccurrences = 0
    private(set) var first: FirstSeen?

    init() {}

    /// Groups the values by the hash of their ASCII-lower-cased bytes (sorting indexes by that hash), then
    /// checks each group's bytes. O(n log n) for n distinct values; no allocation per value.
    init(_ table: ValueTable) {
        var scratch = [UInt8]()
        var keyed: [(hash: UInt64, index: Int)] = []
        keyed.reserveCapacity(table.count)
        for index in table.indices where !table[index].flags.contains(.null) {
            let bytes = table.valueBytes(index)
            scratch.removeAll(keepingCapacity: true)
            for byte in bytes { scratch.append(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte) }
            keyed.append((scratch.withUnsafeBytes { stableHash64($0) }, index))
        }
        keyed.sort { $0.hash != $1.hash ? $0.hash < $1.hash : $0.index < $1.index }
        func foldedEqual(_ lhs: Int, _ rhs: Int) -> Bool {
            let left = table.valueBytes(lhs)
            let right = table.valueBytes(rhs)
            guard left.count == right.count else { return false }
            for offset in 0..<left.count {
                let a = left[offset] >= 0x41 && left[offset] <= 0x5A ? left[offset] | 0x20 : left[offset]
                let b = right[offset] >= 0x41 && right[offset] <= 0x5A ? right[offset] | 0x20 : right[offset]
                if a != b { return false }
            }
            return true
        }
        var start = 0
        while start < keyed.count {
            var end = start + 1
            while end < keyed.count && keyed[end].hash == keyed[start].hash { end += 1 }
            if end - start > 1 {
                // Within one hash, split into groups of equal folded bytes (a hash collision is possible).
                var remaining = Array(keyed[start..<end].map(\.index))
                while let seed = remaining.first {
                    let members = remaining.filter { foldedEqual(seed, $0) }
                    remaining.removeAll { foldedEqual(seed, $0) }
                    if members.count > 1 { note(members, in: table) }
                }
            }
            start = end
        }
    }

    private mutating func note(_ members: [Int], in table: ValueTable) {
        let winner = members.min { lhs, rhs in
            let left = table[lhs].count
            let right = table[rhs].count
            return left != right ? left > right : table.valueBytes(lhs).lexicographicallyPrecedes(table.valueBytes(rhs))
        }!
        for index in members where index != winner {
            let entry = table[index]
            variantIndexes.insert(index)
            occurrences += entry.count
            if entry.flags.isDisjoint(with: .dirty) { cleanOccurrences += entry.count }
            if first == nil || entry.firstLine < first!.line {
                first = FirstSeen(
                    line: entry.firstLine, example: Array(table.valueBytes(index).prefix(FirstSeen.exampleBytes)))
            }
        }
    }

    func isVariant(_ index: Int) -> Bool { variantIndexes.contains(index) }
}
