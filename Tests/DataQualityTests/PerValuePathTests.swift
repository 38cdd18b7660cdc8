import Foundation
import Testing

@testable import DataQuality

/// The per-value work of columns past the exact bound, checked against plain reference models written here:
/// the KLL level sort against a sort by (value, position), the frequent-values table against a Misra-Gries
/// summary kept in an array, and the classifier's word-at-a-time shortcuts against byte-level definitions.
@Suite struct PerValuePathTests {
    // MARK: KLL level sort

    /// Arrays of every shape a level takes (random, a few sorted runs back to back, one run, duplicates,
    /// -0.0 beside +0.0): the sort must give the order of a stable sort, bit for bit.
    @Test func levelSortIsAStableAscendingSort() {
        var generator = SeededGenerator(seed: 3)
        let pool: [Double] = [-0.0, 0.0, 1, -1, 2.5, 1e300, -1e300, 7, 7, 3]
        for size in Array(0...70) + [100, 133, 200, 257, 400, 601] {
            for shape in 0..<4 {
                var items: [Double]
                switch shape {
                case 0: items = (0..<size).map { _ in Double(Int.random(in: -50...50, using: &generator)) / 4 }
                case 1: items = (0..<size).map { _ in pool[Int.random(in: 0..<pool.count, using: &generator)] }
                case 2:
                    // Sorted runs of random lengths, as a level above the first holds them.
                    items = []
                    while items.count < size {
                        let length = Swift.min(size - items.count, Int.random(in: 1...90, using: &generator))
                        items += (0..<length).map { _ in Double(Int.random(in: 0...1000, using: &generator)) }.sorted()
                    }
                default: items = (0..<size).map { Double($0 % 17) }
                }
                // The reference: positions ordered by value, ties by position (a stable order by definition).
                let expected = items.indices.sorted { left, right in
                    items[left] < items[right] || (!(items[right] < items[left]) && left < right)
                }.map { items[$0].bitPattern }
                var sorted = items
                sorted.withUnsafeMutableBufferPointer { DoubleSorting.sortAscending($0) }
                #expect(sorted.map(\.bitPattern) == expected, "size \(size), shape \(shape)")
            }
        }
    }

    // MARK: frequent values

    /// A Misra-Gries summary with batched purges kept in an array in insertion order: when 2 x capacity
    /// counters are held, the median count (the element at count / 2 of the sorted counts) is subtracted and
    /// the counters left at zero or below are dropped.
    private struct ReferenceSummary {
        let capacity: Int
        var counters: [(value: [UInt8], count: Int)] = []
        var maximumError = 0

        mutating func insert(_ value: [UInt8], amount: Int = 1) {
            if let index = counters.firstIndex(where: { $0.value == value }) {
                counters[index].count += amount
                return
            }
            counters.append((value, amount))
            if counters.count >= 2 * capacity {
                let median = counters.map(\.count).sorted()[counters.count / 2]
                counters = counters.filter { $0.count > median }.map { ($0.value, $0.count - median) }
                maximumError += median
            }
        }

        var ranked: [(value: [UInt8], count: Int)] {
            counters.sorted {
                $0.count != $1.count ? $0.count > $1.count : $0.value.lexicographicallyPrecedes($1.value)
            }
        }
    }

    /// Values of 1 to 40 bytes (inline in the counter, copied by words, by `memcpy`), a few frequent ones among
    /// many rare ones, so that purges keep some counters and drop most.
    private func skewedValues(count: Int, seed: UInt64) -> [[UInt8]] {
        var generator = SeededGenerator(seed: seed)
        return (0..<count).map { _ in
            let frequent = Int.random(in: 0..<10, using: &generator) < 4
            let identity =
                frequent ? Int.random(in: 0..<12, using: &generator) : Int.random(in: 0..<100_000, using: &generator)
            let length = 1 + (identity * 7 + (frequent ? 3 : 0)) % 40
            var bytes = Array("\(frequent ? "f" : "r")\(identity)-".utf8)
            while bytes.count < length { bytes.append(UInt8(0x61 + (bytes.count + identity) % 26)) }
            return Array(bytes.prefix(length))
        }
    }

    @Test(arguments: [4, 16, 64])
    func frequentValuesEqualTheReferenceSummary(_ capacity: Int) {
        let values = skewedValues(count: 20_000, seed: UInt64(capacity))
        let sketch = FrequentValues(capacity: capacity)
        var reference = ReferenceSummary(capacity: capacity)
        for value in values {
            value.withUnsafeBytes { sketch.insert($0, hash: stableHash64($0)) }
            reference.insert(value)
        }
        #expect(reference.maximumError > 0)
        let top = sketch.top(4 * capacity)
        #expect(top.map(\.value) == reference.ranked.map(\.value))
        #expect(top.map(\.count) == reference.ranked.map(\.count))
        #expect(sketch.maximumError == reference.maximumError)
    }

    @Test func mergedFrequentValuesEqualTheReferenceMerge() {
        let capacity = 16
        let first = FrequentValues(capacity: capacity)
        let second = FrequentValues(capacity: capacity)
        var firstReference = ReferenceSummary(capacity: capacity)
        var secondReference = ReferenceSummary(capacity: capacity)
        for value in skewedValues(count: 5_000, seed: 11) {
            value.withUnsafeBytes { first.insert($0, hash: stableHash64($0)) }
            firstReference.insert(value)
        }
        for value in skewedValues(count: 7_000, seed: 12) {
            value.withUnsafeBytes { second.insert($0, hash: stableHash64($0)) }
            secondReference.insert(value)
        }
        first.merge(second)
        for counter in secondReference.counters { firstReference.insert(counter.value, amount: counter.count) }
        firstReference.maximumError += secondReference.maximumError
        let top = first.top(4 * capacity)
        #expect(top.map(\.value) == firstReference.ranked.map(\.value))
        #expect(top.map(\.count) == firstReference.ranked.map(\.count))
        #expect(first.maximumError == firstReference.maximumError)
    }

    /// The purge's median when counts reach the per-count tally's end (64) and beyond.
    @Test func frequentValuesWithLargeCounts() {
        let capacity = 4
        let sketch = FrequentValues(capacity: capacity)
        var reference = ReferenceSummary(capacity: capacity)
        for (index, amount) in [70, 64, 63, 200, 1, 65, 90, 3, 500, 64, 2, 66].enumerated() {
            let value = Array("value-\(index)".utf8)
            value.withUnsafeBytes { sketch.insert($0, hash: stableHash64($0), amount: amount) }
            reference.insert(value, amount: amount)
        }
        let top = sketch.top(10)
        #expect(top.map(\.value) == reference.ranked.map(\.value))
        #expect(top.map(\.count) == reference.ranked.map(\.count))
        #expect(sketch.maximumError == reference.maximumError)
        // By hand: the first purge (8 counters: 70 64 63 200 1 65 90 3, sorted 1 3 63 64 65 70 90 200, the
        // element at 4 is 65) subtracts 65 and keeps 70, 200, 90 as 5, 135, 25; the last four make 7 counters,
        // one short of a second purge, so the error is 65.
        #expect(sketch.maximumError == 65)
    }

    // MARK: classification shortcuts

    /// Scalar length, invalid UTF-8 and control characters of random byte strings (printable ASCII mostly,
    /// with tabs, line feeds, control bytes, DEL, multi-byte characters and invalid bytes at random places)
    /// against their byte-level definitions: Swift's own decoding with replacement counts the scalars.
    @Test func textScanEqualsItsDefinition() {
        var generator = SeededGenerator(seed: 5)
        let classifier = ValueClassifier(nullTokens: [])
        let rare: [[UInt8]] = [
            [0x09], [0x0A], [0x0D], [0x01], [0x1F], [0x7F], Array("é".utf8), Array("€".utf8),
            Array("😀".utf8), [0xFF], [0xC3], [0xE2, 0x82]
        ]
        for _ in 0..<20_000 {
            let length = Int.random(in: 1...40, using: &generator)
            var bytes: [UInt8] = []
            while bytes.count < length {
                if Int.random(in: 0..<12, using: &generator) == 0 {
                    bytes += rare[Int.random(in: 0..<rare.count, using: &generator)]
                } else {
                    bytes.append(UInt8.random(in: 0x21...0x7E, using: &generator))
                }
            }
            let info = bytes.withUnsafeBytes { classifier.classify($0) }
            // Without null tokens, only a value of tabs alone is null (nulls are not scanned).
            #expect(info.flags.contains(.null) == bytes.allSatisfy { $0 == 0x09 })
            if info.flags.contains(.null) { continue }
            let scalars = String(decoding: bytes, as: UTF8.self).unicodeScalars.count
            let valid = String(validating: bytes, as: UTF8.self) != nil
            let control = bytes.contains { ($0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D) || $0 == 0x7F }
            #expect(info.scalarLength == scalars, "\(bytes)")
            #expect(info.flags.contains(.invalidUTF8) == !valid, "\(bytes)")
            #expect(info.flags.contains(.controlCharacters) == control, "\(bytes)")
        }
    }

    /// Every token is null, trimmed or not; every one-byte change of a token (first, middle or last byte) is not,
    /// unless it makes another token. Tokens longer than eight bytes are compared byte by byte.
    @Test func nullTokensAgainstSetMembership() {
        let tokens = ProfileOptions.defaultNullValues + ["undefined-value", "?", "x"]
        let classifier = ValueClassifier(nullTokens: tokens)
        let members = Set(tokens.map { Array($0.utf8) })
        for token in tokens {
            let bytes = Array(token.utf8)
            #expect(bytes.withUnsafeBytes { classifier.classify($0) }.flags.contains(.null), "\(token)")
            #expect(Array(" \(token)\t".utf8).withUnsafeBytes { classifier.classify($0) }.flags.contains(.null))
            for position in Set([0, bytes.count / 2, bytes.count - 1]) {
                for replacement: UInt8 in [0x41, 0x61, 0x31, 0x23] {
                    var changed = bytes
                    changed[position] = replacement
                    let isNull = changed.withUnsafeBytes { classifier.classify($0) }.flags.contains(.null)
                    #expect(isNull == members.contains(changed), "\(String(decoding: changed, as: UTF8.self))")
                }
            }
        }
    }

    /// Values whose first byte decides they are strings, beside the first bytes that can start something else.
    @Test(arguments: [
        ("x1", ValueClass.string), ("@2020-01-01", ValueClass.string), ("a", ValueClass.string),
        ("Z", ValueClass.string), ("(201) 555-0100", ValueClass.string), ("inf", ValueClass.nonFiniteDecimal),
        ("-Infinity", ValueClass.nonFiniteDecimal), ("N", ValueClass.firstBooleanLetter + 3),
        ("Yes", ValueClass.firstBooleanWord + 6), ("f", ValueClass.firstBooleanLetter),
        (".5", ValueClass.finiteDecimal),
        ("+7", ValueClass.finiteInteger), ("12:30", ValueClass.firstTime + 4), ("5.", ValueClass.finiteDecimal),
        ("00.5", ValueClass.string), ("0.000", ValueClass.finiteDecimal), ("-0.0", ValueClass.finiteDecimal),
        ("123456789012345.6", ValueClass.finiteDecimal), ("1.5e3", ValueClass.finiteDecimal)
    ])
    func firstByteDecides(_ value: String, _ expected: UInt8) {
        let info = Array(value.utf8).withUnsafeBytes { ValueClassifier(nullTokens: []).classify($0) }
        #expect(info.valueClass == expected, "\(value)")
        if expected == ValueClass.finiteDecimal || expected == ValueClass.finiteInteger {
            #expect(info.number.bitPattern == Double(value)!.bitPattern, "\(value)")
        }
    }
}

/// The radix sort of weighted values against a sort by (value, position).
@Suite struct WeightedValuesSortTests {
    @Test(arguments: [0, 1, 63, 64, 65, 1_000, 30_000])
    func radixOrderIsTheStableOrder(_ count: Int) {
        var generator = SeededGenerator(seed: UInt64(count) + 1)
        let specials: [Double] = [
            -0.0, 0.0, -1e308, 1e308, .leastNonzeroMagnitude, -.leastNonzeroMagnitude, .infinity, -.infinity, 1, -1
        ]
        let pairs: [(value: Double, weight: Int)] = (0..<count).map { index in
            let value: Double
            switch Int.random(in: 0..<4, using: &generator) {
            case 0: value = specials[Int.random(in: 0..<specials.count, using: &generator)]
            case 1: value = Double(Int.random(in: -300...300, using: &generator))
            case 2: value = Double(Int.random(in: 0...80, using: &generator))
            default: value = Double.random(in: -1e6...1e6, using: &generator)
            }
            return (value, index)
        }
        let expected = pairs.indices.sorted { left, right in
            pairs[left].value < pairs[right].value || (!(pairs[right].value < pairs[left].value) && left < right)
        }
        let sorted = WeightedValues.sortedByValue(pairs)
        #expect(sorted.map(\.weight) == expected)
        #expect(sorted.map(\.value.bitPattern) == expected.map { pairs[$0].value.bitPattern })
    }

    /// Whole numbers of one magnitude (the keys' high bytes all equal: passes skipped) and a NaN (the
    /// comparison sort).
    @Test func skippedPassesAndNaN() {
        let lengths: [(value: Double, weight: Int)] = (0..<500).map { (Double((($0 * 37) % 101) + 3), $0) }
        let sortedLengths = WeightedValues.sortedByValue(lengths)
        #expect(sortedLengths.map(\.value) == lengths.map(\.value).sorted())
        #expect(
            zip(sortedLengths, sortedLengths.dropFirst()).allSatisfy { $0.value < $1.value || $0.weight < $1.weight })
        let withNaN = lengths + [(Double.nan, 500)]
        #expect(WeightedValues.sortedByValue(withNaN).count == 501)
        // Equal values merge, the first one's sign kept: -0.0 came first.
        let zeros = WeightedValues(unsorted: [(-0.0, 2)] + (1...70).map { (Double($0), 1) } + [(0.0, 3)])
        #expect(zeros.quantile(0)?.bitPattern == (-0.0).bitPattern)
        #expect(zeros.total == 75)
    }
}

/// Dates, datetimes and times read again by their class's recogniser give the keys computed by hand
/// (Python's `datetime`: seconds and days since 1970-01-01 UTC).
@Suite struct TemporalKeyTests {
    @Test(
        arguments: [
            ("2021-03-04T05:06:07.25Z", DistributionSelection?.none, 1_614_834_367.25),
            ("1999-12-31 23:59-02:00", nil, 946_691_940),
            ("12:30:15.5", nil, 45_015.5),
            ("7/8/2014 12:05 AM", nil, 1_404_777_900), ("12:30:15.5 PM", nil, 45_015.5), ("0:05", nil, 300),
            ("2021-03-04", DistributionSelection.date(formatSlot: 0), 18_690),
            ("04/03/2021", DistributionSelection.date(formatSlot: 1), 18_720),
            ("04/03/2021", DistributionSelection.date(formatSlot: 2), 18_690),
            ("4.3.2021", DistributionSelection.date(formatSlot: 3), 18_690),
            ("2021/03/04", DistributionSelection.date(formatSlot: 4), 18_690)
        ] as [(String, DistributionSelection?, Double)])
    func keysByHand(_ value: String, _ dateSelection: DistributionSelection?, _ expected: Double) {
        let classifier = ValueClassifier(nullTokens: [])
        let bytes = Array(value.utf8)
        bytes.withUnsafeBytes { raw in
            let classified = classifier.classify(raw)
            let selection =
                dateSelection ?? .temporal(format: TemporalFormats.readings(of: classified.valueClass).monthFirst!)
            let reread = classifier.recogniseTemporal(raw)
            #expect(reread.valueClass == classified.valueClass, "\(value)")
            #expect(selection.key(reread, raw) == expected, "\(value)")
            #expect(selection.key(classified, raw) == expected, "\(value)")
        }
    }

    /// A slash datetime valid in either order has a key in both readings' formats: 04/03/2021 10:00 is
    /// 3 April (1617444000) month-first, 4 March (1614852000) day-first.
    @Test func slashDatetimesHaveAKeyInEachReading() {
        let classifier = ValueClassifier(nullTokens: [])
        Array("04/03/2021 10:00".utf8).withUnsafeBytes { raw in
            let info = classifier.classify(raw)
            let readings = TemporalFormats.readings(of: info.valueClass)
            #expect(DistributionSelection.temporal(format: readings.monthFirst!).key(info, raw) == 1_617_444_000)
            #expect(DistributionSelection.temporal(format: readings.dayFirst!).key(info, raw) == 1_614_852_000)
            #expect(DistributionSelection.temporal(format: 0).key(info, raw) == nil)
        }
    }
}
