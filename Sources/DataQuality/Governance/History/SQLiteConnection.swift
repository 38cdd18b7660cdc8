import CSQLite

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Why the metrics history could not be read or written.
public struct HistoryError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The database path.
    public var path: String
    /// One sentence: what failed, with SQLite's message (never the SQL text).
    public var message: String

    /// Creates an error.
    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    /// `history.db: cannot write the run: database is locked.`
    public var description: String { "\(path): \(message)" }
}

/// A thin wrapper over one system SQLite connection (the only code that calls the SQLite C API).
///
/// Statements are prepared, bound, stepped and finalised within one call; text is bound with
/// `SQLITE_TRANSIENT`, so SQLite copies it and no Swift buffer has to outlive the call.
final class SQLiteConnection {
    /// A column or parameter value.
    enum Value: Equatable {
        case null
        case integer(Int64)
        case real(Double)
        case text(String)

        var integer: Int64? { if case .integer(let value) = self { return value } else { return nil } }
        var real: Double? {
            switch self {
            case .real(let value): return value
            case .integer(let value): return Double(value)
            default: return nil
            }
        }
        var text: String? { if case .text(let value) = self { return value } else { return nil } }
    }

    let path: String
    private var handle: OpaquePointer?

    /// Opens the database at `path`: for writing (creating it if needed), or only for reading.
    ///
    /// A reading connection never writes, so it works on a file or folder this process may not write. When
    /// SQLite cannot read a WAL database because it cannot create the shared-memory file beside it (a folder
    /// it may not write) and there is no write-ahead log (so no writer is running and the file holds every
    /// committed run), the file is read as immutable.
    /// - Parameters:
    ///   - busyTimeoutMilliseconds: how long a statement waits for another connection's lock.
    ///   - readOnly: open for reading only; the file must exist.
    /// - Throws: ``HistoryError`` when the file cannot be opened as a database.
    init(path: String, busyTimeoutMilliseconds: Int32, readOnly: Bool = false) throws(HistoryError) {
        self.path = path
        let flags = (readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) | SQLITE_OPEN_NOMUTEX
        try open(path, flags: flags)
        sqlite3_busy_timeout(handle, busyTimeoutMilliseconds)
        if readOnly, access(path + "-wal", F_OK) != 0, (try? query("PRAGMA schema_version")) == nil {
            sqlite3_close(handle)
            handle = nil
            try open(Self.immutableURI(path), flags: flags | SQLITE_OPEN_URI)
        }
    }

    private func open(_ name: String, flags: Int32) throws(HistoryError) {
        let status = sqlite3_open_v2(name, &handle, flags, nil)
        guard status == SQLITE_OK else {
            let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close(handle)
            handle = nil
            throw HistoryError(path: path, message: message)
        }
    }

    /// `file:` URI of `path` with `immutable=1`: characters outside the unreserved set percent-encoded.
    private static func immutableURI(_ path: String) -> String {
        let unreserved = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~/".utf8)
        let encoded = path.utf8.map { byte in
            unreserved.contains(byte)
                ? String(UnicodeScalar(byte)) : "%" + (byte < 16 ? "0" : "") + String(byte, radix: 16)
        }.joined()
        return "file:" + encoded + "?immutable=1"
    }

    deinit { sqlite3_close(handle) }

    /// Whether ``close()`` has not been called (or failed).
    var isOpen: Bool { handle != nil }

    /// Closes the connection; later calls do nothing. SQLite checkpoints a WAL database when its last
    /// connection closes and removes the write-ahead log.
    /// - Throws: ``HistoryError`` with SQLite's message when SQLite refuses to close (the connection stays open).
    func close() throws(HistoryError) {
        guard let handle else { return }
        guard sqlite3_close(handle) == SQLITE_OK else { throw failure() }
        self.handle = nil
    }

    /// Runs one or more statements that return nothing.
    func execute(_ sql: String) throws(HistoryError) {
        var error: UnsafeMutablePointer<CChar>?
        let status = sqlite3_exec(handle, sql, nil, nil, &error)
        if status != SQLITE_OK {
            let message = error.map { String(cString: $0) } ?? String(cString: sqlite3_errstr(status))
            sqlite3_free(error)
            throw HistoryError(path: path, message: message)
        }
    }

    /// Runs one statement with parameters and returns its rows.
    @discardableResult
    func query(_ sql: String, _ parameters: [Value] = []) throws(HistoryError) -> [[Value]] {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(handle, sql, -1, &statement, nil) == SQLITE_OK else { throw failure() }
        defer { sqlite3_finalize(statement) }
        let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
        for (index, parameter) in parameters.enumerated() {
            let position = Int32(index + 1)
            switch parameter {
            case .null: sqlite3_bind_null(statement, position)
            case .integer(let value): sqlite3_bind_int64(statement, position, value)
            case .real(let value): sqlite3_bind_double(statement, position, value)
            case .text(let value): sqlite3_bind_text(statement, position, value, -1, transient)
            }
        }
        var rows: [[Value]] = []
        while true {
            let status = sqlite3_step(statement)
            if status == SQLITE_DONE { break }
            guard status == SQLITE_ROW else { throw failure() }
            rows.append(
                (0..<sqlite3_column_count(statement)).map { column in
                    switch sqlite3_column_type(statement, column) {
                    case SQLITE_INTEGER: return .integer(sqlite3_column_int64(statement, column))
                    case SQLITE_FLOAT: return .real(sqlite3_column_double(statement, column))
                    case SQLITE_NULL: return .null
                    default: return .text(String(cString: sqlite3_column_text(statement, column)))
                    }
                })
        }
        return rows
    }

    /// The rowid of the last inserted row.
    var lastInsertedRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    private func failure() -> HistoryError {
        HistoryError(path: path, message: String(cString: sqlite3_errmsg(handle)))
    }
}
