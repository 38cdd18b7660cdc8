/// A column's nulls by token (the contract's `null_tokens`): for each token a null value's trimmed text equals
/// (`""` for an empty or whitespace-only value), how many nulls had it and the line of the first of them (a
/// ``SourcePosition`` code), which the `null_token_like_value` finding cites.
///
/// Merge law (``merge(_:)``): counts add token by token, and each token keeps the earlier first line (parts of
/// several files need not come one after the other). Associative and commutative, with the empty value as
/// identity, so any cut of the input in any order merges to the one-pass counts.
struct NullTokenCounts: Sendable, Equatable, Codable {
    /// One token's nulls.
    struct Tally: Sendable, Equatable, Codable {
        var count: Int
        /// The line of the token's first null.
        var firstLine: Int
    }

    /// The tallies by token text.
    var byToken: [String: Tally] = [:]

    /// Counts `count` nulls of `token`, the first of them on `firstLine`.
    mutating func add(_ token: String, count: Int, firstLine: Int) {
        guard count > 0 else { return }
        if let kept = byToken[token] {
            byToken[token] = Tally(count: kept.count + count, firstLine: min(kept.firstLine, firstLine))
        } else {
            byToken[token] = Tally(count: count, firstLine: firstLine)
        }
    }

    /// Adds the counts of another part of the input (see the merge law above).
    mutating func merge(_ later: NullTokenCounts) {
        for (token, tally) in later.byToken { add(token, count: tally.count, firstLine: tally.firstLine) }
    }

    /// The nulls of every token.
    var total: Int { byToken.values.reduce(0) { $0 + $1.count } }

    /// Whether every token has at least one null and their counts add up to `nulls` (a state read from a file:
    /// the sum stops as soon as it passes `nulls`, so no count overflows it).
    func addsUp(to nulls: Int) -> Bool {
        var sum = 0
        for tally in byToken.values {
            guard tally.count > 0, tally.count <= nulls - sum else { return false }
            sum += tally.count
        }
        return sum == nulls
    }

    /// The tokens in UTF-8 byte order (the contract's order of `null_tokens` keys) with their tallies.
    var inByteOrder: [(token: String, tally: Tally)] {
        byToken.map { (token: $0.key, tally: $0.value) }
            .sorted { $0.token.utf8.lexicographicallyPrecedes($1.token.utf8) }
    }

    /// The same counts with their lines' codes turned by `mapPosition` (into another profile's source table).
    func mapped(_ mapPosition: (Int) -> Int) -> NullTokenCounts {
        NullTokenCounts(
            byToken: byToken.mapValues { Tally(count: $0.count, firstLine: mapPosition($0.firstLine)) })
    }
}
