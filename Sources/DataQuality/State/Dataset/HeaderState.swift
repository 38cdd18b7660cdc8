/// What a profile knows of its input's first record: whether it was read, the column names' bytes
/// (`column_N` without a header) and, when it was a header, its position, byte offset, fault and whether it
/// held invalid UTF-8 (so a merge counts a header that several parts read once).
///
/// Merge law (``RecordProfiler/merge(_:keepsRows:laterFirstCrossDuplicate:)``): the earlier part's header
/// stays; a later part's header is taken out of its counts.
struct HeaderState: Sendable, Equatable, Codable {
    var started = false
    var namesRaw: [[UInt8]] = []
    var line: Int?
    var byteOffset: Int?
    /// The header's fault (``RecordFaultKind``), by name; nil when well formed.
    var fault: String?
    var isInvalidUTF8 = false
}

extension RecordFaultKind {
    /// The fault's name in a state.
    var stateName: String {
        switch self {
        case .quoteInUnquotedField: "quote_in_unquoted_field"
        case .textAfterClosingQuote: "text_after_closing_quote"
        case .unterminatedQuote: "unterminated_quote"
        case .fieldTooLong: "field_too_long"
        }
    }

    /// The fault named `name` in a state; nil for an unknown name.
    init?(stateName name: String) {
        let all: [RecordFaultKind] = [.quoteInUnquotedField, .textAfterClosingQuote, .unterminatedQuote, .fieldTooLong]
        guard let found = all.first(where: { $0.stateName == name }) else { return nil }
        self = found
    }
}
