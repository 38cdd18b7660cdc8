/// A column's occurrences per value class (``ValueClass``), all and clean (conformable) ones: the type and
/// format are chosen from it at the end.
///
/// Merge law (``merge(_:)``): counts add, class by class.
struct ClassHistogram: Sendable, Equatable, Codable {
    /// Occurrences per value class.
    var all: [Int]
    /// Clean occurrences per value class.
    var clean: [Int]

    /// Whether both lists have one entry per value class.
    var isWellFormed: Bool { all.count == ValueClass.count && clean.count == ValueClass.count }
}

extension ClassHistogram {
    /// Adds another part's counts, class by class.
    mutating func merge(_ later: ClassHistogram) {
        for index in all.indices { all[index] += later.all[index] }
        for index in clean.indices { clean[index] += later.clean[index] }
    }
}
