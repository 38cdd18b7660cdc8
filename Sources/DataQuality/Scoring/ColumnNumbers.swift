/// A column's numbers as people write them (the contract's "Numbers" rule), read from its exact table: each
/// distinct non-null value that is a number under either convention, with its reading under each, and the
/// column's tally of values needing each convention.
///
/// Read once per distinct value, after the run: the hot loop classifies values as before (a value such as
/// `1,234` or `€ 3,10` is a string class there), and the table's counts weight each reading. Plain integers
/// take their reading from the classifier (the same under both conventions), other values from a
/// ``NumberFormatRecognizer``. Exact tables merge by value, so the readings and the tally of a merged state
/// equal those of one pass over the whole file, however it was cut. Memory: one ``Reading`` per numeric
/// distinct value. O(distinct values x their length).
struct ColumnNumbers {
    /// One distinct value's readings.
    struct Reading {
        /// The value's index in the column's exact table.
        var index: Int
        var point: RecognizedNumber?
        var comma: RecognizedNumber?

        /// The reading under `convention`.
        func under(_ convention: DecimalConvention) -> RecognizedNumber? {
            convention == .pointDecimal ? point : comma
        }
    }

    /// The distinct values that are numbers under either convention, in table order.
    let readings: [Reading]
    /// The column's values (each occurrence) that need each convention.
    let needs: DecimalConventionTally

    /// Reads every non-null value of `table` that could be a number.
    init(table: ValueTable, recognizer: NumberFormatRecognizer) {
        var readings: [Reading] = []
        var needs = DecimalConventionTally()
        for index in table.indices {
            let entry = table[index]
            guard !entry.flags.contains(.null), Self.mayBeNumber(entry.valueClass) else { continue }
            let raw = table.valueBytes(index)
            let t = WrittenNumberText.trimmed(raw)
            let point: RecognizedNumber?
            let comma: RecognizedNumber?
            if entry.valueClass == ValueClass.finiteInteger {
                // A plain integer reads the same under both conventions and needs neither: read when judged.
                continue
            } else if entry.valueClass == ValueClass.finiteDecimal {
                // A schema_version 1 decimal: its point reading is the classifier's (``plainReading(_:_:)``); under
                // comma-decimal only a `.` followed by exactly three digits can make a number (`1.234`). Without
                // that reading it needs point-decimal and is read when judged.
                comma =
                    WrittenNumberText.mayBeGroupedWithPoints(t)
                    ? recognizer.recognize(t, convention: .commaDecimal) : nil
                guard comma != nil else {
                    needs.add(.pointDecimal, count: entry.count)
                    continue
                }
                point = Self.plainReading(entry, t)
            } else if entry.valueClass == ValueClass.string && !WrittenNumberText.hasDigit(t) {
                continue
            } else {
                point = recognizer.recognize(t, convention: .pointDecimal)
                comma = recognizer.recognize(t, convention: .commaDecimal)
            }
            guard point != nil || comma != nil else { continue }
            needs.add(point == nil ? .commaDecimal : comma == nil ? .pointDecimal : nil, count: entry.count)
            readings.append(Reading(index: index, point: point, comma: comma))
        }
        self.readings = readings
        self.needs = needs
    }

    /// The value classes whose values can be numbers under some convention: the classifier's numbers and
    /// strings (grouped, with a unit, a decimal comma, a trailing minus or parentheses).
    private static func mayBeNumber(_ valueClass: UInt8) -> Bool {
        valueClass == ValueClass.string || valueClass == ValueClass.finiteInteger
            || valueClass == ValueClass.nonFiniteInteger || valueClass == ValueClass.finiteDecimal
            || valueClass == ValueClass.nonFiniteDecimal
    }

    /// The reading of a plain integer or schema_version 1 decimal (the classifier's value, no unit, no
    /// grouping); `t` is its trimmed text.
    static func plainReading(_ entry: ValueTable.Entry, _ t: UnsafeRawBufferPointer) -> RecognizedNumber {
        let isInteger = entry.valueClass == ValueClass.finiteInteger
        return RecognizedNumber(
            isInteger: isInteger, value: entry.number, format: NumberFormat(),
            isGroupingNeutral: WrittenNumberText.isGroupingNeutral(t, isInteger: isInteger))
    }

    /// The entries of `table` that have a reading, marked by index.
    func marked(in table: ValueTable) -> [Bool] {
        var marks = [Bool](repeating: false, count: table.count)
        for reading in readings { marks[reading.index] = true }
        return marks
    }

    /// The value class a reading counts as: an integer or a decimal, finite or not; a string without one.
    static func valueClass(of reading: RecognizedNumber?) -> UInt8 {
        guard let reading else { return ValueClass.string }
        if reading.isInteger { return reading.isFinite ? ValueClass.finiteInteger : ValueClass.nonFiniteInteger }
        return reading.isFinite ? ValueClass.finiteDecimal : ValueClass.nonFiniteDecimal
    }

    /// `classes` with each reading's occurrences moved from the class the classifier gave its value to the class
    /// of its reading under `convention` (clean occurrences likewise). O(readings).
    func histogram(_ classes: ClassHistogram, table: ValueTable, convention: DecimalConvention) -> ClassHistogram {
        var adjusted = classes
        if convention == .commaDecimal {
            let marks = marked(in: table)
            for index in table.indices where table[index].valueClass == ValueClass.finiteDecimal && !marks[index] {
                let entry = table[index]
                if entry.flags.contains(.null) { continue }
                adjusted.all[Int(ValueClass.finiteDecimal)] -= entry.count
                adjusted.all[Int(ValueClass.string)] += entry.count
                if entry.flags.isDisjoint(with: .dirty) {
                    adjusted.clean[Int(ValueClass.finiteDecimal)] -= entry.count
                    adjusted.clean[Int(ValueClass.string)] += entry.count
                }
            }
        }
        for reading in readings {
            let entry = table[reading.index]
            let read = Int(Self.valueClass(of: reading.under(convention)))
            let given = Int(entry.valueClass)
            guard read != given else { continue }
            adjusted.all[given] -= entry.count
            adjusted.all[read] += entry.count
            if entry.flags.isDisjoint(with: .dirty) {
                adjusted.clean[given] -= entry.count
                adjusted.clean[read] += entry.count
            }
        }
        return adjusted
    }

    /// The dominant number format of `numbers` (each with its occurrences), in the contract's two steps: the
    /// most common unit with its place (ties: none, prefix before suffix, units in byte order), then the most
    /// common grouping among the numbers with that unit that are not grouping-neutral (ties: none, then the
    /// ``GroupingSeparator`` order), none when all of them are neutral. O(numbers).
    static func dominantFormat(_ numbers: [(number: RecognizedNumber, count: Int)]) -> NumberFormat {
        // Plain numbers (no unit, no grouping: nearly all) are counted apart, without hashing.
        var plain = 0
        var plainNonNeutral = 0
        var units: [PlacedUnit?: Int] = [:]
        for (number, count) in numbers {
            if number.format.unit == nil && number.format.grouping == nil {
                plain += count
                if !number.isGroupingNeutral { plainNonNeutral += count }
            } else {
                units[number.format.unit, default: 0] += count
            }
        }
        if plain > 0 { units[nil, default: 0] += plain }
        func unitPrecedes(_ lhs: PlacedUnit?, _ rhs: PlacedUnit?) -> Bool {
            guard let lhs else { return rhs != nil }
            guard let rhs else { return false }
            if lhs.place != rhs.place { return lhs.place == .prefix }
            return Array(lhs.unit.rawValue.utf8).lexicographicallyPrecedes(Array(rhs.unit.rawValue.utf8))
        }
        let unit =
            units.min { lhs, rhs in lhs.value != rhs.value ? lhs.value > rhs.value : unitPrecedes(lhs.key, rhs.key) }?
            .key ?? nil
        var groupings: [GroupingSeparator?: Int] = [:]
        for (number, count) in numbers
        where number.format.unit == unit && !number.isGroupingNeutral && number.format != NumberFormat() {
            groupings[number.format.grouping, default: 0] += count
        }
        if unit == nil && plainNonNeutral > 0 { groupings[nil, default: 0] += plainNonNeutral }
        let grouping =
            groupings.min { lhs, rhs in
                if lhs.value != rhs.value { return lhs.value > rhs.value }
                guard let left = lhs.key else { return rhs.key != nil }
                guard let right = rhs.key else { return false }
                return left < right
            }?.key ?? nil
        return NumberFormat(unit: unit, grouping: grouping)
    }

    /// The exact integer of an integer reading of `t` whose binary64 value is `number`: the value itself below
    /// 2^53 (exact there), else its digits (units hold none) with the value's sign; nil beyond 128 bits.
    static func exactInteger(_ t: UnsafeRawBufferPointer, number: Double) -> Int128? {
        if abs(number) < 9_007_199_254_740_992 { return Int128(Int64(number)) }
        var value: Int128 = 0
        let negative = number < 0
        for byte in t where byte &- 0x30 < 10 {
            let (product, overflow) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflowSum) = product.addingReportingOverflow(Int128(byte &- 0x30))
            if overflow || overflowSum { return nil }
            value = sum
        }
        return negative ? -value : value
    }

    /// The digits of an integer reading of `t` with a `-` for a negative one, for a bound beyond 64 bits.
    static func integerToken(_ t: UnsafeRawBufferPointer, negative: Bool) -> [UInt8] {
        (negative ? [0x2D] : []) + t.filter { $0 &- 0x30 < 10 }
    }
}

/// How a number column's values stand under its convention and dominant number format (the contract's
/// "Numbers" rule): the verdict of each distinct value that differs from its class's, the dominant format and
/// the values per format, the values in another format, the first value that does not fit the type, and the
/// conforming numbers for bounds and moments.
struct NumberJudgement {
    let convention: DecimalConvention
    /// The dominant format; nil when no value fits the type.
    var dominant: NumberFormat?
    /// Values per format, of the numbers that fit the type.
    var formatCounts: [NumberFormat: Int] = [:]
    /// Per table index, the verdict of a value read as a number, or of a value that is no number under the
    /// convention although it is under the other; nil for the table's other values.
    var verdicts: [ConformanceJudge.ClassVerdict?]
    var mixed = 0
    var mixedClean = 0
    var mixedFirst: FirstSeen?
    var mismatchFirst: FirstSeen?
    /// The conforming finite numbers: table index, reading, occurrences; in table order.
    var conforming: [(index: Int, number: RecognizedNumber, count: Int)] = []
    /// Past the exact bound (no table), the conforming finite numbers' moments and bounds instead.
    var pastTheBound: PastTheBound?

    /// Judges an integer or decimal column's exact values under `convention`. O(distinct values).
    init(numbers: ColumnNumbers, table: ValueTable, convention: DecimalConvention, judge: ConformanceJudge) {
        self.convention = convention
        verdicts = [ConformanceJudge.ClassVerdict?](repeating: nil, count: table.count)
        var fitting: [(index: Int, number: RecognizedNumber, count: Int)] = []
        let marks = numbers.marked(in: table)
        for index in table.indices where !marks[index] {
            let entry = table[index]
            guard !entry.flags.contains(.null),
                entry.valueClass == ValueClass.finiteInteger || entry.valueClass == ValueClass.finiteDecimal
            else { continue }
            let number = ColumnNumbers.plainReading(entry, WrittenNumberText.trimmed(table.valueBytes(index)))
            if (!number.isInteger && convention == .commaDecimal) || !judge.fits(Int(entry.valueClass)) {
                verdicts[index] = .typeMismatch
            } else {
                fitting.append((index, number, entry.count))
            }
        }
        for reading in numbers.readings {
            let count = table[reading.index].count
            guard let number = reading.under(convention), judge.fits(Int(ColumnNumbers.valueClass(of: number))) else {
                verdicts[reading.index] = .typeMismatch
                continue
            }
            fitting.append((reading.index, number, count))
        }
        fitting.sort { $0.index < $1.index }
        guard !fitting.isEmpty else {
            mismatchFirst = Self.firstMismatch(table, judge: judge, verdicts: verdicts)
            return
        }
        let dominant = ColumnNumbers.dominantFormat(fitting.map { ($0.number, $0.count) })
        self.dominant = dominant
        var plainCount = 0
        for (index, number, count) in fitting {
            if number.format == NumberFormat() {
                plainCount += count
            } else {
                formatCounts[number.format, default: 0] += count
            }
            let entry = table[index]
            let clean = entry.flags.isDisjoint(with: .dirty)
            if number.isIn(dominant) {
                verdicts[index] = .fits
                if clean && number.isFinite { conforming.append((index, number, count)) }
            } else {
                verdicts[index] = .otherFormat
                mixed += count
                if clean { mixedClean += count }
                let first = FirstSeen(
                    line: entry.firstLine, example: Array(table.valueBytes(index).prefix(FirstSeen.exampleBytes)))
                mixedFirst = ColumnEvidence.earlier(mixedFirst, first)
            }
        }
        if plainCount > 0 { formatCounts[NumberFormat(), default: 0] += plainCount }
        mismatchFirst = Self.firstMismatch(table, judge: judge, verdicts: verdicts)
    }

    /// The first non-null value that does not fit the column type: a value read as a number judged by its
    /// reading, any other by its class.
    private static func firstMismatch(
        _ table: ValueTable, judge: ConformanceJudge, verdicts: [ConformanceJudge.ClassVerdict?]
    ) -> FirstSeen? {
        var first: FirstSeen?
        for index in table.indices where !table[index].flags.contains(.null) {
            let mismatch = verdicts[index].map { $0 == .typeMismatch } ?? !judge.fits(Int(table[index].valueClass))
            guard mismatch, first.map({ table[index].firstLine < $0.line }) ?? true else { continue }
            first = FirstSeen(
                line: table[index].firstLine, example: Array(table.valueBytes(index).prefix(FirstSeen.exampleBytes)))
        }
        return first
    }

    /// The dominant format as the report writes it, nil when plain (no unit, no grouping, `.` as mark).
    var formatName: String? {
        guard let dominant, dominant.unit != nil || dominant.grouping != nil || convention == .commaDecimal else {
            return nil
        }
        return dominant.name(convention: convention)
    }

    /// The dominant format's unit as the report writes it, nil for none.
    var unitName: String? { dominant?.unit?.unit.rawValue }
}
