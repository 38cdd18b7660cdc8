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
/// Memory: at most about `3k` values (one buffer of 8 bytes per item, about 5 KB for k = 200, plus two arrays
/// of one integer per level) whatever the number of values inserted; an empty sketch holds no item buffer.
struct QuantileSketch: Sendable {
    /// Items per compactor at the top level; lower levels shrink by 2/3 per level, to at least
    /// ``minimumCapacity``.
    static let defaultK = 200

    let k: Int
    /// The items of every level in one buffer, as Apache DataSketches' `KllDoublesSketch` keeps them, but with
    /// the top level first and level 0 last: level `h` holds items of weight `2^h`, unsorted, in
    /// `items[levelStarts[h] ..< levelEnd(h)]`; the slots from ``storedItems`` on are free. Level 0 last makes
    /// an insertion one store; level `h + 1` ending where level `h` starts lets a compaction of level `h` append
    /// its promoted items to level `h + 1` where they are, so every level keeps its items in arrival order.
    private var items: [Double] = []
    /// Where each level starts in ``items``, level 0 first; the top level starts at 0.
    private var levelStarts = [0]
    /// Each level's capacity (``capacity(k:depth:)`` of its depth below the top), level 0 first.
    private var levelCapacities: [Int]
    /// The number of values inserted (the sum of the items' weights).
    private(set) var count = 0
    /// The smallest value inserted (`+infinity` when empty).
    private(set) var minimum = Double.infinity
    /// The largest value inserted (`-infinity` when empty).
    private(set) var maximum = -Double.infinity
    private var randomState: UInt64 = 0x9E37_79B9_7F4A_7C15
    /// Items held over all levels: the used prefix of ``items``.
    private var storedItems = 0
    /// The sum of the levels' capacities; compaction starts when ``storedItems`` reaches it.
    private var capacityTotal: Int

    init(k: Int = QuantileSketch.defaultK) {
        precondition(k >= 8, "QuantileSketch needs k >= 8")
        self.k = k
        levelCapacities = [Self.capacity(k: k, depth: 0)]
        capacityTotal = levelCapacities[0]
    }

    var isEmpty: Bool { count == 0 }

    /// The bytes of the item buffer and the two per-level arrays (by their elements).
    var allocatedBytes: Int {
        items.count * MemoryLayout<Double>.stride
            + (levelStarts.count + levelCapacities.count) * MemoryLayout<Int>.stride
    }

    /// The items of each level, level 0 first, each level's items in arrival order: `levels[h]` holds items of
    /// weight `2^h`.
    /// - Complexity: O(s) for s stored items (a copy).
    var levels: [[Double]] {
        levelStarts.indices.map { Array(items[levelStarts[$0]..<levelEnd($0)]) }
    }

    /// Where `level` ends in ``items`` (exclusive).
    @inline(__always)
    private func levelEnd(_ level: Int) -> Int {
        level == 0 ? storedItems : levelStarts[level - 1]
    }

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
        if storedItems == items.count { reserveSlots(1) }
        items[storedItems] = value
        storedItems += 1
        if storedItems >= capacityTotal { compress() }
    }

    /// ``insert(_:weight:)`` for weights other than 1: one item per bit of the weight.
    private mutating func insertWeighted(_ value: Double, weight: Int) {
        guard weight > 0 else { return }
        count += weight
        if value < minimum { minimum = value }
        if value > maximum { maximum = value }
        while levelStarts.count < Int.bitWidth - weight.leadingZeroBitCount { addLevel() }
        appendToLevels(adding: { weight >> $0 & 1 }) { _, slots, added in slots.update(repeating: value, count: added) }
        if storedItems >= capacityTotal { compress() }
    }

    /// Folds `other` into this sketch.
    /// - Precondition: both sketches have the same `k`.
    /// - Complexity: O(s log s) for s stored items of both sketches.
    mutating func merge(_ other: QuantileSketch) {
        precondition(k == other.k, "QuantileSketch: cannot merge sketches of different k")
        guard !other.isEmpty else { return }
        while levelStarts.count < other.levelStarts.count { addLevel() }
        let otherLevels = other.levelStarts.count
        other.items.withUnsafeBufferPointer { source in
            appendToLevels(adding: { $0 < otherLevels ? other.levelEnd($0) - other.levelStarts[$0] : 0 }) {
                level, slots, added in
                slots.update(from: source.baseAddress! + other.levelStarts[level], count: added)
            }
        }
        count += other.count
        minimum = Swift.min(minimum, other.minimum)
        maximum = Swift.max(maximum, other.maximum)
        randomState = randomState &+ other.randomState
        while storedItems >= capacityTotal { compress() }
    }

    /// Appends `adding(h)` items to the end of every level `h`, written by `write(h, slots, adding(h))` (not
    /// called when `adding(h)` is 0): each level moves right by the items added above it, level 0 (the last)
    /// first, so no item is overwritten before it has moved.
    /// - Complexity: O(s + a) for s stored and a added items.
    private mutating func appendToLevels(
        adding: (Int) -> Int, write: (Int, UnsafeMutablePointer<Double>, Int) -> Void
    ) {
        let total = levelStarts.indices.reduce(0) { $0 + adding($1) }
        guard total > 0 else { return }
        reserveSlots(total)
        // The buffer leaves `self` while its pointer is in use, so that the loop can update `levelStarts`.
        var buffer: [Double] = []
        swap(&buffer, &items)
        buffer.withUnsafeMutableBufferPointer { slots in
            let base = slots.baseAddress!
            // Items added to the levels above the current one: how far the current level moves.
            var addedAbove = total
            var end = storedItems
            for level in levelStarts.indices {
                let start = levelStarts[level]
                let added = adding(level)
                addedAbove -= added
                (base + start + addedAbove).update(from: base + start, count: end - start)
                if added > 0 { write(level, base + end + addedAbove, added) }
                levelStarts[level] = start + addedAbove
                end = start
            }
        }
        swap(&buffer, &items)
        storedItems += total
    }

    /// Makes room in ``items`` for `extra` more items (at least up to ``capacityTotal``, where compaction keeps
    /// the stored items).
    private mutating func reserveSlots(_ extra: Int) {
        let needed = Swift.max(storedItems + extra, capacityTotal)
        if needed > items.count { items.append(contentsOf: repeatElement(0, count: needed - items.count)) }
    }

    /// The stored items with their weights, sorted by value (equal values merged); the weights sum to
    /// ``count``.
    /// - Complexity: O(s log s) for s stored items (at most about 3k).
    var weightedValues: WeightedValues {
        var pairs: [(value: Double, weight: Int)] = []
        pairs.reserveCapacity(storedItems)
        for level in levelStarts.indices {
            for index in levelStarts[level]..<levelEnd(level) { pairs.append((items[index], 1 << level)) }
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
    private static func capacity(k: Int, depth: Int) -> Int {
        if k == defaultK && depth < defaultCapacities.count { return defaultCapacities[depth] }
        return computedCapacity(k: k, depth: depth)
    }

    private static func computedCapacity(k: Int, depth: Int) -> Int {
        var capacity = Double(k)
        for _ in 0..<depth { capacity *= 2.0 / 3.0 }
        return Swift.max(minimumCapacity, Int(capacity.rounded(.up)))
    }

    /// ``capacity(k:depth:)`` of ``defaultK`` by depth.
    private static let defaultCapacities = (0..<64).map { computedCapacity(k: defaultK, depth: $0) }

    /// Adds an empty level on top (at the front of ``items``) and recomputes the capacities, which depend on
    /// the depth below the top.
    private mutating func addLevel() {
        levelStarts.append(0)
        let levelCount = levelStarts.count
        levelCapacities = (0..<levelCount).map { Self.capacity(k: k, depth: levelCount - $0 - 1) }
        capacityTotal = levelCapacities.reduce(0, +)
    }

    /// Compacts the lowest full level (growing the stack when the top is full), as `kll.py` does.
    private mutating func compress() {
        for level in levelStarts.indices where levelEnd(level) - levelStarts[level] >= levelCapacities[level] {
            if level + 1 == levelStarts.count { addLevel() }
            let start = levelStarts[level]
            let end = levelEnd(level)
            let total = end - start
            let keepsLast = total % 2 == 1
            let compacted = keepsLast ? total - 1 : total
            let offset = nextCoin() ? 1 : 0
            let promoted = (compacted - offset + 1) / 2
            let removed = compacted - promoted
            let stored = storedItems
            // In place: the level is sorted, every other item moves to its front, where it ends level + 1; the
            // largest item (kept when the count is odd) follows, and the levels below move left to close the gap.
            items.withUnsafeMutableBufferPointer { slots in
                let items = slots.baseAddress! + start
                Self.compact(items, count: total, offset: offset, promoted: promoted)
                if end < stored { (items + total - removed).update(from: items + total, count: stored - end) }
            }
            levelStarts[level] = start + promoted
            for lower in 0..<level { levelStarts[lower] -= removed }
            storedItems -= removed
            if storedItems < capacityTotal { return }
        }
    }

    /// Sorts the `count` items at `items` and writes the `promoted` items at sorted positions `offset`,
    /// `offset + 2`, ... to the front, followed by the largest item when `count` is odd. Up to 16 items are
    /// sorted in a padded copy and promoted from it.
    @inline(__always)
    private static func compact(_ items: UnsafeMutablePointer<Double>, count: Int, offset: Int, promoted: Int) {
        if count <= 16 {
            DoubleSorting.withPaddedCopy(of: items, count: count) { sorted in
                DoubleSorting.sortPadded(sorted, count: count)
                for index in 0..<promoted { items[index] = sorted[offset + 2 * index] }
                if count % 2 == 1 { items[promoted] = sorted[count - 1] }
            }
        } else {
            DoubleSorting.sortAscending(UnsafeMutableBufferPointer(start: items, count: count))
            for index in 0..<promoted { items[index] = items[offset + 2 * index] }
            if count % 2 == 1 { items[promoted] = items[count - 1] }
        }
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

extension QuantileSketch: Equatable {
    /// Equal sketches hold equal items in the same levels in the same order, with the same count, bounds and
    /// coin state.
    static func == (lhs: QuantileSketch, rhs: QuantileSketch) -> Bool {
        lhs.k == rhs.k && lhs.count == rhs.count && lhs.minimum == rhs.minimum && lhs.maximum == rhs.maximum
            && lhs.randomState == rhs.randomState && lhs.levelStarts == rhs.levelStarts
            && lhs.items[..<lhs.storedItems] == rhs.items[..<rhs.storedItems]
    }
}

extension QuantileSketch {
    /// k, the levels (level 0 first, each level's items in arrival order), count, minimum, maximum and the coin
    /// state.
    func write(to writer: inout StateWriter) {
        writer.int(k)
        writer.int(levelStarts.count)
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
        let levels = try (0..<levelCount).map { _ in try reader.doubles() }
        count = try reader.count()
        minimum = try reader.double()
        maximum = try reader.double()
        randomState = try reader.uint64()
        while levelStarts.count < levelCount { addLevel() }
        items = Array(levels.reversed().joined())
        storedItems = items.count
        var start = 0
        for level in levels.indices.reversed() {
            levelStarts[level] = start
            start += levels[level].count
        }
    }
}
