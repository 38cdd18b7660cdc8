/// The first value of some kind seen in a column: its line (a ``SourcePosition`` code) and bytes.
///
/// Merge law: the earlier line wins, the receiver on a tie (it comes from the earlier part of the input).
struct FirstSeen: Sendable, Equatable, Codable {
    /// Bytes kept of an example: enough for the 100 Unicode scalars a report shows (4 bytes each at most).
    static let exampleBytes = 400

    var line: Int
    var example: [UInt8]

    /// The earlier of two firsts (the receiver wins ties: it comes from the earlier part of the input).
    func earlier(_ other: FirstSeen?) -> FirstSeen {
        guard let other, other.line < line else { return self }
        return other
    }

    /// The same first with its line's code turned by `mapPosition` (into another profile's source table).
    func mapped(_ mapPosition: (Int) -> Int) -> FirstSeen {
        FirstSeen(line: mapPosition(line), example: example)
    }
}

extension Optional where Wrapped == FirstSeen {
    /// The earlier of two optional firsts.
    func earlier(_ other: FirstSeen?) -> FirstSeen? {
        guard let self else { return other }
        return self.earlier(other)
    }
}
