/// The first value of some kind seen in a column: its line and bytes.
struct FirstSeen {
    var line: Int
    var example: [UInt8]
}

/// A datetime or time bound: the instant, its fraction digits, and its ISO 8601 text.
struct TemporalBound {
    var seconds: Int64
    var fraction: [UInt8]
    var display: [UInt8]

    /// Orders by instant, then fraction (as a number), then text (the contract's order).
    static func precedes(_ lhs: TemporalBound, _ rhs: TemporalBound) -> Bool {
        if lhs.seconds != rhs.seconds { return lhs.seconds < rhs.seconds }
        let length = max(lhs.fraction.count, rhs.fraction.count)
        for index in 0..<length {
            let left = index < lhs.fraction.count ? lhs.fraction[index] : 0x30
            let right = index < rhs.fraction.count ? rhs.fraction[index] : 0x30
            if left != right { return left < right }
        }
        return lhs.display.lexicographicallyPrecedes(rhs.display)
    }
}

/// A numeric bound and the token it came from (integers are reported exactly).
struct NumberBound {
    var value: Double
    var token: [UInt8]
    var isIntegerToken: Bool
}

/// Accumulates one column's statistics from its values in well-formed records, in one pass.
///
/// Each distinct value is classified once (``ValueClassifier``) and kept in an exact ``ValueTable`` with its
/// count; repeats only bump counters. Everything the report needs is kept per *value class* (type and
/// format), because the column type and its dominant format are decided only at the end: conforming
/// counts, mismatches and mixed formats then follow by summing classes. Past ``exactDistinctLimit`` distinct
/// non-null values the table is dropped for a ``HyperLogLog`` sketch and ``FrequentValues``.
///
/// Memory: the exact table up to the limit (the values' bytes plus about 100 bytes each), then 16 KiB of
/// sketch registers and 2048 frequent-value counters.
final class ColumnAccumulator {
    let classifier: ValueClassifier
    let exactDistinctLimit: Int

    var table: ValueTable? = ValueTable()
    var nonNullDistinct = 0
    var sketch: HyperLogLog?
    var frequent: FrequentValues?
    var streamingStringMin: [UInt8]?
    var streamingStringMax: [UInt8]?

    var nulls = 0
    var nonNull = 0
    var firstNull: FirstSeen?
    var classCount = [Int](repeating: 0, count: ValueClass.count)
    var classCleanCount = [Int](repeating: 0, count: ValueClass.count)
    var classFirst = [FirstSeen?](repeating: nil, count: ValueClass.count)
    var whitespaceCount = 0
    var invalidCount = 0
    var controlCount = 0
    var whitespaceFirst: FirstSeen?
    var invalidFirst: FirstSeen?
    var controlFirst: FirstSeen?
    var readsSlashDatesDayFirst = false
    var minLength = Int.max
    var maxLength = 0
    var firstRepeat: FirstSeen?

    var integerMoments = RunningMoments()
    var decimalMoments = RunningMoments()
    var integerMin: [UInt8]?
    var integerMax: [UInt8]?
    var numberMin: NumberBound?
    var numberMax: NumberBound?
    /// yyyymmdd bounds per date format (contract order: ISO, M/D/YYYY, D/M/YYYY, D.M.YYYY, YYYY/MM/DD).
    var dateMin = [Int](repeating: Int.max, count: 5)
    var dateMax = [Int](repeating: Int.min, count: 5)
    /// Bounds per datetime class (18) then time class (3).
    var temporalMin = [TemporalBound?](repeating: nil, count: 21)
    var temporalMax = [TemporalBound?](repeating: nil, count: 21)

    init(classifier: ValueClassifier, exactDistinctLimit: Int) {
        self.classifier = classifier
        self.exactDistinctLimit = exactDistinctLimit
    }

    /// Observes one value of a well-formed record.
    /// - Returns: the value's flags (for the record-level invalid UTF-8 finding).
    /// - Complexity: O(value length); no allocation when the value was seen before.
    @inline(__always)
    func observe(_ raw: UnsafeRawBufferPointer, line: Int) -> ValueFlags {
        let hash = stableHash64(raw)
        if let table {
            if let index = table.find(raw, hash: hash) {
                table.increment(index)
                let info = table.entries[index].info
                if info.flags.contains(.null) {
                    nulls += 1
                    return []
                }
                if firstRepeat == nil { firstRepeat = FirstSeen(line: line, example: Array(raw)) }
                countOccurrence(info)
                return info.flags
            }
            let info = classifier.classify(raw)
            _ = table.insert(raw, hash: hash, count: 1, firstLine: line, info: info)
            if info.flags.contains(.null) {
                nulls += 1
                if firstNull == nil { firstNull = FirstSeen(line: line, example: Array(raw)) }
                return []
            }
            nonNullDistinct += 1
            firstOccurrence(info, raw, line: line)
            countOccurrence(info)
            if nonNullDistinct > exactDistinctLimit { switchToSketches() }
            return info.flags
        }
        let info = classifier.classify(raw)
        if info.flags.contains(.null) {
            nulls += 1
            if firstNull == nil { firstNull = FirstSeen(line: line, example: Array(raw)) }
            return []
        }
        sketch?.insert(hash: hash)
        frequent?.insert(raw, hash: hash)
        firstOccurrence(info, raw, line: line)
        countOccurrence(info)
        if info.flags.isDisjoint(with: .dirty) { updateStreamingStringBounds(raw) }
        return info.flags
    }

    @inline(__always)
    private func countOccurrence(_ info: ValueInfo) {
        nonNull += 1
        let valueClass = Int(info.valueClass)
        classCount[valueClass] += 1
        let flags = info.flags
        if flags.isDisjoint(with: .dirty) {
            classCleanCount[valueClass] += 1
            if valueClass == Int(ValueClass.finiteInteger) {
                integerMoments.add(info.number)
            } else if valueClass == Int(ValueClass.finiteDecimal) {
                decimalMoments.add(info.number)
            }
        } else {
            if flags.contains(.whitespace) { whitespaceCount += 1 }
            if flags.contains(.invalidUTF8) { invalidCount += 1 }
            if flags.contains(.controlCharacters) { controlCount += 1 }
        }
        if flags.contains(.slashDateDayAbove12) { readsSlashDatesDayFirst = true }
    }

    /// What only a value's first occurrence can change: firsts, lengths and bounds.
    private func firstOccurrence(_ info: ValueInfo, _ raw: UnsafeRawBufferPointer, line: Int) {
        let valueClass = Int(info.valueClass)
        if classFirst[valueClass] == nil { classFirst[valueClass] = FirstSeen(line: line, example: Array(raw)) }
        let flags = info.flags
        if flags.contains(.whitespace) && whitespaceFirst == nil { whitespaceFirst = FirstSeen(line: line, example: Array(raw)) }
        if flags.contains(.invalidUTF8) && invalidFirst == nil { invalidFirst = FirstSeen(line: line, example: Array(raw)) }
        if flags.contains(.controlCharacters) && controlFirst == nil {
            controlFirst = FirstSeen(line: line, example: Array(raw))
        }
        if info.scalarLength < minLength { minLength = info.scalarLength }
        if info.scalarLength > maxLength { maxLength = info.scalarLength }
        guard flags.isDisjoint(with: .dirty) else { return }
        switch info.valueClass {
        case ValueClass.finiteInteger:
            if integerMin.map({ Self.integerPrecedes(raw, $0) }) ?? true { integerMin = Array(raw) }
            if integerMax.map({ Self.integerPrecedes($0, raw) }) ?? true { integerMax = Array(raw) }
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

    private func updateNumberBounds(_ value: Double, _ raw: UnsafeRawBufferPointer, isInteger: Bool) {
        if numberMin == nil || value < numberMin!.value {
            numberMin = NumberBound(value: value, token: Array(raw), isIntegerToken: isInteger)
        }
        if numberMax == nil || value > numberMax!.value {
            numberMax = NumberBound(value: value, token: Array(raw), isIntegerToken: isInteger)
        }
    }

    @inline(__always)
    private func updateDate(_ format: Int, _ key: Int) {
        if key < dateMin[format] { dateMin[format] = key }
        if key > dateMax[format] { dateMax[format] = key }
    }

    private func updateTemporal(_ info: ValueInfo, _ raw: UnsafeRawBufferPointer) {
        let slot = ValueClass.isTime(info.valueClass)
            ? 18 + Int(info.valueClass - ValueClass.firstTime) : Int(info.valueClass - ValueClass.firstDatetime)
        let fraction = info.fractionCount > 0
            ? Array(raw[(info.fractionStart)..<(info.fractionStart + info.fractionCount)]) : []
        let candidate = TemporalBound(seconds: info.seconds, fraction: fraction, display: Self.isoText(info, raw))
        if temporalMin[slot].map({ TemporalBound.precedes(candidate, $0) }) ?? true { temporalMin[slot] = candidate }
        if temporalMax[slot].map({ TemporalBound.precedes($0, candidate) }) ?? true { temporalMax[slot] = candidate }
    }

    /// `YYYY-MM-DDTHH:MM:SS[.F][zone]` or `HH:MM:SS[.F]`, seconds filled in, fraction and zone as written.
    private static func isoText(_ info: ValueInfo, _ raw: UnsafeRawBufferPointer) -> [UInt8] {
        let text = Array(raw)
        var result: [UInt8] = []
        let timeStart: Int
        if ValueClass.isTime(info.valueClass) {
            timeStart = 0
        } else {
            result.append(contentsOf: text[0..<10])
            result.append(UInt8(ascii: "T"))
            timeStart = 11
        }
        result.append(contentsOf: text[timeStart..<(timeStart + 5)])
        let shape = ValueClass.isTime(info.valueClass)
            ? Int(info.valueClass - ValueClass.firstTime) : Int(info.valueClass - ValueClass.firstDatetime) / 3 % 3
        var end = timeStart + 5
        if shape == 2 {
            result.append(contentsOf: Array(":00".utf8))
        } else {
            result.append(contentsOf: text[end..<(end + 3)])
            end += 3
            if shape == 1 {
                result.append(contentsOf: text[end..<(info.fractionStart + info.fractionCount)])
                end = info.fractionStart + info.fractionCount
            }
        }
        result.append(contentsOf: text[end...])
        return result
    }

    /// Exact order of two integer tokens (`[+-]?(0|[1-9][0-9]*)`), any length.
    static func integerPrecedes(_ lhs: some Collection<UInt8>, _ rhs: some Collection<UInt8>) -> Bool {
        func parts(_ token: some Collection<UInt8>) -> (negative: Bool, digits: ArraySlice<UInt8>) {
            let bytes = Array(token)
            var digits = bytes[...]
            var negative = false
            if let first = digits.first, first == 0x2D || first == 0x2B {
                negative = first == 0x2D
                digits = digits.dropFirst()
            }
            if digits == [0x30] { negative = false }
            return (negative, digits)
        }
        let left = parts(lhs)
        let right = parts(rhs)
        if left.negative != right.negative { return left.negative }
        let magnitudeLess: Bool
        if left.digits.count != right.digits.count {
            magnitudeLess = left.digits.count < right.digits.count
        } else if left.digits.elementsEqual(right.digits) {
            return false
        } else {
            magnitudeLess = left.digits.lexicographicallyPrecedes(right.digits)
        }
        return left.negative ? !magnitudeLess : magnitudeLess
    }

    private func updateStreamingStringBounds(_ raw: UnsafeRawBufferPointer) {
        if streamingStringMin.map({ raw.lexicographicallyPrecedes($0) }) ?? true { streamingStringMin = Array(raw) }
        if streamingStringMax.map({ $0.lexicographicallyPrecedes(raw) }) ?? true { streamingStringMax = Array(raw) }
    }

    /// Drops the exact table for sketches, keeping what was counted.
    private func switchToSketches() {
        guard let table else { return }
        var sketch = HyperLogLog()
        let frequent = FrequentValues()
        for index in table.entries.indices {
            let entry = table.entries[index]
            if entry.info.flags.contains(.null) { continue }
            sketch.insert(hash: entry.hash)
            table.withValue(index) { bytes in
                frequent.insert(bytes, hash: entry.hash, amount: entry.count)
                if entry.info.flags.isDisjoint(with: .dirty) { updateStreamingStringBounds(bytes) }
            }
        }
        self.sketch = sketch
        self.frequent = frequent
        self.table = nil
    }
}
