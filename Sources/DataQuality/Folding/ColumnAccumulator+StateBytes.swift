extension ColumnAccumulator {
    /// The bytes this column's state holds: the object (``objectBytes``), its counters, class counts, null
    /// token tallies (past the exact bound), its exact table, frequent-values summary, distinct-count registers,
    /// distribution sketches, written numbers and key fingerprints, its firsts (with their examples) and its bounds. Manual
    /// buffers count by capacity, Swift arrays by their elements (their capacity depends on the allocator's
    /// state), without the allocator's overhead; the rule file's checks (shared configuration) are not counted. A measure of what a
    /// column costs (a wide file holds one per column), not used while profiling.
    /// - Complexity: O(distribution sketches + value classes).
    var stateBytes: Int {
        var bytes = objectBytes + MemoryLayout<ColumnCounters>.stride + counters.pointee.sketch.allocatedBytes
        bytes += 2 * ValueClass.count * MemoryLayout<Int>.stride
        if nullTokenTallies != nil { bytes += 2 * classifier.nullTokenTexts.count * MemoryLayout<Int>.stride }
        bytes += table.allocatedBytes + frequent.allocatedBytes + distributionSketches.allocatedBytes
        bytes += keyValues?.allocatedBytes ?? 0
        bytes += writtenNumbers.allocatedBytes
        bytes += firsts.byClass.count * MemoryLayout<FirstSeen?>.stride
        for first in firsts.byClass + [
            firsts.null, firsts.whitespace, firsts.invalidUTF8, firsts.controlCharacters, firsts.repeated
        ] {
            bytes += first?.example.count ?? 0
        }
        for text in [
            bounds.stringMin, bounds.stringMax, bounds.integerMin, bounds.integerMax, bounds.numberMin?.token,
            bounds.numberMax?.token
        ] {
            bytes += text?.count ?? 0
        }
        bytes += (bounds.dateMin.count + bounds.dateMax.count) * MemoryLayout<Int>.stride
        bytes += bounds.temporalMin.allocatedBytes + bounds.temporalMax.allocatedBytes
        return bytes
    }

    /// The bytes of the accumulator object: a header of two words and each stored property at its size (the
    /// padding between them not counted).
    var objectBytes: Int {
        func size<Value>(_ value: Value) -> Int { MemoryLayout<Value>.size }
        return Mirror(reflecting: self).children.reduce(2 * MemoryLayout<Int>.size) { total, property in
            total + _openExistential(property.value, do: size)
        }
    }
}
