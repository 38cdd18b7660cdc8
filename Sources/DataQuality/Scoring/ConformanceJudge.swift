/// Why a value of a finished column does not conform (or is null). Each case is named after the column
/// finding that counts it.
struct ValueProblems: OptionSet, Sendable, Hashable {
    let rawValue: UInt8
    /// Null under the null rule (not a conformance problem: reported only when nulls are asked for).
    static let null = ValueProblems(rawValue: 1)
    /// Does not fit the column type (`type_mismatch`).
    static let typeMismatch = ValueProblems(rawValue: 2)
    /// Fits the column type in a format other than the dominant one (`mixed_formats`).
    static let mixedFormats = ValueProblems(rawValue: 4)
    /// Leading or trailing space, tab or U+00A0 (`whitespace`).
    static let whitespace = ValueProblems(rawValue: 8)
    /// Not valid UTF-8 (`invalid_utf8`).
    static let invalidUTF8 = ValueProblems(rawValue: 16)
    /// Holds a control character (`control_characters`).
    static let controlCharacters = ValueProblems(rawValue: 32)
    /// A case variant of a more frequent value (`case_variant`).
    static let caseVariant = ValueProblems(rawValue: 64)
    /// Breaks a value rule of the column's rule file (`rule_violation`; ``ConformanceJudge/brokenRules(of:)``
    /// names the rules).
    static let ruleViolation = ValueProblems(rawValue: 128)

    /// The finding kinds of the problems, in this type's order.
    var findingKinds: [FindingKind] {
        let all: [(ValueProblems, FindingKind)] = [
            (.null, .null), (.typeMismatch, .typeMismatch), (.mixedFormats, .mixedFormats),
            (.whitespace, .whitespace), (.invalidUTF8, .invalidUTF8), (.controlCharacters, .controlCharacters),
            (.caseVariant, .caseVariant), (.ruleViolation, .ruleViolation)
        ]
        return all.filter { contains($0.0) }.map(\.1)
    }
}

/// The one place that decides whether a value conforms to its column, once the column is finished.
///
/// Built from a column's finished state: the per-class counts decide the column type (the contract's
/// majority rule), the dominant format, whether single letters are booleans and how slash dates read; the
/// exact value table (when the column kept one) gives the case variants. ``ColumnEvidence/profile(name:index:rows:isKey:thresholds:)``
/// counts conforming values with ``verdict(ofClass:)``, summing per value class; the failing-rows pass
/// (``InvalidRowsCollector``) judges single values with ``problems(of:)``, which applies the same class
/// verdict plus the value's cleanliness flags, its case-variant mark and the column's value rules (a rule
/// file's allowed values, pattern, range, length and date format). So the report's `conforming` counts and
/// the failing rows cannot disagree.
///
/// Memory: a reference to the column's value table (no copy) and a few small arrays.
struct ConformanceJudge {
    /// How a value class stands in the column.
    enum ClassVerdict: Equatable {
        /// Does not fit the column type.
        case typeMismatch
        /// Fits the type in a format other than the dominant one.
        case otherFormat
        /// Fits the type in the dominant format (or the type has no formats).
        case fits
    }

    /// The column type.
    private(set) var columnType: ColumnType
    /// Whether slash dates read day-first in this column.
    let readsSlashDatesDayFirst: Bool
    /// Whether single letters `t f y n` are booleans here (every non-null value is a boolean).
    let lettersAreBooleans: Bool
    /// Values per format (keyed by the format's rank in the contract's tie order), for typed columns.
    private(set) var formatCounts: [Int: (name: String, count: Int)] = [:]
    /// The dominant format: its rank in the tie order and its name; `nil` for types without formats.
    private(set) var dominantFormat: (rank: Int, name: String)?
    /// The column's case variants (empty unless the column is `string` with an exact table).
    var caseVariants = CaseVariants()
    /// The column's value rules (allowed values, pattern, range, length, date format), when a rule file gave
    /// any: a value breaking one does not conform (as ``ColumnValueRules/settle(tally:table:classifier:variants:dayFirst:convention:conformsWhenClean:)``
    /// counted it).
    var valueRules: ColumnValueRules?
    /// The verdicts of a number column's values read as numbers (``NumberJudgement``), by table index: they
    /// replace their class's verdict.
    private(set) var numberVerdicts: [ClassVerdict?] = []
    /// How the column reads its numbers (a number range judges them so).
    var numberConvention = DecimalConvention.pointDecimal
    /// Past the exact bound, the dominant format of a number column judged from its written numbers: a value
    /// is then judged by its reading (``writtenNumberVerdict(_:_:)``).
    private var writtenDominant: NumberFormat?

    private let table: ValueTable?
    private let classifier: ValueClassifier

    /// - Parameters:
    ///   - classCounts: non-null values per ``ValueClass`` (``ValueClass/count`` entries).
    ///   - nonNull: non-null values in well-formed records.
    ///   - readsSlashDatesDayFirst: whether any slash date (alone or a datetime's) turned the column day-first.
    ///   - table: the column's exact value table, or `nil` once it switched to sketches.
    ///   - classifier: classifies values missing from the table.
    ///   - typeOverride: a rule file's `type` for the column, which replaces the inferred type.
    init(
        classCounts: [Int], nonNull: Int, readsSlashDatesDayFirst: Bool, table: ValueTable?,
        classifier: ValueClassifier, typeOverride: ColumnType? = nil
    ) {
        let booleanWords = ValueClass.booleanWords.reduce(0) { $0 + classCounts[Int($1)] }
        let booleanLetters = ValueClass.booleanLetters.reduce(0) { $0 + classCounts[Int($1)] }
        lettersAreBooleans = booleanWords + booleanLetters == nonNull
        self.readsSlashDatesDayFirst = readsSlashDatesDayFirst
        self.table = table
        self.classifier = classifier
        columnType = .empty
        var typeCounts: [ColumnType: Int] = [:]
        for valueClass in 0..<ValueClass.count where classCounts[valueClass] > 0 {
            typeCounts[type(ofClass: valueClass), default: 0] += classCounts[valueClass]
        }
        let inferred = ColumnType.chosen(
            by: typeCounts, nonNull: nonNull, hasLeadingZeros: classCounts[Int(ValueClass.leadingZeroString)] > 0)
        columnType = nonNull > 0 ? typeOverride ?? inferred : inferred
        for valueClass in 0..<ValueClass.count where classCounts[valueClass] > 0 && fits(valueClass) {
            if let format = format(ofClass: valueClass) {
                formatCounts[format.rank, default: (format.name, 0)].count += classCounts[valueClass]
            }
        }
        dominantFormat = formatCounts.min { lhs, rhs in
            lhs.value.count != rhs.value.count ? lhs.value.count > rhs.value.count : lhs.key < rhs.key
        }.map { (rank: $0.key, name: $0.value.name) }
    }

    /// The type a value class counts as in this column (before widening).
    func type(ofClass valueClass: Int) -> ColumnType {
        let value = UInt8(valueClass)
        switch value {
        case ValueClass.string, ValueClass.leadingZeroString: return .string
        case ValueClass.finiteInteger, ValueClass.nonFiniteInteger: return .integer
        case ValueClass.finiteDecimal, ValueClass.nonFiniteDecimal: return .decimal
        case ValueClass.isoDate, ValueClass.dottedDate, ValueClass.yearFirstSlashDate,
            ValueClass.slashDateEitherOrder:
            return .date
        case ValueClass.slashDateMonthFirstOnly: return readsSlashDatesDayFirst ? .string : .date
        case ValueClass.slashDateDayFirstOnly: return readsSlashDatesDayFirst ? .date : .string
        default:
            if ValueClass.isBooleanWord(value) { return .boolean }
            if ValueClass.isBooleanLetter(value) { return lettersAreBooleans ? .boolean : .string }
            if ValueClass.isTime(value) { return .time }
            return TemporalFormats.format(of: value, dayFirst: readsSlashDatesDayFirst) == nil ? .string : .datetime
        }
    }

    /// Whether a value class fits the column type (an integer fits decimal; everything fits string).
    func fits(_ valueClass: Int) -> Bool {
        let type = type(ofClass: valueClass)
        return columnType == .string || type == columnType || (columnType == .decimal && type == .integer)
    }

    /// The rank (in the contract's tie order) and name of a value class's format, in typed columns with
    /// formats (boolean, date, datetime, time); `nil` otherwise.
    func format(ofClass valueClass: Int) -> (rank: Int, name: String)? {
        let value = UInt8(valueClass)
        switch columnType {
        case .boolean:
            return (ValueClass.booleanFormatRank(value), ValueClass.formatName(value))
        case .date:
            let rank: Int
            switch value {
            case ValueClass.isoDate: rank = 0
            case ValueClass.slashDateEitherOrder: rank = readsSlashDatesDayFirst ? 2 : 1
            case ValueClass.slashDateMonthFirstOnly: rank = 1
            case ValueClass.slashDateDayFirstOnly: rank = 2
            case ValueClass.dottedDate: rank = 3
            default: rank = 4
            }
            return (rank, ValueClass.dateFormatNames[rank])
        case .datetime, .time:
            guard ValueClass.isDatetime(value) || ValueClass.isTime(value),
                let format = TemporalFormats.format(of: value, dayFirst: readsSlashDatesDayFirst)
            else { return nil }
            return (format, TemporalFormats.name(format))
        default:
            return nil
        }
    }

    /// Takes a number column's judgement: its dominant format, its values per format, and the verdicts of the
    /// values it read.
    mutating func adopt(_ numbers: NumberJudgement) {
        numberVerdicts = numbers.verdicts
        if numbers.pastTheBound != nil { writtenDominant = numbers.dominant }
        dominantFormat = numbers.dominant.map { (rank: 0, name: $0.name(convention: numbers.convention)) }
        var named: [String: Int] = [:]
        for (format, count) in numbers.formatCounts { named[format.name(convention: numbers.convention)] = count }
        formatCounts = [:]
        for (rank, name) in named.keys.sorted().enumerated() { formatCounts[rank] = (name, named[name]!) }
    }

    /// How every value of a class stands: wrong type, another format, or fitting.
    func verdict(ofClass valueClass: Int) -> ClassVerdict {
        if !fits(valueClass) { return .typeMismatch }
        if let dominantFormat, let format = format(ofClass: valueClass), format.rank != dominantFormat.rank {
            return .otherFormat
        }
        return .fits
    }

    /// How a value stands: by its reading as a number when the column judged it so (by `tableIndex`), else by its
    /// class.
    func verdict(ofClass valueClass: Int, tableIndex: Int?) -> ClassVerdict {
        if let tableIndex, tableIndex < numberVerdicts.count, let verdict = numberVerdicts[tableIndex] {
            return verdict
        }
        return verdict(ofClass: valueClass)
    }

    /// Past the exact bound, the verdict of a value of a number column read under its convention, as
    /// ``NumberJudgement/init(written:state:convention:judge:)`` counted it; nil for other values and columns.
    /// O(value length) (a recognizer is made per call: this runs in the failing-rows pass only).
    private func writtenNumberVerdict(_ raw: UnsafeRawBufferPointer, _ info: ValueInfo) -> ClassVerdict? {
        guard let dominant = writtenDominant, WrittenNumbers.takes(info.valueClass) else { return nil }
        let t = WrittenNumberText.trimmed(raw)
        let reading: RecognizedNumber?
        let isInteger = info.valueClass == ValueClass.finiteInteger
        if isInteger || (info.valueClass == ValueClass.finiteDecimal && numberConvention == .pointDecimal) {
            reading = RecognizedNumber(
                isInteger: isInteger, value: info.number, format: NumberFormat(),
                isGroupingNeutral: WrittenNumberText.isGroupingNeutral(t, isInteger: isInteger))
        } else if info.valueClass == ValueClass.finiteDecimal {
            reading =
                WrittenNumberText.mayBeGroupedWithPoints(t)
                ? NumberFormatRecognizer().recognize(t, convention: .commaDecimal) : nil
        } else {
            reading =
                WrittenNumberText.mayBeWrittenNumber(t)
                ? NumberFormatRecognizer().recognize(t, convention: numberConvention) : nil
        }
        guard let reading, fits(Int(ColumnNumbers.valueClass(of: reading))) else { return .typeMismatch }
        return reading.isIn(dominant) ? .fits : .otherFormat
    }

    /// Judges one raw value of a well-formed record of this column.
    /// - Parameter raw: the field's bytes after unquoting.
    /// - Returns: empty when the value conforms; `.null` alone for a null; otherwise every problem found.
    /// - Complexity: O(value length); a table lookup when the column kept its exact table, else one
    ///   classification.
    func problems(of raw: UnsafeRawBufferPointer) -> ValueProblems {
        let valueClass: UInt8
        let flags: ValueFlags
        var isVariant = false
        var numberVerdict: ClassVerdict?
        if let table, case let index = table.find(raw, hash: stableHash64(raw)), index >= 0 {
            valueClass = table[index].valueClass
            flags = table[index].flags
            isVariant = caseVariants.isVariant(index)
            numberVerdict = index < numberVerdicts.count ? numberVerdicts[index] : nil
        } else {
            let info = classifier.classify(raw)
            valueClass = info.valueClass
            flags = info.flags
            numberVerdict = writtenNumberVerdict(raw, info)
        }
        if flags.contains(.null) { return .null }
        var problems: ValueProblems = []
        switch numberVerdict ?? verdict(ofClass: Int(valueClass)) {
        case .typeMismatch: problems.insert(.typeMismatch)
        case .otherFormat: problems.insert(.mixedFormats)
        case .fits: break
        }
        if flags.contains(.whitespace) { problems.insert(.whitespace) }
        if flags.contains(.invalidUTF8) { problems.insert(.invalidUTF8) }
        if flags.contains(.controlCharacters) { problems.insert(.controlCharacters) }
        if isVariant { problems.insert(.caseVariant) }
        if brokenRuleMask(of: raw) != 0 { problems.insert(.ruleViolation) }
        return problems
    }

    /// The value rules a non-null value breaks, by rule name (`allowed_values`, `pattern`, `range`, `length`,
    /// `date_format`), in the rule file's check order; empty without value rules.
    /// - Complexity: O(value length) for one classification, plus the rules' checks.
    func brokenRules(of raw: UnsafeRawBufferPointer) -> [String] {
        guard let valueRules else { return [] }
        let mask = brokenRuleMask(of: raw)
        return valueRules.checks.indices.filter { mask & (1 << UInt32($0)) != 0 }.map { valueRules.checks[$0].ruleName }
    }

    /// A bit per value rule of the column that `raw` breaks (see ``ColumnValueRules/brokenChecks(_:_:dayFirst:convention:)``).
    private func brokenRuleMask(of raw: UnsafeRawBufferPointer) -> UInt32 {
        guard let valueRules else { return 0 }
        return valueRules.brokenChecks(
            raw, classifier.classify(raw), dayFirst: readsSlashDatesDayFirst, convention: numberConvention)
    }
}
