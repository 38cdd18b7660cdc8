/// What the dataset finding `encoding_unsure` needs (contract, "Encoding"): whether the text's start was plain
/// ASCII, and the values whose bytes a detection may have misread: those that are not valid UTF-8 and those
/// whose stored bytes hold a complete, valid multi-byte UTF-8 sequence, counted in every record (the header,
/// ragged and malformed records included), each with the record that holds the first.
///
/// Merge law (``merge(_:)``): counts add, firsts keep the lower position (``RecordSeen/earlier(_:_:)``), the
/// earlier part's on ties, ``multibyteElsewhere`` is true when either part's is; ``windowIsASCII`` is read by
/// the one part that read the text's start (nil, the identity, in the others), and two parts that both read a
/// start (states of separate inputs) keep true only when both starts were ASCII.
struct EncodingEvidence: Sendable, Equatable, Codable {
    /// Whether the text from its first byte through the detection window (``TextEncoding/detectionWindow``
    /// bytes after a UTF-8 byte order mark, the mark included) holds only ASCII; nil in a part that did not
    /// read the text's start.
    var windowIsASCII: Bool?
    /// Whether the text outside the records read (the byte order mark, skipped lines, a `sep=` line and comment
    /// lines) holds a complete, valid multi-byte UTF-8 sequence.
    var multibyteElsewhere = false
    /// Values that are not valid UTF-8.
    var invalidValues = 0
    var invalidFirst: RecordSeen?
    /// Values whose stored bytes hold a complete, valid multi-byte UTF-8 sequence.
    var multibyteValues = 0
    var multibyteFirst: RecordSeen?

    /// Notes what the start of a text says: ``windowIsASCII`` and, from its bytes before the records
    /// (`recordsStart`), ``multibyteElsewhere``.
    /// - Parameter text: the text's first bytes: at least the byte order mark, the window and one byte more, or
    ///   the whole text.
    /// - Complexity: O(``TextEncoding/detectionWindow`` + `recordsStart`).
    mutating func noteStart(of text: UnsafeRawBufferPointer, recordsStart: Int) {
        let mark = text.starts(with: ByteOrderMark.utf8.bytes) ? ByteOrderMark.utf8.bytes.count : 0
        windowIsASCII = ByteScan.isASCII(
            UnsafeRawBufferPointer(rebasing: text.prefix(mark + TextEncoding.detectionWindow)))
        let before = UnsafeRawBufferPointer(rebasing: text.prefix(recordsStart))
        multibyteElsewhere = multibyteElsewhere || TextEncoding.containsValidMultibyteUTF8(before)
    }

    /// Adds a later part's counts and keeps the earlier firsts.
    mutating func merge(_ later: EncodingEvidence) {
        switch (windowIsASCII, later.windowIsASCII) {
        case (nil, let theirs): windowIsASCII = theirs
        case (let ours?, let theirs?): windowIsASCII = ours && theirs
        case (_?, nil): break
        }
        multibyteElsewhere = multibyteElsewhere || later.multibyteElsewhere
        invalidValues += later.invalidValues
        invalidFirst = RecordSeen.earlier(invalidFirst, later.invalidFirst)
        multibyteValues += later.multibyteValues
        multibyteFirst = RecordSeen.earlier(multibyteFirst, later.multibyteFirst)
    }

    /// The same evidence with its positions turned by `mapPosition`.
    func mapped(_ mapPosition: (Int) -> Int) -> EncodingEvidence {
        var copy = self
        copy.invalidFirst = invalidFirst?.mapped(mapPosition)
        copy.multibyteFirst = multibyteFirst?.mapped(mapPosition)
        return copy
    }
}
