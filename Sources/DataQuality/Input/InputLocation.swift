#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where an input is read from. The one place where the path `-` means standard input.
public enum InputLocation: Sendable, Equatable {
    /// Standard input (file descriptor 0), named `-`.
    case standardInput
    /// The file at a path.
    case file(String)

    /// `-` is standard input; any other path a file.
    public init(path: String) {
        self = path == "-" ? .standardInput : .file(path)
    }

    /// The name as given: `-` for standard input.
    public var path: String {
        switch self {
        case .standardInput: "-"
        case .file(let path): path
        }
    }

    /// Whether the input can be read a second time from its start: a regular file can; standard input and
    /// pipes cannot.
    var canBeReadAgain: Bool {
        switch self {
        case .standardInput: false
        case .file(let path): isRegularFile(path)
        }
    }

    /// The size of the input when it is a regular file (standard input may be redirected from one), else nil.
    var regularFileSize: Int? {
        var status = stat()
        let result: Int32
        switch self {
        case .standardInput: result = fstat(0, &status)
        case .file(let path): result = stat(path, &status)
        }
        guard result == 0, (status.st_mode & S_IFMT) == S_IFREG else { return nil }
        return Int(status.st_size)
    }
}

/// Whether `path` names a regular file (which can be read twice).
func isRegularFile(_ path: String) -> Bool {
    var status = stat()
    return stat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFREG
}
