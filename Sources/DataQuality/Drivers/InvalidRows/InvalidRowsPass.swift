#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Asks a profile to write the records that fail (`--invalid-rows FILE`).
public struct InvalidRowsRequest: Sendable, Equatable {
    /// Where the failing records go (CSV, written atomically; its folder must exist).
    public var path: String
    /// Whether a record holding a null value fails too (`--invalid-rows-nulls`).
    public var includesNulls: Bool

    /// Creates a request.
    public init(path: String, includesNulls: Bool = false) {
        self.path = path
        self.includesNulls = includesNulls
    }
}

/// The second pass over an input: conformance depends on the column type and dominant format, known only
/// once the first pass ends, so the records are read again with the same reader and dialect and judged
/// with the finished columns (``InvalidRowsCollector``).
enum InvalidRowsPass {
    /// Reads the input again and writes its failing records to `request.path`, atomically.
    /// - Parameters:
    ///   - input: the same bytes as the first pass read, from their start (the input file opened again, or
    ///     its spool rewound); the caller closes it.
    ///   - report: the first pass's report (dialect, BOM, column names).
    ///   - judges: the first pass's conformance judges, one per column.
    ///   - progress: reports this pass (its rows are the data records read, as in the first pass).
    /// - Returns: the number of failing data records.
    /// - Throws: ``ProfileError`` `cannotRead` (input) or `cannotWrite` (output); nothing is left at
    ///   `request.path` on failure.
    /// - Complexity: O(n) time in the input's bytes; memory: one 1 MiB read chunk and one output buffer.
    static func run(
        reading input: ByteSource, report: Report, judges: [ConformanceJudge],
        options: ProfileOptions, request: InvalidRowsRequest, progress: ProgressTracker?
    ) throws -> Int {
        let output: AtomicOutputFile
        do {
            output = try AtomicOutputFile(path: request.path)
        } catch {
            throw writeError(error)
        }
        let collector = InvalidRowsCollector(
            judges: judges, columnNames: report.columns.map(\.name), hasHeader: report.source.header,
            includesNulls: request.includesNulls, output: output)
        // The records begin where the first pass found them (after a BOM, skipped lines and a `sep=` line).
        var dialect = options
        dialect.delimiter = report.source.delimiter
        dialect.quote = report.source.quote
        // The text is decoded as the first pass decoded it (the report names its encoding).
        let textStage = TextStage(
            given: try? TextEncoding(name: report.source.encoding), sourceName: report.source.path)
        var holder = InputPrefixHolder(options: dialect)
        var reader: CSVRecordReader<InvalidRowsCollector>?
        func start() throws {
            let held = holder.release()
            let prefix = try InputPrefix(firstBytes: held, inputLength: held.count, options: dialect)
            let started = CSVRecordReader(
                consumer: collector, delimiter: prefix.delimiter, quote: dialect.quote,
                maxFieldBytes: options.maxFieldBytes, startOffset: prefix.dataStart, startLine: prefix.firstLine,
                commentByte: options.commentByte, locatesFaultsExactly: false)
            started.storedOffsets = textStage.offsets
            try held.withUnsafeBytes { try started.feed(UnsafeRawBufferPointer(rebasing: $0[prefix.dataStart...])) }
            reader = started
        }
        func feedText(_ text: UnsafeRawBufferPointer) throws {
            if let reader {
                try reader.feed(text)
            } else if holder.hold(text) {
                try start()
            }
        }
        var bytesRead = 0
        var recordsReported = 0
        do {
            try input.forEachChunk { chunk in
                bytesRead += chunk.count
                try textStage.feed(chunk, feedText)
                progress?.advance(bytes: chunk.count, rows: collector.dataRecordsRead - recordsReported)
                recordsReported = collector.dataRecordsRead
            }
            try textStage.finish(feedText)
            if reader == nil { try start() }
            try reader?.finish()
            progress?.finish(bytes: bytesRead, rows: collector.dataRecordsRead)
            try collector.flush()
            try output.commit()
        } catch let error as AtomicWriteError {
            throw writeError(error)
        }
        return collector.invalidRows
    }

    private static func writeError(_ error: AtomicWriteError) -> ProfileError {
        ProfileError(
            code: .cannotWrite,
            message: "\(error.path): cannot write the failing rows (\(error.operation)): \(error.reason).")
    }
}

/// A temporary copy of an input that cannot be read twice (standard input, a pipe), in the system's
/// temporary folder (`TMPDIR`, else `/tmp`). The file is unlinked as soon as it is created and lives on only
/// through its descriptor, so nothing is left in the folder however the process ends (a signal included).
final class SpoolFile {
    private let folder: String
    private let descriptor: Int32
    private var isClosed = false

    /// Creates an empty spool file (`mkstemp`) and unlinks it at once, both under the temporary-file
    /// registry's lock, so a signal's cleanup never runs between the two (see ``InterruptCleanup``).
    /// - Throws: ``ProfileError`` `cannotWrite`.
    init() throws {
        let folder = getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp"
        var template = Array((folder + "/dqcli-spool-XXXXXX").utf8CString)
        let (descriptor, createError) = TemporaryFileRegistry.shared.withLock { _ in
            let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
            let createError = errno
            if descriptor >= 0 { _ = template.withUnsafeBufferPointer { unlink($0.baseAddress!) } }
            return (descriptor, createError)
        }
        guard descriptor >= 0 else {
            throw ProfileError(
                code: .cannotWrite,
                message:
                    "cannot create a temporary copy of the input in \(folder): \(String(cString: strerror(createError)))."
            )
        }
        self.folder = folder
        self.descriptor = descriptor
    }

    deinit { close() }

    /// Appends a chunk of the input.
    /// - Throws: ``ProfileError`` `cannotWrite`.
    func write(_ chunk: UnsafeRawBufferPointer) throws {
        var offset = 0
        while offset < chunk.count {
            let written = AtomicFileWriter.systemWrite(descriptor, chunk.baseAddress! + offset, chunk.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw ProfileError(
                    code: .cannotWrite,
                    message:
                        "cannot write the temporary copy of the input in \(folder): \(String(cString: strerror(errno)))."
                )
            }
            offset += written
        }
    }

    /// The copy, rewound to its start, to read again through this spool's descriptor (so read it before
    /// ``close()``); its errors name `sourceName`.
    /// - Throws: ``ProfileError`` `cannotRead` when the copy cannot be rewound.
    func rewound(sourceName: String) throws -> ByteSource {
        guard lseek(descriptor, 0, SEEK_SET) == 0 else {
            throw ProfileError(
                code: .cannotRead,
                message: "cannot read the temporary copy of the input again: \(String(cString: strerror(errno))).",
                path: sourceName)
        }
        return ByteSource(fileDescriptor: descriptor, path: sourceName, closesWhenDone: false, decompresses: false)
    }

    /// Closes the copy; the system then frees its space.
    func close() {
        guard !isClosed else { return }
        isClosed = true
        _ = Glibc.close(descriptor)
    }
}
