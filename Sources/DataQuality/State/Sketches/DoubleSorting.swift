/// Sorting of `Double` items in place, without the generic sort's comparison closure: sorting networks for
/// short runs and blocks, a stable natural merge sort otherwise. ``QuantileSketch`` sorts every level it
/// compacts with it.
enum DoubleSorting {
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
    static func withPaddedCopy(
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
    static func sortPadded(_ slots: UnsafeMutablePointer<Double>, count: Int) {
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
}
