#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The counters touched for every value, kept behind one pointer so the hot path pays no exclusivity checks
/// or reference counting.
struct ColumnCounters {
    var nulls = 0
    var nonNull = 0
    var nonNullDistinct = 0
    var whitespaceCount = 0
    var invalidCount = 0
    var controlCount = 0
    var readsSlashDatesDayFirst = false
    var isExact = true
    var sawRepeat = false
    var minLength = Int.max
    var maxLength = 0
    var integerMoments = RunningMoments()
    var decimalMoments = RunningMoments()
    /// The distinct-count sketch, once the column is past its exact bound.
    var sketch = HyperLogLog(empty: ())
}

/// Accumulates one column's statistics from its values in well-formed records, in one pass.
///
/// Each distinct value is classified once (``ValueClassifier``) and kept in an exact ``ValueTable`` with its
/// count; repeats only bump counters. Everything the report needs is kept per *value class* (type and
/// format), because the column type and its dominant format are decided only at the end: conforming
/// counts, mismatches and mixed formats then follow by summing classes. Past ``exactDistinctLimit`` distinct
/// non-null values the table is dropped for a ``HyperLogLog`` sketch and ``FrequentValues``.
///
/// Two accumulators of consecutive parts of an input merge (``merge(_:)``) into the accumulator of the whole.
///
/// Memory: the exact table up to the limit (about 60 bytes per value, plus the bytes of values over 8 bytes),
/// then 16 KiB of sketch registers and 2048 frequent-value counters.
final class ColumnAccumulator {
    let classifier: ValueClassifier
    let exactDistinctLimit: Int
    /// Key columns keep exact value fingerprints past the exact bound, so their uniqueness stays exact.
    let tracksKeyValues: Bool
    /// The fingerprints of a key column's values once past the exact bound (16 to 43 bytes per distinct value,
    /// as ``DuplicateRowSet``).
    @exclusivity(unchecked) var keyValues: DuplicateRowSet?
    /// Set by ``merge(_:)`` when a key column's first repeat may lie across a cut, where only a second reading
    /// can place it (``RecordProfiler/keyColumnsNeedingRepeatSearch``).
    @exclusivity(unchecked) var firstRepeatNeedsSearch = false

    let counters: UnsafeMutablePointer<ColumnCounters>
    /// Occurrences per value class, then clean (conformable) occurrences per value class.
    let classCounts: UnsafeMutablePointer<Int>
    let table: ValueTable
    /// The most frequent values, once the column is past its exact bound.
    let frequent = FrequentValues()
    /// Quantile sketches, filled once the column is past its exact bound (``DistributionSketches`` merges).
    @exclusivity(unchecked) var distributionSketches = DistributionSketches()
    /// The column's numbers as people write them, once past its exact bound (``WrittenNumbers``), and the
    /// recognizer that reads them.
    @exclusivity(unchecked) var writtenNumbers = WrittenNumbers()
    @exclusivity(unchecked) var numberRecognizer: NumberFormatRecognizer?
    /// The first value of each kind (the first of each value class: empty until a first non-null value, so
    /// wide files stay small).
    @exclusivity(unchecked) var firsts = ColumnFirsts()
    /// The bounds by type (``ColumnBounds``); ``setBounds(_:)`` sets them with the caches below.
    @exclusivity(unchecked) var bounds = ColumnBounds()
    /// The streaming string bounds' ``paddedPrefix(_:)`` (UInt64.max and 0 without bounds, which no prefix
    /// passes): a value whose padded prefix lies strictly between them lies strictly between the bounds.
    @exclusivity(unchecked) var streamingStringMinPrefix = UInt64.max
    @exclusivity(unchecked) var streamingStringMaxPrefix: UInt64 = 0
    /// The integer bounds' nearest binary64 values (+infinity and -infinity without bounds). Rounding to
    /// nearest never reverses an order, so a value whose binary64 lies strictly between them lies strictly
    /// between the bounds, and its token needs no comparison.
    @exclusivity(unchecked) var integerMinValue = Double.infinity
    @exclusivity(unchecked) var integerMaxValue = -Double.infinity
    /// The nulls of each of the classifier's ``ValueClassifier/nullTokenTexts`` counted past the exact bound,
    /// then the line of the first of them (0 before one); nil while exact (the table's null entries hold them),
    /// so a wide file's small columns do not pay for them.
    @exclusivity(unchecked) var nullTokenTallies: UnsafeMutablePointer<Int>?
    /// The rule file's value rules for this column (`nil` without a rule file); its tally merges by sum.
    @exclusivity(unchecked) var valueRules: ColumnValueRules?

    init(classifier: ValueClassifier, exactDistinctLimit: Int, tracksKeyValues: Bool = false) {
        self.classifier = classifier
        self.exactDistinctLimit = exactDistinctLimit
        self.tracksKeyValues = tracksKeyValues
        // The table holds at most the bound's non-null values plus one (the switch) and the null tokens seen.
        let (bounded, overflow) = exactDistinctLimit.addingReportingOverflow(1 + ValueTable.expectedNullEntries)
        table = ValueTable(expectedEntries: overflow ? Int.max : bounded)
        counters = UnsafeMutablePointer<ColumnCounters>.allocate(capacity: 1)
        counters.initialize(to: ColumnCounters())
        classCounts = UnsafeMutablePointer<Int>.allocate(capacity: 2 * ValueClass.count)
        classCounts.initialize(repeating: 0, count: 2 * ValueClass.count)
    }

    deinit {
        counters.deinitialize(count: 1)
        counters.deallocate()
        classCounts.deallocate()
        nullTokenTallies?.deallocate()
    }

    var nulls: Int { counters.pointee.nulls }
    var nonNull: Int { counters.pointee.nonNull }
    var isExact: Bool { counters.pointee.isExact }
    func classCount(_ valueClass: Int) -> Int { classCounts[valueClass] }
    func classCleanCount(_ valueClass: Int) -> Int { classCounts[ValueClass.count + valueClass] }
    /// The first value of a value class, if any.
    func firstOfClass(_ valueClass: Int) -> FirstSeen? { firsts.byClass.isEmpty ? nil : firsts.byClass[valueClass] }

    /// Observes one value of a well-formed record.
    /// - Returns: the value's flags (for the record-level invalid UTF-8 finding and the encoding evidence); of
    ///   a null value only ``ValueFlags/multibyteUTF8``.
    /// - Complexity: O(value length); no allocation when the value was seen before.
    @inline(__always)
    func observe(_ raw: UnsafeRawBufferPointer, line: Int) -> ValueFlags {
        observe(raw, hash: stableHash64(raw), line: line)
    }

    /// Starts loading what observing a value with `hash` will read first: its exact table's slot, or past the
    /// exact bound its frequent-values slot.
    @inline(__always)
    func prefetchSlot(hash: UInt64) {
        if counters.pointee.isExact { table.prefetchSlot(hash: hash) } else { frequent.prefetchSlot(hash: hash) }
    }

    /// Starts loading the exact table's entry in that slot (after ``prefetchSlot(hash:)``).
    @inline(__always)
    func prefetchEntry(hash: UInt64) {
        if counters.pointee.isExact { table.prefetchEntry(hash: hash) }
    }

    /// Observes one value whose XXH3-64 hash (``stableHash64(_:)``) is `hash`.
    @inline(__always)
    func observe(_ raw: UnsafeRawBufferPointer, hash: UInt64, line: Int) -> ValueFlags {
        if counters.pointee.isExact {
            let index = table.find(raw, hash: hash)
            if index >= 0 {
                let entry = table.entryPointer(index)
                entry.pointee.count += 1
                let flags = entry.pointee.flags
                if flags.contains(.null) {
                    counters.pointee.nulls += 1
                    return flags.intersection(.multibyteUTF8)
                }
                if !counters.pointee.sawRepeat {
                    counters.pointee.sawRepeat = true
                    firsts.repeated = FirstSeen(line: line, example: Array(raw.prefix(FirstSeen.exampleBytes)))
                }
                countOccurrence(entry.pointee.valueClass, flags, entry.pointee.number)
                return flags
            }
            // Classified in place, not returned: see ``ValueClassifier/classify(_:into:)``.
            var info = ValueInfo()
            classifier.classify(raw, into: &info)
            table.insert(
                raw, hash: hash, count: 1, firstLine: line, number: info.number, scalarLength: info.scalarLength,
                valueClass: info.valueClass, flags: info.flags)
            if info.flags.contains(.null) {
                counters.pointee.nulls += 1
                if firsts.null == nil {
                    firsts.null = FirstSeen(line: line, example: Array(raw.prefix(FirstSeen.exampleBytes)))
                }
                return info.flags.intersection(.multibyteUTF8)
            }
            counters.pointee.nonNullDistinct += 1
            firstOccurrence(info, raw, line: line)
            countOccurrence(info.valueClass, info.flags, info.number)
            if counters.pointee.nonNullDistinct > exactDistinctLimit { switchToSketches() }
            return info.flags
        }
        var info = ValueInfo()
        classifier.classify(raw, into: &info)
        if info.flags.contains(.null) {
            counters.pointee.nulls += 1
            let tallies = nullTokenTallies!
            if tallies[info.nullToken] == 0 { tallies[classifier.nullTokenTexts.count + info.nullToken] = line }
            tallies[info.nullToken] += 1
            if firsts.null == nil {
                firsts.null = FirstSeen(line: line, example: Array(raw.prefix(FirstSeen.exampleBytes)))
            }
            return info.flags.intersection(.multibyteUTF8)
        }
        counters.pointee.sketch.insert(hash: hash)
        frequent.insert(raw, hash: hash)
        if let keyValues, keyValues.insertReturningDuplicate(raw), !counters.pointee.sawRepeat {
            counters.pointee.sawRepeat = true
            firsts.repeated = FirstSeen(line: line, example: Array(raw.prefix(FirstSeen.exampleBytes)))
        }
        distributionSketches.observe(info, raw)
        if WrittenNumbers.takes(info.valueClass) {
            writtenNumbers.observe(
                raw, valueClass: info.valueClass, flags: info.flags, number: info.number, count: 1, line: line,
                recognizer: numberRecognizer!)
        }
        firstOccurrence(info, raw, line: line)
        countOccurrence(info.valueClass, info.flags, info.number)
        if info.flags.isDisjoint(with: .dirty) { updateStreamingStringBounds(raw) }
        valueRules?.observeStreaming(raw, info, line: line, dayFirst: counters.pointee.readsSlashDatesDayFirst)
        return info.flags
    }

    @inline(__always)
    private func countOccurrence(_ valueClass: UInt8, _ flags: ValueFlags, _ number: Double) {
        let counters = self.counters
        counters.pointee.nonNull += 1
        let index = Int(valueClass)
        classCounts[index] += 1
        if flags.isDisjoint(with: .dirty) {
            classCounts[ValueClass.count + index] += 1
            if valueClass == ValueClass.finiteInteger {
                counters.pointee.integerMoments.add(number)
            } else if valueClass == ValueClass.finiteDecimal {
                counters.pointee.decimalMoments.add(number)
            }
        } else {
            if flags.contains(.whitespace) { counters.pointee.whitespaceCount += 1 }
            if flags.contains(.invalidUTF8) { counters.pointee.invalidCount += 1 }
            if flags.contains(.controlCharacters) { counters.pointee.controlCount += 1 }
        }
        if flags.contains(.slashDateDayAbove12) { counters.pointee.readsSlashDatesDayFirst = true }
    }

    /// What only a value's first occurrence can change: firsts, lengths and bounds.
    private func firstOccurrence(_ info: ValueInfo, _ raw: UnsafeRawBufferPointer, line: Int) {
        let valueClass = Int(info.valueClass)
        if firsts.byClass.isEmpty { firsts.byClass = Array(repeating: nil, count: ValueClass.count) }
        if firsts.byClass[valueClass] == nil {
            firsts.byClass[valueClass] = FirstSeen(line: line, example: Array(raw.prefix(FirstSeen.exampleBytes)))
        }
        let flags = info.flags
        if flags.contains(.whitespace) && firsts.whitespace == nil {
            firsts.whitespace = FirstSeen(line: line, example: Array(raw.prefix(FirstSeen.exampleBytes)))
        }
        if flags.contains(.invalidUTF8) && firsts.invalidUTF8 == nil {
            firsts.invalidUTF8 = FirstSeen(line: line, example: Array(raw.prefix(FirstSeen.exampleBytes)))
        }
        if flags.contains(.controlCharacters) && firsts.controlCharacters == nil {
            firsts.controlCharacters = FirstSeen(line: line, example: Array(raw.prefix(FirstSeen.exampleBytes)))
        }
        if info.scalarLength < counters.pointee.minLength { counters.pointee.minLength = info.scalarLength }
        if info.scalarLength > counters.pointee.maxLength { counters.pointee.maxLength = info.scalarLength }
        guard flags.isDisjoint(with: .dirty) else { return }
        switch info.valueClass {
        case ValueClass.finiteInteger:
            updateIntegerBounds(raw, info.number)
            updateNumberBounds(info.number, raw, isInteger: true)
        case ValueClass.finiteDecimal:
            updateNumberBounds(info.number, raw, isInteger: false)
        case ValueClass.isoDate: updateDate(0, info.dateKey)
        case ValueClass.slashDateEitherOrder:
            updateDate(1, info.dateKey)
            updateDate(2, info.dayFirstDateKey)
        case ValueClass.slashDateMonthFirstOnly: updateDate(1, info.dateKey)
        case ValueClass.slashDateDayFirstOnly: updateDate(2, info.dayFirstDateKey)
        case ValueClass.dottedDate: updateDate(3, info.dateKey)
        case ValueClass.yearFirstSlashDate: updateDate(4, info.dateKey)
        default:
            if ValueClass.isDatetime(info.valueClass) || ValueClass.isTime(info.valueClass) {
                updateTemporal(info, raw)
            }
        }
    }

    /// - Parameter value: the integer token `raw` rounded to the nearest binary64.
    private func updateIntegerBounds(_ raw: UnsafeRawBufferPointer, _ value: Double) {
        if value > integerMinValue && value < integerMaxValue { return }
        if bounds.integerMin.map({ $0.withUnsafeBytes { compareIntegerTokens(raw, $0) } < 0 }) ?? true {
            overwrite(&bounds.integerMin, with: raw)
            integerMinValue = value
        }
        if bounds.integerMax.map({ $0.withUnsafeBytes { compareIntegerTokens(raw, $0) } > 0 }) ?? true {
            overwrite(&bounds.integerMax, with: raw)
            integerMaxValue = value
        }
    }

    private func updateNumberBounds(_ value: Double, _ raw: UnsafeRawBufferPointer, isInteger: Bool) {
        if bounds.numberMin == nil {
            bounds.numberMin = NumberBound(value: value, token: Array(raw), isIntegerToken: isInteger)
        } else if value < bounds.numberMin!.value {
            bounds.numberMin!.value = value
            bounds.numberMin!.isIntegerToken = isInteger
            overwrite(&bounds.numberMin!.token, with: raw)
        }
        if bounds.numberMax == nil {
            bounds.numberMax = NumberBound(value: value, token: Array(raw), isIntegerToken: isInteger)
        } else if value > bounds.numberMax!.value {
            bounds.numberMax!.value = value
            bounds.numberMax!.isIntegerToken = isInteger
            overwrite(&bounds.numberMax!.token, with: raw)
        }
    }

    @inline(__always)
    private func updateDate(_ format: Int, _ key: Int) {
        if key < bounds.dateMin[format] { bounds.dateMin[format] = key }
        if key > bounds.dateMax[format] { bounds.dateMax[format] = key }
    }

    /// Bounds a clean datetime or time in the slot of each format it reads in (both readings of a slash
    /// datetime valid in either order).
    private func updateTemporal(_ info: ValueInfo, _ raw: UnsafeRawBufferPointer) {
        let readings = TemporalFormats.readings(of: info.valueClass)
        if let format = readings.monthFirst { updateTemporal(info, raw, slot: format, dayFirst: false) }
        if let format = readings.dayFirst, format != readings.monthFirst {
            updateTemporal(info, raw, slot: format, dayFirst: true)
        }
    }

    private func updateTemporal(_ info: ValueInfo, _ raw: UnsafeRawBufferPointer, slot: Int, dayFirst: Bool) {
        let seconds = dayFirst ? info.dayFirstSeconds : info.seconds
        let fraction = UnsafeRawBufferPointer(
            rebasing: raw[info.fractionStart..<(info.fractionStart + info.fractionCount)])
        /// -1, 0, 1: the candidate against a bound by instant and fraction (text breaks a tie later).
        func order(_ bound: TemporalBound) -> Int {
            if seconds != bound.seconds { return seconds < bound.seconds ? -1 : 1 }
            return bound.fraction.withUnsafeBytes { compareFractionDigits(fraction, $0) }
        }
        let belowMin = bounds.temporalMin[slot].map { order($0) <= 0 } ?? true
        let aboveMax = bounds.temporalMax[slot].map { order($0) >= 0 } ?? true
        guard belowMin || aboveMax else { return }
        let candidate = TemporalBound(
            seconds: seconds, fraction: Array(fraction), display: TemporalFormats.isoText(info, raw, dayFirst: dayFirst)
        )
        if belowMin, bounds.temporalMin[slot].map({ TemporalBound.precedes(candidate, $0) }) ?? true {
            bounds.temporalMin[slot] = candidate
        }
        if aboveMax, bounds.temporalMax[slot].map({ TemporalBound.precedes($0, candidate) }) ?? true {
            bounds.temporalMax[slot] = candidate
        }
    }

    private func updateStreamingStringBounds(_ raw: UnsafeRawBufferPointer) {
        // A first 8 bytes strictly between the bounds' first 8 bytes change neither bound (most values, once
        // a few are seen).
        let prefix = paddedPrefix(raw)
        if prefix > streamingStringMinPrefix && prefix < streamingStringMaxPrefix { return }
        if bounds.stringMin.map({ $0.withUnsafeBytes { compareBytes(raw, $0) } < 0 }) ?? true {
            overwrite(&bounds.stringMin, with: raw)
            streamingStringMinPrefix = prefix
        }
        if bounds.stringMax.map({ $0.withUnsafeBytes { compareBytes(raw, $0) } > 0 }) ?? true {
            overwrite(&bounds.stringMax, with: raw)
            streamingStringMaxPrefix = prefix
        }
    }

    /// Drops the exact table for sketches, keeping what was counted.
    func switchToSketches() {
        guard counters.pointee.isExact else { return }
        let nullsByToken = nullTokens
        sketches = ColumnSketches(
            seedingFrom: table, classifier: classifier, tracksKeyValues: tracksKeyValues, frequent: frequent
        ) { updateStreamingStringBounds($0) }
        if let rules = valueRules {
            rules.absorb(
                table, classifier: classifier, dayFirst: counters.pointee.readsSlashDatesDayFirst, into: &rules.tally)
        }
        numberRecognizer = NumberFormatRecognizer()
        table.removeAll()
        counters.pointee.isExact = false
        let tallyCount = 2 * classifier.nullTokenTexts.count
        nullTokenTallies = UnsafeMutablePointer<Int>.allocate(capacity: tallyCount)
        nullTokenTallies!.initialize(repeating: 0, count: tallyCount)
        nullTokens = nullsByToken
    }
}

/// Puts `raw` into `bytes`, reusing its storage (no allocation once it is large enough).
@inline(__always)
func overwrite(_ bytes: inout [UInt8]?, with raw: UnsafeRawBufferPointer) {
    if bytes == nil {
        bytes = Array(raw)
    } else {
        overwrite(&bytes!, with: raw)
    }
}

/// Puts `raw` into `bytes`, reusing its storage. A bound that moves on every value (an increasing id) keeps its
/// length most of the time: the bytes are then copied in place, without the array's general replacement.
@inline(__always)
func overwrite(_ bytes: inout [UInt8], with raw: UnsafeRawBufferPointer) {
    if bytes.count == raw.count {
        if let source = raw.baseAddress {
            bytes.withUnsafeMutableBytes { $0.baseAddress!.copyMemory(from: source, byteCount: raw.count) }
        }
    } else {
        bytes.removeAll(keepingCapacity: true)
        bytes.append(contentsOf: raw)
    }
}

/// The first 8 bytes of `raw`, zero-padded, as a big-endian integer. If `paddedPrefix(a) < paddedPrefix(b)`,
/// then `a` precedes `b` in ``compareBytes(_:_:)``'s order (at the first differing byte `b` has a real byte
/// greater than `a`'s byte or padding); equal prefixes say nothing.
@inline(__always)
func paddedPrefix(_ raw: UnsafeRawBufferPointer) -> UInt64 {
    if raw.count >= 8 { return UInt64(bigEndian: raw.loadUnaligned(as: UInt64.self)) }
    return UInt64(bigEndian: packedWord(raw.baseAddress, count: raw.count))
}
