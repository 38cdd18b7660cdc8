import Dispatch

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where one chunk of a file starts: a record boundary, and the 1-based line there.
struct ChunkStart: Sendable, Equatable {
    var offset: Int
    var line: Int
}

/// Cuts a file into record-aligned chunks for parallel profiling, by quote parity.
///
/// Outside quotes, RFC 4180 quotes come in pairs, so a line ending preceded by an even number of quote bytes
/// ends a record. Each part of the file is scanned in parallel for its quote bytes and line endings (8 bytes
/// at a time); prefix sums then give the parity and line number at any point, and each cut moves forward
/// from its nominal place to the first line ending at even parity. Skipped lines and a `sep=` line are before
/// `bodyStart`, so their quotes do not count. With a comment byte, the quotes of every line that begins with it
/// do not count either (see ``CommentLines``). Files whose quotes break the rules can defeat parity, and so can a
/// line that begins with the comment byte inside a quoted field (data, whose quotes count): the caller checks
/// that each chunk's parse ends exactly at the next chunk's start and falls back to one chunk when it does not.
enum ChunkPlanner {
    /// - Parameters:
    ///   - descriptor: the open file.
    ///   - bodyStart: where records begin (after a BOM, skipped lines and a `sep=` line) and the line there.
    ///   - end: the file's size in bytes.
    ///   - targets: where cuts are wanted, increasing, each after `bodyStart` and before `end`; each cut is
    ///     placed at the first record boundary at or after its target and before the next target.
    ///   - comment: the comment byte, nil for none.
    ///   - notBefore: no cut at or before this offset (the end of the header record).
    /// - Returns: the chunk starts in file order, the first at `bodyStart`; fewer than `targets.count + 1`
    ///   when cuts could not be placed.
    /// - Complexity: reads `[bodyStart, targets.last)` once (the regions between targets in parallel), plus
    ///   the bytes from each target to its cut.
    /// - Throws: ``ProfileError`` `cannotRead`.
    static func plan(
        descriptor: Int32, path: String, bodyStart: ChunkStart, end: Int, targets: [Int], quote: UInt8,
        comment: UInt8? = nil, notBefore: Int
    ) throws -> [ChunkStart] {
        guard !targets.isEmpty, end > bodyStart.offset else { return [bodyStart] }
        let bounds = [bodyStart.offset] + targets
        let tallies = RegionTallies(count: targets.count)
        let commentLines = comment.map {
            CommentLines(descriptor: descriptor, comment: $0, bodyStart: bodyStart.offset)
        }
        DispatchQueue.concurrentPerform(iterations: targets.count) { index in
            tallies.store(
                index,
                commentLines.map {
                    $0.countRegion(from: bounds[index], to: bounds[index + 1], end: end, quote: quote)
                } ?? countRegion(descriptor, from: bounds[index], to: bounds[index + 1], end: end, quote: quote))
        }
        var starts = [bodyStart]
        var quotesBefore = 0
        var linesBefore = 0
        for index in targets.indices {
            guard let tally = tallies.value(index) else {
                throw ProfileError(code: .cannotRead, message: "cannot read it while planning chunks.", path: path)
            }
            quotesBefore += tally.quotes
            linesBefore += tally.lineEndings
            let limit = index + 1 < targets.count ? targets[index + 1] : end
            if let cut = findCut(
                descriptor, from: targets[index], limit: limit, end: end, quote: quote, commentLines: commentLines,
                oddParity: quotesBefore % 2 == 1, line: linesBefore + bodyStart.line), cut.offset > notBefore,
                cut.offset > starts.last!.offset, cut.offset < end
            {
                starts.append(cut)
            }
        }
        return starts
    }

    struct Tally {
        var quotes = 0
        var lineEndings = 0
    }

    private final class RegionTallies: @unchecked Sendable {
        private var values: [Tally?]
        private let lock = PthreadMutex()
        init(count: Int) { values = Array(repeating: nil, count: count) }
        func store(_ index: Int, _ tally: Tally?) { lock.withLock { values[index] = tally } }
        func value(_ index: Int) -> Tally? { lock.withLock { values[index] } }
    }

    /// Quote bytes and line endings (LF, and CR not followed by LF) in `[from, to)`.
    private static func countRegion(_ descriptor: Int32, from: Int, to: Int, end: Int, quote: UInt8) -> Tally? {
        var tally = Tally()
        let bufferLength = 1 << 20
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: bufferLength + 1, alignment: 8)
        defer { buffer.deallocate() }
        var position = from
        let quotes = 0x0101_0101_0101_0101 &* UInt64(quote)
        let lineFeeds: UInt64 = 0x0A0A_0A0A_0A0A_0A0A
        let carriageReturns: UInt64 = 0x0D0D_0D0D_0D0D_0D0D
        while position < to {
            // One byte more than the region when the file has it, to see whether a final CR precedes an LF.
            let wanted = min(bufferLength, to - position) + (min(bufferLength, to - position) + position < end ? 1 : 0)
            let read = pread(descriptor, buffer, wanted, off_t(position))
            if read <= 0 { return nil }
            let counted = min(read, to - position)
            var index = 0
            // Per-byte-lane counters (one 0/1 per lane and word, at most 255 words between folds), so a word
            // costs no population count (which the baseline x86-64 target has no instruction for).
            while index + 8 <= counted {
                let words = min(255, (counted - index) / 8)
                var quoteLanes: UInt64 = 0
                var lineFeedLanes: UInt64 = 0
                for _ in 0..<words {
                    let word = buffer.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                    quoteLanes &+= zeroBytes(word ^ quotes) >> 7
                    lineFeedLanes &+= zeroBytes(word ^ lineFeeds) >> 7
                    if zeroBytes(word ^ carriageReturns) != 0 {
                        for offset in index..<(index + 8) {
                            tally.lineEndings += loneCarriageReturn(buffer, offset, read)
                        }
                    }
                    index += 8
                }
                tally.quotes += laneSum(quoteLanes)
                tally.lineEndings += laneSum(lineFeedLanes)
            }
            while index < counted {
                let byte = buffer.load(fromByteOffset: index, as: UInt8.self)
                if byte == quote { tally.quotes += 1 }
                if byte == 0x0A { tally.lineEndings += 1 }
                tally.lineEndings += loneCarriageReturn(buffer, index, read)
                index += 1
            }
            position += counted
        }
        return tally
    }

    /// 1 when the byte at `index` is a CR not followed by LF within `count` bytes (a CR at the very end of
    /// the file also ends a line).
    @inline(__always)
    static func loneCarriageReturn(_ buffer: UnsafeMutableRawPointer, _ index: Int, _ count: Int) -> Int {
        guard buffer.load(fromByteOffset: index, as: UInt8.self) == 0x0D else { return 0 }
        if index + 1 < count && buffer.load(fromByteOffset: index + 1, as: UInt8.self) == 0x0A { return 0 }
        return 1
    }

    /// The sum of the eight byte lanes of `lanes` (each at most 255).
    @inline(__always)
    private static func laneSum(_ lanes: UInt64) -> Int {
        let pairs = (lanes & 0x00FF_00FF_00FF_00FF) &+ ((lanes >> 8) & 0x00FF_00FF_00FF_00FF)
        return Int(truncatingIfNeeded: (pairs &* 0x0001_0001_0001_0001) >> 48)
    }

    /// The high bit of each zero byte of `word` (exact, no false positives).
    @inline(__always)
    private static func zeroBytes(_ word: UInt64) -> UInt64 {
        let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        let sum = (word & low7) &+ low7
        return ~(sum | word | low7)
    }

    /// The first record boundary at or after `from` (just past a line ending at even parity), before `limit`;
    /// with `commentLines`, quotes of lines that begin with the comment byte do not count.
    private static func findCut(
        _ descriptor: Int32, from: Int, limit: Int, end: Int, quote: UInt8, commentLines: CommentLines?,
        oddParity: Bool, line: Int
    ) -> ChunkStart? {
        let bufferLength = 1 << 16
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: bufferLength, alignment: 8)
        defer { buffer.deallocate() }
        var odd = oddParity
        var currentLine = line
        var position = from
        var previousWasCarriageReturn = false
        guard var lineState = commentLines.map({ $0.lineState(at: from) }) ?? CommentLines.LineState(atStart: false)
        else { return nil }
        while position < limit {
            let read = pread(descriptor, buffer, min(bufferLength, end - position), off_t(position))
            if read <= 0 { return nil }
            for index in 0..<read {
                let byte = buffer.load(fromByteOffset: index, as: UInt8.self)
                let offset = position + index
                if previousWasCarriageReturn && byte != 0x0A {
                    // The CR before this byte ended a line on its own (CRLF is counted at its LF).
                    currentLine += 1
                    if !odd { return ChunkStart(offset: offset, line: currentLine) }
                    lineState.atStart = true
                }
                previousWasCarriageReturn = false
                if lineState.atStart {
                    lineState.isComment = byte == commentLines?.comment
                    lineState.atStart = false
                }
                if byte == quote {
                    if !lineState.isComment { odd.toggle() }
                } else if byte == 0x0A {
                    currentLine += 1
                    if !odd { return ChunkStart(offset: offset + 1, line: currentLine) }
                    lineState.atStart = true
                } else if byte == 0x0D {
                    previousWasCarriageReturn = true
                }
                if offset + 1 >= limit { return nil }
            }
            position += read
        }
        return nil
    }
}

/// About how many records `bytes` of input hold, from the line length of `sample` (its first bytes): the
/// sample's line feeds scaled to `bytes`; 0 when the sample holds fewer than 2 line feeds (no estimate).
/// Sizes tables ahead (``RecordProfiler/expectRows(_:)``), never a result.
func estimatedRows(bytes: Int, sample: some Collection<UInt8>) -> Int {
    guard bytes > 0, !sample.isEmpty else { return 0 }
    let lineFeeds =
        sample.withContiguousStorageIfAvailable { ByteScan.count(0x0A, in: UnsafeRawBufferPointer($0)) }
        ?? sample.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
    guard lineFeeds >= 2 else { return 0 }
    let (product, overflow) = bytes.multipliedReportingOverflow(by: lineFeeds)
    return overflow ? Int.max / 2 : product / sample.count
}
