/// Values with integer weights (occurrences), sorted ascending: the exact multiset of a column's values (from
/// its exact value table) or a ``QuantileSketch``'s summary. Answers quantiles and equal-width histograms.
struct WeightedValues: Sendable {
    /// Distinct values, ascending, each with its weight (at least 1).
    private(set) var pairs: [(value: Double, weight: Int)]
    /// The sum of the weights.
    let total: Int

    /// The smallest value: the first pair's, or a sketch's exact minimum below its stored items.
    let minimum: Double
    /// The largest value.
    let maximum: Double

    /// Sorts `unsorted` by value and merges equal values (the first of equal values in `unsorted` is kept:
    /// -0.0 and +0.0 are equal).
    /// - Parameters:
    ///   - minimum, maximum: exact bounds when the pairs are a sample that may miss them (a sketch's items);
    ///     the histogram then spans them.
    /// - Complexity: O(m) for m pairs (a radix sort), O(m log m) when a value is NaN; 40 bytes of temporary
    ///   memory per pair.
    init(unsorted: [(value: Double, weight: Int)], minimum: Double? = nil, maximum: Double? = nil) {
        let sorted = Self.sortedByValue(unsorted.filter { $0.weight > 0 })
        var total = 0
        let merged = [(value: Double, weight: Int)](unsafeUninitializedCapacity: sorted.count) { buffer, initialized in
            var count = 0
            for pair in sorted {
                total += pair.weight
                if count > 0 && buffer[count - 1].value == pair.value {
                    buffer[count - 1].weight += pair.weight
                } else {
                    (buffer.baseAddress! + count).initialize(to: pair)
                    count += 1
                }
            }
            initialized = count
        }
        pairs = merged
        self.total = total
        self.minimum = Swift.min(minimum ?? .infinity, merged.first?.value ?? .infinity)
        self.maximum = Swift.max(maximum ?? -.infinity, merged.last?.value ?? -.infinity)
    }

    var isEmpty: Bool { total == 0 }

    /// `pairs` in ascending order of value, equal values (-0.0 and +0.0 among them) in their order in `pairs`:
    /// what a stable comparison sort by `<` gives. A least-significant-digit radix sort (Knuth, TAOCP vol. 3,
    /// 5.2.5) on the order-preserving 64-bit key of each value (sign bit set for positive values, all bits
    /// inverted for negative ones, both zeros as +0.0), one byte per pass, skipping the passes whose byte is
    /// the same in every key (the high bytes of whole numbers of one magnitude). Short inputs, and inputs with
    /// a NaN (which `<` does not order), take the comparison sort.
    static func sortedByValue(_ pairs: [(value: Double, weight: Int)]) -> [(value: Double, weight: Int)] {
        let count = pairs.count
        if count < 64 || pairs.contains(where: { $0.value.isNaN }) { return pairs.sorted { $0.value < $1.value } }
        let keys = UnsafeMutablePointer<UInt64>.allocate(capacity: 2 * count)
        let order = UnsafeMutablePointer<Int>.allocate(capacity: 2 * count)
        let tallies = UnsafeMutablePointer<Int>.allocate(capacity: 8 * 256)
        defer {
            keys.deallocate()
            order.deallocate()
            tallies.deallocate()
        }
        tallies.initialize(repeating: 0, count: 8 * 256)
        for index in 0..<count {
            let value = pairs[index].value
            let bits = value == 0 ? 0 : value.bitPattern
            let key = bits >> 63 == 1 ? ~bits : bits | 1 << 63
            keys[index] = key
            order[index] = index
            for byte in 0..<8 {
                tallies[byte &* 256 &+ Int(truncatingIfNeeded: (key >> UInt64(8 * byte)) & 0xFF)] &+= 1
            }
        }
        var sourceKeys = keys
        var sourceOrder = order
        var targetKeys = keys + count
        var targetOrder = order + count
        for byte in 0..<8 {
            let tally = tallies + byte * 256
            let shift = UInt64(8 * byte)
            if tally[Int(truncatingIfNeeded: (sourceKeys[0] >> shift) & 0xFF)] == count { continue }
            var start = 0
            for bucket in 0..<256 {
                let size = tally[bucket]
                tally[bucket] = start
                start &+= size
            }
            for index in 0..<count {
                let key = sourceKeys[index]
                let bucket = Int(truncatingIfNeeded: (key >> shift) & 0xFF)
                let position = tally[bucket]
                tally[bucket] = position &+ 1
                targetKeys[position] = key
                targetOrder[position] = sourceOrder[index]
            }
            swap(&sourceKeys, &targetKeys)
            swap(&sourceOrder, &targetOrder)
        }
        return (0..<count).map { pairs[sourceOrder[$0]] }
    }

    /// The `fraction` quantile by linear interpolation between the two nearest order statistics, numpy's
    /// default (`method="linear"`, Hyndman and Fan's definition 7): with n values sorted ascending,
    /// h = (n - 1) x fraction, the answer is x[floor h] + (h - floor h) x (x[floor h + 1] - x[floor h]).
    /// The median of 1, 2, 3, 4 is 2.5.
    /// - Parameter fraction: in `0...1`.
    /// - Returns: nil when there are no values.
    /// - Complexity: O(m) for m distinct values.
    func quantile(_ fraction: Double) -> Double? {
        guard total > 0 else { return nil }
        let position = Double(total - 1) * fraction
        let lowerRank = Int(position.rounded(.down))
        let upperRank = Swift.min(lowerRank + 1, total - 1)
        let lower = value(atRank: lowerRank)
        let upper = value(atRank: upperRank)
        let step = position - Double(lowerRank)
        if step == 0 { return lower }
        let difference = upper - lower
        // Values near the ends of binary64 (1e308 and -1e308): the difference overflows, so weigh the ends.
        guard difference.isFinite else { return lower * (1 - step) + upper * step }
        // numpy's _lerp: the two-sided form keeps the result within [lower, upper].
        return step >= 0.5 ? upper - difference * (1 - step) : lower + difference * step
    }

    /// The value at 0-based `rank` in the sorted sequence where each value repeats `weight` times.
    private func value(atRank rank: Int) -> Double {
        var seen = 0
        for pair in pairs {
            seen += pair.weight
            if rank < seen { return pair.value }
        }
        return pairs[pairs.count - 1].value
    }
}
