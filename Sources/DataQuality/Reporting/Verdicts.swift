/// Completeness, consistency, uniqueness and overall, each a fraction in `0...1`.
public struct Scores: Sendable, Equatable {
    /// Non-null cells (or values) over all cells.
    public var completeness: Double
    /// Conforming values over non-null values.
    public var consistency: Double
    /// Distinct over non-null values (columns), or 1 - duplicate rows / rows (dataset); `nil` when duplicates
    /// were not checked (dataset only).
    public var uniqueness: Double?
    /// Conforming over all cells, times uniqueness where it applies.
    public var overall: Double

    /// Creates a score block.
    public init(completeness: Double, consistency: Double, uniqueness: Double?, overall: Double) {
        self.completeness = completeness
        self.consistency = consistency
        self.uniqueness = uniqueness
        self.overall = overall
    }
}

/// A letter grade, `A` (best) to `F`; prints as its letter, and is its letter in JSON.
public enum Grade: String, Sendable, Equatable, Comparable, CaseIterable {
    case a = "A"
    case b = "B"
    case c = "C"
    case d = "D"
    case f = "F"

    /// Orders by quality: `F < D < C < B < A`.
    public static func < (lhs: Grade, rhs: Grade) -> Bool {
        lhs.rank > rhs.rank
    }

    private var rank: Int {
        switch self {
        case .a: 0
        case .b: 1
        case .c: 2
        case .d: 3
        case .f: 4
        }
    }
}

/// The type the contract assigns to a column. `unknown`: the input has data records but none is well-formed,
/// so no value of the column could be judged; `empty`: no non-null values.
public enum ColumnType: String, Sendable, Equatable, CaseIterable {
    case empty, boolean, integer, decimal, date, datetime, time, string, unknown
}

/// What a finding is about. Dataset kinds point at records; column kinds at values.
public enum FindingKind: String, Sendable, Equatable, CaseIterable {
    // Dataset kinds.
    case byteOrderMark = "bom"
    /// A detected encoding that values past the detection window contradict (the example names the encoding
    /// that would read them).
    case encodingUnsure = "encoding_unsure"
    case duplicatesNotChecked = "duplicates_not_checked"
    case invalidUTF8 = "invalid_utf8"
    case blankName = "blank_name"
    case duplicateName = "duplicate_name"
    case blankLine = "blank_line"
    case raggedRow = "ragged_row"
    case malformedRow = "malformed_row"
    case unterminatedQuote = "unterminated_quote"
    case duplicateRow = "duplicate_row"
    case noData = "no_data"
    /// The text was decoded from an encoding other than UTF-8 (the example names it).
    case nonUTF8Encoding = "non_utf8_encoding"
    // Column kinds (invalid_utf8 is shared).
    case null
    case typeMismatch = "type_mismatch"
    case mixedFormats = "mixed_formats"
    case whitespace
    case controlCharacters = "control_characters"
    case caseVariant = "case_variant"
    case caseVariantsNotChecked = "case_variants_not_checked"
    case leadingZeros = "leading_zeros"
    case nonFinite = "non_finite"
    case duplicateValue = "duplicate_value"
    /// A null token shaped like the column's most frequent value: it may be a real value (`NA`, North America).
    case nullTokenLikeValue = "null_token_like_value"
    /// A value breaks a value-level rule of the rule file (an addition to the contract; `rule` names it).
    case ruleViolation = "rule_violation"
}
