/// The pieces of a column merge that work on exact value tables, shared by ``ColumnState/merge(_:context:)``
/// and the chunk merge of ``ColumnAccumulator/merge(_:)``.
extension ValueTable {
    /// Adds `later`'s entries: a value both hold adds its count and keeps the earlier first line (parts of
    /// several files need not come one after the other), a value only `later` holds is copied in.
    /// - Returns: how many non-null values were new to this table.
    /// - Complexity: O(entries and bytes of `later`).
    func formUnion(_ later: ValueTable) -> Int {
        var added = 0
        for index in later.indices {
            let entry = later[index]
            let found = find(later.valueBytes(index), hash: later.hash(index))
            if found >= 0 {
                let kept = entryPointer(found)
                kept.pointee.count += entry.count
                if entry.firstLine < kept.pointee.firstLine { kept.pointee.firstLine = entry.firstLine }
            } else {
                insert(copyOf: index, from: later)
                if !entry.flags.contains(.null) { added += 1 }
            }
        }
        return added
    }

    /// The first repeat across two parts' tables: for each non-null value both hold, the later of its two
    /// first occurrences; the earliest of those (its example from `later`). Nil when they share no value.
    /// - Complexity: O(entries of `later`).
    func firstRepeat(across later: ValueTable) -> FirstSeen? {
        var first: FirstSeen?
        for index in later.indices {
            let entry = later[index]
            if entry.flags.contains(.null) { continue }
            let found = find(later.valueBytes(index), hash: later.hash(index))
            guard found >= 0 else { continue }
            let line = max(entry.firstLine, self[found].firstLine)
            if first.map({ line < $0.line }) ?? true {
                first = FirstSeen(line: line, example: Array(later.valueBytes(index).prefix(FirstSeen.exampleBytes)))
            }
        }
        return first
    }
}
