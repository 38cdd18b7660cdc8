#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A file one run reads or writes, with the part it plays: what ``RunFile/checkDistinct(_:)`` compares.
public struct RunFile: Sendable, Equatable, CustomStringConvertible {
    /// The part a file plays in a run.
    public enum Role: Sendable, Equatable, CaseIterable {
        /// The data read (a CSV file, or a state for a merge); `-` is standard input.
        case input
        /// The rule file read.
        case ruleFile
        /// The SQLite history database, read and written.
        case historyDatabase
        /// The history database's write-ahead log, its path followed by `-wal` (SQLite writes it beside the
        /// database, after following a symbolic link); added by ``RunFile/checkDistinct(_:)``, never given.
        case historyWriteAheadLog
        /// The history database's shared-memory index, its path followed by `-shm`; added, never given.
        case historySharedMemory
        /// The report written; `-` is standard output.
        case report
        /// The failing-rows file written.
        case invalidRows
        /// The partial-profile state written; `-` is standard output.
        case state
        /// The suggested rule file written.
        case suggestedRules

        /// Whether the run writes (creates or replaces) a file in this role.
        public var isWritten: Bool {
            switch self {
            case .input, .ruleFile: false
            case .historyDatabase, .historyWriteAheadLog, .historySharedMemory, .report, .invalidRows, .state,
                .suggestedRules:
                true
            }
        }

        /// The role in a few words, `the rule file`.
        public var name: String {
            switch self {
            case .input: "the input file"
            case .ruleFile: "the rule file"
            case .historyDatabase: "the history database"
            case .historyWriteAheadLog: "the history database's write-ahead log"
            case .historySharedMemory: "the history database's shared-memory file"
            case .report: "the report file"
            case .invalidRows: "the failing-rows file"
            case .state: "the state file"
            case .suggestedRules: "the suggested rule file"
            }
        }
    }

    /// The part the file plays.
    public var role: Role
    /// The path as given (relative to the current folder, or absolute).
    public var path: String

    /// Creates a file of a run.
    public init(_ role: Role, _ path: String) {
        self.role = role
        self.path = path
    }

    /// `the rule file (r.yml)`.
    public var description: String { "\(role.name) (\(path))" }

    /// Checks that no file a run writes is the same file as another it reads or writes, so nothing the run
    /// was given is replaced: the input by its report, the rule file by the failing rows, the history
    /// database (or its `-wal` or `-shm` file) by a report, one output by another.
    ///
    /// Files are compared as files, not as strings: an existing path by the device and inode of the file it
    /// names (after following symbolic links); a written path that does not exist yet by the device and
    /// inode of its folder and its name (after following a dangling link to where the write would create the
    /// file), so `x.csv`, `./x.csv` and `linked-folder/x.csv` are one file. A path that names no regular file
    /// and cannot be created as one (a device such as `/dev/null`, a FIFO, a directory, a folder that does not
    /// exist) is skipped: writing it replaces nothing. `-` is standard input for an ``Role/input`` (compared
    /// when it is a regular file: `< data.csv`) and standard output for a written role (skipped). A
    /// ``Role/historyDatabase`` brings its `-wal` and `-shm` files with it.
    ///
    /// Any number of written files may be given (every target of a command), in any role.
    /// - Parameter files: the run's files; the earlier of two that clash is named as the other one.
    /// - Throws: ``SameFileError`` for the first pair that is one file, at least one of them written.
    /// - Complexity: O(n²) comparisons and O(n) `stat` calls for n files (with their history companions).
    public static func checkDistinct(_ files: [RunFile]) throws(SameFileError) {
        var identified: [(file: RunFile, identity: FileIdentity)] = []
        for file in files {
            for (companion, path) in file.withCompanions {
                guard let identity = FileIdentity(path, mayBeAbsent: companion.role.isWritten) else { continue }
                if let earlier = identified.first(where: {
                    $0.identity == identity && ($0.file.role.isWritten || companion.role.isWritten)
                }) {
                    throw companion.role.isWritten
                        ? SameFileError(written: companion, other: earlier.file)
                        : SameFileError(written: earlier.file, other: companion)
                }
                identified.append((companion, identity))
            }
        }
    }

    /// The file with the path to compare, and for a history database its write-ahead log and shared-memory
    /// index, named as SQLite names them (beside the file a symbolic link points to); a companion keeps the
    /// database's path as given, so an error names the option's value.
    private var withCompanions: [(file: RunFile, path: String)] {
        guard role == .historyDatabase else { return [(self, path)] }
        let database = FileIdentity.followingLinks(path)
        return [
            (self, path), (RunFile(.historyWriteAheadLog, path), database + "-wal"),
            (RunFile(.historySharedMemory, path), database + "-shm")
        ]
    }
}

/// Two paths of one run name the same file and one of them is written (see ``RunFile/checkDistinct(_:)``):
/// the run would replace a file it was given.
public struct SameFileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file written, as given.
    public var written: RunFile
    /// The file it is: read, or written too. For the history database's `-wal` or `-shm` file the role says
    /// which, and the path is the database's as given.
    public var other: RunFile

    /// Creates an error.
    public init(written: RunFile, other: RunFile) {
        self.written = written
        self.other = other
    }

    /// One sentence: `out.csv: the report file would replace the input file (./out.csv).`
    public var description: String {
        "\(written.path): \(written.role.name) would replace \(other)."
    }
}

/// Which file a path names, for telling whether two paths name one file.
enum FileIdentity: Equatable {
    /// An existing regular file.
    case existing(device: UInt64, inode: UInt64)
    /// A file not there yet: the folder it would be created in, and its name.
    case absent(folderDevice: UInt64, folderInode: UInt64, name: String)

    /// The identity of the file at `path`; nil when it names neither a regular file nor (with `mayBeAbsent`)
    /// a file that could be created in an existing folder. `-` is standard input when read, nothing when written.
    init?(_ path: String, mayBeAbsent: Bool) {
        var status = stat()
        if path == "-" {
            guard !mayBeAbsent, fstat(STDIN_FILENO, &status) == 0 else { return nil }
        } else if stat(path, &status) != 0 {
            guard mayBeAbsent, errno == ENOENT else { return nil }
            let target = Self.followingLinks(path)
            let slash = target.lastIndex(of: "/")
            let folder = slash.map { $0 == target.startIndex ? "/" : String(target[..<$0]) } ?? "."
            let name = slash.map { String(target[target.index(after: $0)...]) } ?? target
            var folderStatus = stat()
            guard !name.isEmpty, stat(folder, &folderStatus) == 0, (folderStatus.st_mode & S_IFMT) == S_IFDIR else {
                return nil
            }
            self = .absent(
                folderDevice: UInt64(folderStatus.st_dev), folderInode: UInt64(folderStatus.st_ino), name: name)
            return
        }
        guard (status.st_mode & S_IFMT) == S_IFREG else { return nil }
        self = .existing(device: UInt64(status.st_dev), inode: UInt64(status.st_ino))
    }

    /// `path` after following symbolic links at its end, also to a file that does not exist yet (where a
    /// write through the link creates it); at most 40 links, as the kernel's limit.
    static func followingLinks(_ path: String) -> String {
        var current = path
        for _ in 0..<40 {
            var status = stat()
            guard lstat(current, &status) == 0, (status.st_mode & S_IFMT) == S_IFLNK else { return current }
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let length = readlink(current, &buffer, Int(PATH_MAX))
            guard length > 0 else { return current }
            let linked = String(decoding: buffer[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            let folder = current.lastIndex(of: "/").map { String(current[...$0]) } ?? ""
            current = linked.hasPrefix("/") ? linked : folder + linked
        }
        return current
    }
}
