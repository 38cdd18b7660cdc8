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

    /// Sorts `items` ascending by `<` into the order a stable sort gives (equal items keep their order, as the
    /// standard library's sort keeps them), mostly with sorting networks: branch-free (a compare-exchange is a
    /// minimum and a maximum, so random items cost no branch mispredictions) but not stable. That is safe for
    /// items holding no zero and no NaN: among them equal means identical bit for bit (-0.0 and +0.0 are the
    /// only equal values that differ), so no order of equal items can show. Up to 16 such items take one
    /// network (``sortPadded(_:count:)``); more take ``sortBlocks(_:count:)``; items with a zero or a NaN take
    /// ``stableSort(_:)``.
    /// - Complexity: 19, 39 or 60 compare-exchanges for up to 8, 12 or 16 items; O(n log n) beyond, with n
    ///   words of temporary memory (on the stack for levels of the default k).
    static func sortAscending(_ items: UnsafeMutableBufferPointer<Double>) {
        let count = items.count
        guard count > 1, let base = items.baseAddress else { return }
        if count <= 16 {
            withPaddedCopy(of: base, count: count) { slots in
                sortPadded(slots, count: count)
                base.update(from: slots, count: count)
            }
        } else if containsZeroOrNaN(base, count: count) {
            stableSort(items)
        } else {
            sortBlocks(base, count: count)
        }
    }

    /// Calls `body` with 16 slots of stack holding the `count` (at most 16) items at `items`, then +infinity.
    @inline(__always)
    private static func withPaddedCopy(
        of items: UnsafeMutablePointer<Double>, count: Int, _ body: (UnsafeMutablePointer<Double>) -> Void
    ) {
        withUnsafeTemporaryAllocation(of: Double.self, capacity: 16) { padded in
            let slots = padded.baseAddress!
            slots.initialize(repeating: .infinity, count: 16)
            slots.update(from: items, count: count)
            body(slots)
        }
    }

    /// Sorts the first `count` of the 16 `slots` of ``withPaddedCopy(of:count:_:)`` (the padding, +infinity,
    /// sorts after them): with the smallest of the networks for 8, 12 and 16 items that holds them, or with
    /// ``stableSort(_:)`` when one is a zero or a NaN.
    @inline(__always)
    private static func sortPadded(_ slots: UnsafeMutablePointer<Double>, count: Int) {
        if containsZeroOrNaN(slots, count: 16) {
            stableSort(UnsafeMutableBufferPointer(start: slots, count: count))
        } else if count <= 8 {
            sortEight(slots)
        } else if count <= 12 {
            sortTwelve(slots)
        } else {
            sortSixteen(slots)
        }
    }

    /// Sorts more than 16 items, none a zero or a NaN: blocks of 16 sorted by the network for 16 (the last
    /// block padded), then merged pairwise, pass after pass (one pass for up to 32 items, the common size of
    /// the levels above the first).
    private static func sortBlocks(_ items: UnsafeMutablePointer<Double>, count: Int) {
        var start = 0
        while start + 16 <= count {
            sortSixteen(items + start)
            start += 16
        }
        if start < count {
            withPaddedCopy(of: items + start, count: count - start) { slots in
                sortPadded(slots, count: count - start)
                (items + start).update(from: slots, count: count - start)
            }
        }
        withUnsafeTemporaryAllocation(of: Double.self, capacity: count) { scratch in
            var source = items
            var target = scratch.baseAddress!
            var width = 16
            while width < count {
                var low = 0
                while low < count {
                    let middle = Swift.min(low + width, count)
                    let high = Swift.min(low + 2 * width, count)
                    if middle < high {
                        mergeRuns(source, low, middle, high, into: target)
                    } else {
                        (target + low).update(from: source + low, count: high - low)
                    }
                    low = high
                }
                swap(&source, &target)
                width *= 2
            }
            if source != items { items.update(from: source, count: count) }
        }
    }

    /// Whether one of the `count` items at `items` is +0.0, -0.0 or NaN, without a branch per item: twice the
    /// bit pattern less one has its top 11 bits set exactly for a zero (0 - 1 wraps around) and for a NaN
    /// (exponent bits all set, fraction not zero).
    @inline(__always)
    private static func containsZeroOrNaN(_ items: UnsafeMutablePointer<Double>, count: Int) -> Bool {
        var found: UInt64 = 0
        for index in 0..<count {
            let key = (items[index].bitPattern << 1) &- 1
            found |= (key >> 53 &+ 1) >> 11
        }
        return found != 0
    }

    // The networks below are from Bert Dobbelaere's list of smallest known sorting networks
    // (<https://bertdobbelaere.github.io/sorting_networks.html>): 19 compare-exchanges for 8 items (optimal,
    // Knuth, TAOCP vol. 3, 5.3.4), 39 for 12 (Shapiro and Green) and 60 for 16 (Green); each is checked on
    // every input of two values (the 0-1 principle) by QuantileSketchReferenceTests.

    /// Puts `first` and `second` in ascending order: `first` becomes the smaller, `second` the larger (minsd
    /// and maxsd on x86-64, fmin and fmax on ARM; which of two equal items goes where cannot show).
    @inline(__always)
    private static func order(_ first: inout Double, _ second: inout Double) {
        let smaller = second < first ? second : first
        second = first < second ? second : first
        first = smaller
    }

    /// Sorts the 8 items at `slots` ascending: 19 compare-exchanges in 6 layers, one line a
    /// layer (its compare-exchanges independent of one another).
    @inline(__always)
    private static func sortEight(_ slots: UnsafeMutablePointer<Double>) {
        var v0 = slots[0]
        var v1 = slots[1]
        var v2 = slots[2]
        var v3 = slots[3]
        var v4 = slots[4]
        var v5 = slots[5]
        var v6 = slots[6]
        var v7 = slots[7]
        order(&v0, &v2)
        order(&v1, &v3)
        order(&v4, &v6)
        order(&v5, &v7)
        order(&v0, &v4)
        order(&v1, &v5)
        order(&v2, &v6)
        order(&v3, &v7)
        order(&v0, &v1)
        order(&v2, &v3)
        order(&v4, &v5)
        order(&v6, &v7)
        order(&v2, &v4)
        order(&v3, &v5)
        order(&v1, &v4)
        order(&v3, &v6)
        order(&v1, &v2)
        order(&v3, &v4)
        order(&v5, &v6)
        slots[0] = v0
        slots[1] = v1
        slots[2] = v2
        slots[3] = v3
        slots[4] = v4
        slots[5] = v5
        slots[6] = v6
        slots[7] = v7
    }

    /// Sorts the 12 items at `slots` ascending: 39 compare-exchanges in 9 layers, one line a
    /// layer (its compare-exchanges independent of one another).
    @inline(__always)
    private static func sortTwelve(_ slots: UnsafeMutablePointer<Double>) {
        var v0 = slots[0]
        var v1 = slots[1]
        var v2 = slots[2]
        var v3 = slots[3]
        var v4 = slots[4]
        var v5 = slots[5]
        var v6 = slots[6]
        var v7 = slots[7]
        var v8 = slots[8]
        var v9 = slots[9]
        var v10 = slots[10]
        var v11 = slots[11]
        order(&v0, &v8)
        order(&v1, &v7)
        order(&v2, &v6)
        order(&v3, &v11)
        order(&v4, &v10)
        order(&v5, &v9)
        order(&v0, &v1)
        order(&v2, &v5)
        order(&v3, &v4)
        order(&v6, &v9)
        order(&v7, &v8)
        order(&v10, &v11)
        order(&v0, &v2)
        order(&v1, &v6)
        order(&v5, &v10)
        order(&v9, &v11)
        order(&v0, &v3)
        order(&v1, &v2)
        order(&v4, &v6)
        order(&v5, &v7)
        order(&v8, &v11)
        order(&v9, &v10)
        order(&v1, &v4)
        order(&v3, &v5)
        order(&v6, &v8)
        order(&v7, &v10)
        order(&v1, &v3)
        order(&v2, &v5)
        order(&v6, &v9)
        order(&v8, &v10)
        order(&v2, &v3)
        order(&v4, &v5)
        order(&v6, &v7)
        order(&v8, &v9)
        order(&v4, &v6)
        order(&v5, &v7)
        order(&v3, &v4)
        order(&v5, &v6)
        order(&v7, &v8)
        slots[0] = v0
        slots[1] = v1
        slots[2] = v2
        slots[3] = v3
        slots[4] = v4
        slots[5] = v5
        slots[6] = v6
        slots[7] = v7
        slots[8] = v8
        slots[9] = v9
        slots[10] = v10
        slots[11] = v11
    }

    /// Sorts the 16 items at `slots` ascending: 60 compare-exchanges in 10 layers, one line a
    /// layer (its compare-exchanges independent of one another).
    @inline(__always)
    private static func sortSixteen(_ slots: UnsafeMutablePointer<Double>) {
        var v0 = slots[0]
        var v1 = slots[1]
        var v2 = slots[2]
        var v3 = slots[3]
        var v4 = slots[4]
        var v5 = slots[5]
        var v6 = slots[6]
        var v7 = slots[7]
        var v8 = slots[8]
        var v9 = slots[9]
        var v10 = slots[10]
        var v11 = slots[11]
        var v12 = slots[12]
        var v13 = slots[13]
        var v14 = slots[14]
        var v15 = slots[15]
        order(&v0, &v13)
        order(&v1, &v12)
        order(&v2, &v15)
        order(&v3, &v14)
        order(&v4, &v8)
        order(&v5, &v6)
        order(&v7, &v11)
        order(&v9, &v10)
        order(&v0, &v5)
        order(&v1, &v7)
        order(&v2, &v9)
        order(&v3, &v4)
        order(&v6, &v13)
        order(&v8, &v14)
        order(&v10, &v15)
        order(&v11, &v12)
        order(&v0, &v1)
        order(&v2, &v3)
        order(&v4, &v5)
        order(&v6, &v8)
        order(&v7, &v9)
        order(&v10, &v11)
        order(&v12, &v13)
        order(&v14, &v15)
        order(&v0, &v2)
        order(&v1, &v3)
        order(&v4, &v10)
        order(&v5, &v11)
        order(&v6, &v7)
        order(&v8, &v9)
        order(&v12, &v14)
        order(&v13, &v15)
        order(&v1, &v2)
        order(&v3, &v12)
        order(&v4, &v6)
        order(&v5, &v7)
        order(&v8, &v10)
        order(&v9, &v11)
        order(&v13, &v14)
        order(&v1, &v4)
        order(&v2, &v6)
        order(&v5, &v8)
        order(&v7, &v10)
        order(&v9, &v13)
        order(&v11, &v14)
        order(&v2, &v4)
        order(&v3, &v6)
        order(&v9, &v12)
        order(&v11, &v13)
        order(&v3, &v5)
        order(&v6, &v8)
        order(&v7, &v9)
        order(&v10, &v12)
        order(&v3, &v4)
        order(&v5, &v6)
        order(&v7, &v8)
        order(&v9, &v10)
        order(&v11, &v12)
        order(&v6, &v7)
        order(&v8, &v9)
        slots[0] = v0
        slots[1] = v1
        slots[2] = v2
        slots[3] = v3
        slots[4] = v4
        slots[5] = v5
        slots[6] = v6
        slots[7] = v7
        slots[8] = v8
        slots[9] = v9
        slots[10] = v10
        slots[11] = v11
        slots[12] = v12
        slots[13] = v13
        slots[14] = v14
        slots[15] = v15
    }

    /// Sorts `items` ascending by `<`, stably (equal items keep their order, as the standard library's stable
    /// sort keeps them; only -0.0 and +0.0 tell), without the generic sort's comparison closure: insertion sort
    /// for short ranges, otherwise a natural merge sort (Knuth, TAOCP vol. 3, 5.2.4) over ascending runs
    /// extended to at least 8 items by insertion, which suits the levels above the first (sorted runs from
    /// the level below, appended one after another).
    /// - Complexity: O(n log n) comparisons, O(n) for a level of a few sorted runs; n + n / 8 + 2 words of
    ///   temporary memory (on the stack for levels of the default k).
    static func stableSort(_ items: UnsafeMutableBufferPointer<Double>) {
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
    private static func insertionSort(_ items: UnsafeMutablePointer<Double>, from start: Int, sortedEnd: Int, end: Int)
    {
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
    /// on ties the left run's item comes first (stable). Two branch-free merges run at once, one taking the
    /// smallest items from the front, the other the largest from the back (as the parity merge of Igor van
    /// den Hoven's quadsort): each step waits on the comparison before it, so two independent chains halve
    /// the time. When a run is used up on either side, what is left of both runs in the middle is merged from
    /// the front.
    /// - Complexity: O(high - low), no branch per item.
    @inline(__always)
    private static func mergeRuns(
        _ source: UnsafeMutablePointer<Double>, _ low: Int, _ middle: Int, _ high: Int,
        into target: UnsafeMutablePointer<Double>
    ) {
        // From the front: the next smallest item (left on ties); from the back: the next largest (right on ties).
        var frontLeft = low
        var frontRight = middle
        var front = low
        var backLeft = middle &- 1
        var backRight = high &- 1
        var back = high &- 1
        // Both ends at once while every read stays inside its run (wrapping arithmetic: no overflow checks).
        while front < back && frontLeft < middle && frontRight < high && backLeft >= low && backRight >= middle {
            mergeStepFromTheFront(source, &frontLeft, &frontRight, into: target, &front)
            let lastLeft = source[backLeft]
            let lastRight = source[backRight]
            let takesLeft = lastRight < lastLeft
            target[back] = takesLeft ? lastLeft : lastRight
            backLeft &-= takesLeft ? 1 : 0
            backRight &-= takesLeft ? 0 : 1
            back &-= 1
        }
        // The items between: what is left of each run, merged from the front.
        let leftEnd = backLeft &+ 1
        let rightEnd = backRight &+ 1
        while frontLeft < leftEnd && frontRight < rightEnd {
            mergeStepFromTheFront(source, &frontLeft, &frontRight, into: target, &front)
        }
        if frontLeft < leftEnd { (target + front).update(from: source + frontLeft, count: leftEnd - frontLeft) }
        if frontRight < rightEnd { (target + front).update(from: source + frontRight, count: rightEnd - frontRight) }
    }

    /// One branch-free step of a merge from the front: the smaller of `source[left]` and `source[right]` (the
    /// left one on ties) goes to `target[output]`, and its index and `output` move on.
    @inline(__always)
    private static func mergeStepFromTheFront(
        _ source: UnsafeMutablePointer<Double>, _ left: inout Int, _ right: inout Int,
        into target: UnsafeMutablePointer<Double>, _ output: inout Int
    ) {
        let leftItem = source[left]
        let rightItem = source[right]
        let takesRight = rightItem < leftItem
        target[output] = takesRight ? rightItem : leftItem
        right &+= takesRight ? 1 : 0
        left &+= takesRight ? 0 : 1
        output &+= 1
    }

    /// Sorts the `count` items at `items` and writes the `promoted` items at sorted positions `offset`,
    /// `offset + 2`, ... to the front, followed by the largest item when `count` is odd. Up to 16 items are
    /// sorted in a padded copy and promoted from it.
    @inline(__always)
    private static func compact(_ items: UnsafeMutablePointer<Double>, count: Int, offset: Int, promoted: Int) {
        if count <= 16 {
            withPaddedCopy(of: items, count: count) { sorted in
                sortPadded(sorted, count: count)
                for index in 0..<promoted { items[index] = sorted[offset + 2 * index] }
                if count % 2 == 1 { items[promoted] = sorted[count - 1] }
            }
        } else {
            sortAscending(UnsafeMutableBufferPointer(start: items, count: count))
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
        let edges = (0...bins).map { index -> Double in index == bins ? high : 2 * (low / 2 + Double(index) * halfStep)
        }
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
