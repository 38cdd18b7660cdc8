/// What a finished column adds to the dataset totals.
struct ColumnTotals {
    var profile: ColumnProfile
    /// rows - nulls: every cell of a ragged or malformed record counts as non-null.
    var nonNullCells: Int
    var conformingCells: Int
}

extension ColumnAccumulator {
    /// Settles the column type, dominant format and conformance, and builds the column's profile.
    /// - Parameters:
    ///   - rows: the report's data records (every cell of a ragged or malformed record is non-null and
    ///     non-conforming).
    func finish(name: String, index: Int, rows: Int, isKey: Bool, thresholds: GradeThresholds) -> ColumnTotals {
        let booleanWords = (6..<14).reduce(0) { $0 + classCount($1) }
        let booleanLetters = (14..<18).reduce(0) { $0 + classCount($1) }
        let lettersAreBooleans = booleanWords + booleanLetters == nonNull
        let dayFirst = counters.pointee.readsSlashDatesDayFirst

        func typeOf(_ valueClass: Int) -> ColumnType {
            let value = UInt8(valueClass)
            switch value {
            case ValueClass.string, ValueClass.leadingZeroString: return .string
            case ValueClass.finiteInteger, ValueClass.nonFiniteInteger: return .integer
            case ValueClass.finiteDecimal, ValueClass.nonFiniteDecimal: return .decimal
            case ValueClass.isoDate, ValueClass.dottedDate, ValueClass.yearFirstSlashDate,
                ValueClass.slashDateEitherOrder:
                return .date
            case ValueClass.slashDateMonthFirstOnly: return dayFirst ? .string : .date
            case ValueClass.slashDateDayFirstOnly: return dayFirst ? .date : .string
            default:
                if ValueClass.isBooleanWord(value) { return .boolean }
                if ValueClass.isBooleanLetter(value) { return lettersAreBooleans ? .boolean : .string }
                if ValueClass.isDatetime(value) { return .datetime }
                return .time
            }
        }

        var typeCounts: [ColumnType: Int] = [:]
        for valueClass in 0..<ValueClass.count where classCount(valueClass) > 0 {
            typeCounts[typeOf(valueClass), default: 0] += classCount(valueClass)
        }
        let columnType = nonNull > 0
            ? valueRules?.typeOverride ?? Self.chooseType(typeCounts, nonNull: nonNull, hasLeadingZeros: classCount(1) > 0)
            : .empty

        func fits(_ valueClass: Int) -> Bool {
            let type = typeOf(valueClass)
            return columnType == .string || type == columnType || (columnType == .decimal && type == .integer)
        }
        /// (rank in the contract's tie order, name) of a value class's format, for typed columns with formats.
        func format(_ valueClass: Int) -> (rank: Int, name: String)? {
            let value = UInt8(valueClass)
            switch columnType {
            case .boolean:
                if ValueClass.isBooleanWord(value) { return (valueClass - 6, ValueClass.formatName(value)) }
                let index = valueClass - 14
                return (8 + index / 2 * 4 + index % 2, ValueClass.formatName(value))
            case .date:
                let rank: Int
                switch value {
                case ValueClass.isoDate: rank = 0
                case ValueClass.slashDateEitherOrder: rank = dayFirst ? 2 : 1
                case ValueClass.slashDateMonthFirstOnly: rank = 1
                case ValueClass.slashDateDayFirstOnly: rank = 2
                case ValueClass.dottedDate: rank = 3
                default: rank = 4
                }
                return (rank, ValueClass.dateFormatNames[rank])
            case .datetime, .time:
                return (valueClass, ValueClass.formatName(value))
            default:
                return nil
            }
        }

        var formatCounts: [Int: (name: String, count: Int)] = [:]
        for valueClass in 0..<ValueClass.count where classCount(valueClass) > 0 && fits(valueClass) {
            if let format = format(valueClass) {
                formatCounts[format.rank, default: (format.name, 0)].count += classCount(valueClass)
            }
        }
        let dominant = formatCounts.min { lhs, rhs in
            lhs.value.count != rhs.value.count ? lhs.value.count > rhs.value.count : lhs.key < rhs.key
        }

        var conforming = 0
        var mismatches = 0
        var mismatchFirst: FirstSeen?
        var mixed = 0
        var mixedFirst: FirstSeen?
        func earlier(_ current: FirstSeen?, _ candidate: FirstSeen?) -> FirstSeen? {
            guard let candidate else { return current }
            guard let current else { return candidate }
            return candidate.line < current.line ? candidate : current
        }
        for valueClass in 0..<ValueClass.count where classCount(valueClass) > 0 {
            if !fits(valueClass) {
                mismatches += classCount(valueClass)
                mismatchFirst = earlier(mismatchFirst, classFirst[valueClass])
            } else if let dominant, let format = format(valueClass), format.rank != dominant.key {
                mixed += classCount(valueClass)
                mixedFirst = earlier(mixedFirst, classFirst[valueClass])
            } else {
                conforming += classCleanCount(valueClass)
            }
        }

        var variants = CaseVariants()
        if columnType == .string && isExact {
            variants = CaseVariants(table)
            conforming -= variants.cleanOccurrences
        }
        let ruleOutcome = valueRules?.settle(
            table: isExact ? table : nil, classifier: classifier, variants: variants, dayFirst: dayFirst
        ) { valueClass in
            fits(valueClass) && (dominant == nil || format(valueClass).map { $0.rank == dominant!.key } ?? true)
        }
        conforming -= ruleOutcome?.nonConforming ?? 0

        let distinct: Int
        var topValues: [ValueCount]
        if isExact {
            distinct = counters.pointee.nonNullDistinct
            topValues = Self.topValues(table)
        } else {
            distinct = Int(counters.pointee.sketch.estimate.rounded())
            topValues = frequent.top(5).map { ValueCount(value: decodeText($0.value), count: $0.count) }
        }

        let (minimum, maximum) = bounds(columnType, dominantRank: dominant?.key, dayFirst: dayFirst, variants: variants)
        var mean: Double?
        var deviation: Double?
        if columnType == .integer || columnType == .decimal {
            let classes = columnType == .decimal
                ? [ValueClass.finiteInteger, ValueClass.finiteDecimal] : [ValueClass.finiteInteger]
            if isExact {
                (mean, deviation) = Self.exactMoments(table, classes: classes)
            } else {
                var moments = counters.pointee.integerMoments
                if columnType == .decimal { moments.merge(counters.pointee.decimalMoments) }
                if moments.count > 0 && moments.mean.isFinite {
                    mean = moments.mean
                    deviation = moments.sampleStandardDeviation
                }
            }
        }

        let nonNullCells = rows - nulls
        let scores: Scores
        if rows == 0 {
            scores = Scores(completeness: 0, consistency: 0, uniqueness: 0, overall: 0)
        } else {
            let uniqueness = nonNull > 0 ? Double(distinct) / Double(nonNull) : 1
            let overall: Double
            if isKey && nonNull > 0 {
                overall = Double(conforming) * Double(distinct) / (Double(rows) * Double(nonNull))
            } else {
                overall = Double(conforming) / Double(rows)
            }
            scores = Scores(
                completeness: Double(nonNullCells) / Double(rows),
                consistency: nonNullCells > 0 ? Double(conforming) / Double(nonNullCells) : 1,
                uniqueness: uniqueness, overall: overall)
        }

        var findings: [Finding] = []
        func add(_ kind: FindingKind, _ count: Int, _ first: FirstSeen?) {
            guard count > 0 else { return }
            findings.append(
                Finding(kind: kind, count: count, example: first.map { decodeText($0.example, scalars: 100) },
                    firstLine: first?.line))
        }
        add(.null, nulls, firstNull)
        add(.typeMismatch, mismatches, mismatchFirst)
        if mixed > 0, let dominant {
            var finding = Finding(
                kind: .mixedFormats, count: mixed, example: mixedFirst.map { decodeText($0.example, scalars: 100) },
                firstLine: mixedFirst?.line)
            finding.dominantFormat = dominant.value.name
            finding.formats = formatCounts.values.map { (format: $0.name, count: $0.count) }
                .sorted { $0.format < $1.format }
            findings.append(finding)
        }
        add(.whitespace, counters.pointee.whitespaceCount, whitespaceFirst)
        add(.invalidUTF8, counters.pointee.invalidCount, invalidFirst)
        add(.controlCharacters, counters.pointee.controlCount, controlFirst)
        add(.caseVariant, variants.occurrences, variants.first)
        if !isExact && columnType == .string {
            findings.append(Finding(kind: .caseVariantsNotChecked, count: 1, example: nil, firstLine: nil))
        }
        if columnType == .string {
            add(.leadingZeros, classCount(Int(ValueClass.leadingZeroString)), classFirst[Int(ValueClass.leadingZeroString)])
        }
        if columnType == .integer || columnType == .decimal {
            var count = classCount(Int(ValueClass.nonFiniteInteger))
            var first = classFirst[Int(ValueClass.nonFiniteInteger)]
            if columnType == .decimal {
                count += classCount(Int(ValueClass.nonFiniteDecimal))
                first = earlier(first, classFirst[Int(ValueClass.nonFiniteDecimal)])
            }
            add(.nonFinite, count, first)
        }
        if isKey && nonNull > distinct {
            add(.duplicateValue, nonNull - distinct, firstRepeat)
        }
        findings += ruleOutcome?.findings ?? []
        findings.sort(by: Finding.contractOrder)

        let profile = ColumnProfile(
            name: name, index: index, type: columnType, count: rows, nulls: nulls, distinct: distinct,
            distinctIsEstimate: !isExact, format: dominant?.value.name,
            typeCounts: ColumnType.allCases.compactMap { type in typeCounts[type].map { (type, $0) } },
            typeMismatches: mismatches, whitespaceIssues: counters.pointee.whitespaceCount, min: minimum, max: maximum, mean: mean,
            stddev: deviation, minLength: nonNull > 0 ? counters.pointee.minLength : nil, maxLength: nonNull > 0 ? counters.pointee.maxLength : nil,
            topValues: topValues, scores: scores, grade: rows == 0 ? .f : thresholds.grade(for: scores.overall),
            findings: findings, conforming: conforming)
        return ColumnTotals(profile: profile, nonNullCells: nonNullCells, conformingCells: conforming)
    }

    /// The most specific type that more than half of the non-null values fit (an integer also fits decimal);
    /// integer yields to string when any value is a digit string with a leading zero (a code column).
    static func chooseType(_ counts: [ColumnType: Int], nonNull: Int, hasLeadingZeros: Bool) -> ColumnType {
        if nonNull == 0 { return .empty }
        let integers = counts[.integer] ?? 0
        if 2 * integers > nonNull { return hasLeadingZeros ? .string : .integer }
        if 2 * (integers + (counts[.decimal] ?? 0)) > nonNull { return .decimal }
        for type in [ColumnType.boolean, .date, .datetime, .time] where 2 * (counts[type] ?? 0) > nonNull {
            return type
        }
        return .string
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
                    if !table[index].flags.isDisjoint(with: [.null, .whitespace, .invalidUTF8, .controlCharacters]) { continue }
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
    /// values weighted by their counts, each sum compensated (Neumaier's variant of Kahan summation, 1974),
    /// so the results are close to correctly rounded.
    static func exactMoments(_ table: ValueTable, classes: [UInt8]) -> (Double?, Double?) {
        var count = 0
        var sum = CompensatedSum()
        for index in table.indices {
            let entry = table[index]
            guard classes.contains(entry.valueClass) && entry.flags.isDisjoint(with: .dirty) else { continue }
            count += entry.count
            sum.add(entry.number * Double(entry.count))
        }
        guard count > 0 else { return (nil, nil) }
        let mean = sum.total / Double(count)
        guard mean.isFinite else { return (nil, nil) }
        guard count >= 2 else { return (mean, nil) }
        var squares = CompensatedSum()
        for index in table.indices {
            let entry = table[index]
            guard classes.contains(entry.valueClass) && entry.flags.isDisjoint(with: .dirty) else { continue }
            let deviation = entry.number - mean
            squares.add(deviation * deviation * Double(entry.count))
        }
        let deviation = (squares.total / Double(count - 1)).squareRoot()
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
            return table.value(lhs.index).lexicographicallyPrecedes(table.value(rhs.index))
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

    init(_ table: ValueTable) {
        var groups: [[UInt8]: [Int]] = [:]
        for index in table.indices where !table[index].flags.contains(.null) {
            let folded = table.value(index).map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
            groups[folded, default: []].append(index)
        }
        for members in groups.values where members.count > 1 {
            let winner = members.min { lhs, rhs in
                let left = table[lhs].count
                let right = table[rhs].count
                return left != right ? left > right : table.value(lhs).lexicographicallyPrecedes(table.value(rhs))
            }!
            for index in members where index != winner {
                let entry = table[index]
                variantIndexes.insert(index)
                occurrences += entry.count
                if entry.flags.isDisjoint(with: .dirty) { cleanOccurrences += entry.count }
                if first == nil || entry.firstLine < first!.line {
                    first = FirstSeen(line: entry.firstLine, example: table.value(index))
                }
            }
        }
    }

    func isVariant(_ index: Int) -> Bool { variantIndexes.contains(index) }
}

/// Bytes as text: UTF-8 with each maximal invalid subpart replaced by U+FFFD, optionally cut to a number of
/// Unicode scalars.
func decodeText(_ bytes: some Collection<UInt8>, scalars limit: Int? = nil) -> String {
    let text = String(decoding: Array(bytes), as: UTF8.self)
    guard let limit else { return text }
    var scalars = String.UnicodeScalarView()
    scalars.append(contentsOf: text.unicodeScalars.prefix(limit))
    return String(scalars)
}
