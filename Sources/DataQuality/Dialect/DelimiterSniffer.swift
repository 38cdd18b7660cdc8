#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Detects the delimiter by the report contract's rule.
///
/// The sample (the first 64 KiB after a BOM) is read with each candidate `,` `;` TAB `|` (one equal to the
/// quote is skipped) by the same libcsv reader as the profile, so quoting is respected. Blank lines are
/// ignored and, when the input is longer than the sample, so is the last (possibly cut) record. For each
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

    private final class FieldCounts: RecordConsumer {
        var counts: [Int] = []
        func blankLine(line: Int, byteOffset: Int, text: UnsafeRawBufferPointer) {}
        func record(
            _ fields: RecordBuffer, line: Int, byteOffset: Int, fault: RecordFault?,
            rawText: UnsafeRawBufferPointer, isComplete: Bool
        ) {
            counts.append(fields.fieldCount)
        }
    }

    /// The delimiter of an input: `options.delimiter` when given, else detected from the first ``sampleBytes``
    /// bytes of `body` (the input after its BOM).
    /// - Parameter bodyLength: the whole body's length in bytes (it may go on past `body`).
    /// - Throws: as ``detect(sample:isTruncated:quote:maxFieldBytes:)``.
    static func delimiter(options: ProfileOptions, body: UnsafeRawBufferPointer, bodyLength: Int) throws -> UInt8 {
        if let given = options.delimiter { return given }
        return try detect(
            sample: UnsafeRawBufferPointer(rebasing: body.prefix(sampleBytes)), isTruncated: bodyLength > sampleBytes,
            quote: options.quote, maxFieldBytes: options.maxFieldBytes)
    }

    /// - Parameters:
    ///   - sample: at most ``sampleBytes`` bytes after the BOM.
    ///   - isTruncated: whether the input goes on past the sample.
    /// - Returns: the delimiter byte (never the quote).
    /// - Throws: ``ProfileError`` `invalidOption` when no candidate is eligible and the quote is `,`, the
    ///   contract's fallback delimiter.
    /// - Complexity: O(sample length) per candidate.
    static func detect(sample: UnsafeRawBufferPointer, isTruncated: Bool, quote: UInt8, maxFieldBytes: Int) throws
        -> UInt8
    {
        if let best = bestCandidate(
            sample: sample, isTruncated: isTruncated, quote: quote, maxFieldBytes: maxFieldBytes)
        {
            return best.delimiter
        }
        guard quote != fallback else {
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
                isTruncated: bodyLength > sampleBytes,
                quote: options.quote, maxFieldBytes: options.maxFieldBytes),
            best.delimiter != given
        else { return nil }
        return DelimiterAlternative(delimiter: best.delimiter, columns: best.columns)
    }

    /// The eligible candidate that wins by the rule above, with its most common field count; nil when none is
    /// eligible.
    private static func bestCandidate(
        sample: UnsafeRawBufferPointer, isTruncated: Bool, quote: UInt8, maxFieldBytes: Int
    ) -> (delimiter: UInt8, columns: Int)? {
        var best: (share: (Int, Int), mode: Int, rank: Int, delimiter: UInt8)?
        for (rank, candidate) in candidates.enumerated() where candidate != quote {
            // A byte the sample does not hold splits no record: every count would be 1, so the candidate is
            // dropped without reading the sample with it (most files hold one or two of the four).
            guard let base = sample.baseAddress, memchr(base, Int32(candidate), sample.count) != nil else { continue }
            let consumer = FieldCounts()
            let reader = CSVRecordReader(
                consumer: consumer, delimiter: candidate, quote: quote, maxFieldBytes: maxFieldBytes, startOffset: 0,
                locatesFaultsExactly: false)
            try? reader.feed(sample)
            try? reader.finish()
            var counts = consumer.counts
            if isTruncated && !counts.isEmpty { counts.removeLast() }
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
