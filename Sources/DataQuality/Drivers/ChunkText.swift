/// The text of one range of a file's stored bytes, handed to one reader: the stored bytes themselves in UTF-8,
/// else their decoding by a ``TextDecoder`` of the range's own, run on the reader's thread. A single-byte
/// encoding maps each byte alone, so a range cut at a record's start decodes as it would inside the whole text;
/// the reader's ``CSVRecordReader/storedOffsets`` translates its offsets back to stored ones.
///
/// Memory: the decoder's output buffer (at most 3 bytes per stored byte of a piece) and its offset checkpoints.
/// Not `Sendable`: one thread feeds it.
final class ChunkText {
    private let decoder: TextDecoder?
    /// The bytes of text handed on so far.
    private(set) var textBytes = 0

    /// - Parameters:
    ///   - encoding: UTF-8 or a single-byte encoding (UTF-16 has no offsets to cut at).
    ///   - storedStart: the stored offset of the range's first byte, which `reader` starts at too.
    ///   - reader: the reader the text goes to; its offsets are translated when the text is decoded.
    init<Consumer>(encoding: TextEncoding, storedStart: Int, reader: CSVRecordReader<Consumer>) {
        precondition(!encoding.isUTF16, "a UTF-16 text is decoded in one stream")
        decoder = encoding == .utf8 ? nil : TextDecoder(encoding: encoding, storedStart: storedStart)
        reader.storedOffsets = decoder?.offsets
    }

    /// Hands the text of the next stored piece to `reader`.
    /// - Throws: what the reader throws.
    /// - Complexity: O(piece length).
    func feed<Consumer>(_ piece: UnsafeRawBufferPointer, to reader: CSVRecordReader<Consumer>) throws {
        guard let decoder else {
            textBytes += piece.count
            return try reader.feed(piece)
        }
        try decoder.decode(piece) { text in
            textBytes += text.count
            try reader.feed(text)
        }
    }

    /// The text of `storedBytes` in `encoding` (the bytes themselves in UTF-8), with the translation of its
    /// offsets back to stored ones (nil in UTF-8). A UTF-8 byte-order mark at the start stays as it is, as
    /// ``TextStage`` hands it on.
    /// - Complexity: O(storedBytes.count).
    static func decoded(_ storedBytes: [UInt8], encoding: TextEncoding) -> (text: [UInt8], offsets: StoredOffsetMap?) {
        guard encoding != .utf8 else { return (storedBytes, nil) }
        let markLength = storedBytes.starts(with: ByteOrderMark.utf8.bytes) ? ByteOrderMark.utf8.bytes.count : 0
        let decoder = TextDecoder(encoding: encoding, storedStart: markLength)
        var text = Array(storedBytes[..<markLength])
        storedBytes.withUnsafeBytes { stored in
            decoder.decode(UnsafeRawBufferPointer(rebasing: stored[markLength...])) { text.append(contentsOf: $0) }
        }
        return (text, decoder.offsets)
    }
}
