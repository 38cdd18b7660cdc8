extension ColumnEvidence {
    /// The most Unicode scalars of a value a report shows (as of an `example`).
    static let shownScalars = 100

    /// The top values and the bounds as a report shows them: each text cut to its first ``shownScalars``
    /// Unicode scalars, and whether any was longer (they were ranked and ordered whole).
    static func shown(_ topValues: [ValueCount], _ minimum: BoundValue?, _ maximum: BoundValue?)
        -> (topValues: [ValueCount], minimum: BoundValue?, maximum: BoundValue?, truncated: Bool)
    {
        var truncated = false
        func cut(_ text: String) -> String {
            guard text.unicodeScalars.count > shownScalars else { return text }
            truncated = true
            var scalars = String.UnicodeScalarView()
            scalars.append(contentsOf: text.unicodeScalars.prefix(shownScalars))
            return String(scalars)
        }
        func cut(_ bound: BoundValue?) -> BoundValue? {
            if case .text(let text)? = bound { return .text(cut(text)) }
            return bound
        }
        let shownValues = topValues.map { ValueCount(value: cut($0.value), count: $0.count) }
        return (shownValues, cut(minimum), cut(maximum), truncated)
    }

    /// The distinct non-null values and the up to 5 most frequent ones: exact with a value table; otherwise
    /// exact for key columns (value fingerprints) or the sketch's estimate, kept within what is certain (more
    /// than the exact bound, at most the non-null values), and the frequent-items sketch's top values.
    func distinctAndTopValues() -> (distinct: Int, topValues: [ValueCount]) {
        if let table { return (state.counts.nonNullDistinct, Self.topValues(table)) }
        let sketches = sketches!
        let distinct =
            sketches.keyValues?.count
            ?? min(max(Int(sketches.distinct.estimate.rounded()), context.exactDistinctLimit + 1), nonNull)
        return (distinct, sketches.frequent.top(5).map { ValueCount(value: decodeText($0.value), count: $0.count) })
    }

    /// Mean and sample standard deviation of the clean finite numbers of an integer or decimal column (a
    /// decimal column's integers included); `nil` for other types.
    /// - Parameter numbers: an exact column's numbers under its convention and format, whose conforming finite
    ///   values are the ones taken.
    func moments(_ columnType: ColumnType, numbers: NumberJudgement?) -> (mean: Double?, deviation: Double?) {
        guard columnType == .integer || columnType == .decimal else { return (nil, nil) }
        if table == nil, let past = numbers?.pastTheBound {
            guard past.moments.count > 0 && past.moments.mean.isFinite else { return (nil, nil) }
            return (past.moments.mean, past.moments.count >= 2 ? past.moments.sampleStandardDeviation : nil)
        }
        if let table, let numbers {
            return Self.exactMoments(
                numbers.conforming.map { item in
                    let exact =
                        item.number.isInteger
                        ? ColumnNumbers.exactInteger(table.valueBytes(item.index), number: item.number.value)
                        : nil
                    return (item.number.value, item.count, exact)
                })
        }
        if let table {
            var items: [(value: Double, count: Int, exactInteger: Int128?)] = []
            for index in table.indices {
                let entry = table[index]
                let isInteger = entry.valueClass == ValueClass.finiteInteger
                guard isInteger || (columnType == .decimal && entry.valueClass == ValueClass.finiteDecimal),
                    entry.flags.isDisjoint(with: .dirty)
                else { continue }
                let exact = isInteger ? ColumnNumbers.exactInteger(table.valueBytes(index), number: entry.number) : nil
                items.append((entry.number, entry.count, exact))
            }
            return Self.exactMoments(items)
        }
        var moments = state.moments.integers
        if columnType == .decimal { moments.merge(state.moments.decimals) }
        guard moments.count > 0 && moments.mean.isFinite else { return (nil, nil) }
        return (moments.mean, moments.sampleStandardDeviation)
    }

    func bounds(
        _ type: ColumnType, dominantRank: Int?, dayFirst: Bool, variants: CaseVariants, numbers: NumberJudgement?
    ) -> (BoundValue?, BoundValue?) {
        if let numbers, let table { return Self.numberBounds(numbers, table) }
        if table == nil, let past = numbers?.pastTheBound { return (Self.bound(past.least), Self.bound(past.greatest)) }
        switch type {
        case .integer:
            return (state.bounds.integerMin.map(Self.integerBound), state.bounds.integerMax.map(Self.integerBound))
        case .decimal:
            func bound(_ number: NumberBound?) -> BoundValue? {
                guard let number else { return nil }
                return number.isIntegerToken ? Self.integerBound(number.token) : .decimal(number.value)
            }
            return (bound(state.bounds.numberMin), bound(state.bounds.numberMax))
        case .date:
            guard let rank = dominantRank, state.bounds.dateMin[rank] != Int.max else { return (nil, nil) }
            return (.text(Self.dateText(state.bounds.dateMin[rank])), .text(Self.dateText(state.bounds.dateMax[rank])))
        case .datetime, .time:
            // The temporal bounds' slots are the formats (``TemporalFormats``), as the dominant rank is.
            guard let format = dominantRank else { return (nil, nil) }
            return (
                state.bounds.temporalMin[format].map { .text(decodeText($0.display)) },
                state.bounds.temporalMax[format].map { .text(decodeText($0.display)) }
            )
        case .string:
            if let table {
                var minimum: [UInt8]?
                var maximum: [UInt8]?
                for index in table.indices {
                    if !table[index].flags.isDisjoint(with: [.null, .whitespace, .invalidUTF8, .controlCharacters]) {
                        continue
                    }
                    if variants.isVariant(index) { continue }
                    let bytes = table.valueBytes(index)
                    if minimum.map({ bytes.lexicographicallyPrecedes($0) }) ?? true { minimum = Array(bytes) }
                    if maximum.map({ $0.lexicographicallyPrecedes(bytes) }) ?? true { maximum = Array(bytes) }
                }
                return (minimum.map { .text(decodeText($0)) }, maximum.map { .text(decodeText($0)) })
            }
            return (
                state.bounds.stringMin.map { .text(decodeText($0)) },
                state.bounds.stringMax.map { .text(decodeText($0)) }
            )
        case .boolean, .empty, .unknown:
            return (nil, nil)
        }
    }

    /// Mean and sample standard deviation of `numbers` (each value with its occurrences, and its exact integer
    /// when it is one that fits 128 bits), two passes weighted by the counts. Integers are summed exactly in 128
    /// bits while they fit; other sums are compensated (Neumaier's variant of Kahan summation, 1974) over values
    /// scaled by a power of two near the largest magnitude, so no finite input overflows. The results are close
    /// to correctly rounded.
    static func exactMoments(_ numbers: [(value: Double, count: Int, exactInteger: Int128?)]) -> (Double?, Double?) {
        var count = 0
        var largest = 0.0
        var integerSum: Int128 = 0
        var integersFit = true
        for number in numbers {
            count += number.count
            largest = max(largest, abs(number.value))
            if integersFit {
                if let value = number.exactInteger {
                    let (product, overflow) = value.multipliedReportingOverflow(by: Int128(number.count))
                    let (sum, overflowSum) = integerSum.addingReportingOverflow(product)
                    if overflow || overflowSum { integersFit = false } else { integerSum = sum }
                } else {
                    integersFit = false
                }
            }
        }
        guard count > 0 else { return (nil, nil) }
        let scale =
            largest > 0 && largest.isFinite ? Double(sign: .plus, exponent: largest.exponent, significand: 1) : 1
        var sum = CompensatedSum()
        for number in numbers { sum.add(number.value / scale * Double(number.count)) }
        let scaledMean = sum.total / Double(count)
        let mean = integersFit ? Double(integerSum) / Double(count) : scaledMean * scale
        guard mean.isFinite else { return (nil, nil) }
        guard count >= 2 else { return (mean, nil) }
        var squares = CompensatedSum()
        let meanScaled = mean / scale
        for number in numbers {
            let deviation = number.value / scale - meanScaled
            squares.add(deviation * deviation * Double(number.count))
        }
        let deviation = (squares.total / Double(count - 1)).squareRoot() * scale
        return (mean, deviation.isFinite ? deviation : nil)
    }

    /// The least and greatest conforming finite numbers of an exact number column: by value, integers beyond
    /// binary64's exact range by their digits, ties to the first seen; an integer as written without grouping
    /// or unit (beyond 64 bits as a string of its digits).
    static func numberBounds(_ numbers: NumberJudgement, _ table: ValueTable) -> (BoundValue?, BoundValue?) {
        typealias Candidate = (value: Double, exact: Int128?, line: Int, index: Int, number: RecognizedNumber)
        var least: Candidate?
        var greatest: Candidate?
        func order(_ lhs: Candidate, _ rhs: Candidate) -> Int {
            if lhs.value != rhs.value { return lhs.value < rhs.value ? -1 : 1 }
            if let left = lhs.exact, let right = rhs.exact, left != right { return left < right ? -1 : 1 }
            return 0
        }
        for item in numbers.conforming {
            let exact =
                item.number.isInteger
                ? ColumnNumbers.exactInteger(table.valueBytes(item.index), number: item.number.value) : nil
            let candidate: Candidate = (item.number.value, exact, table[item.index].firstLine, item.index, item.number)
            if let current = least {
                let comparison = order(candidate, current)
                if comparison < 0 || (comparison == 0 && candidate.line < current.line) { least = candidate }
            } else {
                least = candidate
            }
            if let current = greatest {
                let comparison = order(candidate, current)
                if comparison > 0 || (comparison == 0 && candidate.line < current.line) { greatest = candidate }
            } else {
                greatest = candidate
            }
        }
        func bound(_ candidate: Candidate?) -> BoundValue? {
            guard let candidate else { return nil }
            guard candidate.number.isInteger else { return .decimal(candidate.value) }
            if let exact = candidate.exact, let value = Int64(exactly: exact) { return .integer(value) }
            return integerBound(
                ColumnNumbers.integerToken(table.valueBytes(candidate.index), negative: candidate.value < 0))
        }
        return (bound(least), bound(greatest))
    }

    /// A bound past the exact bound: an integer reading by its exact value (beyond 64 bits by its digits), any
    /// other number by its binary64.
    static func bound(_ number: NumberBound?) -> BoundValue? {
        guard let number else { return nil }
        guard number.isIntegerToken else { return .decimal(number.value) }
        let token = number.token.withUnsafeBytes { ColumnNumbers.integerToken($0, negative: number.value < 0) }
        if let exact = number.token.withUnsafeBytes({ ColumnNumbers.exactInteger($0, number: number.value) }),
            let value = Int64(exactly: exact)
        {
            return .integer(value)
        }
        return integerBound(token)
    }

    static func integerBound(_ token: [UInt8]) -> BoundValue {
        let text = String(decoding: token, as: UTF8.self)
        if let value = Int64(text) { return .integer(value) }
        return .bigInteger(text.hasPrefix("+") ? String(text.dropFirst()) : text)
    }

    static func dateText(_ key: Int) -> String {
        let year = key / 10000
        let month = key / 100 % 100
        let day = key % 100
        func pad(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    static func topValues(_ table: ValueTable) -> [ValueCount] {
        var best: [(index: Int, count: Int)] = []
        func ranksBefore(_ lhs: (index: Int, count: Int), _ rhs: (index: Int, count: Int)) -> Bool {
            if lhs.count != rhs.count { return lhs.count > rhs.count }
            return table.valueBytes(lhs.index).lexicographicallyPrecedes(table.valueBytes(rhs.index))
        }
        for index in table.indices where !table[index].flags.contains(.null) {
            let candidate = (index: index, count: table[index].count)
            if best.count == 5 {
                guard ranksBefore(candidate, best[4]) else { continue }
                best.removeLast()
            }
            let position = best.firstIndex { ranksBefore(candidate, $0) } ?? best.count
            best.insert(candidate, at: position)
        }
        return best.map { ValueCount(value: decodeText(table.value($0.index)), count: $0.count) }
    }

}
