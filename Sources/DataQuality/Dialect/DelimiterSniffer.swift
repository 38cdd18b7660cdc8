#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Detects the delimiter by the report contract's rule.
///
/// The sample (the first 64 KiB from where records begin: after a BOM, skipped lines and a `sep=` line) is read
/// with each candidate `,` `;` TAB `|` (one equal to the quote or the comment byte is skipped) by the same
/// libcsv reader as the profile, so quoting is respected. Blank lines and comment lines are ignored and, when
/// the input is longer than the sample, so is the last (possibly cut) record. For each
/// candidate the most common field count (ties to the smaller) and its share of records are taken; a
/// candidate whose most common count is 1 is dropped. The largest share wins, then the larger count, then
/// the candidates' order. With no eligible candidate the delimiter is `,`, unless `,` is the quote: then
/// there is no delimiter to fall back on and the caller must give one.
enum DelimiterSniffer {
    /// 64 KiB.
    static let sampleBytes = 65_536
    static let candidates: [UInt8] = [0x2C, 0x3B, 0x09, 0x7C]
    /// `,`: the delimiter when no candidate is eligible.
    static let fallback: UInt8 = 0x2C

    /// The sampled records' field counts and lines, read with one candidate.
    private final class FieldCounts: RecordConsumer {
        var counts: [Int] = []
        var lines: [Int] = []
        func blankLine(line: Int, byteOffset: Int, text: UnsafeRawBufferPointer) {}
        func record(
            _ fields: RecordBuffer, line: Int, byteOffset: Int, fault: RecordFault?,
            rawText: UnsafeRawBufferPointer, isComplete: Bool
        ) {
            counts.append(fields.fieldCount)
            lines.append(line)
        }

        /// Reads `sample` with `delimiter`, the last record left out when the input goes on past it.
        static func read(
            _ sample: UnsafeRawBufferPointer, isTruncated: Bool, delimiter: UInt8, options: ProfileOptions,
            firstLine: Int = 1
        ) -> FieldCounts {
            let consumer = FieldCounts()
            let reader = CSVRecordReader(
                consumer: consumer, delimiter: delimiter, quote: options.quote, maxFieldBytes: options.maxFieldBytes,
                startOffset: 0, startLine: firstLine, commentByte: options.commentByte, locatesFaultsExactly: false)
            try? reader.feed(sample)
            try? reader.finish()
            if isTruncated && !consumer.counts.isEmpty {
                consumer.counts.removeLast()
                consumer.lines.removeLast()
            }
            return consumer
        }
    }

    /// The delimiter of an input: `options.delimiter` when given, else detected from the first ``sampleBytes``
    /// bytes of `body` (the input from where records begin).
    /// - Parameter bodyLength: the whole body's length in bytes (it may go on past `body`).
    /// - Throws: as ``detect(sample:isTruncated:options:)``.
    static func delimiter(options: ProfileOptions, body: UnsafeRawBufferPointer, bodyLength: Int) throws -> UInt8 {
        if let given = options.delimiter { return given }
        return try detect(
            sample: UnsafeRawBufferPointer(rebasing: body.prefix(sampleBytes)), isTruncated: bodyLength > sampleBytes,
            options: options)
    }

    /// - Parameters:
    ///   - sample: at most ``sampleBytes`` bytes from where records begin.
    ///   - isTruncated: whether the input goes on past the sample.
    ///   - options: the quote, the field limit and the comment byte.
    /// - Returns: the delimiter byte (never the quote or the comment byte).
    /// - Throws: ``ProfileError`` `invalidOption` when no candidate is eligible and the quote is `,`, the
    ///   contract's fallback delimiter.
    /// - Complexity: O(sample length) per candidate the sample holds; one `memchr` per candidate when `,` is
    ///   the only one it holds (``onlyFallbackIsHeld(sample:options:)``).
    static func detect(sample: UnsafeRawBufferPointer, isTruncated: Bool, options: ProfileOptions) throws -> UInt8 {
        if onlyFallbackIsHeld(sample: sample, options: options) { return fallback }
        return try detectByReading(sample: sample, isTruncated: isTruncated, options: options)
    }

    /// Whether `,` is a candidate and the only candidate `sample` holds. The rule then gives `,` however the
    /// sample reads with it (eligible, it wins alone; not eligible, it is the fallback), so ``detect(sample:
    /// isTruncated:options:)`` need not read it: a small file of commas, a whole file inside the sample, is
    /// otherwise parsed twice.
    /// - Complexity: one `memchr` per candidate.
    static func onlyFallbackIsHeld(sample: UnsafeRawBufferPointer, options: ProfileOptions) -> Bool {
        guard let base = sample.baseAddress, options.quote != fallback, options.commentByte != fallback else {
            return false
        }
        return memchr(base, Int32(fallback), sample.count) != nil
            && candidates.allSatisfy { candidate in
                candidate == fallback || candidate == options.quote || candidate == options.commentByte
                    || memchr(base, Int32(candidate), sample.count) == nil
            }
    }

    /// ``detect(sample:isTruncated:options:)`` by reading the sample with every candidate it holds.
    static func detectByReading(
        sample: UnsafeRawBufferPointer, isTruncated: Bool, options: ProfileOptions
    ) throws -> UInt8 {
        if let best = bestCandidate(sample: sample, isTruncated: isTruncated, options: options) {
            return best.delimiter
        }
        guard options.quote != fallback else {
            throw ProfileError(.quoteIsDefaultDelimiter)
        }
        return fallback
    }

    /// For an input read with a given delimiter into a single column: the candidate the sniffing rule picks
    /// from the first ``sampleBytes`` bytes of `body`, when it is another byte than the given one.
    /// - Parameters:
    ///   - columnCount: the report's columns.
    ///   - options: the profile's options; nil is returned when they give no delimiter.
    ///   - body: the input after its BOM, at least its first ``sampleBytes`` bytes when it is longer.
    ///   - bodyLength: the whole body's length in bytes (it may go on past `body`).
    /// - Returns: nil unless the delimiter was given, `columnCount` is 1 and an eligible candidate other than
    ///   the given delimiter exists (its most common field count is then at least 2).
    /// - Complexity: O(sample length) per candidate; O(1) when nil is certain beforehand.
    static func alternative(
        columnCount: Int, options: ProfileOptions, body: UnsafeRawBufferPointer, bodyLength: Int
    ) -> DelimiterAlternative? {
        guard columnCount == 1, let given = options.delimiter,
            let best = bestCandidate(
                sample: UnsafeRawBufferPointer(rebasing: body.prefix(sampleBytes)),
                isTruncated: bodyLength > sampleBytes, options: options),
            best.delimiter != given
        else { return nil }
        return DelimiterAlternative(delimiter: best.delimiter, columns: best.columns)
    }

    /// The eligible candidate that wins by the rule above, with its most common field count; nil when none is
    /// eligible.
    private static func bestCandidate(
        sample: UnsafeRawBufferPointer, isTruncated: Bool, options: ProfileOptions
    ) -> (delimiter: UInt8, columns: Int)? {
        var best: (share: (Int, Int), mode: Int, rank: Int, delimiter: UInt8)?
        for (rank, candidate) in candidates.enumerated()
        where candidate != options.quote && candidate != options.commentByte {
            // A byte the sample does not hold splits no record: every count would be 1, so the candidate is
            // dropped without reading the sample with it (most files hold one or two of the four).
            guard let base = sample.baseAddress, memchr(base, Int32(candidate), sample.count) != nil else { continue }
            let counts = FieldCounts.read(sample, isTruncated: isTruncated, delimiter: candidate, options: options)
                .counts
            if counts.isEmpty { continue }
            var tally: [Int: Int] = [:]
            for count in counts { tally[count, default: 0] += 1 }
            let mode = tally.min { lhs, rhs in lhs.value != rhs.value ? lhs.value > rhs.value : lhs.key < rhs.key }!
            if mode.key <= 1 { continue }
            let share = (mode.value, counts.count)
            if let current = best {
                let left = share.0 * current.share.1
                let right = current.share.0 * share.1
                let better = left != right ? left > right : (mode.key != current.mode ? mode.key > current.mode : false)
                if !better { continue }
            }
            best = (share, mode.key, rank, candidate)
        }
        return best.map { ($0.delimiter, $0.mode) }
    }
}

extension DelimiterSniffer {
    /// For an input whose records' field count settles only after its first lines (a title or an export note
    /// above the header): how many lines to skip. From the first ``sampleBytes`` bytes of `body` read with
    /// `delimiter`: the records after the first few all have one count of at least 2, more than the first few
    /// have (all the same) and more records than them, two at least.
    /// - Parameters:
    ///   - delimiter: the delimiter the input was read with.
    ///   - options: the quote, the field limit and the comment byte.
    ///   - body: the input from where records begin, at least its first ``sampleBytes`` bytes when it is longer.
    ///   - bodyLength: the whole body's length in bytes (it may go on past `body`).
    ///   - firstLine: the 1-based line `body` starts on.
    /// - Returns: nil unless the count settles so.
    /// - Complexity: O(sample length).
    static func preambleHint(
        delimiter: UInt8, options: ProfileOptions, body: UnsafeRawBufferPointer, bodyLength: Int, firstLine: Int
    ) -> PreambleHint? {
        let read = FieldCounts.read(
            UnsafeRawBufferPointer(rebasing: body.prefix(sampleBytes)), isTruncated: bodyLength > sampleBytes,
            delimiter: delimiter, options: options, firstLine: firstLine)
        guard let settled = read.counts.last, settled >= 2 else { return nil }
        let settledFrom = (read.counts.lastIndex { $0 != settled } ?? -1) + 1
        guard settledFrom > 0, read.counts.count - settledFrom > max(1, settledFrom) else { return nil }
        let before = read.counts[0]
        guard before < settled, read.counts[..<settledFrom].allSatisfy({ $0 == before }) else { return nil }
        return PreambleHint(lines: read.lines[settledFrom] - 1, fieldsBefore: before, fieldsAfter: settled)
    }
}
