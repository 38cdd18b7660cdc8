/// A profile's record counts and the first record of each kind: data rows, records read (header included),
/// blank lines, comment lines, ragged, malformed (by cause) and unterminated rows, rows with invalid UTF-8.
///
/// Merge law: counts add, firsts keep the lower position (``RecordSeen/earlier(_:_:)``).
struct RecordTallies: Sendable, Equatable, Codable {
    var rows = 0
    var recordsSeen = 0
    var blankLines = 0
    /// Nil in states written before comment lines were counted (read as 0).
    var commentLines: Int? = 0
    var ragged = 0
    var malformed = 0
    var unterminated = 0
    var invalidUTF8 = 0
    var malformedCauses = MalformedCauses()
    /// The position code of the first data record or blank line read (orders parts for a merge).
    var firstPosition: Int?
    var blankFirst: RecordSeen?
    var raggedFirst: RecordSeen?
    var malformedFirst: RecordSeen?
    var unterminatedFirst: RecordSeen?
    var invalidFirst: RecordSeen?
}
