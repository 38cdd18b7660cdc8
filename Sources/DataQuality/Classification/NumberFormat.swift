/// How a column writes the decimal mark of its numbers, and so which grouping separators it may use (the
/// contract's "Numbers" rule).
///
/// Point-decimal reads `1,234.5` (mark `.`; grouping `,` U+0020 U+00A0 U+202F `'` U+2019); comma-decimal reads
/// `1.234,5` (mark `,`; grouping `.` and the same spaces and apostrophes). `--decimal-mark` sets it for every
/// column; otherwise ``DecimalConventionTally`` decides it per column.
enum DecimalConvention: UInt8, Sendable {
    case pointDecimal
    case commaDecimal

    /// The decimal mark as one ASCII byte: `.` or `,`.
    var markByte: UInt8 { self == .pointDecimal ? 0x2E : 0x2C }
}

/// A unit written beside a number's digits (the contract's "Numbers" rule): `%` (after the digits only), a
/// currency sign, or an ISO 4217 code. The raw value is the unit as written, which is also its report text.
enum NumberUnit: String, Sendable, CaseIterable, Codable {
    case percent = "%"
    case dollarSign = "$"
    case euroSign = "€"
    case poundSign = "£"
    case yenSign = "¥"
    case rupeeSign = "₹"
    case usd = "USD"
    case eur = "EUR"
    case gbp = "GBP"
    case jpy = "JPY"
    case chf = "CHF"
    case cny = "CNY"
    case inr = "INR"
    case cad = "CAD"
    case aud = "AUD"
    case nzd = "NZD"
    case sek = "SEK"
    case nok = "NOK"
    case dkk = "DKK"
    case pln = "PLN"
    case czk = "CZK"
    case huf = "HUF"
    case brl = "BRL"
    case mxn = "MXN"
    case zar = "ZAR"
    case `try` = "TRY"
    case krw = "KRW"
    case sgd = "SGD"
    case hkd = "HKD"

    /// ISO 4217 codes stand one space apart from the digits in a format's name (`EUR 1.234,5`); `%` and the
    /// currency signs stand directly beside them (`$1,234.5`, `1234,5%`).
    var isCode: Bool {
        switch self {
        case .percent, .dollarSign, .euroSign, .poundSign, .yenSign, .rupeeSign: return false
        default: return true
        }
    }
}

/// Where a unit stands: before the digits (`$5`, `EUR 5`) or after them (`5 %`, `5 €`).
enum UnitPlace: UInt8, Sendable, Codable {
    case prefix
    case suffix
}

/// A unit and its place: together they make the first part of a number's format.
struct PlacedUnit: Hashable, Sendable, Codable {
    var unit: NumberUnit
    var place: UnitPlace
}

/// The separator between groups of three digits (`1,234`, `1.234`, `1 234`, `1'234`). The case order is the
/// contract's tie order for the dominant grouping (after "no grouping").
enum GroupingSeparator: UInt8, Comparable, Sendable, CaseIterable, Codable {
    case comma
    case point
    case space
    /// U+00A0
    case noBreakSpace
    /// U+202F
    case narrowNoBreakSpace
    case apostrophe
    /// U+2019, the typographic apostrophe.
    case rightSingleQuotationMark

    /// The separator as written.
    var text: String {
        switch self {
        case .comma: return ","
        case .point: return "."
        case .space: return " "
        case .noBreakSpace: return "\u{A0}"
        case .narrowNoBreakSpace: return "\u{202F}"
        case .apostrophe: return "'"
        case .rightSingleQuotationMark: return "\u{2019}"
        }
    }

    static func < (lhs: GroupingSeparator, rhs: GroupingSeparator) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// A number's format (the contract's "Numbers" rule): its unit with its place (nil: none) and its grouping
/// separator (nil: none). The space between a unit and the digits does not count; the column's convention
/// gives the decimal mark.
struct NumberFormat: Hashable, Sendable, Codable {
    var unit: PlacedUnit?
    var grouping: GroupingSeparator?

    /// The format written as 1234.5 would be in it under `convention`, as the report's `format` shows it:
    /// `1,234.5`, `1.234,5`, `1 234,5`, `1234,5`, `$1,234.5`, `1.234,5€`, `1234.5%`, `EUR 1.234,5`, `1.234,5 EUR`.
    /// Builds a `String`: for reports, not for the per-value path. O(1).
    func name(convention: DecimalConvention) -> String {
        let digits = "1" + (grouping?.text ?? "") + "234" + (convention == .pointDecimal ? "." : ",") + "5"
        guard let unit else { return digits }
        let gap = unit.unit.isCode ? " " : ""
        switch unit.place {
        case .prefix: return unit.unit.rawValue + gap + digits
        case .suffix: return digits + gap + unit.unit.rawValue
        }
    }
}

extension NumberFormat {
    /// Every format name (``name(convention:)``) with its format and the convention its decimal mark implies:
    /// the names a rule file's `number_format` may give. A separator that is the convention's mark makes no
    /// format (`1.234.5`). Built once, about 900 names.
    static let named: [String: (format: NumberFormat, convention: DecimalConvention)] = {
        var names: [String: (format: NumberFormat, convention: DecimalConvention)] = [:]
        let units: [PlacedUnit?] =
            [nil]
            + NumberUnit.allCases.flatMap { unit in
                [UnitPlace.prefix, .suffix].compactMap { place in
                    unit == .percent && place == .prefix ? nil : PlacedUnit(unit: unit, place: place)
                }
            }
        let groupings: [GroupingSeparator?] = [nil] + GroupingSeparator.allCases
        for convention in [DecimalConvention.pointDecimal, .commaDecimal] {
            for unit in units {
                for grouping in groupings {
                    if grouping == (convention == .pointDecimal ? .point : .comma) { continue }
                    let format = NumberFormat(unit: unit, grouping: grouping)
                    names[format.name(convention: convention)] = (format, convention)
                }
            }
        }
        return names
    }()
}

extension RecognizedNumber {
    /// Whether the number is in `format`: the same unit and place, and the format's grouping or
    /// grouping-neutral (the contract's "Numbers" rule).
    func isIn(_ format: NumberFormat) -> Bool {
        self.format.unit == format.unit && (isGroupingNeutral || self.format.grouping == format.grouping)
    }
}

/// One value read as a number under one convention (``NumberFormatRecognizer``'s answer).
struct RecognizedNumber: Equatable, Sendable {
    /// True for an integer (no decimal mark, fraction or exponent), false for a decimal.
    var isInteger: Bool
    /// The nearest binary64 of the number: its digits without grouping, the mark read as the decimal point, the
    /// sign applied; a percentage as written (`12,5 %` is 12.5). For a non-finite number (an infinity, or beyond
    /// binary64's range) the infinity of its sign.
    var value: Double
    var format: NumberFormat
    /// No grouping separator and at most three digits before the mark or exponent (`640`, `12,5`): the value
    /// fits its unit's format with any grouping separator.
    var isGroupingNeutral: Bool

    /// False for infinities and numbers beyond binary64's range: they fit their type and conform, but stay out
    /// of min, max, mean and standard deviation, and count under the `non_finite` finding.
    var isFinite: Bool { value.isFinite }
}
