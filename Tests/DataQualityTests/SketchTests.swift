import Foundation
import Testing

@testable import DataQuality

private func hash(_ text: String) -> UInt64 {
    var copy = text
    return copy.withUTF8 { stableHash64(UnsafeRawBufferPointer($0)) }
}

private func hash(_ number: UInt64) -> UInt64 {
    withUnsafeBytes(of: number.littleEndian) { stableHash64($0) }
}

@Suite struct SketchTests {
    // MARK: HyperLogLog

    /// Relative standard error 1.04 / sqrt(2^14) = 0.81 %; 2 % is about 2.5 standard errors.
    @Test(arguments: [1_000, 50_000, 1_000_000])
    func hyperLogLogEstimateWithinTwoPercent(_ distinct: Int) {
        var sketch = HyperLogLog()
        for value in 0..<UInt64(distinct) { sketch.insert(hash: hash(value)) }
        // Inserting the same values again changes nothing.
        for value in 0..<UInt64(min(distinct, 10_000)) { sketch.insert(hash: hash(value)) }
        let error = abs(sketch.estimate - Double(distinct)) / Double(distinct)
        #expect(error <= 0.02, "estimate \(sketch.estimate) for \(distinct) distinct values")
    }

    @Test func hyperLogLogOfStrings() {
        var sketch = HyperLogLog()
        for index in 0..<20_000 { sketch.insert(hash: hash("customer-\(index)@example.com")) }
        #expect(abs(sketch.estimate - 20_000) <= 400)
        #expect(HyperLogLog().estimate == 0)
    }

    @Test func hyperLogLogMergeLaw() {
        // A = 0..<30 000, B = 20 000..<60 000: the union has 60 000 distinct values.
        var a = HyperLogLog()
        var b = HyperLogLog()
        var union = HyperLogLog()
        for value in UInt64(0)..<30_000 {
            a.insert(hash: hash(value))
            union.insert(hash: hash(value))
        }
        for value in UInt64(20_000)..<60_000 {
            b.insert(hash: hash(value))
            union.insert(hash: hash(value))
        }
        var merged = a
        merged.merge(b)
        #expect(merged == union)
        var reversed = b
        reversed.merge(a)
        #expect(reversed == union)
        #expect(abs(merged.estimate - 60_000) <= 1_200)
        var idempotent = merged
        idempotent.merge(a)
        #expect(idempotent == merged)
    }

    // MARK: RunningMoments

    private static func relativelyClose(_ a: Double, _ b: Double, _ tolerance: Double = 1e-12) -> Bool {
        abs(a - b) <= tolerance * max(abs(a), abs(b), 1e-300)
    }

    @Test(arguments: [UInt64(7), 8, 9, 10])
    func runningMomentsMergeEqualsOnePass(_ seed: UInt64) {
        var generator = SeededGenerator(seed: seed)
        let values = (0..<10_000).map { _ in Double.random(in: -1_000...5_000, using: &generator) }
        var onePass = RunningMoments()
        for value in values { onePass.add(value) }
        // Independent two-pass reference.
        let mean = values.reduce(0, +) / Double(values.count)
        let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count - 1)
        #expect(Self.relativelyClose(onePass.mean, mean, 1e-10))
        #expect(Self.relativelyClose(onePass.sampleStandardDeviation!, variance.squareRoot(), 1e-10))

        // Random split points, parts merged in order.
        var cuts = (0..<5).map { _ in Int.random(in: 0...values.count, using: &generator) }
        cuts = ([0] + cuts + [values.count]).sorted()
        var merged = RunningMoments()
        for index in 0..<(cuts.count - 1) {
            var part = RunningMoments()
            for value in values[cuts[index]..<cuts[index + 1]] { part.add(value) }
            merged.merge(part)
        }
        #expect(merged.count == values.count)
        #expect(Self.relativelyClose(merged.mean, onePass.mean), "\(merged.mean) vs \(onePass.mean)")
        #expect(
            Self.relativelyClose(merged.sampleStandardDeviation!, onePass.sampleStandardDeviation!),
            "\(merged.sampleStandardDeviation!) vs \(onePass.sampleStandardDeviation!)")
    }

    @Test func runningMomentsSmallCases() {
        var moments = RunningMoments()
        #expect(moments.sampleStandardDeviation == nil)
        moments.add(4)
        #expect(moments.mean == 4)
        #expect(moments.sampleStandardDeviation == nil)
        for value in [2.0, 4, 4, 5, 5, 7, 9] { moments.add(value) }  // 2,4,4,4,5,5,7,9: mean 5, s^2 = 32/7
        #expect(moments.mean == 5)
        #expect(Self.relativelyClose(moments.sampleStandardDeviation!, (32.0 / 7).squareRoot()))
        var empty = RunningMoments()
        empty.merge(moments)
        #expect(empty == moments)
        moments.merge(RunningMoments())
        #expect(empty == moments)
    }

    // MARK: DuplicateRowSet

    @Test func duplicateRowSetCountsExactly() {
        // 50 000 rows drawn from 12 000 distinct encodings: 38 000 duplicates, by construction.
        var generator = SeededGenerator(seed: 99)
        var order = Array(0..<50_000).map { $0 % 12_000 }
        order.shuffle(using: &generator)
        let set = DuplicateRowSet(initialSlots: 16)
        var duplicates = 0
        for index in order {
            // A row encoding as RecordBuffer writes it: 8-byte length, then the bytes, per field.
            let field = Array("row-\(index)".utf8)
            var encoded = withUnsafeBytes(of: UInt64(field.count).littleEndian) { Array($0) } + field
            encoded += withUnsafeBytes(of: UInt64(1).littleEndian) { Array($0) } + [UInt8(index % 7)]
            if encoded.withUnsafeBytes({ set.insertReturningDuplicate($0) }) { duplicates += 1 }
        }
        #expect(duplicates == 38_000)
        #expect(set.count == 12_000)
        // The empty encoding is a row too, and only once new.
        #expect([UInt8]().withUnsafeBytes { set.insertReturningDuplicate($0) } == false)
        #expect([UInt8]().withUnsafeBytes { set.insertReturningDuplicate($0) } == true)
    }

    // MARK: FrequentValues

    @Test func frequentValuesFindsAThirtyPercentValue() {
        // 200 000 values: "hot" 60 000 times (30 %), the other 140 000 all distinct, interleaved.
        let sketch = FrequentValues(capacity: 1024)
        var hotCount = 0
        for index in 0..<200_000 {
            var text = index % 10 < 3 ? "hot" : "cold-\(index)"
            if text == "hot" { hotCount += 1 }
            text.withUTF8 { buffer in
                let raw = UnsafeRawBufferPointer(buffer)
                sketch.insert(raw, hash: stableHash64(raw))
            }
        }
        #expect(hotCount == 60_000)
        let top = sketch.top(5)
        #expect(top.first.map { String(decoding: $0.value, as: UTF8.self) } == "hot")
        let reported = top.first?.count ?? 0
        #expect(reported <= 60_000)
        #expect(reported >= 60_000 - sketch.maximumError, "count \(reported), maximumError \(sketch.maximumError)")
        #expect(sketch.maximumError <= 200_000 / 1024)
    }

    @Test func frequentValuesIsExactWithoutPurges() {
        let sketch = FrequentValues(capacity: 16)
        for (value, times) in [("b", 3), ("a", 3), ("c", 5), ("d", 1)] {
            for _ in 0..<times {
                var text = value
                text.withUTF8 {
                    sketch.insert(UnsafeRawBufferPointer($0), hash: stableHash64(UnsafeRawBufferPointer($0)))
                }
            }
        }
        let top = sketch.top(3).map { (String(decoding: $0.value, as: UTF8.self), $0.count) }
        #expect(top.map(\.0) == ["c", "a", "b"])
        #expect(top.map(\.1) == [5, 3, 3])
        #expect(sketch.maximumError == 0)
    }
}
