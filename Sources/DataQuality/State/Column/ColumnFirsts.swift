/// The first value of each kind in a column: the first null, the first of each value class, the first
/// value with whitespace, invalid UTF-8 or control characters, and the first repeated value.
///
/// Merge law (``merge(_:crossRepeat:)``): ``FirstSeen/earlier(_:)`` for each, the earlier part's on ties; the
/// first repeat is the earliest of both parts' own and the first repeat across them.
struct ColumnFirsts: Sendable, Equatable, Codable {
    var null: FirstSeen?
    /// Empty until a first non-null value, then one entry per value class.
    var byClass: [FirstSeen?] = []
    var whitespace: FirstSeen?
    var invalidUTF8: FirstSeen?
    var controlCharacters: FirstSeen?
    var repeated: FirstSeen?
}

extension ColumnFirsts {
    /// Keeps the earlier of each first.
    /// - Parameter crossRepeat: the first value of the later part that repeats one of this part (nil when
    ///   none, or when the parts' values are sketched and keep no lines).
    mutating func merge(_ later: ColumnFirsts, crossRepeat: FirstSeen?) {
        // Parts of several files need not come one after the other: a repeat may come first in either.
        repeated = repeated.earlier(later.repeated).earlier(crossRepeat)
        null = null.earlier(later.null)
        if byClass.isEmpty {
            byClass = later.byClass
        } else if !later.byClass.isEmpty {
            for index in byClass.indices { byClass[index] = byClass[index].earlier(later.byClass[index]) }
        }
        whitespace = whitespace.earlier(later.whitespace)
        invalidUTF8 = invalidUTF8.earlier(later.invalidUTF8)
        controlCharacters = controlCharacters.earlier(later.controlCharacters)
    }

    /// The same firsts with their lines' codes turned by `mapPosition`.
    func mapped(_ mapPosition: (Int) -> Int) -> ColumnFirsts {
        ColumnFirsts(
            null: null?.mapped(mapPosition), byClass: byClass.map { $0?.mapped(mapPosition) },
            whitespace: whitespace?.mapped(mapPosition), invalidUTF8: invalidUTF8?.mapped(mapPosition),
            controlCharacters: controlCharacters?.mapped(mapPosition), repeated: repeated?.mapped(mapPosition))
    }
}
