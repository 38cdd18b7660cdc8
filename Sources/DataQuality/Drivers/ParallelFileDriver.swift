import Dispatch
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// How a file is cut for parallel profiling.
struct ChunkingPolicy: Sendable {
    /// Chunks wanted (the number of cores, by default).
    var parts: Int
    /// Files smaller than `parts` x this many bytes use fewer chunks (one below it).
    var minimumBytesPerPart: Int

    /// One chunk per active core, at least 8 MiB each.
    static var automatic: ChunkingPolicy {
        ChunkingPolicy(parts: ProcessInfoLike.activeProcessorCount, minimumBytesPerPart: 8 << 20)
    }
}

/// Profiles a regular file in record-aligned chunks, one parser and partial profile per core, then merges
/// the partial profiles in file order (``RecordProfiler/merge(_:keepsRows:laterFirstCrossDuplicate:)``).
///
/// The merged report equals the one-pass report: the same counts, lines, bounds, distinct values, top values
/// and grades; means and deviations to about 1e-15 relative. When the chunks cannot be trusted (a chunk's
/// parse does not end exactly where the next begins: stray quotes defeated the parity cut) it returns nil
/// and the caller profiles the file in one pass.
enum ParallelFileDriver {
    /// What each worker leaves: written by worker `index` only, read after every worker has been joined.
    private final class Results: @unchecked Sendable {
        var profilers: [RecordProfiler?]
        var atBoundary: [Bool]
        /// The bytes of text each chunk held (its stored bytes, decoded when the text is not UTF-8).
        var textBytes: [Int]
        var errors: [Error?]
        var planFailed = false
        init(parts: Int) {
            profilers = Array(repeating: nil, count: parts)
            atBoundary = Array(repeating: false, count: parts)
            textBytes = Array(repeating: 0, count: parts)
            errors = Array(repeating: nil, count: parts)
        }

        /// Makes worker `index`'s profiler and reads its chunk with it, keeping the profiler or the error.
        func run(_ index: Int, make: () throws -> RecordProfiler, read: (RecordProfiler) throws -> Void) {
            do {
                let profiler = try make()
                profilers[index] = profiler
                try read(profiler)
            } catch {
                errors[index] = error
            }
        }
    }

    /// A value one thread publishes once and others wait for (the first publication wins).
    private final class Published<Value>: @unchecked Sendable {
        private let lock = PthreadMutex()
        private let ready = DispatchSemaphore(value: 0)
        private var isPublished = false
        private var stored: Value?

        func publish(_ value: Value?) {
            let isFirst = lock.withLock {
                guard !isPublished else { return false }
                isPublished = true
                stored = value
                return true
            }
            if isFirst { ready.signal() }
        }

        /// Waits for the publication (passing the signal on to the next waiter).
        func value() -> Value? {
            ready.wait()
            ready.signal()
            return lock.withLock { stored }
        }
    }

    /// A thread of its own, so workers that wait for each other never wait for a free thread of a pool.
    private final class Worker: @unchecked Sendable {
        private let done = DispatchSemaphore(value: 0)

        init(_ body: @escaping @Sendable () -> Void) {
            let done = self.done
            let thread = Thread {
                body()
                done.signal()
            }
            thread.stackSize = 8 << 20
            thread.start()
        }

        func join() { done.wait() }
    }

    /// The first chunk's head start: the other workers begin once the first has read `records` records, with
    /// the columns that have switched to sketches by then switched from their start. Without it every worker
    /// fills exact tables of up to the exact bound in the same columns at the same time (twice the one-core
    /// memory on two cores); with it, the columns whose distinct values pass the bound early (identifiers,
    /// timestamps, free text) fill one table, in the first worker. The flags come from a fixed record count,
    /// so reports do not depend on timing; a column switched in any part is past the bound in the whole file,
    /// so no exact figure changes (only the estimates of sketched columns, within their error).
    ///
    /// `records` is the exact bound plus a quarter; `bytes`, those records' share of the file (from the mean
    /// record length of the first 64 KiB), or 0, no head start, when that is more than an eighth of the file
    /// (the other workers would wait too long).
    struct HeadStart: Sendable {
        let records: Int
        let bytes: Int

        init(options: ProfileOptions, prefix: ArraySlice<UInt8>, length: Int) {
            let (records, overflow) = options.exactDistinctLimit.addingReportingOverflow(options.exactDistinctLimit / 4)
            self.records = overflow ? Int.max : records
            let lineEndings = max(1, prefix.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) })
            let (estimate, tooMany) = self.records.multipliedReportingOverflow(by: max(1, prefix.count / lineEndings))
            bytes = !tooMany && estimate <= length / 8 ? estimate : 0
        }
    }

    /// A stop asked for by the plan's failure (the caller then profiles the file in one pass).
    private struct PlanFailed: Error {}

    /// Reads one chunk into `profiler` from `start` to the offset `end` gives for the current position (nil:
    /// stop, the plan failed), in 1 MiB pieces.
    private static func profileChunk(
        _ descriptor: Int32, path: String, options: ProfileOptions, encoding: TextEncoding, delimiter: UInt8,
        start: ChunkStart, end: (Int) -> Int?, isLast: Bool, profiler: RecordProfiler, progress: ProgressTracker?,
        results: Results, index: Int
    ) throws {
        let reader = CSVRecordReader(
            consumer: profiler, delimiter: delimiter, quote: options.quote, maxFieldBytes: options.maxFieldBytes,
            startOffset: start.offset, startLine: start.line, commentByte: options.commentByte,
            locatesFaultsExactly: options.strict)
        let text = ChunkText(encoding: encoding, storedStart: start.offset, reader: reader)
        var rowsReported = 0
        let bufferLength = ByteSource.chunkLength
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: bufferLength, alignment: 16)
        defer { buffer.deallocate() }
        var position = start.offset
        while true {
            guard let limit = end(position) else { throw PlanFailed() }
            if position >= limit { break }
            let read = pread(descriptor, buffer, min(bufferLength, limit - position), off_t(position))
            if read < 0 && errno == EINTR { continue }
            guard read > 0 else {
                throw ProfileError(
                    code: .cannotRead, message: "cannot read it: the file changed while it was read.", path: path)
            }
            try text.feed(UnsafeRawBufferPointer(start: buffer, count: read), to: reader)
            progress?.advance(bytes: read, rows: profiler.tallies.rows - rowsReported)
            rowsReported = profiler.tallies.rows
            position += read
        }
        results.textBytes[index] = text.textBytes
        if isLast {
            try reader.finish()
            results.atBoundary[index] = true
        } else {
            results.atBoundary[index] = reader.isAtRecordBoundary
        }
    }

    /// First-record capture: the names (or width) that later chunks need before the first chunk is read.
    private final class FirstRecord: RecordConsumer {
        struct Found: Error {}
        var fields: [[UInt8]]?
        func blankLine(line: Int, byteOffset: Int, text: UnsafeRawBufferPointer) {}
        /// Keeps the first record's fields, then stops the reader (so its `lastRecordEnd` is this record's end).
        func record(
            _ fields: RecordBuffer, line: Int, byteOffset: Int, fault: RecordFault?, rawText: UnsafeRawBufferPointer,
            isComplete: Bool
        ) throws {
            self.fields = (0..<fields.fieldCount).map { Array(fields.field($0)) }
            throw Found()
        }
    }

    /// - Parameters:
    ///   - progress: told the bytes and rows each worker reads.
    ///   - finished: given the merged columns' conformance judges (for the failing-rows pass).
    /// - Returns: the report, or nil when the file should be profiled in one pass (small, or chunks untrusted).
    /// - Throws: ``ProfileError`` as ``Profiler/profile(fileAt:)``.
    static func profile(
        path: String, options: ProfileOptions, policy: ChunkingPolicy, progress: ProgressTracker? = nil,
        finished: ([ConformanceJudge]) -> Void = { _ in }
    ) throws -> Report? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else { return nil }
        let size = Int(status.st_size)
        let parts = min(policy.parts, size / max(1, policy.minimumBytesPerPart))
        guard parts > 1 else { return nil }

        var firstBytes: [UInt8] = []
        var prefixLength = InputPrefix.minimumLength
        repeat {
            let length = min(size, prefixLength)
            firstBytes = [UInt8](repeating: 0, count: length)
            guard firstBytes.withUnsafeMutableBytes({ pread(descriptor, $0.baseAddress, length, 0) }) == length else {
                return nil
            }
            // A compressed file is read in one stream: its text has no offsets to cut at.
            guard firstBytes.withUnsafeBytes({ Compression(firstBytes: $0) }) == nil else { return nil }
            prefixLength =
                firstBytes.withUnsafeBytes {
                    InputPrefix.bytesNeeded(firstBytes: $0, isWholeInput: length == size, options: options)
                } ?? 0
        } while prefixLength > 0
        // A UTF-16 text is decoded in one stream: its decoding has no offsets to cut at. A single-byte text is
        // cut in its stored bytes (delimiters, quotes and line ends are ASCII) and each chunk decodes its own.
        let reading = firstBytes.withUnsafeBytes { TextEncoding.reading(firstBytes: $0, given: options.encoding) }
        guard !reading.encoding.isUTF16 else { return nil }
        if reading.encoding.isSingleByte, let kind = firstBytes.withUnsafeBytes({ NotCSVKind(firstBytes: $0) }) {
            throw ProfileError(.notCSV(kind), path: path)
        }
        let (firstText, firstTextOffsets) = ChunkText.decoded(firstBytes, encoding: reading.encoding)
        let prefix = try InputPrefix(
            firstBytes: firstText, inputLength: firstText.count + size - firstBytes.count, options: options, path: path)
        let bodyStart = firstTextOffsets?.storedOffset(of: prefix.dataStart) ?? prefix.dataStart
        let readsDetectedWindows1252 = reading.isDetected && reading.encoding == .windows1252
        let delimiter = prefix.delimiter

        // The first record: later chunks need its width (and names) before the first chunk is read.
        let first = FirstRecord()
        let firstReader = CSVRecordReader(
            consumer: first, delimiter: delimiter, quote: options.quote, maxFieldBytes: options.maxFieldBytes,
            startOffset: bodyStart, startLine: prefix.firstLine, commentByte: options.commentByte,
            locatesFaultsExactly: false)
        let firstRecordText = ChunkText(encoding: reading.encoding, storedStart: bodyStart, reader: firstReader)
        var position = bodyStart
        let probeLimit = bodyStart + (size - bodyStart) / parts
        while first.fields == nil && position < probeLimit {
            let length = min(1 << 16, size - position)
            let piece = [UInt8](unsafeUninitializedCapacity: length) { buffer, count in
                count = max(0, pread(descriptor, buffer.baseAddress, length, off_t(position)))
            }
            guard !piece.isEmpty else { return nil }
            try? piece.withUnsafeBytes { try firstRecordText.feed($0, to: firstReader) }
            position += piece.count
        }
        guard let firstFields = first.fields else { return nil }
        let firstRecordEnd =
            firstReader.storedOffsets?.storedOffset(of: firstReader.lastRecordEnd) ?? firstReader.lastRecordEnd
        let namesRaw =
            options.hasHeader
            ? firstFields : (0..<firstFields.count).map { Array("column_\($0 + 1)".utf8) }

        // The first worker profiles the first chunk at once, while the others plan the cuts and then wait for
        // its head start (see `HeadStart`); the first chunk is longer by the head start's bytes, so all end
        // together.
        let length = size - bodyStart
        let headStart = HeadStart(options: options, prefix: firstBytes[bodyStart...], length: length)
        let shared = length - headStart.bytes
        let targets = (1..<parts).map { bodyStart + headStart.bytes + shared * $0 / parts }
        let sample = firstBytes[bodyStart...]
        let plan = Published<[ChunkStart]>()
        let switched = Published<[Bool]>()
        let results = Results(parts: parts)
        let planner = Worker {
            let starts = try? ChunkPlanner.plan(
                descriptor: descriptor, path: path, bodyStart: ChunkStart(offset: bodyStart, line: prefix.firstLine),
                end: size, targets: targets, quote: options.quote, comment: options.commentByte,
                notBefore: firstRecordEnd)
            plan.publish(starts ?? [])
            if starts == nil { results.planFailed = true }
        }
        let workers = (1..<parts).map { index in
            Worker {
                let starts = plan.value() ?? []
                guard index < starts.count, let flags = headStart.bytes > 0 ? switched.value() : [] else { return }
                let end = index + 1 < starts.count ? starts[index + 1].offset : size
                results.run(index) {
                    let profiler = try RecordProfiler(
                        options: options, sourceName: path, header: options.hasHeader, continuingWith: namesRaw)
                    profiler.readsDetectedWindows1252 = readsDetectedWindows1252
                    profiler.startSketching(flags)
                    profiler.expectRows(estimatedRows(bytes: end - starts[index].offset, sample: sample))
                    return profiler
                } read: { profiler in
                    try profileChunk(
                        descriptor, path: path, options: options, encoding: reading.encoding, delimiter: delimiter,
                        start: starts[index],
                        end: { _ in end }, isLast: index == starts.count - 1, profiler: profiler,
                        progress: progress, results: results, index: index)
                }
            }
        }
        results.run(0) {
            let profiler = try RecordProfiler(options: options, sourceName: path, header: options.hasHeader)
            profiler.readsDetectedWindows1252 = readsDetectedWindows1252
            profiler.expectRows(estimatedRows(bytes: targets[0] - bodyStart, sample: sample))
            if headStart.bytes > 0 { profiler.reportSwitchedColumns(after: headStart.records) { switched.publish($0) } }
            return profiler
        } read: { profiler in
            defer { switched.publish(nil) }
            try profileChunk(
                descriptor, path: path, options: options, encoding: reading.encoding, delimiter: delimiter,
                start: ChunkStart(offset: bodyStart, line: prefix.firstLine),
                end: { position in
                    // Up to the first target the chunk is certainly the first's; past it, the plan says.
                    guard position >= targets[0] else { return targets[0] }
                    let starts = plan.value() ?? []
                    return starts.count > 1 ? starts[1].offset : nil
                },
                isLast: false, profiler: profiler, progress: progress, results: results, index: 0)
            profiler.publishHeadStart()
        }
        switched.publish(nil)
        planner.join()
        workers.forEach { $0.join() }
        let starts = plan.value() ?? []
        guard starts.count > 1, !results.planFailed else { return nil }
        let ends = starts.dropFirst().map(\.offset) + [size]
        for index in starts.indices {
            if let error = results.errors[index] { throw error }
            if !results.atBoundary[index] { return nil }
        }
        let merged = results.profilers[0]!
        for index in starts.indices.dropFirst() {
            try merged.merge(results.profilers[index]!, keepsRows: index < starts.count - 1) { earlierRows in
                try firstSharedRow(
                    descriptor, path: path, options: options, encoding: reading.encoding, delimiter: delimiter,
                    start: starts[index],
                    end: ends[index], namesRaw: namesRaw, in: earlierRows
                ).map { RecordSeen(line: $0.line, byteOffset: $0.byteOffset, example: $0.example) }
            }
            results.profilers[index] = nil
        }
        for column in merged.keyColumnsNeedingRepeatSearch {
            if let first = try firstRepeatedValue(
                descriptor, path: path, options: options, encoding: reading.encoding, delimiter: delimiter,
                start: ChunkStart(offset: bodyStart, line: prefix.firstLine), end: size, column: column,
                width: namesRaw.count, profiler: merged)
            {
                merged.setFirstRepeat(line: first.line, example: first.example, column: column)
            }
        }
        try merged.finishInput()
        firstText.withUnsafeBytes { merged.tallies.encoding?.noteStart(of: $0, recordsStart: prefix.dataStart) }
        let source = SourceDescription(
            path: path, bytes: size, prefix: prefix, options: options, header: options.hasHeader,
            encoding: reading.encoding.name)
        var (report, judges) = try ReportBuilder.build(
            from: merged.state(delimiter: source.delimiter), policy: ScoringPolicy(options: options), source: source,
            linesToSkip: options.linesToSkip)
        firstText.withUnsafeBytes {
            report.source.advise(
                columnCount: report.columns.count, raggedRows: report.raggedRows, options: options, prefix: prefix,
                firstBytes: $0, inputLength: prefix.dataStart + results.textBytes.reduce(0, +))
        }
        finished(judges)
        return report
    }

    /// Feeds `[from, to)` of the file in 1 MiB pieces.
    private static func readRange(
        _ descriptor: Int32, path: String, from: Int, to: Int, _ body: (UnsafeRawBufferPointer) throws -> Void
    ) throws {
        let bufferLength = ByteSource.chunkLength
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: bufferLength, alignment: 16)
        defer { buffer.deallocate() }
        var position = from
        while position < to {
            let read = pread(descriptor, buffer, min(bufferLength, to - position), off_t(position))
            if read < 0 && errno == EINTR { continue }
            guard read > 0 else {
                throw ProfileError(
                    code: .cannotRead, message: "cannot read it: the file changed while it was read.", path: path)
            }
            try body(UnsafeRawBufferPointer(start: buffer, count: read))
            position += read
        }
    }

    /// The first non-null value of key column `column` that repeats an earlier one, reading the whole input
    /// again (only when a repeat may lie across a cut, past the exact bound). Memory: one fingerprint per
    /// distinct value, as ``DuplicateRowSet``.
    private static func firstRepeatedValue(
        _ descriptor: Int32, path: String, options: ProfileOptions, encoding: TextEncoding, delimiter: UInt8,
        start: ChunkStart, end: Int, column: Int, width: Int, profiler: RecordProfiler
    ) throws -> (line: Int, example: [UInt8])? {
        final class Finder: RecordConsumer {
            struct Found: Error {}
            let column: Int
            let width: Int
            let profiler: RecordProfiler
            var skipsFirstRecord: Bool
            let seen = DuplicateRowSet()
            var found: (line: Int, example: [UInt8])?
            init(column: Int, width: Int, profiler: RecordProfiler, skipsFirstRecord: Bool) {
                self.column = column
                self.width = width
                self.profiler = profiler
                self.skipsFirstRecord = skipsFirstRecord
            }
            func blankLine(line: Int, byteOffset: Int, text: UnsafeRawBufferPointer) {}
            func record(
                _ fields: RecordBuffer, line: Int, byteOffset: Int, fault: RecordFault?,
                rawText: UnsafeRawBufferPointer, isComplete: Bool
            ) throws {
                if skipsFirstRecord {
                    skipsFirstRecord = false
                    return
                }
                guard fault == nil, fields.fieldCount == width else { return }
                let value = fields.field(column)
                guard !profiler.isNull(value, column: column) else { return }
                if seen.insertReturningDuplicate(value) {
                    found = (line, Array(value))
                    throw Found()
                }
            }
        }
        let finder = Finder(column: column, width: width, profiler: profiler, skipsFirstRecord: options.hasHeader)
        let reader = CSVRecordReader(
            consumer: finder, delimiter: delimiter, quote: options.quote, maxFieldBytes: options.maxFieldBytes,
            startOffset: start.offset, startLine: start.line, commentByte: options.commentByte,
            locatesFaultsExactly: false)
        do {
            let text = ChunkText(encoding: encoding, storedStart: start.offset, reader: reader)
            try readRange(descriptor, path: path, from: start.offset, to: end) { try text.feed($0, to: reader) }
            try reader.finish()
        } catch is Finder.Found {
            return finder.found
        }
        return finder.found
    }

    /// The first data row of a chunk that repeats a row of the chunks before it (for the `duplicate_row`
    /// finding when those chunks held no duplicate of their own).
    private static func firstSharedRow(
        _ descriptor: Int32, path: String, options: ProfileOptions, encoding: TextEncoding, delimiter: UInt8,
        start: ChunkStart, end: Int, namesRaw: [[UInt8]], in earlierRows: DuplicateRowSet
    ) throws -> (line: Int, byteOffset: Int, example: String)? {
        final class Finder: RecordConsumer {
            let rows: DuplicateRowSet
            var found: (line: Int, byteOffset: Int, example: String)?
            init(rows: DuplicateRowSet) { self.rows = rows }
            func blankLine(line: Int, byteOffset: Int, text: UnsafeRawBufferPointer) {}
            func record(
                _ fields: RecordBuffer, line: Int, byteOffset: Int, fault: RecordFault?,
                rawText: UnsafeRawBufferPointer, isComplete: Bool
            ) throws {
                guard found == nil, fault == nil, rows.contains(fields.encoded) else { return }
                found = (line, byteOffset, RecordProfiler.recordText(rawText, isComplete: isComplete))
                throw CancellationOfSearch()
            }
        }
        struct CancellationOfSearch: Error {}
        let finder = Finder(rows: earlierRows)
        let reader = CSVRecordReader(
            consumer: finder, delimiter: delimiter, quote: options.quote, maxFieldBytes: options.maxFieldBytes,
            startOffset: start.offset, startLine: start.line, commentByte: options.commentByte,
            locatesFaultsExactly: false)
        do {
            let text = ChunkText(encoding: encoding, storedStart: start.offset, reader: reader)
            try readRange(descriptor, path: path, from: start.offset, to: end) { try text.feed($0, to: reader) }
            // The last chunk's final record may lack a line ending: only `finish()` delivers it.
            try reader.finish()
        } catch is CancellationOfSearch {
            return finder.found
        }
        return finder.found
    }
}
