/// Past the exact bound, a column's numbers as people write them (the contract's "Numbers" rule) as mergeable
/// facts, so that the column reads its numbers as an exact column does (`ColumnNumbers` in Scoring/) although
/// its values are gone: the convention tally, and under each convention the values read as numbers grouped by
/// what their verdict depends on (the class the classifier gave, cleanliness, the reading's class, format and
/// grouping neutrality), each group with its count, first occurrence, and the moments and bounds of its clean
/// finite values.
///
/// The classifier's plain integers and decimals keep the schema_version 1 facts (class counts, moments, bounds);
/// only what a number format can change is added for them: their grouping-neutral part (a grouped dominant
/// format leaves the others mixed) and the first of the others, and under comma-decimal the plain decimals
/// that are grouped integers (`1.234`) and the first of those that are no number there.
///
/// Seeded from the exact table when the column passes its bound (``observe(_:valueClass:flags:number:count:line:recognizer:)``
/// with each entry's count), then fed each occurrence. Merge law (``merge(_:)``): counts and tallies add,
/// moments merge (Chan et al.), bounds take the least and greatest, firsts the earlier; the empty value is the
/// identity, so parts merge in any order to the whole file's facts. Memory: one group per distinct
/// (class, format, neutrality) combination, a few dozen at most.
struct WrittenNumbers: Sendable, Equatable, Codable {
    /// What a group's verdict depends on.
    struct Key: Hashable, Sendable, Codable {
        var givenClass: UInt8
        var isClean: Bool
        /// The value class of the reading (``ValueClass/finiteInteger`` ... ``ValueClass/nonFiniteDecimal``).
        var readClass: UInt8
        var format: NumberFormat
        var isGroupingNeutral: Bool

        /// A fixed total order of keys (for summing groups alike in every run).
        func precedes(_ other: Key) -> Bool {
            func rank(_ key: Key) -> [Int] {
                [
                    Int(key.givenClass), key.isClean ? 1 : 0, Int(key.readClass),
                    key.format.unit.map { unit in
                        NumberUnit.allCases.firstIndex(of: unit.unit)! * 2 + Int(unit.place.rawValue) + 1
                    } ?? 0, key.format.grouping.map { Int($0.rawValue) + 1 } ?? 0, key.isGroupingNeutral ? 1 : 0
                ]
            }
            return rank(self).lexicographicallyPrecedes(rank(other))
        }
    }

    /// What a group's values add up to: occurrences, the first, and of the clean finite ones the moments and
    /// the least and greatest (with the trimmed text, whose digits an integer beyond 2^53 is shown by).
    struct Facts: Sendable, Equatable, Codable {
        var count = 0
        var first: FirstSeen?
        var moments = RunningMoments()
        var least: NumberBound?
        var greatest: NumberBound?

        mutating func add(count: Int, line: Int, raw: UnsafeRawBufferPointer) {
            self.count += count
            if first.map({ line < $0.line }) ?? true {
                first = FirstSeen(line: line, example: Array(raw.prefix(FirstSeen.exampleBytes)))
            }
        }

        /// Takes `count` clean occurrences of the finite `value` written `t`.
        mutating func addFinite(_ value: Double, isInteger: Bool, t: UnsafeRawBufferPointer, count: Int) {
            for _ in 0..<count { moments.add(value) }
            if least.map({ value < $0.value }) ?? true {
                least = NumberBound(value: value, token: Array(t), isIntegerToken: isInteger)
            }
            if greatest.map({ value > $0.value }) ?? true {
                greatest = NumberBound(value: value, token: Array(t), isIntegerToken: isInteger)
            }
        }

        mutating func merge(_ other: Facts) {
            count += other.count
            if let theirs = other.first { first = first.map { $0.earlier(theirs) } ?? theirs }
            moments.merge(other.moments)
            if let theirs = other.least, least.map({ theirs.value < $0.value }) ?? true { least = theirs }
            if let theirs = other.greatest, greatest.map({ theirs.value > $0.value }) ?? true { greatest = theirs }
        }
    }

    /// Values (each occurrence) needing each convention, the classifier's plain decimals that are no number
    /// under comma-decimal left out (``needs`` adds them).
    var tally = DecimalConventionTally()
    /// Per convention (``DecimalConvention/rawValue``), the values read as numbers there, by group.
    var groups: [[Key: Facts]] = [[:], [:]]
    /// Per convention, the first string value that is no number there.
    var firstNonNumber: [FirstSeen?] = [nil, nil]
    /// The plain decimals that are no number under comma-decimal (all occurrences, clean ones, the first).
    var decimalsWithoutCommaReading = Facts()
    var cleanDecimalsWithoutCommaReading = 0
    /// The grouping-neutral plain integers and decimals (index 0 and 1): all occurrences, and of the clean
    /// ones the moments and bounds (``Facts/count`` counts all, ``neutralPlainClean`` the clean ones).
    var neutralPlain = [Facts(), Facts()]
    var neutralPlainClean = [0, 0]
    /// The first plain integer and decimal (index 0 and 1) that is not grouping-neutral.
    var firstNonNeutralPlain: [FirstSeen?] = [nil, nil]

    /// The bytes its arrays and group tables hold, counted as ``ColumnAccumulator/stateBytes`` counts: by their
    /// elements (a table's entries as key and facts), not by capacity, examples or the allocator's overhead.
    /// - Complexity: O(1).
    var allocatedBytes: Int {
        var bytes = groups.count * MemoryLayout<[Key: Facts]>.stride
        for table in groups { bytes += table.count * (MemoryLayout<Key>.stride + MemoryLayout<Facts>.stride) }
        bytes += (firstNonNumber.count + firstNonNeutralPlain.count) * MemoryLayout<FirstSeen?>.stride
        return bytes + neutralPlain.count * MemoryLayout<Facts>.stride + neutralPlainClean.count
            * MemoryLayout<Int>.stride
    }

    /// Whether a value of `valueClass` may be a number as people write it (or is a plain number): what
    /// ``observe(_:valueClass:flags:number:count:line:recognizer:)`` takes.
    @inline(__always)
    static func takes(_ valueClass: UInt8) -> Bool {
        valueClass == ValueClass.string || valueClass == ValueClass.finiteInteger
            || valueClass == ValueClass.finiteDecimal || valueClass == ValueClass.nonFiniteInteger
            || valueClass == ValueClass.nonFiniteDecimal
    }

    /// Takes `count` occurrences of a non-null value (`raw`, classified `valueClass` with `flags` and `number`)
    /// first seen at `line`. Plain integers cost a comparison (a digit count below 1000); plain decimals a
    /// digit count and a shape test; strings without a digit a test; other strings two recognitions.
    mutating func observe(
        _ raw: UnsafeRawBufferPointer, valueClass: UInt8, flags: ValueFlags, number: Double, count: Int, line: Int,
        recognizer: NumberFormatRecognizer
    ) {
        let isClean = flags.isDisjoint(with: .dirty)
        if valueClass == ValueClass.finiteInteger {
            if abs(number) >= 1000 && firstNonNeutralPlain[0] != nil { return }
            observePlain(raw, slot: 0, isClean: isClean, number: number, count: count, line: line)
            return
        }
        let t = WrittenNumberText.trimmed(raw)
        if valueClass == ValueClass.finiteDecimal {
            observePlain(raw, slot: 1, isClean: isClean, number: number, count: count, line: line)
            if WrittenNumberText.mayBeGroupedWithPoints(t),
                let comma = recognizer.recognize(t, convention: .commaDecimal)
            {
                add(comma, .commaDecimal, raw, t, valueClass: valueClass, isClean: isClean, count: count, line: line)
            } else {
                decimalsWithoutCommaReading.add(count: count, line: line, raw: raw)
                if isClean { cleanDecimalsWithoutCommaReading += count }
            }
            return
        }
        let candidate = WrittenNumberText.mayBeWrittenNumber(t)
        let point = candidate ? recognizer.recognize(t, convention: .pointDecimal) : nil
        let comma = candidate ? recognizer.recognize(t, convention: .commaDecimal) : nil
        tally.add(
            point == nil ? (comma == nil ? nil : .commaDecimal) : (comma == nil ? .pointDecimal : nil), count: count)
        for (convention, reading) in [(DecimalConvention.pointDecimal, point), (.commaDecimal, comma)] {
            if let reading {
                add(reading, convention, raw, t, valueClass: valueClass, isClean: isClean, count: count, line: line)
            } else if firstNonNumber[Int(convention.rawValue)].map({ line < $0.line }) ?? true {
                firstNonNumber[Int(convention.rawValue)] = FirstSeen(
                    line: line, example: Array(raw.prefix(FirstSeen.exampleBytes)))
            }
        }
    }

    private mutating func observePlain(
        _ raw: UnsafeRawBufferPointer, slot: Int, isClean: Bool, number: Double, count: Int, line: Int
    ) {
        let t = WrittenNumberText.trimmed(raw)
        guard WrittenNumberText.isGroupingNeutral(t, isInteger: slot == 0) else {
            if firstNonNeutralPlain[slot].map({ line < $0.line }) ?? true {
                firstNonNeutralPlain[slot] = FirstSeen(line: line, example: Array(raw.prefix(FirstSeen.exampleBytes)))
            }
            return
        }
        neutralPlain[slot].add(count: count, line: line, raw: raw)
        if isClean {
            neutralPlainClean[slot] += count
            neutralPlain[slot].addFinite(number, isInteger: slot == 0, t: t, count: count)
        }
    }

    private mutating func add(
        _ reading: RecognizedNumber, _ convention: DecimalConvention, _ raw: UnsafeRawBufferPointer,
        _ t: UnsafeRawBufferPointer, valueClass: UInt8, isClean: Bool, count: Int, line: Int
    ) {
        let readClass: UInt8 =
            reading.isInteger
            ? (reading.isFinite ? ValueClass.finiteInteger : ValueClass.nonFiniteInteger)
            : (reading.isFinite ? ValueClass.finiteDecimal : ValueClass.nonFiniteDecimal)
        let key = Key(
            givenClass: valueClass, isClean: isClean, readClass: readClass, format: reading.format,
            isGroupingNeutral: reading.isGroupingNeutral)
        groups[Int(convention.rawValue)][key, default: Facts()].add(count: count, line: line, raw: raw)
        if isClean && reading.isFinite {
            groups[Int(convention.rawValue)][key]!.addFinite(
                reading.value, isInteger: reading.isInteger, t: t, count: count)
        }
    }

    /// The column's convention tally: ``tally`` and the plain decimals without a comma-decimal reading, which
    /// need point-decimal.
    var needs: DecimalConventionTally {
        var needs = tally
        needs.add(.pointDecimal, count: decimalsWithoutCommaReading.count)
        return needs
    }

    /// The facts of an exact table's values, each distinct value taken once with its count.
    init(seedingFrom table: ValueTable, recognizer: NumberFormatRecognizer) {
        for index in table.indices {
            let entry = table[index]
            guard !entry.flags.contains(.null), Self.takes(entry.valueClass) else { continue }
            observe(
                table.valueBytes(index), valueClass: entry.valueClass, flags: entry.flags, number: entry.number,
                count: entry.count, line: entry.firstLine, recognizer: recognizer)
        }
    }

    init() {}

    /// Adds another part's facts (see the merge law above).
    mutating func merge(_ other: WrittenNumbers) {
        tally.merge(other.tally)
        for convention in 0..<2 {
            for (key, facts) in other.groups[convention] { groups[convention][key, default: Facts()].merge(facts) }
            if let theirs = other.firstNonNumber[convention] {
                firstNonNumber[convention] = firstNonNumber[convention].map { $0.earlier(theirs) } ?? theirs
            }
        }
        decimalsWithoutCommaReading.merge(other.decimalsWithoutCommaReading)
        cleanDecimalsWithoutCommaReading += other.cleanDecimalsWithoutCommaReading
        for slot in 0..<2 {
            neutralPlain[slot].merge(other.neutralPlain[slot])
            neutralPlainClean[slot] += other.neutralPlainClean[slot]
            if let theirs = other.firstNonNeutralPlain[slot] {
                firstNonNeutralPlain[slot] = firstNonNeutralPlain[slot].map { $0.earlier(theirs) } ?? theirs
            }
        }
    }

    /// The same facts with every first's position turned by `mapPosition`.
    func mapped(_ mapPosition: (Int) -> Int) -> WrittenNumbers {
        var copy = self
        copy.groups = groups.map {
            $0.mapValues { facts in
                var moved = facts
                moved.first = facts.first?.mapped(mapPosition)
                return moved
            }
        }
        copy.firstNonNumber = firstNonNumber.map { $0?.mapped(mapPosition) }
        copy.decimalsWithoutCommaReading.first = decimalsWithoutCommaReading.first?.mapped(mapPosition)
        copy.neutralPlain = neutralPlain.map { facts in
            var moved = facts
            moved.first = facts.first?.mapped(mapPosition)
            return moved
        }
        copy.firstNonNeutralPlain = firstNonNeutralPlain.map { $0?.mapped(mapPosition) }
        return copy
    }
}
