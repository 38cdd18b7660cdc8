import Foundation
import Testing

@testable import DataQuality

private func values(_ numbers: [Double]) -> WeightedValues {
    WeightedValues(unsorted: numbers.map { ($0, 1) })
}

/// The profile of one column given as rows of one field.
private func profileColumn(_ cells: [String], exactDistinctLimit: Int = 100_000) throws -> ColumnProfile {
    var options = ProfileOptions()
    options.exactDistinctLimit = exactDistinctLimit
    let report = try Profiler(options: options).profile(rows: cells.map { [$0] }, columnNames: ["c"])
    return report.columns[0]
}

/// The 0-based ranks a value can take in `sorted` (first and last position of values equal to it, or where it
/// would be inserted).
private func rankRange(of value: Double, in sorted: [Double]) -> ClosedRange<Int> {
    let below = sorted.partitioningIndex { $0 >= value }
    let notAbove = sorted.partitioningIndex { $0 > value }
    return below...max(below, notAbove - 1)
}

extension Array where Element == Double {
    fileprivate func partitioningIndex(where belongsToSecondPart: (Double) -> Bool) -> Int {
        var low = 0
        var high = count
        while low < high {
            let middle = (low + high) / 2
            if belongsToSecondPart(self[middle]) { high = middle } else { low = middle + 1 }
        }
        return low
    }
}

@Suite struct WeightedValuesTests {
    /// numpy.percentile([1, 2, 3, 4], [25, 50, 75]) = [1.75, 2.5, 3.25].
    @Test func quartilesInterpolateLinearlyAsNumpyDoes() {
        let data = values([4, 1, 3, 2])
        #expect(data.quantile(0.25) == 1.75)
        #expect(data.quantile(0.5) == 2.5)
        #expect(data.quantile(0.75) == 3.25)
        #expect(data.quantile(0) == 1)
        #expect(data.quantile(1) == 4)
    }

    /// 1, 1, 1, 5 by weights: h = 0.75, 1.5, 2.25 gives 1, 1, 1 + 0.25 x 4 = 2.
    @Test func weightsActAsRepeats() {
        let data = WeightedValues(unsorted: [(5, 1), (1, 3)])
        #expect(data.total == 4)
        #expect(data.quantile(0.25) == 1)
        #expect(data.quantile(0.5) == 1)
        #expect(data.quantile(0.75) == 2)
        #expect(values([]).quantile(0.5) == nil)
        #expect(values([7]).quantile(0.25) == 7)
    }

    /// numpy.histogram(range(11), bins=5): edges 0, 2, 4, 6, 8, 10; counts 2, 2, 2, 2, 3 (last bin closed).
    @Test func histogramBinsAreHalfOpenWithTheLastClosed() {
        let bins = values((0...10).map(Double.init)).histogram(bins: 5)
        #expect(bins.map(\.count) == [2, 2, 2, 2, 3])
        #expect(bins.map(\.lower) == [0, 2, 4, 6, 8])
        #expect(bins.last?.upper == 10)
        #expect(values([3, 3, 3]).histogram(bins: 20) == [HistogramBin(lower: 3, upper: 3, count: 3)])
    }

    /// Fixtures/regressions/mean-overflow.csv: 1e308 three times and -1e308; the range overflows binary64.
    /// Quartiles by hand: h = 0.75, 1.5, 2.25 over -1e308, 1e308, 1e308, 1e308 gives 5e307, 1e308, 1e308;
    /// the 20 bins hold 1 and 3 at the ends.
    @Test func rangeBeyondBinary64DoesNotOverflow() {
        let data = values([1e308, 1e308, 1e308, -1e308])
        #expect(data.quantile(0.25) == 5e307)
        #expect(data.quantile(0.5) == 1e308)
        #expect(data.quantile(0.75) == 1e308)
        let bins = data.histogram(bins: 20)
        #expect(bins.count == 20 && bins.allSatisfy { $0.lower.isFinite && $0.upper.isFinite })
        #expect(bins.map(\.count) == [1] + [Int](repeating: 0, count: 18) + [3])
        #expect(abs(bins[10].lower) < 1e293)
    }

    /// numpy.histogram([0.1, 0.2, 0.3, 0.7, 1.0], bins=4): edges 0.1, 0.325, 0.55, 0.775, 1.0; counts 3, 0, 1, 1.
    @Test func histogramOfDecimals() {
        let bins = values([0.1, 0.2, 0.3, 0.7, 1.0]).histogram(bins: 4)
        #expect(bins.map(\.count) == [3, 0, 1, 1])
        #expect(abs(bins[1].lower - 0.325) < 1e-12)
    }
}

@Suite struct QuantileSketchTests {
    static let rankError = 0.0165

    private static func randomValues(_ count: Int, seed: UInt64) -> [Double] {
        var generator = SeededGenerator(seed: seed)
        // A skewed mix with many repeats: squares of uniform numbers, rounded to 2 decimals.
        return (0..<count).map { _ in
            let uniform = Double.random(in: 0..<1, using: &generator)
            return (uniform * uniform * 5_000 * 100).rounded() / 100
        }
    }

    /// Every percentile 1...99 of the sketch has a true rank within the rank error of the asked one.
    private static func expectWithinRankError(_ sketch: QuantileSketch, _ data: [Double]) {
        let sorted = data.sorted()
        let summary = sketch.weightedValues
        #expect(summary.total == data.count)
        for percent in 1...99 {
            let fraction = Double(percent) / 100
            let estimate = summary.quantile(fraction)!
            let wanted = fraction * Double(sorted.count - 1)
            let ranks = rankRange(of: estimate, in: sorted)
            let error = max(0, Double(ranks.lowerBound) - wanted, wanted - Double(ranks.upperBound))
            #expect(error <= rankError * Double(sorted.count), "p\(percent): estimate \(estimate)")
        }
    }

    @Test func exactUntilTheFirstCompaction() {
        var sketch = QuantileSketch()
        for value in [4.0, 1, 3, 2] { sketch.insert(value) }
        #expect(sketch.weightedValues.quantile(0.5) == 2.5)
        sketch.insert(9, weight: 1_000)
        #expect(sketch.count == 1_004)
        #expect(sketch.minimum == 1 && sketch.maximum == 9)
        #expect(sketch.weightedValues.quantile(0.5) == 9)
    }

    @Test func estimateWithinTheRankError() {
        let data = Self.randomValues(200_000, seed: 11)
        var sketch = QuantileSketch()
        for value in data { sketch.insert(value) }
        #expect(sketch.minimum == data.min() && sketch.maximum == data.max())
        Self.expectWithinRankError(sketch, data)
        // Memory stays bounded: a few k items, not the input.
        #expect(sketch.levels.reduce(0) { $0 + $1.count } < 4 * QuantileSketch.defaultK)
    }

    /// The merge law: the sketch of A then B, and the merge of the sketches of A and B (either order, any
    /// split), answer within the rank error of the exact quantiles of A and B together.
    @Test(arguments: [UInt64(1), 2, 3])
    func mergeOfPartsWithinTheRankError(_ seed: UInt64) {
        let data = Self.randomValues(120_000, seed: seed)
        var generator = SeededGenerator(seed: seed &+ 100)
        var cuts = (0..<4).map { _ in Int.random(in: 0...data.count, using: &generator) }
        cuts = ([0] + cuts + [data.count]).sorted()
        var parts: [QuantileSketch] = []
        for index in 0..<(cuts.count - 1) {
            var part = QuantileSketch()
            for value in data[cuts[index]..<cuts[index + 1]] { part.insert(value) }
            parts.append(part)
        }
        var forward = QuantileSketch()
        for part in parts { forward.merge(part) }
        var backward = QuantileSketch()
        for part in parts.reversed() { backward.merge(part) }
        var onePass = QuantileSketch()
        for value in data { onePass.insert(value) }
        for sketch in [forward, backward, onePass] {
            #expect(sketch.count == data.count)
            #expect(sketch.minimum == data.min() && sketch.maximum == data.max())
            Self.expectWithinRankError(sketch, data)
        }
    }

    @Test func exactSketchesMergeExactlyAndEmptyIsTheIdentity() {
        var a = QuantileSketch()
        var b = QuantileSketch()
        for value in [5.0, 1, 9] { a.insert(value) }
        for value in [2.0, 8] { b.insert(value) }
        var merged = a
        merged.merge(b)
        #expect(merged.weightedValues.quantile(0.5) == 5)
        #expect(merged.weightedValues.quantile(0.25) == 2)
        var reversed = b
        reversed.merge(a)
        #expect(reversed.weightedValues.pairs.map(\.value) == merged.weightedValues.pairs.map(\.value))
        var identity = a
        identity.merge(QuantileSketch())
        #expect(identity == a)
    }
}

@Suite struct ColumnDistributionTests {
    @Test func integerColumnCountsOnlyConformingValues() throws {
        // Conforming: 1, 2, 3, 4 (x mismatches, " 5" has whitespace, "" is null).
        let column = try profileColumn(["3", "1", "x", " 5", "", "4", "2"])
        let distribution = try #require(column.valueDistribution)
        #expect(distribution.count == 4)
        #expect([distribution.p25, distribution.median, distribution.p75] == [1.75, 2.5, 3.25])
        #expect(distribution.histogram.map(\.count) == [1, 1, 1, 1])
        #expect(distribution.binPerWholeNumber)
        #expect(!column.quantilesAreEstimate)
        // Lengths of the 6 non-null values: 1, 1, 1, 1, 1 and 2 (" 5").
        let lengths = try #require(column.lengthDistribution)
        #expect(lengths.count == 6)
        #expect(lengths.p75 == 1)
        #expect(lengths.histogram.map(\.count) == [5, 1])
    }

    @Test func stringColumnHasLengthsOnly() throws {
        let column = try profileColumn(["a", "bb", "ccc", "dddd", "é"])
        #expect(column.valueDistribution == nil)
        let lengths = try #require(column.lengthDistribution)
        // 1, 1, 2, 3, 4 Unicode scalars.
        #expect([lengths.p25, lengths.median, lengths.p75] == [1, 2, 3])
    }

    @Test func decimalColumnIncludesIntegers() throws {
        let column = try profileColumn(["0.5", "1", "2.5", "10"])
        let distribution = try #require(column.valueDistribution)
        // numpy.percentile([0.5, 1, 2.5, 10], [25, 50, 75]) = [0.875, 1.75, 4.375].
        #expect([distribution.p25, distribution.median, distribution.p75] == [0.875, 1.75, 4.375])
        #expect(distribution.histogram.count == 20)
        #expect(distribution.histogram.reduce(0) { $0 + $1.count } == 4)
    }

    @Test func datesInterpolateToDatetimes() throws {
        let column = try profileColumn(["2020-01-03", "2020-01-01", "2020-01-04", "2020-01-02", "3/1/2020"])
        let distribution = try #require(column.valueDistribution)
        #expect(distribution.count == 4)
        #expect(distribution.text(distribution.median) == "2020-01-02T12:00:00")
        #expect(distribution.text(distribution.p25) == "2020-01-01T18:00:00")
        #expect(distribution.text(distribution.histogram[0].lower) == "2020-01-01")
        #expect(distribution.histogram.map(\.count) == [1, 1, 1, 1])
    }

    @Test func slashDatesUseTheColumnsReading() throws {
        // 13/01/2020 makes the column day-first: 02/01/2020 is 2 January, 05/01/2020 is 5 January.
        let column = try profileColumn(["02/01/2020", "13/01/2020", "05/01/2020"])
        let distribution = try #require(column.valueDistribution)
        #expect(distribution.text(distribution.median) == "2020-01-05")
        #expect(distribution.text(distribution.histogram.last!.upper) == "2020-01-13")
    }

    @Test func zonedDatetimesAndTimes() throws {
        let datetimes = try profileColumn(["2020-01-01T00:00:00Z", "2020-01-01T00:00:10Z"])
        let instants = try #require(datetimes.valueDistribution)
        #expect(instants.text(instants.median) == "2020-01-01T00:00:05Z")
        let times = try profileColumn(["10:00:00.5", "10:00:01.0", "09:59:59.5"])
        let clock = try #require(times.valueDistribution)
        #expect(clock.text(clock.median) == "10:00:00.5")
        #expect(clock.text(clock.p25) == "10:00:00")
    }

    @Test func beyondTheExactLimitQuartilesAreEstimates() throws {
        let cells = (1...5_000).map { String($0) }
        let exact = try profileColumn(cells)
        let exactValues = try #require(exact.valueDistribution)
        // numpy.percentile(range(1, 5001), [25, 50, 75]) = [1250.75, 2500.5, 3750.25].
        #expect([exactValues.p25, exactValues.median, exactValues.p75] == [1250.75, 2500.5, 3750.25])
        #expect(!exact.quantilesAreEstimate)
        #expect(exactValues.histogram.map(\.count) == [Int](repeating: 250, count: 20))

        let sketched = try profileColumn(cells, exactDistinctLimit: 100)
        let estimate = try #require(sketched.valueDistribution)
        #expect(sketched.distinctIsEstimate && sketched.quantilesAreEstimate && estimate.isEstimate)
        #expect(estimate.count == 5_000)
        for (value, truth) in zip([estimate.p25, estimate.median, estimate.p75], [1250.75, 2500.5, 3750.25]) {
            #expect(abs(value - truth) <= 0.0165 * 5_000, "estimate \(value), truth \(truth)")
        }
        #expect(estimate.histogram.reduce(0) { $0 + $1.count } == 5_000)
        #expect(estimate.histogram.first?.lower == 1 && estimate.histogram.last?.upper == 5_000)
    }

    @Test func distributionSketchesMergePerClass() throws {
        var left = DistributionSketches()
        var right = DistributionSketches()
        let classifier = ValueClassifier(nullTokens: ProfileOptions().nullValues)
        func observe(_ text: String, into sketches: inout DistributionSketches) {
            var copy = text
            copy.withUTF8 { bytes in
                let raw = UnsafeRawBufferPointer(bytes)
                sketches.observe(classifier.classify(raw), raw)
            }
        }
        for text in ["1", "2", "2020-01-01"] { observe(text, into: &left) }
        for text in ["3", "4", "abc"] { observe(text, into: &right) }
        var merged = left
        merged.merge(right)
        let integers = try #require(merged.distributions(.numbers(includesDecimals: false)).value)
        #expect([integers.p25, integers.median, integers.p75] == [1.75, 2.5, 3.25])
        let lengths = try #require(merged.distributions(.none).length)
        #expect(lengths.count == 6)
        let dates = try #require(merged.distributions(.date(formatSlot: 0)).value)
        #expect(dates.count == 1)
        var identity = merged
        identity.merge(DistributionSketches())
        #expect(identity == merged)
    }
}

@Suite struct ChunkedDistributionTests {
    /// The merge law through the parallel profiler: flights-sample (no quotes; integer columns with `NA`
    /// nulls) in 2, 3 and 5 chunks with an exact bound of 5, so every column is sketched. Each estimated
    /// quartile's true rank, counted here from the file's own integers, is within 1.65 % of the values.
    @Test(arguments: [2, 3, 5])
    func chunkedSketchesStayWithinTheRankError(parts: Int) throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Fixtures/real/flights-sample.csv")
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map {
            $0.split(separator: ",", omittingEmptySubsequences: false)
        }
        var options = ProfileOptions()
        options.exactDistinctLimit = 5
        let report = try #require(
            try ParallelFileDriver.profile(
                path: url.path, options: options, policy: ChunkingPolicy(parts: parts, minimumBytesPerPart: 1)))
        var compacted = 0
        for column in report.columns where column.type == .integer {
            let truth = lines.dropFirst().compactMap { Double(String($0[column.index])) }.sorted()
            let values = try #require(column.valueDistribution, "\(column.name)")
            #expect(values.count == truth.count, "\(column.name)")
            #expect(values.histogram.first?.lower == truth.first && values.histogram.last?.upper == truth.last)
            if values.isEstimate { compacted += 1 }
            for (fraction, estimate) in zip([0.25, 0.5, 0.75], [values.p25, values.median, values.p75]) {
                let wanted = fraction * Double(truth.count - 1)
                let ranks = rankRange(of: estimate, in: truth)
                let error = max(0, Double(ranks.lowerBound) - wanted, wanted - Double(ranks.upperBound))
                #expect(error <= 0.0165 * Double(truth.count), "\(column.name) p\(Int(fraction * 100)): \(estimate)")
            }
        }
        // About 3,000 values per column, more than k = 200: the sketches did compact.
        #expect(compacted >= 10)
    }
}
