/// What a profile knows of its input's first record: whether it was read, the column names' bytes
/// (`column_N` without a header) and, when it was a header, its position, byte offset, fault and whether it
/// held invalid UTF-8 (so a merge counts a header that several parts read once).
///
/// Merge law (``merge(_:)``): the earlier part's header stays (a part that read no record takes the later
/// part's); a later part's header is taken out of its counts (``RecordTallies/removingHeader(fault:isInvalidUTF8:)``).
struct HeaderState: Sendable, Equatable, Codable {
    var started = false
    var namesRaw: [[UInt8]] = []
    var line: Int?
    var byteOffset: Int?
    /// The header's fault (``RecordFaultKind``), by name; nil when well formed.
    var fault: String?
    var isInvalidUTF8 = false
}

extension HeaderState {
    /// Keeps the earlier part's header, or takes the later part's when this part has none.
    /// - Returns: whether both parts read the header (the later part's counts must then lose it).
    mutating func merge(_ later: HeaderState) -> Bool {
        if !started && later.started {
            started = true
            namesRaw = later.namesRaw
        }
        guard line != nil else {
            line = later.line
            byteOffset = later.byteOffset
            fault = later.fault
            isInvalidUTF8 = later.isInvalidUTF8
            return false
        }
        return later.line != nil
    }

    /// The header's fault; nil when well formed.
    /// - Throws: ``StateReadingError`` for a fault name no version writes.
    func faultKind() throws -> RecordFaultKind? {
        guard let fault else { return nil }
        guard let kind = RecordFaultKind(stateName: fault) else { throw StateReadingError(offset: 0) }
        return kind
    }
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
