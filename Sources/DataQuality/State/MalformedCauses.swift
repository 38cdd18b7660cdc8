/// Malformed records counted by the cause the reader found (``RecordFaultKind``): the report's
/// `malformed_causes` (an addition to the contract, docs/report-additions.md).
///
/// Merge law: counts add; the empty tally (all zero) is the identity. Associative and commutative, so the
/// partial profiles of file chunks merge in any order.
///
/// Memory: four integers.
struct MalformedCauses: Sendable, Equatable, Codable {
    private var quoteInUnquotedField = 0
    private var textAfterClosingQuote = 0
    private var unterminatedQuote = 0
    private var fieldTooLong = 0

    /// Counts one malformed record.
    mutating func add(_ kind: RecordFaultKind) {
        switch kind {
        case .quoteInUnquotedField: quoteInUnquotedField += 1
        case .textAfterClosingQuote: textAfterClosingQuote += 1
        case .unterminatedQuote: unterminatedQuote += 1
        case .fieldTooLong: fieldTooLong += 1
        }
    }

    /// Takes back one malformed record counted by ``add(_:)`` (a header that two merged parts both read).
    mutating func remove(_ kind: RecordFaultKind) {
        switch kind {
        case .quoteInUnquotedField: quoteInUnquotedField -= 1
        case .textAfterClosingQuote: textAfterClosingQuote -= 1
        case .unterminatedQuote: unterminatedQuote -= 1
        case .fieldTooLong: fieldTooLong -= 1
        }
    }

    /// Adds the counts of another part of the input.
    mutating func merge(_ other: MalformedCauses) {
        quoteInUnquotedField += other.quoteInUnquotedField
        textAfterClosingQuote += other.textAfterClosingQuote
        unterminatedQuote += other.unterminatedQuote
        fieldTooLong += other.fieldTooLong
    }

    /// The causes that occurred and their record counts, by cause name (`field_too_long`,
    /// `quote_in_unquoted_field`, `text_after_closing_quote`, `unterminated_quote`); zero counts are left out.
    var byCause: [String: Int] {
        [
            "field_too_long": fieldTooLong, "quote_in_unquoted_field": quoteInUnquotedField,
            "text_after_closing_quote": textAfterClosingQuote, "unterminated_quote": unterminatedQuote
        ].filter { $0.value > 0 }
    }
}
