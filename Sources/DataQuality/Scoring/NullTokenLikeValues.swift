extension ColumnEvidence {
    /// The `null_token_like_value` findings of a `string` column (contract, "Findings"): one for each non-empty
    /// null token whose shape equals that of the column's most frequent non-null value as written (ties: the
    /// byte-order-first value), with count = the nulls of that token, example = the token and first line =
    /// the first of them. Such a token may be a real value (`NA` for North America in a column of `EU`, `AP`).
    /// - Parameter mostFrequent: the column's most frequent non-null value (`top_values[0]`), whole (not cut to
    ///   100 scalars as a report shows it); nil when none.
    /// - Complexity: O(scalars of the value and of the tokens).
    func nullTokenLikeValues(mostFrequent: String?) -> [Finding] {
        guard let mostFrequent else { return [] }
        let valueShape = Self.letterDigitShape(mostFrequent)
        return state.nullTokens.inByteOrder.compactMap { token, tally in
            guard !token.isEmpty, Self.letterDigitShape(token) == valueShape else { return nil }
            return Finding(kind: .nullTokenLikeValue, count: tally.count, example: token, firstLine: tally.firstLine)
        }
    }

    /// The contract's shape of a text: each Unicode scalar becomes `A` (an upper or title case letter), `a` (any
    /// other letter), `9` (a decimal digit), and is kept otherwise.
    static func letterDigitShape(_ text: String) -> [Unicode.Scalar] {
        text.unicodeScalars.map { scalar in
            switch scalar.properties.generalCategory {
            case .uppercaseLetter, .titlecaseLetter: "A"
            case .lowercaseLetter, .modifierLetter, .otherLetter: "a"
            case .decimalNumber: "9"
            default: scalar
            }
        }
    }
}
