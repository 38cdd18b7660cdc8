import Foundation

/// A column's sketches past its exact bound, as live values: the distinct-count registers, the frequent
/// values, a key column's value fingerprints and the quantile sketches. ``ColumnValues`` carries them as
/// compact binary; a merge reads them (``ColumnValues/sketches(mapPosition:)``), merges and writes them back.
///
/// Merge law (``merge(_:hadOwnRepeat:)``): each sketch by its own law (registers by maximum, frequent values
/// by Agarwal et al.'s mergeable summaries, fingerprints by union, quantile sketches by compaction).
struct ColumnSketches {
    var distinct: HyperLogLog
    let frequent: FrequentValues
    var keyValues: DuplicateRowSet?
    var distributions: DistributionSketches
    /// The column's numbers as people write them (``WrittenNumbers``).
    var writtenNumbers: WrittenNumbers

    /// The sketches of a column switching from its exact table: every non-null distinct value goes into the
    /// registers, the frequent values (with its count) and a key column's fingerprints; the distributions
    /// are seeded from the table. Calls `clean` with each clean value (the streaming string bounds start
    /// from them).
    /// - Parameter frequent: the (empty) frequent-values summary to fill.
    /// - Complexity: O(distinct values of the table), each classified again for the distributions.
    init(
        seedingFrom table: ValueTable, classifier: ValueClassifier, tracksKeyValues: Bool, frequent: FrequentValues,
        clean: (UnsafeRawBufferPointer) -> Void
    ) {
        var sketch = HyperLogLog()
        let keyValues = tracksKeyValues ? DuplicateRowSet() : nil
        for index in table.indices {
            let entry = table[index]
            if entry.flags.contains(.null) { continue }
            sketch.insert(hash: table.hash(index))
            let bytes = table.valueBytes(index)
            _ = keyValues?.insertReturningDuplicate(bytes)
            frequent.insert(bytes, hash: table.hash(index), amount: entry.count)
            if entry.flags.isDisjoint(with: .dirty) { clean(bytes) }
        }
        distinct = sketch
        self.frequent = frequent
        self.keyValues = keyValues
        distributions = DistributionSketches(seedingFrom: table, classifier: classifier)
        writtenNumbers = WrittenNumbers(seedingFrom: table, recognizer: NumberFormatRecognizer())
    }

    init(
        distinct: HyperLogLog, frequent: FrequentValues, keyValues: DuplicateRowSet?,
        distributions: DistributionSketches, writtenNumbers: WrittenNumbers
    ) {
        self.distinct = distinct
        self.frequent = frequent
        self.keyValues = keyValues
        self.distributions = distributions
        self.writtenNumbers = writtenNumbers
    }

    /// Merges the later part's sketches into these (which `later` must not share).
    /// - Parameter hadOwnRepeat: whether this part had a repeated value of its own.
    /// - Returns: whether a key column's first repeat may lie across the parts (a key value of `later` this
    ///   part holds too, when this part had no repeat of its own): the sketches keep no lines, so only a second
    ///   reading of the input places it.
    mutating func merge(_ later: ColumnSketches, hadOwnRepeat: Bool) -> Bool {
        distinct.merge(later.distinct)
        frequent.merge(later.frequent)
        var repeatNeedsSearch = false
        if let mine = keyValues, let theirs = later.keyValues {
            if !hadOwnRepeat && mine.countShared(with: theirs) > 0 { repeatNeedsSearch = true }
            mine.formUnion(theirs)
        }
        distributions.merge(later.distributions)
        writtenNumbers.merge(later.writtenNumbers)
        return repeatNeedsSearch
    }
}

extension ColumnValues {
    /// A column's values held as an exact table (no sketches yet).
    init(exactTable: ExactValueTable) {
        let none = Self.noSketches
        self.init(
            exactTable: exactTable, distinctSketch: none.distinct, frequentValues: none.frequent,
            distributions: none.distributions, keyValues: nil)
    }

    /// The blobs of a column that has no sketches yet. Written on each call, not kept in a static: a static
    /// `Data` is reported as a leak by LeakSanitizer (its storage pointer is not found by the scan), which
    /// stops the fuzzer on its first input.
    private static var noSketches: (distinct: Data, frequent: Data, distributions: Data) {
        (
            distinct: blob { HyperLogLog(empty: ()).write(to: &$0) },
            frequent: blob { FrequentValues().write(to: &$0) },
            distributions: blob { DistributionSketches().write(to: &$0) }
        )
    }

    /// A column's values held as sketches (its exact table emptied).
    init(sketches: ColumnSketches) {
        self.init(
            exactTable: ExactValueTable(owning: ValueTable(expectedEntries: 0)),
            distinctSketch: Self.blob { sketches.distinct.write(to: &$0) },
            frequentValues: Self.blob { sketches.frequent.write(to: &$0) },
            distributions: Self.blob { sketches.distributions.write(to: &$0) },
            keyValues: sketches.keyValues.map { set in Self.blob { set.write(to: &$0) } },
            writtenNumbers: sketches.writtenNumbers)
    }

    /// Reads the sketches.
    /// - Throws: ``StateReadingError`` when a blob is damaged.
    func sketches() throws -> ColumnSketches {
        func read<Value>(_ data: Data, _ body: (inout StateReader) throws -> Value) throws -> Value {
            var reader = StateReader(Array(data))
            let value = try body(&reader)
            guard reader.isAtEnd else { throw StateReadingError(offset: 0) }
            return value
        }
        let frequent = FrequentValues()
        try read(frequentValues) { try frequent.read(from: &$0) }
        return ColumnSketches(
            distinct: try read(distinctSketch) { try HyperLogLog(reading: &$0) }, frequent: frequent,
            keyValues: try keyValues.map { data in try read(data) { try DuplicateRowSet(reading: &$0) } },
            distributions: try read(distributions) { try DistributionSketches(reading: &$0) },
            writtenNumbers: writtenNumbers ?? WrittenNumbers())
    }

    /// A value's compact binary form.
    static func blob(_ write: (inout StateWriter) -> Void) -> Data {
        var writer = StateWriter()
        write(&writer)
        return Data(writer.bytes)
    }
}
