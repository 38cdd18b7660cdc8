/// What stands between the byte order mark and the first record: the lines skipped by
/// ``ProfileOptions/linesToSkip`` and Excel's `sep=` line (the contract's "What is read, in order", steps 3
/// and 4). Comment lines are not part of it: they may stand anywhere, and the reader skips them
/// (``ProfileOptions/commentByte``).
struct Preamble: Sendable, Equatable {
    /// The lines skipped: ``ProfileOptions/linesToSkip``, or fewer when the text has fewer.
    let skippedLines: Int
    /// The byte an Excel `sep=` line names, when the line after the skipped ones is one.
    let separatorLineDelimiter: UInt8?
    /// The preamble's bytes: records begin this many bytes after the text's start (after its byte order mark).
    let length: Int

    /// No preamble: records begin where the text does.
    static let none = Preamble(skippedLines: 0, separatorLineDelimiter: nil, length: 0)

    /// The 1-based line records begin on.
    var firstRecordLine: Int { skippedLines + (separatorLineDelimiter == nil ? 0 : 1) + 1 }

    private init(skippedLines: Int, separatorLineDelimiter: UInt8?, length: Int) {
        self.skippedLines = skippedLines
        self.separatorLineDelimiter = separatorLineDelimiter
        self.length = length
    }

    /// Finds the preamble at the start of a text. LF, CRLF and a lone CR each end a line; quotes do not matter
    /// in skipped lines. A `sep=` line is exactly `sep=` and one byte other than CR, LF, the quote and the
    /// comment byte, then a line ending or the end of the text.
    /// - Parameters:
    ///   - text: the text's first bytes after its byte order mark.
    ///   - isWholeText: whether `text` is all of it (else it goes on past `text`).
    ///   - options: the lines to skip, the quote and the comment byte.
    /// - Returns: nil when `text` ends before the preamble does and the text goes on: hold more bytes.
    /// - Complexity: O(length of the skipped lines).
    init?(text: UnsafeRawBufferPointer, isWholeText: Bool, options: ProfileOptions) {
        var position = 0
        var skipped = 0
        while skipped < options.linesToSkip && position < text.count {
            guard let end = Self.lineEnd(in: text, from: position, isWholeText: isWholeText) else { return nil }
            position = end
            skipped += 1
        }
        if skipped < options.linesToSkip && !isWholeText { return nil }
        let line = UnsafeRawBufferPointer(rebasing: text[position...])
        let marker = Array("sep=".utf8)
        let sepLength = marker.count + 1
        guard line.count > marker.count || isWholeText else {
            if marker.starts(with: line) { return nil }
            self.init(skippedLines: skipped, separatorLineDelimiter: nil, length: position)
            return
        }
        let named = line.count > marker.count ? line[marker.count] : nil
        guard line.starts(with: marker), let named, named != 0x0D, named != 0x0A, named != options.quote,
            named != options.commentByte
        else {
            self.init(skippedLines: skipped, separatorLineDelimiter: nil, length: position)
            return
        }
        if line.count == sepLength {
            if !isWholeText { return nil }
            self.init(skippedLines: skipped, separatorLineDelimiter: named, length: position + sepLength)
            return
        }
        guard line[sepLength] == 0x0D || line[sepLength] == 0x0A else {
            self.init(skippedLines: skipped, separatorLineDelimiter: nil, length: position)
            return
        }
        guard let end = Self.lineEnd(in: text, from: position + sepLength, isWholeText: isWholeText) else { return nil }
        self.init(skippedLines: skipped, separatorLineDelimiter: named, length: end)
    }

    /// The offset just past the line ending at or after `start` (past the end of the text for its last line);
    /// nil when the text goes on and `text` ends before that is known (a line cut, or a CR that may be a CRLF's).
    private static func lineEnd(in text: UnsafeRawBufferPointer, from start: Int, isWholeText: Bool) -> Int? {
        guard let index = text[start...].firstIndex(where: { $0 == 0x0A || $0 == 0x0D }) else {
            return isWholeText ? text.count : nil
        }
        if text[index] == 0x0A { return index + 1 }
        if index + 1 < text.count { return text[index + 1] == 0x0A ? index + 2 : index + 1 }
        return isWholeText ? index + 1 : nil
    }
}
