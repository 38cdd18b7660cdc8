/// The report's distributions from a column's exact table or sketches: which values a distribution covers
/// (``DistributionSelection``), the exact ones (``ExactDistributions``), the estimated ones
/// (``DistributionSketches/distributions(_:)``) and their histograms (``WeightedValues/histogram(bins:)``).

/// Which values of a finished column its value distribution covers: the conforming ones, picked by value
/// class once the column type and dominant format are known.
enum DistributionSelection: Equatable {
    /// Finite integers (integer columns), or finite integers and decimals (decimal columns).
    case numbers(includesDecimals: Bool)
    /// Dates of one format, by its slot (the contract's tie order: ISO, M/D/YYYY, D/M/YYYY, D.M.YYYY,
    /// YYYY/MM/DD).
    case date(formatSlot: Int)
    /// Datetimes or times of one format (``TemporalFormats``).
    case temporal(format: Int)
    /// No value distribution (boolean, string and empty columns).
    case none

    /// The selection for a column of `type` whose dominant format has `dominantRank` (the date format slot, or
    /// the datetime or time format; nil for types without formats).
    init(type: ColumnType, dominantRank: Int?) {
        switch type {
        case .integer: self = .numbers(includesDecimals: false)
        case .decimal: self = .numbers(includesDecimals: true)
        case .date: self = dominantRank.map { .date(formatSlot: $0) } ?? .none
        case .datetime, .time: self = dominantRank.map { .temporal(format: $0) } ?? .none
        case .boolean, .string, .empty, .unknown: self = .none
        }
    }

    /// The ordering key of a clean, non-null value if this selection covers it: the number, the day number
    /// since 1970-01-01, or the seconds (with fraction) since 1970-01-01 or midnight.
    func key(_ info: ValueInfo, _ raw: UnsafeRawBufferPointer) -> Double? {
        switch self {
        case .numbers(let includesDecimals):
            if info.valueClass == ValueClass.finiteInteger { return info.number }
            if includesDecimals && info.valueClass == ValueClass.finiteDecimal { return info.number }
            return nil
        case .date(let slot):
            return DistributionKeys.dateKey(info, slot: slot).map(DistributionKeys.days)
        case .temporal(let format):
            guard ValueClass.isDatetime(info.valueClass) || ValueClass.isTime(info.valueClass) else { return nil }
            let readings = TemporalFormats.readings(of: info.valueClass)
            if readings.monthFirst == format { return DistributionKeys.seconds(info, raw, dayFirst: false) }
            if readings.dayFirst == format { return DistributionKeys.seconds(info, raw, dayFirst: true) }
            return nil
        case .none:
            return nil
        }
    }

    /// The scale of the value distribution and whether its instants are zoned (UTC).
    var scale: (scale: DistributionScale, zoned: Bool, wholeNumbers: Bool)? {
        switch self {
        case .numbers(let includesDecimals): return (.number, false, !includesDecimals)
        case .date: return (.date, false, true)
        case .temporal(let format):
            if format >= TemporalFormats.firstTime { return (.time, false, false) }
            return (.datetime, TemporalFormats.isZoned(format), false)
        case .none: return nil
        }
    }
}

/// Exact distributions of a column from its exact value table: every distinct value with its count.
enum ExactDistributions {
    /// The value distribution (conforming values picked by `selection`) and the length distribution (all
    /// non-null values), both exact. Dates, datetimes and times are read again (`classifier`'s recogniser of
    /// their class, once per distinct value) for their keys, which the table does not keep. An integer or
    /// decimal column's values are its conforming numbers under its convention and format (`numbers`).
    /// - Complexity: O(d log d) time and O(d) memory for d distinct values.
    static func of(
        _ table: ValueTable, selection: DistributionSelection, classifier: ValueClassifier,
        numbers: NumberJudgement? = nil
    ) -> (value: Distribution?, length: Distribution?) {
        var values: [(value: Double, weight: Int)] = []
        var lengths: [(value: Double, weight: Int)] = []
        if selection != .none { values.reserveCapacity(table.count) }
        // Lengths below 256 scalars (nearly all) are summed per length first: one pair per length, not per value.
        var shortLengths = [Int](repeating: 0, count: 256)
        for index in table.indices {
            let entry = table[index]
            if entry.flags.contains(.null) { continue }
            let length = Int(entry.scalarLength)
            if length < shortLengths.count {
                shortLengths[length] += entry.count
            } else {
                lengths.append((Double(length), entry.count))
            }
            guard entry.flags.isDisjoint(with: .dirty) else { continue }
            switch selection {
            case .none:
                continue
            case .numbers(let includesDecimals):
                if numbers == nil
                    && (entry.valueClass == ValueClass.finiteInteger
                        || (includesDecimals && entry.valueClass == ValueClass.finiteDecimal))
                {
                    values.append((entry.number, entry.count))
                }
            case .date, .temporal:
                // Only dates, datetimes and times have keys; each is read again by its own recogniser.
                let valueClass = entry.valueClass
                guard
                    valueClass >= ValueClass.isoDate && valueClass <= ValueClass.slashDateDayFirstOnly
                        || ValueClass.isDatetime(valueClass) || ValueClass.isTime(valueClass)
                else { continue }
                let raw = table.valueBytes(index)
                if let key = selection.key(classifier.recogniseTemporal(raw), raw) {
                    values.append((key, entry.count))
                }
            }
        }
        if let numbers, case .numbers = selection {
            values = numbers.conforming.map { ($0.number.value, $0.count) }
        }
        for length in shortLengths.indices where shortLengths[length] > 0 {
            lengths.append((Double(length), shortLengths[length]))
        }
        var valueDistribution: Distribution?
        if let scale = selection.scale {
            valueDistribution = Distribution.of(
                WeightedValues(unsorted: values), scale: scale.scale, zoned: scale.zoned,
                wholeNumbers: scale.wholeNumbers, isEstimate: false)
        }
        let lengthDistribution = Distribution.of(
            WeightedValues(unsorted: lengths), scale: .length, wholeNumbers: true, isEstimate: false)
        return (valueDistribution, lengthDistribution)
    }
}

extension DistributionSketches {
    /// The estimated value distribution (the sketches `selection` picks, merged) and length distribution.
    func distributions(_ selection: DistributionSelection) -> (value: Distribution?, length: Distribution?) {
        let all = flushed
        return all.distributionsOfFlushed(selection)
    }

    private func distributionsOfFlushed(_ selection: DistributionSelection) -> (
        value: Distribution?, length: Distribution?
    ) {
        var chosen: QuantileSketch?
        switch selection {
        case .numbers(let includesDecimals):
            chosen = sketch(Self.integerSlot)
            if includesDecimals, let decimals = sketch(Self.decimalSlot) {
                if chosen == nil { chosen = decimals } else { chosen!.merge(decimals) }
            }
        case .date(let slot): chosen = sketch(Self.firstDateSlot + slot)
        case .temporal(let format):
            chosen = sketch(Self.firstTemporalSlot + format)
        case .none: chosen = nil
        }
        var valueDistribution: Distribution?
        if let chosen, let scale = selection.scale {
            valueDistribution = Distribution.of(
                chosen.weightedValues, scale: scale.scale, zoned: scale.zoned, wholeNumbers: scale.wholeNumbers,
                isEstimate: true)
        }
        let lengthDistribution = sketch(Self.lengthSlot).flatMap { lengths in
            Distribution.of(lengths.weightedValues, scale: .length, wholeNumbers: true, isEstimate: true)
        }
        return (valueDistribution, lengthDistribution)
    }
}

extension WeightedValues {
    /// Equal-width bins from the smallest to the largest value, counted as `numpy.histogram(values, bins)`
    /// does: bin i is `[edge i, edge i+1)`, the last one closed; edges are
    /// `minimum + i x ((maximum - minimum) / bins)` as `numpy.linspace` computes them.
    /// - Parameter bins: at least 1; all values fall in one bin when minimum equals maximum.
    /// - Returns: `(lower, upper, count)` per bin; counts sum to ``total``; empty when there are no values.
    /// - Complexity: O(m + bins) for m distinct values.
    func histogram(bins requested: Int) -> [HistogramBin] {
        guard !pairs.isEmpty else { return [] }
        let low = minimum
        let high = maximum
        if low == high { return [HistogramBin(lower: low, upper: high, count: total)] }
        let bins = Swift.max(1, requested)
        // Halves, so that a range such as -1e308...1e308 does not overflow; halving is exact, so the edges and
        // indexes are numpy's (low + i x step, (value - low) x (bins / (high - low))) bit for bit otherwise.
        let halfStep = (high / 2 - low / 2) / Double(bins)
        let edges = (0...bins).map { index -> Double in index == bins ? high : 2 * (low / 2 + Double(index) * halfStep)
        }
        var counts = [Int](repeating: 0, count: bins)
        let scale = Double(bins) / (high / 2 - low / 2)
        for pair in pairs {
            let position = ((pair.value / 2 - low / 2) * scale).rounded(.down)
            var index = Swift.min(bins - 1, Swift.max(0, Int(position)))
            // numpy corrects the computed index against the edges themselves.
            if index > 0 && pair.value < edges[index] { index -= 1 }
            if index < bins - 1 && pair.value >= edges[index + 1] { index += 1 }
            counts[index] += pair.weight
        }
        return (0..<bins).map { HistogramBin(lower: edges[$0], upper: edges[$0 + 1], count: counts[$0]) }
    }
}
