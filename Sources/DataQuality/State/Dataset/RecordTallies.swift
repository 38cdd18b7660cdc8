/// A profile's record counts and the first record of each kind: data rows, records read (header included),
/// blank lines, comment lines, ragged, malformed (by cause) and unterminated rows, rows with invalid UTF-8, and
/// the evidence on the text's encoding (``EncodingEvidence``).
///
/// Merge law (``merge(_:)``): counts add, firsts keep the lower position (``RecordSeen/earlier(_:_:)``), the
/// earlier part's on ties; the encoding evidence merges by its own law, and is nil (no facts) when either
/// part's is. A header that both parts read counts once (``removingHeader(fault:isInvalidUTF8:)``).
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
    /// Nil in states written before the evidence was kept (no facts: no `encoding_unsure` finding).
    var encoding: EncodingEvidence? = EncodingEvidence()
}

extension RecordTallies {
    /// Adds another part's counts and keeps the earlier firsts.
    mutating func merge(_ later: RecordTallies) {
        if let theirs = later.firstPosition, firstPosition.map({ theirs < $0 }) ?? true { firstPosition = theirs }
        rows += later.rows
        recordsSeen += later.recordsSeen
        blankLines += later.blankLines
        commentLines = (commentLines ?? 0) + (later.commentLines ?? 0)
        blankFirst = RecordSeen.earlier(blankFirst, later.blankFirst)
        ragged += later.ragged
        raggedFirst = RecordSeen.earlier(raggedFirst, later.raggedFirst)
        malformed += later.malformed
        malformedFirst = RecordSeen.earlier(malformedFirst, later.malformedFirst)
        malformedCauses.merge(later.malformedCauses)
        unterminated += later.unterminated
        unterminatedFirst = RecordSeen.earlier(unterminatedFirst, later.unterminatedFirst)
        invalidUTF8 += later.invalidUTF8
        invalidFirst = RecordSeen.earlier(invalidFirst, later.invalidFirst)
        if let theirs = later.encoding { encoding?.merge(theirs) } else { encoding = nil }
    }

    /// The counts without the part's header record (another part read the same header): one record fewer,
    /// and the header's fault and invalid UTF-8 taken out.
    func removingHeader(fault: RecordFaultKind?, isInvalidUTF8: Bool) -> RecordTallies {
        var counts = self
        counts.recordsSeen -= 1
        if let fault {
            counts.malformed -= 1
            counts.malformedCauses.remove(fault)
            if fault == .unterminatedQuote { counts.unterminated -= 1 }
        }
        if isInvalidUTF8 { counts.invalidUTF8 -= 1 }
        return counts
    }

    /// The same tallies with their positions turned by `mapPosition`.
    func mapped(_ mapPosition: (Int) -> Int) -> RecordTallies {
        var copy = self
        copy.firstPosition = firstPosition.map(mapPosition)
        copy.blankFirst = blankFirst?.mapped(mapPosition)
        copy.raggedFirst = raggedFirst?.mapped(mapPosition)
        copy.malformedFirst = malformedFirst?.mapped(mapPosition)
        copy.unterminatedFirst = unterminatedFirst?.mapped(mapPosition)
        copy.invalidFirst = invalidFirst?.mapped(mapPosition)
        copy.encoding = encoding?.mapped(mapPosition)
        return copy
    }
}
