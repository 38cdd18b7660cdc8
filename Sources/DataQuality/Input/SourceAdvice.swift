extension SourceDescription {
    /// Adds the advice a reader of the report needs when the dialect looks wrong, from the input's first
    /// bytes: ``preambleHint`` when rows are ragged and the field count settles only after the first lines
    /// (a title above the header: the fix is to skip lines, not another delimiter), else
    /// ``delimiterAlternative`` when a given delimiter left a single column and a candidate reads more.
    /// - Parameters:
    ///   - columnCount: the report's columns.
    ///   - raggedRows: the report's ragged rows (no preamble is looked for without them).
    ///   - options: the profile's options.
    ///   - prefix: the input-prefix decision (where records begin, the delimiter).
    ///   - firstBytes: the input's first bytes, at least up to ``DelimiterSniffer/sampleBytes`` past
    ///     `prefix.dataStart` when it is longer.
    ///   - inputLength: the input's length in bytes.
    /// - Complexity: O(``DelimiterSniffer/sampleBytes``) per delimiter candidate; O(1) when the report reads
    ///   as it should (no ragged rows, more than one column or a detected delimiter).
    mutating func advise(
        columnCount: Int, raggedRows: Int, options: ProfileOptions, prefix: InputPrefix,
        firstBytes: UnsafeRawBufferPointer, inputLength: Int
    ) {
        let start = min(prefix.dataStart, firstBytes.count)
        let body = UnsafeRawBufferPointer(rebasing: firstBytes[start...])
        let bodyLength = inputLength - prefix.dataStart
        if raggedRows > 0 {
            preambleHint = DelimiterSniffer.preambleHint(
                delimiter: prefix.delimiter, options: options, body: body, bodyLength: bodyLength,
                firstLine: prefix.firstLine)
        }
        if preambleHint == nil {
            delimiterAlternative = DelimiterSniffer.alternative(
                columnCount: columnCount, options: options, body: body, bodyLength: bodyLength)
        }
    }
}
