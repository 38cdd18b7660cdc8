extension TextEncoding {
    /// The bytes after a UTF-8 byte order mark that detection reads: 64 KiB.
    static let detectionWindow = 65_536

    /// The contract's encoding of a text ("Encoding"): a UTF-16 byte order mark's, else the one given, else the
    /// one detected from the first ``detectionWindow`` bytes after a UTF-8 byte order mark: `utf-8` when they
    /// are valid UTF-8 (a sequence the window's end cuts is valid when the text goes on), else `windows-1252`
    /// when they hold no valid multi-byte UTF-8 sequence, else `utf-8`.
    /// - Parameters:
    ///   - firstBytes: the text's first bytes: at least the byte order mark, the window and one byte more, or
    ///     the whole text.
    ///   - given: the encoding named by the caller (``ProfileOptions/encoding``), nil to detect it.
    /// - Returns: the encoding, and whether it was detected (neither a mark's nor given).
    /// - Complexity: O(``detectionWindow``).
    static func reading(firstBytes: UnsafeRawBufferPointer, given: TextEncoding?) -> (
        encoding: TextEncoding, isDetected: Bool
    ) {
        if firstBytes.starts(with: ByteOrderMark.utf16LittleEndian.bytes) { return (.utf16LittleEndian, false) }
        if firstBytes.starts(with: ByteOrderMark.utf16BigEndian.bytes) { return (.utf16BigEndian, false) }
        if let given { return (given, false) }
        let start = firstBytes.starts(with: ByteOrderMark.utf8.bytes) ? ByteOrderMark.utf8.bytes.count : 0
        let end = min(firstBytes.count, start + detectionWindow)
        let window = UnsafeRawBufferPointer(rebasing: firstBytes[start..<end])
        var validator = StreamingUTF8Validator()
        validator.feed(window)
        if validator.isValid && (validator.isComplete || firstBytes.count > end) { return (.utf8, true) }
        return (containsValidMultibyteUTF8(window) ? .utf8 : .windows1252, true)
    }

    /// Whether `bytes` hold at least one complete, valid multi-byte UTF-8 sequence.
    /// - Complexity: O(`bytes.count`).
    static func containsValidMultibyteUTF8(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var index = 0
        while index < bytes.count {
            let sequence = utf8Sequence(lead: bytes[index])
            index += 1
            guard sequence.length > 0, index + sequence.length - 1 <= bytes.count,
                (sequence.low...sequence.high).contains(bytes[index])
            else { continue }
            if bytes[index + 1..<index + sequence.length - 1].allSatisfy({ (0x80...0xBF).contains($0) }) {
                return true
            }
        }
        return false
    }
}
