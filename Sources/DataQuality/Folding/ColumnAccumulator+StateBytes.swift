extension ColumnAccumulator {
    /// The bytes this column's state holds: the object (``objectBytes``), its counters and class
    /// counts, its exact table, frequent-values summary, distinct-count registers, distribution sketches and key
    /// fingerprints, its firsts (with their examples) and its bounds. Manual buffers count by capacity, Swift
    /// arrays by their elements (their capacity depends on the allocator's state), without the allocator's
    /// overhead; the rule file's checks (shared configuration) are not counted. A measure of what a
    /// column costs (a wide file holds one per column), not used while profiling.
    /// - Complexity: O(distribution sketches + value classes).
    var stateBytes: Int {
        var bytes = objectBytes + MemoryLayout<ColumnCounters>.stride + counters.pointee.sketch.allocatedBytes
        bytes += 2 * ValueClass.count * MemoryLayout<Int>.stride
        bytes += table.allocatedBytes + frequent.allocatedBytes + distributionSketches.allocatedBytes
        bytes += keyValues?.allocatedBytes ?? 0
        bytes += classFirst.count * MemoryLayout<FirstSeen?>.stride
        for first in classFirst + [firstNull, whitespaceFirst, invalidFirst, controlFirst, firstRepeat] {
            bytes += first?.example.count ?? 0
        }
        for text in [streamingStringMin, streamingStringMax, integerMin, integerMax, numberMin?.token, numberMax?.token]
        {
            bytes += text?.count ?? 0
        }
        bytes += (dateMin.count + dateMax.count) * MemoryLayout<Int>.stride
        bytes += temporalMin.allocatedBytes + temporalMax.allocatedBytes
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
