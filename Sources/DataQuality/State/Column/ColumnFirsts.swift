/// The first value of each kind in a column: the first null, the first of each value class, the first
/// value with whitespace, invalid UTF-8 or control characters, and the first repeated value.
///
/// Merge law: ``FirstSeen/earlier(_:)`` for each (the first repeat also looks across the parts).
struct ColumnFirsts: Sendable, Equatable, Codable {
    var null: FirstSeen?
    /// Empty until a first non-null value, then one entry per value class.
    var byClass: [FirstSeen?] = []
    var whitespace: FirstSeen?
    var invalidUTF8: FirstSeen?
    var controlCharacters: FirstSeen?
    var repeated: FirstSeen?
}
