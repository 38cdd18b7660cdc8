/// Ordering keys of classified values.
enum DistributionKeys {
    /// The `yyyymmdd` key a date value has in date format `slot` (both readings of a slash date that is valid
    /// either way), or nil when its class is not in that format.
    static func dateKey(_ info: ValueInfo, slot: Int) -> Int? {
        switch (info.valueClass, slot) {
        case (ValueClass.isoDate, 0), (ValueClass.slashDateEitherOrder, 1), (ValueClass.slashDateMonthFirstOnly, 1),
            (ValueClass.dottedDate, 3), (ValueClass.yearFirstSlashDate, 4):
            return info.dateKey
        case (ValueClass.slashDateEitherOrder, 2), (ValueClass.slashDateDayFirstOnly, 2):
            return info.dayFirstDateKey
        default:
            return nil
        }
    }

    /// Days since 1970-01-01 of a `yyyymmdd` key.
    static func days(_ key: Int) -> Double {
        Double(daysFromCivil(key / 10000, key / 100 % 100, key % 100))
    }

    /// Seconds of a datetime (since 1970-01-01, UTC when zoned; a slash date read day-first or not) or time
    /// (since midnight), fraction included.
    static func seconds(_ info: ValueInfo, _ raw: UnsafeRawBufferPointer, dayFirst: Bool) -> Double {
        var fraction = 0.0
        var scale = 0.1
        for offset in 0..<info.fractionCount {
            fraction += Double(raw[info.fractionStart + offset] &- 0x30) * scale
            scale /= 10
        }
        return Double(dayFirst ? info.dayFirstSeconds : info.seconds) + fraction
    }
}

/// A column's distribution state once its exact table is gone: one ``QuantileSketch`` per value class that
/// can be conforming (finite integers, finite decimals, each date format, each datetime and time format), kept
/// apart because the column type and dominant format are known only at the end, plus one for lengths.
///
/// Merge: per sketch (a missing sketch is empty), so associative and commutative within the sketches' rank
/// error, with `DistributionSketches()` as identity. Memory: nothing while the column is exact (an empty
/// array); then at most 86 sketches of about 4.8 KB each, only for the formats seen.
struct DistributionSketches: Sendable, Equatable {
    /// Sketch slots: clean finite integers, clean finite decimals, clean dates per format slot (as day
    /// numbers), clean datetimes and times per format (``TemporalFormats``, as seconds), then lengths of all
    /// non-null values.
    static let integerSlot = 0
    static let decimalSlot = 1
    static let firstDateSlot = 2
    static let firstTemporalSlot = 7
    static let lengthSlot = firstTemporalSlot + TemporalFormats.count

    /// The sketch of each slot (an empty sketch until a value of that slot is seen); no slots until the first
    /// value, so an exact column holds nothing. An array rather than a dictionary: no hashing per value.
    private var sketches: [QuantileSketch] = []
    /// Occurrences of each length below ``batchedLengths`` scalars not yet in the length sketch: most values are
    /// short, so counting them here and inserting each length once, weighted, when the sketches are read,
    /// merged or written spares a sketch insertion per value. Weighted items are what merges and seeding from
    /// a table insert anyway, so the rank error bound is unchanged. Inline storage: counting a length checks
    /// no buffer's uniqueness.
    private var pendingLengths = InlineArray<64, Int>(repeating: 0)
    private var hasPendingLengths = false
    private static let batchedLengths = 64

    init() {}

    /// The bytes of the sketches (none while the column is exact).
    var allocatedBytes: Int {
        sketches.count * MemoryLayout<QuantileSketch>.stride + sketches.reduce(0) { $0 + $1.allocatedBytes }
    }

    /// Seeds the sketches with every non-null value of `table`, weighted by its count; each distinct value is
    /// classified again (`classifier`) for the keys the table does not keep.
    /// - Complexity: O(d log n) for d distinct values and n values.
    init(seedingFrom table: ValueTable, classifier: ValueClassifier) {
        for index in table.indices where !table[index].flags.contains(.null) {
            let raw = table.valueBytes(index)
            observe(classifier.classify(raw), raw, weight: table[index].count)
        }
    }

    /// Observes one non-null value `weight` times.
    /// - Complexity: amortized O(log n) for two sketch insertions at most.
    mutating func observe(_ info: ValueInfo, _ raw: UnsafeRawBufferPointer, weight: Int = 1) {
        if info.scalarLength < Self.batchedLengths {
            pendingLengths[info.scalarLength] += weight
            hasPendingLengths = true
        } else {
            insertOutOfLine(Double(info.scalarLength), weight, into: Self.lengthSlot)
        }
        guard info.flags.isDisjoint(with: .dirty) else { return }
        // One sketch insertion for the value's key, written once so that the function stays small (its
        // callers pay for every register it saves).
        let valueClass = info.valueClass
        let slot: Int
        let key: Double
        switch valueClass {
        case ValueClass.finiteInteger:
            (slot, key) = (Self.integerSlot, info.number)
        case ValueClass.finiteDecimal:
            (slot, key) = (Self.decimalSlot, info.number)
        // Dates: the format slots whose key ``DistributionKeys/dateKey(_:slot:)`` gives for the class (both
        // readings of a slash date valid either way), without trying all five.
        case ValueClass.isoDate:
            (slot, key) = (Self.firstDateSlot, DistributionKeys.days(info.dateKey))
        case ValueClass.slashDateEitherOrder:
            insertOutOfLine(DistributionKeys.days(info.dateKey), weight, into: Self.firstDateSlot + 1)
            (slot, key) = (Self.firstDateSlot + 2, DistributionKeys.days(info.dayFirstDateKey))
        case ValueClass.slashDateMonthFirstOnly:
            (slot, key) = (Self.firstDateSlot + 1, DistributionKeys.days(info.dateKey))
        case ValueClass.slashDateDayFirstOnly:
            (slot, key) = (Self.firstDateSlot + 2, DistributionKeys.days(info.dayFirstDateKey))
        case ValueClass.dottedDate:
            (slot, key) = (Self.firstDateSlot + 3, DistributionKeys.days(info.dateKey))
        case ValueClass.yearFirstSlashDate:
            (slot, key) = (Self.firstDateSlot + 4, DistributionKeys.days(info.dateKey))
        default:
            guard ValueClass.isDatetime(valueClass) || ValueClass.isTime(valueClass) else { return }
            // Each format the value reads in: both readings of a slash datetime valid in either order.
            let readings = TemporalFormats.readings(of: valueClass)
            if let format = readings.dayFirst, format != readings.monthFirst {
                insertOutOfLine(
                    DistributionKeys.seconds(info, raw, dayFirst: true), weight, into: Self.firstTemporalSlot + format)
            }
            guard let format = readings.monthFirst else { return }
            (slot, key) = (Self.firstTemporalSlot + format, DistributionKeys.seconds(info, raw, dayFirst: false))
        }
        insert(key, weight, into: slot)
    }

    @inline(__always)
    private mutating func insert(_ value: Double, _ weight: Int, into slot: Int) {
        if sketches.isEmpty { makeSlots() }
        sketches[slot].insert(value, weight: weight)
    }

    /// ``insert(_:_:into:)`` for the rarer insertions (long values' lengths, the second reading of a slash
    /// date), kept out of ``observe(_:_:weight:)``.
    @inline(never)
    private mutating func insertOutOfLine(_ value: Double, _ weight: Int, into slot: Int) {
        insert(value, weight, into: slot)
    }

    private mutating func makeSlots() {
        sketches = Array(repeating: QuantileSketch(), count: Self.lengthSlot + 1)
    }

    /// The sketch of `slot`, if any value of it was seen.
    func sketch(_ slot: Int) -> QuantileSketch? {
        sketches.isEmpty || sketches[slot].isEmpty ? nil : sketches[slot]
    }

    /// The slots holding a value, ascending.
    private var slots: [Int] {
        sketches.indices.filter { !sketches[$0].isEmpty }
    }

    /// Moves the pending short lengths into the length sketch, shortest first.
    private mutating func flushLengths() {
        guard hasPendingLengths else { return }
        let pending = pendingLengths
        pendingLengths = InlineArray(repeating: 0)
        hasPendingLengths = false
        for length in pending.indices where pending[length] > 0 {
            insert(Double(length), pending[length], into: Self.lengthSlot)
        }
    }

    /// These sketches with no lengths pending.
    var flushed: DistributionSketches {
        var copy = self
        copy.flushLengths()
        return copy
    }

    static func == (lhs: DistributionSketches, rhs: DistributionSketches) -> Bool {
        lhs.flushed.sketches == rhs.flushed.sketches
    }

    /// Folds `other` into these sketches.
    mutating func merge(_ other: DistributionSketches) {
        flushLengths()
        let other = other.flushed
        for slot in other.slots {
            if sketches.isEmpty { makeSlots() }
            if sketches[slot].isEmpty {
                sketches[slot] = other.sketches[slot]
            } else {
                sketches[slot].merge(other.sketches[slot])
            }
        }
    }
}

extension DistributionSketches {
    /// The sketches by slot, in slot order.
    func write(to writer: inout StateWriter) {
        let all = flushed
        all.writeFlushed(to: &writer)
    }

    private func writeFlushed(to writer: inout StateWriter) {
        let slots = self.slots
        writer.int(slots.count)
        for slot in slots {
            writer.int(slot)
            sketches[slot].write(to: &writer)
        }
    }

    init(reading reader: inout StateReader) throws {
        self.init()
        let count = try reader.count(limit: Self.lengthSlot + 1)
        for _ in 0..<count {
            let slot = try reader.count(limit: Self.lengthSlot)
            let sketch = try QuantileSketch(reading: &reader)
            if sketches.isEmpty { makeSlots() }
            sketches[slot] = sketch
        }
    }
}
