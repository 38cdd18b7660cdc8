import Testing

@testable import DataQuality

/// The KLL sketch's levels and its compaction sort checked against plain models written here: the standard
/// library's stable sort, and a sketch kept as an array of levels, compacted with that sort, as Liberty's
/// `kll.py` keeps it.
@Suite struct QuantileSketchReferenceTests {
    // MARK: compaction sort

    /// Every input of two distinct values for 2 to 16 items (the 0-1 principle, Knuth TAOCP vol. 3, 5.3.4:
    /// a sorting network that sorts all of them sorts every input).
    @Test func networksSortEveryTwoValuedInput() {
        for size in 2...16 {
            for pattern in 0..<(1 << size) {
                var items = (0..<size).map { pattern >> $0 & 1 == 1 ? 2.0 : 1.0 }
                let ones = items.filter { $0 == 1 }.count
                items.withUnsafeMutableBufferPointer { DoubleSorting.sortAscending($0) }
                #expect(items == Array(repeating: 1, count: ones) + Array(repeating: 2, count: size - ones))
            }
        }
    }

    /// Random, sorted, reverse-sorted and many-equal inputs of 0 to 100 items, with and without signed zeros
    /// and infinities, and sorted runs after one larger item: the order of the standard library's stable
    /// sort, bit for bit.
    @Test func sortIsTheStandardStableSort() {
        var generator = SeededGenerator(seed: 41)
        for size in 0...100 {
            for shape in 0..<6 {
                var items: [Double]
                switch shape {
                case 0: items = (0..<size).map { _ in Double.random(in: -1e6...1e6, using: &generator) }
                case 1: items = (0..<size).map { Double($0) * 1.5 + 1 }
                case 2: items = (0..<size).map { Double(size - $0) * 0.25 }
                case 3: items = (0..<size).map { _ in Double(Int.random(in: 1...3, using: &generator)) }
                case 4:
                    let pool: [Double] = [-0.0, 0.0, 5, -5, .infinity, -.infinity, 1e-300]
                    items = (0..<size).map { _ in pool.randomElement(using: &generator)! }
                default:
                    // Sorted runs back to back after one larger item: what a level above the first holds.
                    items = [1e9]
                    while items.count < size {
                        let length = min(size - items.count, Int.random(in: 1...12, using: &generator))
                        items += (0..<length).map { _ in Double(Int.random(in: 1...500, using: &generator)) }.sorted()
                    }
                    items = Array(items.prefix(size))
                }
                let expected = items.sorted().map(\.bitPattern)
                items.withUnsafeMutableBufferPointer { DoubleSorting.sortAscending($0) }
                #expect(items.map(\.bitPattern) == expected, "size \(size), shape \(shape)")
            }
        }
    }

    // MARK: sketch against a reference

    /// A KLL sketch as an array of levels, compacted as ``QuantileSketch`` documents it: lazily (the lowest
    /// level at or over its capacity, while the items reach the capacities' sum), each compacted level sorted
    /// by the standard library's stable sort, the items at even or odd positions (a SplitMix64 coin) promoted
    /// and the largest kept when the count is odd.
    private struct ReferenceSketch {
        let k = QuantileSketch.defaultK
        var levels: [[Double]] = [[]]
        var count = 0
        var minimum = Double.infinity
        var maximum = -Double.infinity
        var randomState: UInt64 = 0x9E37_79B9_7F4A_7C15

        /// k x (2/3)^depth rounded up, at least 8.
        func capacity(depth: Int) -> Int {
            var capacity = Double(k)
            for _ in 0..<depth { capacity *= 2.0 / 3.0 }
            return max(8, Int(capacity.rounded(.up)))
        }

        var capacityTotal: Int { levels.indices.reduce(0) { $0 + capacity(depth: levels.count - $1 - 1) } }
        var storedItems: Int { levels.reduce(0) { $0 + $1.count } }

        mutating func coin() -> Bool {
            randomState &+= 0x9E37_79B9_7F4A_7C15
            var mixed = randomState
            mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
            mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
            return (mixed ^ (mixed >> 31)) & 1 == 1
        }

        mutating func insert(_ value: Double, weight: Int = 1) {
            count += weight
            minimum = min(minimum, value)
            maximum = max(maximum, value)
            for bit in 0..<Int.bitWidth where weight >> bit & 1 == 1 {
                while levels.count <= bit { levels.append([]) }
                levels[bit].append(value)
            }
            if storedItems >= capacityTotal { compress() }
        }

        mutating func merge(_ other: ReferenceSketch) {
            guard other.count > 0 else { return }
            while levels.count < other.levels.count { levels.append([]) }
            for (level, items) in other.levels.enumerated() { levels[level] += items }
            count += other.count
            minimum = min(minimum, other.minimum)
            maximum = max(maximum, other.maximum)
            randomState &+= other.randomState
            while storedItems >= capacityTotal { compress() }
        }

        mutating func compress() {
            for level in 0..<levels.count where levels[level].count >= capacity(depth: levels.count - level - 1) {
                if level + 1 == levels.count { levels.append([]) }
                let sorted = levels[level].sorted()
                let compacted = sorted.count / 2 * 2
                let offset = coin() ? 1 : 0
                levels[level + 1] += stride(from: offset, to: compacted, by: 2).map { sorted[$0] }
                levels[level] = compacted < sorted.count ? [sorted[sorted.count - 1]] : []
                if storedItems < capacityTotal { return }
            }
        }
    }

    private static func expectSame(_ sketch: QuantileSketch, _ reference: ReferenceSketch, _ note: String) {
        #expect(sketch.levels.map { $0.map(\.bitPattern) } == reference.levels.map { $0.map(\.bitPattern) }, "\(note)")
        #expect(sketch.count == reference.count && sketch.minimum == reference.minimum, "\(note)")
        #expect(sketch.maximum == reference.maximum, "\(note)")
    }

    /// Values with many repeats, both zeros and wide magnitudes, so that every sort path is taken.
    private static func value(_ generator: inout SeededGenerator) -> Double {
        switch Int.random(in: 0..<50, using: &generator) {
        case 0: return Bool.random(using: &generator) ? -0.0 : 0.0
        case 1...10: return Double(Int.random(in: 1...20, using: &generator)) / 4
        default: return Double.random(in: -1e3...1e3, using: &generator)
        }
    }

    /// After every one of the first 3 000 insertions, then every 1 000th up to 60 000: the same items in the
    /// same levels in the same order (bit for bit, so -0.0 and +0.0 too), count and bounds.
    @Test func insertionsMatchTheReference() {
        var generator = SeededGenerator(seed: 5)
        var sketch = QuantileSketch()
        var reference = ReferenceSketch()
        for inserted in 1...60_000 {
            let value = Self.value(&generator)
            sketch.insert(value)
            reference.insert(value)
            if inserted <= 3_000 || inserted % 1_000 == 0 { Self.expectSame(sketch, reference, "after \(inserted)") }
        }
    }

    /// Weighted insertions (one item per bit of the weight, at that bit's level) and merges of sketches of
    /// different depths, in both orders: the reference's levels; the state written and read back is the same
    /// sketch and the same bytes.
    @Test func weightedInsertionsAndMergesMatchTheReference() throws {
        var generator = SeededGenerator(seed: 8)
        var parts: [(QuantileSketch, ReferenceSketch)] = []
        for size in [0, 5, 700, 9_000] {
            var sketch = QuantileSketch()
            var reference = ReferenceSketch()
            for _ in 0..<size {
                let value = Self.value(&generator)
                let weight =
                    Int.random(in: 0..<8, using: &generator) == 0 ? Int.random(in: 2...5_000, using: &generator) : 1
                sketch.insert(value, weight: weight)
                reference.insert(value, weight: weight)
            }
            Self.expectSame(sketch, reference, "part of \(size)")
            parts.append((sketch, reference))
        }
        for order in [parts, parts.reversed()] {
            var sketch = QuantileSketch()
            var reference = ReferenceSketch()
            for (part, referencePart) in order {
                sketch.merge(part)
                reference.merge(referencePart)
                Self.expectSame(sketch, reference, "merged")
            }
            var writer = StateWriter()
            sketch.write(to: &writer)
            var reader = StateReader(writer.bytes)
            let read = try QuantileSketch(reading: &reader)
            #expect(read == sketch)
            var rewriter = StateWriter()
            read.write(to: &rewriter)
            #expect(rewriter.bytes == writer.bytes)
            // The sketch read back goes on as the original does.
            var continued = read
            for _ in 0..<2_000 {
                let value = Self.value(&generator)
                continued.insert(value)
                reference.insert(value)
            }
            Self.expectSame(continued, reference, "continued after reading")
        }
    }
}
