/// A record that is the first of some kind (a blank line, a ragged or malformed row, a duplicate row): its
/// line (a ``SourcePosition`` code), byte offset when the input has them, and its text cut to 100 scalars.
///
/// Merge law: the record with the lower position wins, the earlier part's on a tie.
struct RecordSeen: Sendable, Equatable, Codable {
    var line: Int
    var byteOffset: Int?
    var example: String

    /// The same record with its line's code turned by `mapPosition` (into another profile's source table).
    func mapped(_ mapPosition: (Int) -> Int) -> RecordSeen {
        RecordSeen(line: mapPosition(line), byteOffset: byteOffset, example: example)
    }

    /// The record with the lower position; the first wins ties.
    static func earlier(_ first: RecordSeen?, _ second: RecordSeen?) -> RecordSeen? {
        guard let first else { return second }
        guard let second, second.line < first.line else { return first }
        return second
    }
}
