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
    /// Refuses a failing-rows file that is the input itself (writing it would replace the data).
    /// - Throws: ``ProfileError`` `invalidOption`.
    static func check(_ request: InvalidRowsRequest, input path: String) throws {
        if case .file(let path) = InputLocation(path: path), isSameFile(path, request.path) {
            throw ProfileError(
                code: .invalidOption,
                message: "--invalid-rows \(request.path): that is the input file; write the failing rows elsewhere.")
        }
    }

    /// Reads `inputPath` again and writes its failing records to `request.path`, atomically.
    /// - Parameters:
    ///   - inputPath: a regular file holding the same bytes as the first pass read (the input or its spool).
    ///   - report: the first pass's report (dialect, BOM, column names).
    ///   - judges: the first pass's conformance judges, one per column.
    ///   - progress: reports this pass (its rows are all records read, the header included).
    /// - Returns: the number of failing data records.
    /// - Throws: ``ProfileError`` `cannotRead` (input) or `cannotWrite` (output); nothing is left at
    ///   `request.path` on failure.
    /// - Complexity: O(n) time in the input's bytes; memory: one 1 MiB read chunk and one output buffer.
    static func run(
        readingFileAt inputPath: String, sourceName: String, report: Report, judges: [ConformanceJudge],
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
        let byteOrderMarkLength = report.source.byteOrderMark ? 3 : 0
        let reader = CSVRecordReader(
            consumer: collector, delimiter: report.source.delimiter, quote: report.source.quote,
            maxFieldBytes: options.maxFieldBytes, startOffset: byteOrderMarkLength, locatesFaultsExactly: false)
        let input: ByteSource
        do {
            input = try ByteSource(openingFileAt: inputPath)
        } catch var error as ProfileError {
            error.path = sourceName
            throw error
        }
        defer { input.close() }
        var bytesRead = 0
        var recordsReported = 0
        do {
            try input.forEachChunk { chunk in
                let skip = min(max(0, byteOrderMarkLength - bytesRead), chunk.count)
                bytesRead += chunk.count
                try reader.feed(UnsafeRawBufferPointer(rebasing: chunk[skip...]))
                progress?.advance(bytes: chunk.count, rows: collector.recordsRead - recordsReported)
                recordsReported = collector.recordsRead
            }
            try reader.finish()
            progress?.finish(bytes: bytesRead, rows: collector.recordsRead)
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
/// temporary folder (`TMPDIR`, else `/tmp`), removed when dropped.
final class SpoolFile {
    /// The copy's path.
    let path: String
    private let descriptor: Int32
    private var isRemoved = false

    /// Creates an empty spool file (`mkstemp`).
    /// - Throws: ``ProfileError`` `cannotWrite`.
    init() throws {
        let folder = getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp"
        var template = Array((folder + "/dqcli-spool-XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else {
            throw ProfileError(
                code: .cannotWrite,
                message: "cannot create a temporary copy of the input in \(folder): \(String(cString: strerror(errno))).")
        }
        self.descriptor = descriptor
        path = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    }

    deinit { remove() }

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
                    message: "cannot write the temporary copy of the input \(path): \(String(cString: strerror(errno))).")
            }
            offset += written
        }
    }

    /// Closes and deletes the copy.
    func remove() {
        guard !isRemoved else { return }
        isRemoved = true
        _ = close(descriptor)
        _ = unlink(path)
    }
}

/// Whether two paths name the same existing file (same device and inode).
func isSameFile(_ first: String, _ second: String) -> Bool {
    var one = stat()
    var two = stat()
    guard stat(first, &one) == 0, stat(second, &two) == 0 else { return false }
    return one.st_dev == two.st_dev && one.st_ino == two.st_ino
}

/// Whether `path` names a regular file (which can be read twice).
func isRegularFile(_ path: String) -> Bool {
    var status = stat()
    return stat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFREG
}
