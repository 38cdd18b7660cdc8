/// What a finished column adds to the dataset totals.
struct ColumnTotals {
    var profile: ColumnProfile
    /// rows - nulls: every cell of a ragged or malformed record counts as non-null.
    var nonNullCells: Int
    var conformingCells: Int
    /// Judges single values by the same rules that counted `conformingCells` (the failing-rows pass).
    var judge: ConformanceJudge
}

/// How the values of a finished column stand against its type, format, case variants and value rules.
struct ConformanceTally {
    /// Values that conform (contract, "Conforming value"), less those that break one of the column's value rules.
    var conforming = 0
    /// Values that do not fit the column type, and the first of them.
    var mismatches = 0
    var mismatchFirst: FirstSeen?
    /// Values of the type in a format other than the dominant one, and the first of them.
    var mixed = 0
    var mixedFirst: FirstSeen?
    /// The column's `rule_violation` findings.
    var ruleFindings: [Finding] = []
}

extension ColumnAccumulator {
    /// Settles the column type, dominant format and conformance, and builds the column's profile, in named
    /// steps: type choice (``conformanceJudge()``), conformance (``conformance(_:)``), distinct and top values,
    /// bounds, moments and distributions, scores and grade (``Scores/column(rows:nulls:nonNullValues:conforming:distinct:isKey:)``),
    /// findings (``findings(_:judge:distinct:isKey:)``).
    /// - Parameters:
    ///   - rows: the report's data records (every cell of a ragged or malformed record is non-null and
    ///     non-conforming).
    func finish(name: String, index: Int, rows: Int, isKey: Bool, thresholds: GradeThresholds) -> ColumnTotals {
        var judge = conformanceJudge()
        let tally = conformance(&judge)
        let columnType = judge.columnType
        let dominant = judge.dominantFormat
        let (distinct, topValues) = distinctAndTopValues()
        let (minimum, maximum) = bounds(
            columnType, dominantRank: dominant?.rank, dayFirst: counters.pointee.readsSlashDatesDayFirst,
            variants: judge.caseVariants)
        let (mean, deviation) = moments(columnType)
        let selection = DistributionSelection(type: columnType, dominantRank: dominant?.rank)
        let distributions =
            isExact
            ? ExactDistributions.of(table, selection: selection, classifier: classifier)
            : distributionSketches.distributions(selection)
        let scores = Scores.column(
            rows: rows, nulls: nulls, nonNullValues: nonNull, conforming: tally.conforming, distinct: distinct,
            isKey: isKey)
        let profile = ColumnProfile(
            name: name, index: index, type: columnType, count: rows, nulls: nulls, distinct: distinct,
            distinctIsEstimate: !isExact, format: dominant?.name, typeCounts: typeCounts(judge),
            typeMismatches: tally.mismatches, whitespaceIssues: counters.pointee.whitespaceCount, min: minimum,
            max: maximum, mean: mean, stddev: deviation, minLength: nonNull > 0 ? counters.pointee.minLength : nil,
            maxLength: nonNull > 0 ? counters.pointee.maxLength : nil, topValues: topValues, scores: scores,
            grade: thresholds.grade(overall: scores.overall, rows: rows),
            findings: findings(tally, judge: judge, distinct: distinct, isKey: isKey), conforming: tally.conforming,
            valueDistribution: distributions.value, lengthDistribution: distributions.length)
        return ColumnTotals(
            profile: profile, nonNullCells: rows - nulls, conformingCells: tally.conforming, judge: judge)
    }

    /// Type choice: the judge built from the per-class counts, which decides the column type (a rule file's
    /// `type` replaces the inferred one) and the dominant format.
    private func conformanceJudge() -> ConformanceJudge {
        ConformanceJudge(
            classCounts: (0..<ValueClass.count).map(classCount), nonNull: nonNull,
            readsSlashDatesDayFirst: counters.pointee.readsSlashDatesDayFirst, table: isExact ? table : nil,
            classifier: classifier, typeOverride: valueRules?.typeOverride)
    }

    /// Non-null values recognised as each type (before widening), zero entries omitted, in the contract's order.
    private func typeCounts(_ judge: ConformanceJudge) -> [(type: ColumnType, count: Int)] {
        var counts: [ColumnType: Int] = [:]
        for valueClass in 0..<ValueClass.count where classCount(valueClass) > 0 {
            counts[judge.type(ofClass: valueClass), default: 0] += classCount(valueClass)
        }
        return ColumnType.allCases.compactMap { type in counts[type].map { (type, $0) } }
    }

    /// Conformance: sums the judge's verdict over the value classes, then takes out the case variants of an
    /// exact string column and the values that break the column's value rules. Gives the judge the case
    /// variants and the rules, so the failing-rows pass judges single values the same way.
    private func conformance(_ judge: inout ConformanceJudge) -> ConformanceTally {
        var tally = ConformanceTally()
        for valueClass in 0..<ValueClass.count where classCount(valueClass) > 0 {
            switch judge.verdict(ofClass: valueClass) {
            case .typeMismatch:
                tally.mismatches += classCount(valueClass)
                tally.mismatchFirst = Self.earlier(tally.mismatchFirst, firstOfClass(valueClass))
            case .otherFormat:
                tally.mixed += classCount(valueClass)
                tally.mixedFirst = Self.earlier(tally.mixedFirst, firstOfClass(valueClass))
            case .fits:
                tally.conforming += classCleanCount(valueClass)
            }
        }
        if judge.columnType == .string && isExact {
            judge.caseVariants = CaseVariants(table)
            tally.conforming -= judge.caseVariants.cleanOccurrences
        }
        let settled = judge
        let ruleOutcome = valueRules?.settle(
            table: isExact ? table : nil, classifier: classifier, variants: settled.caseVariants,
            dayFirst: counters.pointee.readsSlashDatesDayFirst
        ) { valueClass in settled.verdict(ofClass: valueClass) == .fits }
        tally.conforming -= ruleOutcome?.nonConforming ?? 0
        tally.ruleFindings = ruleOutcome?.findings ?? []
        judge.valueRules = valueRules
        return tally
    }

    /// The distinct non-null values and the up to 5 most frequent ones: exact with a value table; otherwise
    /// exact for key columns (value fingerprints) or the sketch's estimate, kept within what is certain (more
    /// than the exact bound, at most the non-null values), and the frequent-items sketch's top values.
    private func distinctAndTopValues() -> (distinct: Int, topValues: [ValueCount]) {
        if isExact { return (counters.pointee.nonNullDistinct, Self.topValues(table)) }
        let distinct =
            keyValues?.count
            ?? min(max(Int(counters.pointee.sketch.estimate.rounded()), exactDistinctLimit + 1), nonNull)
        return (distinct, frequent.top(5).map { ValueCount(value: decodeText($0.value), count: $0.count) })
    }

    /// Mean and sample standard deviation of the clean finite numbers of an integer or decimal column (a
    /// decimal column's integers included); `nil` for other types.
    private func moments(_ columnType: ColumnType) -> (mean: Double?, deviation: Double?) {
        guard columnType == .integer || columnType == .decimal else { return (nil, nil) }
        if isExact {
            let classes =
                columnType == .decimal
                ? [ValueClass.finiteInteger, ValueClass.finiteDecimal] : [ValueClass.finiteInteger]
            return Self.exactMoments(table, classes: classes)
        }
        var moments = counters.pointee.integerMoments
        if columnType == .decimal { moments.merge(counters.pointee.decimalMoments) }
        guard moments.count > 0 && moments.mean.isFinite else { return (nil, nil) }
        return (moments.mean, moments.sampleStandardDeviation)
    }

    /// The column's findings in the contract's order: nulls, conformance problems, cleanliness, case variants,
    /// leading zeros, non-finite numbers, duplicate key values and rule violations.
    private func findings(_ tally: ConformanceTally, judge: ConformanceJudge, distinct: Int, isKey: Bool) -> [Finding] {
        let columnType = judge.columnType
        var findings: [Finding] = []
        func add(_ kind: FindingKind, _ count: Int, _ first: FirstSeen?) {
            guard count > 0 else { return }
            findings.append(
                Finding(
                    kind: kind, count: count, example: first.map { decodeText($0.example, scalars: 100) },
                    firstLine: first?.line))
        }
        add(.null, nulls, firstNull)
        add(.typeMismatch, tally.mismatches, tally.mismatchFirst)
        if tally.mixed > 0, let dominant = judge.dominantFormat {
            add(.mixedFormats, tally.mixed, tally.mixedFirst)
            findings[findings.count - 1].dominantFormat = dominant.name
            findings[findings.count - 1].formats = judge.formatCounts.values.map { (format: $0.name, count: $0.count) }
                .sorted { $0.format < $1.format }
        }
        add(.whitespace, counters.pointee.whitespaceCount, whitespaceFirst)
        add(.invalidUTF8, counters.pointee.invalidCount, invalidFirst)
        add(.controlCharacters, counters.pointee.controlCount, controlFirst)
        add(.caseVariant, judge.caseVariants.occurrences, judge.caseVariants.first)
        if !isExact && columnType == .string {
            findings.append(Finding(kind: .caseVariantsNotChecked, count: 1, example: nil, firstLine: nil))
        }
        if columnType == .string {
            add(
                .leadingZeros, classCount(Int(ValueClass.leadingZeroString)),
                firstOfClass(Int(ValueClass.leadingZeroString)))
        }
        if columnType == .integer || columnType == .decimal {
            let (count, first) = nonFiniteValues(columnType)
            add(.nonFinite, count, first)
        }
        if isKey && nonNull > distinct {
            add(.duplicateValue, nonNull - distinct, firstRepeat)
        }
        findings += tally.ruleFindings
        findings.sort(by: Finding.contractOrder)
        return findings
    }

    /// The non-finite numbers of an integer column (of a decimal column: its non-finite integers and decimals)
    /// and the first of them.
    private func nonFiniteValues(_ columnType: ColumnType) -> (count: Int, first: FirstSeen?) {
        var count = classCount(Int(ValueClass.nonFiniteInteger))
        var first = firstOfClass(Int(ValueClass.nonFiniteInteger))
        if columnType == .decimal {
            count += classCount(Int(ValueClass.nonFiniteDecimal))
            first = Self.earlier(first, firstOfClass(Int(ValueClass.nonFiniteDecimal)))
        }
        return (count, first)
    }

    /// The one of two firsts on the earlier line (the current one on a tie).
    private static func earlier(_ current: FirstSeen?, _ candidate: FirstSeen?) -> FirstSeen? {
        guard let candidate else { return current }
        guard let current else { return candidate }
        return candidate.line < current.line ? candidate : current
    }

    private func bounds(_ type: ColumnType, dominantRank: Int?, dayFirst: Bool, variants: CaseVariants)
        -> (BoundValue?, BoundValue?)
    {
        switch type {
        case .integer:
            return (integerMin.map(Self.integerBound), integerMax.map(Self.integerBound))
        case .decimal:
            func bound(_ number: NumberBound?) -> BoundValue? {
                guard let number else { return nil }
                return number.isIntegerToken ? Self.integerBound(number.token) : .decimal(number.value)
            }
            return (bound(numberMin), bound(numberMax))
        case .date:
            guard let rank = dominantRank, dateMin[rank] != Int.max else { return (nil, nil) }
            return (.text(Self.dateText(dateMin[rank])), .text(Self.dateText(dateMax[rank])))
        case .datetime, .time:
            guard let rank = dominantRank else { return (nil, nil) }
            let slot = type == .time ? 18 + rank - Int(ValueClass.firstTime) : rank - Int(ValueClass.firstDatetime)
            return (
                temporalMin[slot].map { .text(decodeText($0.display)) },
                temporalMax[slot].map { .text(decodeText($0.display)) }
            )
        case .string:
            if isExact {
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
            return (streamingStringMin.map { .text(decodeText($0)) }, streamingStringMax.map { .text(decodeText($0)) })
        case .boolean, .empty:
            return (nil, nil)
        }
    }

    /// Mean and sample standard deviation of the clean values of `classes`, two passes over the distinct
    /// values weighted by their counts. Integers are summed exactly in 128 bits while they fit; other sums
    /// are compensated (Neumaier's variant of Kahan summation, 1974) over values scaled by a power of two
    /// near the largest magnitude, so no finite input overflows. The results are close to correctly rounded.
    static func exactMoments(_ table: ValueTable, classes: [UInt8]) -> (Double?, Double?) {
        var count = 0
        var largest = 0.0
        var integerSum: Int128 = 0
        var integersFit = true
        for index in table.indices {
            let entry = table[index]
            guard classes.contains(entry.valueClass) && entry.flags.isDisjoint(with: .dirty) else { continue }
            count += entry.count
            largest = max(largest, abs(entry.number))
            if integersFit {
                if entry.valueClass == ValueClass.finiteInteger,
                    let value = Int128(String(decoding: table.valueBytes(index), as: UTF8.self))
                {
                    let (product, overflow) = value.multipliedReportingOverflow(by: Int128(entry.count))
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
        for index in table.indices {
            let entry = table[index]
            guard classes.contains(entry.valueClass) && entry.flags.isDisjoint(with: .dirty) else { continue }
            sum.add(entry.number / scale * Double(entry.count))
        }
        let scaledMean = sum.total / Double(count)
        let mean = integersFit ? Double(integerSum) / Double(count) : scaledMean * scale
        guard mean.isFinite else { return (nil, nil) }
        guard count >= 2 else { return (mean, nil) }
        var squares = CompensatedSum()
        let meanScaled = mean / scale
        for index in table.indices {
            let entry = table[index]
            guard classes.contains(entry.valueClass) && entry.flags.isDisjoint(with: .dirty) else { continue }
            let deviation = entry.number / scale - meanScaled
            squares.add(deviation * deviation * Double(entry.count))
        }
        let deviation = (squares.total / Double(count - 1)).squareRoot() * scale
        return (mean, deviation.isFinite ? deviation : nil)
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

/// The case variants of a string column: values whose ASCII-lower-cased bytes equal those of a more frequent
/// value (ties: the byte-order-first spelling wins).
struct CaseVariants {
    private var variantIndexes = Set<Int>()
    private(set) var occurrences = 0
    private(set) var cleanOccurrences = 0
    private(set) var first: FirstSeen?

    init() {}

    /// Groups the values by the hash of their ASCII-lower-cased bytes (sorting indexes by that hash), then
    /// checks each group's bytes. O(n log n) for n distinct values; no allocation per value.
    init(_ table: ValueTable) {
        var scratch = [UInt8]()
        var keyed: [(hash: UInt64, index: Int)] = []
        keyed.reserveCapacity(table.count)
        for index in table.indices where !table[index].flags.contains(.null) {
            let bytes = table.valueBytes(index)
            scratch.removeAll(keepingCapacity: true)
            for byte in bytes { scratch.append(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte) }
            keyed.append((scratch.withUnsafeBytes { stableHash64($0) }, index))
        }
        keyed.sort { $0.hash != $1.hash ? $0.hash < $1.hash : $0.index < $1.index }
        func foldedEqual(_ lhs: Int, _ rhs: Int) -> Bool {
            let left = table.valueBytes(lhs)
            let right = table.valueBytes(rhs)
            guard left.count == right.count else { return false }
            for offset in 0..<left.count {
                let a = left[offset] >= 0x41 && left[offset] <= 0x5A ? left[offset] | 0x20 : left[offset]
                let b = right[offset] >= 0x41 && right[offset] <= 0x5A ? right[offset] | 0x20 : right[offset]
                if a != b { return false }
            }
            return true
        }
        var start = 0
        while start < keyed.count {
            var end = start + 1
            while end < keyed.count && keyed[end].hash == keyed[start].hash { end += 1 }
            if end - start > 1 {
                // Within one hash, split into groups of equal folded bytes (a hash collision is possible).
                var remaining = Array(keyed[start..<end].map(\.index))
                while let seed = remaining.first {
                    let members = remaining.filter { foldedEqual(seed, $0) }
                    remaining.removeAll { foldedEqual(seed, $0) }
                    if members.count > 1 { note(members, in: table) }
                }
            }
            start = end
        }
    }

    private mutating func note(_ members: [Int], in table: ValueTable) {
        let winner = members.min { lhs, rhs in
            let left = table[lhs].count
            let right = table[rhs].count
            return left != right ? left > right : table.valueBytes(lhs).lexicographicallyPrecedes(table.valueBytes(rhs))
        }!
        for index in members where index != winner {
            let entry = table[index]
            variantIndexes.insert(index)
            occurrences += entry.count
            if entry.flags.isDisjoint(with: .dirty) { cleanOccurrences += entry.count }
            if first == nil || entry.firstLine < first!.line {
                first = FirstSeen(
                    line: entry.firstLine, example: Array(table.valueBytes(index).prefix(FirstSeen.exampleBytes)))
            }
        }
    }

    func isVariant(_ index: Int) -> Bool { variantIndexes.contains(index) }
}
