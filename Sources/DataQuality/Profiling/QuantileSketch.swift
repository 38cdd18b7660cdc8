/// A mergeable quantile sketch over `Double` values: KLL (Karnin, Lang and Liberty, "Optimal Quantile
/// Approximation in Streams", FOCS 2016), in the simple form of Liberty's reference implementation
/// (<https://github.com/edoliberty/streaming-quantiles>, `kll.py`): a stack of compactors, level `h` holding
/// items of weight `2^h`; a full level is sorted and every other item (odd or even positions, by a coin flip)
/// moves up one level.
///
/// Accuracy: with `k` = 200 (the default) the normalized rank error of a quantile is about 1.65 % with 99 %
/// confidence (the figure Apache DataSketches publishes for KLL at k = 200); `SketchTests` checks 1.65 % on
/// 200 000 values and on merged parts. While fewer than `k` items have been inserted nothing is compacted and
/// every answer is exact. Minimum, maximum and the total weight are always exact.
///
/// Merge: ``merge(_:)`` appends the other sketch's levels to ours and compacts; it is associative and
/// commutative in distribution (answers of any merge order are within the rank error), the empty sketch is its
/// identity, and two sketches that never compacted merge exactly. Coin flips come from a SplitMix64 generator
/// with a fixed seed, so a run is reproducible.
///
/// Memory: at most about `3k` values (24 bytes x k plus one array per level; 4.8 KB for k = 200) whatever the
/// number of values inserted.
struct QuantileSketch: Sendable, Equatable {
    /// Items per compactor at the top level; lower levels shrink by 2/3 per level, to at least
    /// ``minimumCapacity``.
    static let defaultK = 200

    let k: Int
    /// `levels[h]` holds items of weight `2^h`, unsorted.
    private(set) var levels: [[Double]] = [[]]
    /// The number of values inserted (the sum of the items' weights).
    private(set) var count = 0
    /// The smallest value inserted (`+infinity` when empty).
    private(set) var minimum = Double.infinity
    /// The largest value inserted (`-infinity` when empty).
    private(set) var maximum = -Double.infinity
    private var randomState: UInt64 = 0x9E37_79B9_7F4A_7C15
    /// Items held over all levels.
    private var storedItems = 0
    /// The sum of the levels' capacities; compaction starts when ``storedItems`` reaches it.
    private var capacityTotal: Int

    init(k: Int = QuantileSketch.defaultK) {
        precondition(k >= 8, "QuantileSketch needs k >= 8")
        self.k = k
        capacityTotal = Self.capacityTotal(k: k, levels: 1)
    }

    var isEmpty: Bool { count == 0 }

    /// Inserts `value` `weight` times.
    /// - Parameters:
    ///   - value: a finite number.
    ///   - weight: occurrences, at least 1; a weight `w` costs O(log w) (one item per bit of `w`).
    /// - Complexity: amortized O(log(n / k)) per call, with n the number of values inserted so far.
    @inline(__always)
    mutating func insert(_ value: Double, weight: Int = 1) {
        guard weight == 1 else {
            insertWeighted(value, weight: weight)
            return
        }
        count += 1
        if value < minimum { minimum = value }
        if value > maximum { maximum = value }
        levels[0].append(value)
        storedItems += 1
        if storedItems >= capacityTotal { compress() }
    }

    /// ``insert(_:weight:)`` for weights other than 1: one item per bit of the weight.
    private mutating func insertWeighted(_ value: Double, weight: Int) {
        guard weight > 0 else { return }
        count += weight
        if value < minimum { minimum = value }
        if value > maximum { maximum = value }
        var remaining = weight
        var level = 0
        while remaining > 0 {
            if remaining & 1 == 1 {
                while levels.count <= level { addLevel() }
                levels[level].append(value)
                storedItems += 1
            }
            remaining >>= 1
            level += 1
        }
        if storedItems >= capacityTotal { compress() }
    }

    /// Folds `other` into this sketch.
    /// - Precondition: both sketches have the same `k`.
    /// - Complexity: O(s log s) for s stored items of both sketches.
    mutating func merge(_ other: QuantileSketch) {
        precondition(k == other.k, "QuantileSketch: cannot merge sketches of different k")
        guard !other.isEmpty else { return }
        while levels.count < other.levels.count { addLevel() }
        for (level, items) in other.levels.enumerated() { levels[level].append(contentsOf: items) }
        storedItems += other.storedItems
        count += other.count
        minimum = Swift.min(minimum, other.minimum)
        maximum = Swift.max(maximum, other.maximum)
        randomState = randomState &+ other.randomState
        while storedItems >= capacityTotal { compress() }
    }

    /// The stored items with their weights, sorted by value (equal values merged); the weights sum to
    /// ``count``.
    /// - Complexity: O(s log s) for s stored items (at most about 3k).
    var weightedValues: WeightedValues {
        var pairs: [(value: Double, weight: Int)] = []
        for (level, items) in levels.enumerated() {
            for item in items { pairs.append((item, 1 << level)) }
        }
        return WeightedValues(unsorted: pairs, minimum: minimum, maximum: maximum)
    }

    /// The smallest level capacity: 8, Apache DataSketches' minimum level width `m` for KLL (its
    /// `KllSketch`), where `kll.py` has 2. The deep levels then compact a quarter as often (a compaction of 2
    /// items every other insertion was most of the sketch's cost) and hold a few more items (about 50 for a
    /// sketch of millions of values), so ranks are no less accurate.
    static let minimumCapacity = 8

    /// The capacity of a level `depth` levels below the top: k x (2/3)^depth rounded up, at least
    /// ``minimumCapacity``.
    @inline(__always)
    private static func capacity(k: Int, depth: Int) -> Int {
        if k == defaultK && depth < defaultCapacities.count { return defaultCapacities[depth] }
        return computedCapacity(k: k, depth: depth)
    }

    private static func computedCapacity(k: Int, depth: Int) -> Int {
        var capacity = Double(k)
        for _ in 0..<depth { capacity *= 2.0 / 3.0 }
        return Swift.max(minimumCapacity, Int(capacity.rounded(.up)))
    }

    /// ``capacity(k:depth:)`` of ``defaultK`` by depth (compaction asks for it at every compaction: the
    /// lowest levels, of capacity 2, compact every other insertion once the sketch is full).
    private static let defaultCapacities = (0..<64).map { computedCapacity(k: defaultK, depth: $0) }

    private static func capacityTotal(k: Int, levels: Int) -> Int {
        (0..<levels).reduce(0) { $0 + capacity(k: k, depth: levels - $1 - 1) }
    }

    private mutating func addLevel() {
        var level: [Double] = []
        level.reserveCapacity(k + 1)
        levels.append(level)
        capacityTotal = Self.capacityTotal(k: k, levels: levels.count)
    }

    /// Compacts the lowest full level (growing the stack when the top is full), as `kll.py` does.
    private mutating func compress() {
        for level in 0..<levels.count
        where levels[level].count >= Self.capacity(k: k, depth: levels.count - level - 1) {
            if level + 1 >= levels.count { addLevel() }
            // In place: the level keeps its storage, so compaction allocates nothing in steady state. The
            // promoted items are gathered at the front of the level, then appended to the next level at once
            // (from the level's buffer: no slice of it is made).
            let total = levels[level].count
            let keepsLast = total % 2 == 1
            let compacted = keepsLast ? total - 1 : total
            let offset = nextCoin() ? 1 : 0
            let promoted = (compacted - offset + 1) / 2
            levels.withUnsafeMutableBufferPointer { all in
                all[level].withUnsafeMutableBufferPointer { items in
                    Self.sortAscending(items)
                    for index in 0..<promoted { items[index] = items[offset + 2 * index] }
                    if keepsLast { items[promoted] = items[total - 1] }
                    all[level + 1].append(contentsOf: UnsafeBufferPointer(rebasing: items[0..<promoted]))
                }
            }
            if keepsLast {
                levels[level][0] = levels[level][promoted]
                levels[level].removeLast(total - 1)
            } else {
                levels[level].removeAll(keepingCapacity: true)
            }
            storedItems -= compacted - promoted
            if storedItems < capacityTotal { return }
        }
    }

    /// Sorts `items` ascending by `<`, stably (equal items keep their order, as the standard library's stable
    /// sort keeps them; only -0.0 and +0.0 tell), without the generic sort's comparison closure: insertion sort
    /// for short ranges, otherwise a natural merge sort (Knuth, TAOCP vol. 3, 5.2.4) over ascending runs
    /// extended to at least 32 items by insertion, which suits the levels above the first (sorted runs from
    /// the level below, appended one after another).
    /// - Complexity: O(n log n) comparisons, O(n) for a level of a few sorted runs; n + n / 32 + 1 words of
    ///   temporary memory (on the stack for levels of the default k).
    static func sortAscending(_ items: UnsafeMutableBufferPointer<Double>) {
        let count = items.count
        guard count > 1, let base = items.baseAddress else { return }
        let minimumRun = 8
        if count <= 2 * minimumRun {
            insertionSort(base, from: 0, sortedEnd: 1, end: count)
            return
        }
        withUnsafeTemporaryAllocation(of: Int.self, capacity: count / minimumRun + 2) { boundaries in
            // Runs: boundaries[0] = 0 < boundaries[1] < ... < boundaries[runs] = count.
            var runs = 0
            var start = 0
            boundaries[0] = 0
            while start < count {
                var end = start + 1
                while end < count && !(base[end] < base[end - 1]) { end += 1 }
                if end - start < minimumRun {
                    let extended = Swift.min(count, start + minimumRun)
                    insertionSort(base, from: start, sortedEnd: end, end: extended)
                    end = extended
                }
                runs += 1
                boundaries[runs] = end
                start = end
            }
            guard runs > 1 else { return }
            withUnsafeTemporaryAllocation(of: Double.self, capacity: count) { scratch in
                let other = scratch.baseAddress!
                var source = base
                var target = other
                while runs > 1 {
                    var merged = 0
                    var pair = 0
                    while pair < runs {
                        let low = boundaries[pair]
                        if pair + 1 == runs {
                            (target + low).update(from: source + low, count: boundaries[pair + 1] - low)
                        } else {
                            mergeRuns(source, low, boundaries[pair + 1], boundaries[pair + 2], into: target)
                        }
                        merged += 1
                        boundaries[merged] = boundaries[Swift.min(pair + 2, runs)]
                        pair += 2
                    }
                    runs = merged
                    swap(&source, &target)
                }
                if source != base { base.update(from: source, count: count) }
            }
        }
    }

    /// Insertion sort of `items[from..<end]` whose prefix `items[from..<sortedEnd]` is already sorted; stable.
    @inline(__always)
    private static func insertionSort(_ items: UnsafeMutablePointer<Double>, from start: Int, sortedEnd: Int, end: Int) {
        var next = sortedEnd
        while next < end {
            let item = items[next]
            var position = next
            while position > start && item < items[position &- 1] {
                items[position] = items[position &- 1]
                position &-= 1
            }
            items[position] = item
            next &+= 1
        }
    }

    /// Merges the sorted runs `source[low..<middle]` and `source[middle..<high]` into `target[low..<high]`;
    /// on ties the left run's item comes first (stable).
    @inline(__always)
    private static func mergeRuns(
        _ source: UnsafeMutablePointer<Double>, _ low: Int, _ middle: Int, _ high: Int,
        into target: UnsafeMutablePointer<Double>
    ) {
        var left = low
        var right = middle
        var output = low
        // Indexes stay below `high` (wrapping arithmetic: no overflow checks in the loop).
        while left < middle && right < high {
            let leftItem = source[left]
            let rightItem = source[right]
            let takesRight = rightItem < leftItem
            target[output] = takesRight ? rightItem : leftItem
            right &+= takesRight ? 1 : 0
            left &+= takesRight ? 0 : 1
            output &+= 1
        }
        if left < middle { (target + output).update(from: source + left, count: middle - left) }
        if right < high { (target + output).update(from: source + right, count: high - right) }
    }

    /// One fair coin flip from SplitMix64 (Steele, Lea and Flood, "Fast Splittable Pseudorandom Number
    /// Generators", OOPSLA 2014).
    private mutating func nextCoin() -> Bool {
        randomState &+= 0x9E37_79B9_7F4A_7C15
        var mixed = randomState
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        mixed ^= mixed >> 31
        return mixed & 1 == 1
    }
}

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
            for byte in 0..<8 { tallies[byte &* 256 &+ Int(truncatingIfNeeded: (key >> UInt64(8 * byte)) & 0xFF)] &+= 1 }
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

    /// Equal-width bins from the smallest to the largest value, counted as `numpy.histogram(values, bins)`
    /// does: bin i is `[edge i, edge i+1)`, the last one closed; edges are
    /// `minimum + i x ((maximum - minimum) / bins)` as `numpy.linspace` computes them.
    /// - Parameter bins: at least 1; all values fall in one bin when minimum equals maximum.
    /// - Returns: `(lower, upper, count)` per bin; counts sum to ``total``; empty when there are no values.
    /// - Complexity: O(m + bins) for m distinct values.
    func histogram(bins requested: Int) -> [HistogramBin] {
        guard !pairs.isEmpty else { return [] }
        let low = minimum
        let high = maximum
        if low == high { return [HistogramBin(lower: low, upper: high, count: total)] }
        let bins = Swift.max(1, requested)
        // Halves, so that a range such as -1e308...1e308 does not overflow; halving is exact, so the edges and
        // indexes are numpy's (low + i x step, (value - low) x (bins / (high - low))) bit for bit otherwise.
        let halfStep = (high / 2 - low / 2) / Double(bins)
        let edges = (0...bins).map { index -> Double in index == bins ? high : 2 * (low / 2 + Double(index) * halfStep) }
        var counts = [Int](repeating: 0, count: bins)
        let scale = Double(bins) / (high / 2 - low / 2)
        for pair in pairs {
            let position = ((pair.value / 2 - low / 2) * scale).rounded(.down)
            var index = Swift.min(bins - 1, Swift.max(0, Int(position)))
            // numpy corrects the computed index against the edges themselves.
            if index > 0 && pair.value < edges[index] { index -= 1 }
            if index < bins - 1 && pair.value >= edges[index + 1] { index += 1 }
            counts[index] += pair.weight
        }
        return (0..<bins).map { HistogramBin(lower: edges[$0], upper: edges[$0 + 1], count: counts[$0]) }
    }
}

extension QuantileSketch {
    func write(to writer: inout StateWriter) {
        writer.int(k)
        writer.int(levels.count)
        levels.forEach { writer.doubles($0) }
        writer.int(count)
        writer.double(minimum)
        writer.double(maximum)
        writer.uint64(randomState)
    }

    init(reading reader: inout StateReader) throws {
        let k = try reader.count(limit: 1 << 20)
        guard k >= 8 else { throw StateReadingError(offset: 0) }
        self.init(k: k)
        let levelCount = try reader.count(limit: 64)
        guard levelCount >= 1 else { throw StateReadingError(offset: 0) }
        levels = try (0..<levelCount).map { _ in try reader.doubles() }
        count = try reader.count()
        minimum = try reader.double()
        maximum = try reader.double()
        randomState = try reader.uint64()
        storedItems = levels.reduce(0) { $0 + $1.count }
        capacityTotal = Self.capacityTotal(k: k, levels: levelCount)
    }
}
