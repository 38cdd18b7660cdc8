import Testing

@testable import DataQuality

/// The word-at-a-time shortcuts of the hot path, each against the plain byte-by-byte answer.
struct HotPathPrimitivesTests {
    /// Values of 0 to 40 bytes (inline up to 8, in the arena beyond), zero bytes included, and values that
    /// differ only in a trailing zero byte or in length: each found again, with its own bytes.
    @Test func shortAndLongValuesRoundTrip() {
        let table = ValueTable()
        var values: [[UInt8]] = []
        for length in 0...40 {
            values.append((0..<length).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ length) })
            values.append([UInt8](repeating: 0, count: length))
            values.append((0..<length).map { $0 == length - 1 ? 0x7F : UInt8(ascii: "a") })
        }
        values.append(Array("a".utf8) + [0])
        values.append(Array("a".utf8))
        var unique: [[UInt8]] = []
        for value in values where !unique.contains(value) { unique.append(value) }
        for value in unique {
            value.withUnsafeBytes { raw in
                let hash = stableHash64(raw)
                #expect(table.find(raw, hash: hash) == -1)
                table.insert(
                    raw, hash: hash, count: 1, firstLine: 1, number: 0, scalarLength: 0, valueClass: ValueClass.string,
                    flags: [])
            }
        }
        #expect(table.count == unique.count)
        for (index, value) in unique.enumerated() {
            #expect(Array(table.valueBytes(index)) == value)
            value.withUnsafeBytes { raw in #expect(table.find(raw, hash: stableHash64(raw)) == index) }
        }
    }

    /// The median by quickselect is the sorted counts' middle element, for counts with many ties.
    @Test(arguments: [1, 2, 3, 17, 2048])
    func countAtRankIsTheSortedCount(size: Int) {
        var generator = SeededGenerator(seed: UInt64(size))
        let table = ValueTable()
        var counts: [Int] = []
        for index in 0..<size {
            let count = Int.random(in: 1...6, using: &generator)
            counts.append(count)
            _ = withUnsafeBytes(of: index) { raw in
                table.insert(
                    raw, hash: stableHash64(raw), count: count, firstLine: 0, number: 0, scalarLength: 0,
                    valueClass: ValueClass.string,
                    flags: [])
            }
        }
        let sorted = counts.sorted()
        for rank in Set([0, size / 2, size - 1]) {
            #expect(table.countAtRank(rank) == sorted[rank])
        }
    }

    /// Byte order against the standard library's lexicographic order.
    @Test func compareBytesIsLexicographic() {
        let words: [[UInt8]] = [[], [0], [0, 0], [1], [0xFF], Array("ab".utf8), Array("abc".utf8), Array("b".utf8)]
        for left in words {
            for right in words {
                let order = left.withUnsafeBytes { l in right.withUnsafeBytes { r in compareBytes(l, r) } }
                let expected = left == right ? 0 : (left.lexicographicallyPrecedes(right) ? -1 : 1)
                #expect(order == expected, "\(left) vs \(right)")
            }
        }
    }

    /// Integer tokens, signed and unsigned, against their order as numbers (all fit in Int64 here).
    @Test func integerTokensCompareAsNumbers() {
        let tokens = [
            "0", "+0", "-0", "7", "+7", "-7", "10", "99", "100", "-100", "+100", "123456789012345678",
            "-123456789012345678", "123456789012345679"
        ]
        for left in tokens {
            for right in tokens {
                let order = Array(left.utf8).withUnsafeBytes { l in
                    Array(right.utf8).withUnsafeBytes { r in compareIntegerTokens(l, r) }
                }
                let (a, b) = (Int(left)!, Int(right)!)
                #expect(order == (a == b ? 0 : (a < b ? -1 : 1)), "\(left) vs \(right)")
            }
        }
    }

    /// The eight-byte scan counts scalars and finds control characters as the byte-by-byte one: a DEL or a
    /// control byte anywhere in a long ASCII value is flagged, a tab is not.
    @Test func printableWordsKeepControlCharactersAndScalars() {
        let classifier = ValueClassifier(nullTokens: ProfileOptions.defaultNullValues)
        func info(_ bytes: [UInt8]) -> ValueInfo { bytes.withUnsafeBytes { classifier.classify($0) } }
        let plain = Array("abcdefghijklmnopq".utf8)
        #expect(info(plain).scalarLength == 17 && !info(plain).flags.contains(.controlCharacters))
        for position in 0..<plain.count {
            for control: UInt8 in [0x7F, 0x01, 0x1F] {
                var bytes = plain
                bytes[position] = control
                #expect(info(bytes).flags.contains(.controlCharacters), "byte \(control) at \(position)")
            }
            var tabbed = plain
            tabbed[position] = 0x09
            #expect(!info(tabbed).flags.contains(.controlCharacters), "tab at \(position)")
        }
        let mixed = Array("abcdefgh\u{e9}ijklmnop".utf8)
        #expect(info(mixed).scalarLength == 17)
    }
}
