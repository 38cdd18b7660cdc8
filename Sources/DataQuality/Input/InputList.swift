#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// An argument naming inputs, as ``InputList`` reads it.
public enum InputArgument: Sendable, Equatable {
    /// `-`: standard input.
    case standardInput
    /// A path that is not a folder (or that does not exist and is no pattern): one input, read as given.
    case file(String)
    /// A folder: its data files.
    case folder(String)
    /// A shell-style pattern (`exports/*.csv`): the files and folders it matches.
    case pattern(String)

    /// The argument as given.
    public var text: String {
        switch self {
        case .standardInput: "-"
        case .file(let text), .folder(let text), .pattern(let text): text
        }
    }
}

/// One input of a run: where it is read from and the argument that named it.
public struct ListedInput: Sendable, Equatable {
    /// Where the input is read from.
    public var location: InputLocation
    /// The argument that named it.
    public var argument: InputArgument

    /// Creates a listed input.
    public init(location: InputLocation, argument: InputArgument) {
        self.location = location
        self.argument = argument
    }
}

/// Why the arguments of a run name no usable list of inputs, found before anything is read.
public struct InputListError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong.
    public enum Problem: Sendable, Equatable {
        /// `-` is given more than once.
        case standardInputGivenTwice
        /// A pattern matches no file or folder.
        case patternMatchesNothing(pattern: String)
        /// A folder holds no data file (searched with its subfolders when `recursive`).
        case folderHoldsNoDataFile(folder: String, recursive: Bool)
        /// An argument ending in `/` names no folder.
        case noSuchFolder(folder: String)
        /// A folder cannot be listed; `errorNumber` is the `errno` of `opendir(3)`.
        case folderCannotBeRead(folder: String, errorNumber: Int32)
        /// `glob(3)` stopped expanding the pattern (`GLOB_ABORTED`): a folder it searches cannot be read
        /// (`GLOB_NOSPACE`, out of memory, ends here too).
        case patternFolderCannotBeRead(pattern: String)
    }

    /// How a caller is to treat an error.
    public enum Code: Sendable, Equatable {
        /// The arguments cannot name a run (sysexits `EX_USAGE`, 64).
        case usage
        /// An argument names no input that can be read (sysexits `EX_NOINPUT`, 66).
        case noInput
    }

    /// What is wrong.
    public var problem: Problem

    /// Creates an error.
    public init(_ problem: Problem) {
        self.problem = problem
    }

    /// ``Code/usage`` for `-` given twice, else ``Code/noInput``.
    public var code: Code {
        problem == .standardInputGivenTwice ? .usage : .noInput
    }

    /// One sentence naming the argument: `exports/*.csv: no file matches this pattern.`
    public var description: String {
        switch problem {
        case .standardInputGivenTwice:
            return "-: standard input can be given only once."
        case .patternMatchesNothing(let pattern):
            return "\(pattern): no file matches this pattern."
        case .folderHoldsNoDataFile(let folder, let recursive):
            let holds = recursive ? "the folder and its subfolders hold" : "the folder holds"
            return "\(folder): \(holds) no .csv, .tsv, .txt or .psv file (plain or compressed with .gz or .zst)."
        case .noSuchFolder(let folder):
            return "\(folder): no such folder."
        case .folderCannotBeRead(let folder, let errorNumber):
            return "\(folder): the folder cannot be read: \(String(cString: strerror(errorNumber)))."
        case .patternFolderCannotBeRead(let pattern):
            return "\(pattern): a folder this pattern searches cannot be read."
        }
    }
}

/// The inputs a run's arguments name, in order, each file once (issue 15, item 1): what `dqcli profile`,
/// `check` and `suggest` read when given several arguments, folders or patterns.
///
/// Each argument is, in this order:
/// - `-`: standard input, at most once in all the arguments;
/// - an existing path (a dangling symbolic link too): a folder (its data files, below) or anything else, a
///   file taken whatever its name (also when the name holds `*`, `?` or `[`: the file that exists is the one
///   meant);
/// - a path that does not exist and holds `*`, `?` or `[`: a shell-style pattern, expanded here as the shell
///   would have expanded it unquoted (cron lines quote patterns by habit): each match taken as an existing
///   path given as an argument, a matched folder listed as a folder, a matched file taken whatever its name;
/// - another path ending in `/` that does not exist: an error (no such folder);
/// - any other path: a file, left for the reading to report when it cannot be read.
///
/// A folder's data files are its regular files (after following symbolic links) whose names end in `.csv`,
/// `.tsv`, `.txt` or `.psv`, or one of those and `.gz` or `.zst`, in any case (`EXPORT.CSV`). Hidden entries
/// (names starting with `.`) are skipped, as `ls` and the shell's `*` skip them; with `recursive`, subfolders
/// are searched too, except hidden ones and symbolic links to folders (as `find` and `grep -r` do: no loops).
/// A folder's files, and a pattern's matches, come in byte order of their paths (not the locale's collation:
/// the same list on every machine), each path built from the argument as given (`exports/a.csv`).
///
/// Patterns are expanded by glibc's `glob(3)` with these flags, each for a reason:
/// - `GLOB_NOSORT`: the matches are sorted here, in byte order, rather than by `strcoll(3)` in the locale;
/// - no `GLOB_BRACE`, `GLOB_TILDE`: `{a,b}` and `~` are literal, as in POSIX `sh` (dash runs cron lines);
/// - no `GLOB_PERIOD`: `*`, `?` and `[...]` do not match a leading `.` (hidden files need `.*`), as in `sh`;
/// - no `GLOB_NOCHECK`: a pattern matching nothing is an error here, not a literal path;
/// - no `GLOB_NOESCAPE`: a backslash quotes a metacharacter (`star\[1\].csv` matches `star[1].csv`);
/// - an error callback that stops the expansion when a folder the pattern searches cannot be read (other
///   than because it does not exist), so no file is silently left out.
/// Matching is case-sensitive, as in the shell (`*.csv` does not match `A.CSV`; a folder's listing does).
///
/// A file named twice, by any path (a link, `./`, a folder, a pattern), is kept once, at its first place:
/// files are compared by device and inode (after following links); a path that cannot be `stat`ed by its
/// text. Standard input is never compared with a file.
///
/// Every error is found before anything is read: `-` given twice first (a usage error), then the arguments
/// in order (a pattern matching nothing, a folder holding no data file, an unreadable folder).
///
/// Paths are Swift strings: a file name that is not valid UTF-8 reaches the list with its bad bytes replaced,
/// and its reading then reports it missing.
public struct InputList: Sendable, Equatable {
    /// The arguments, as read.
    public let arguments: [InputArgument]
    /// The inputs, in order.
    public let inputs: [ListedInput]

    /// Expands the arguments.
    /// - Parameters:
    ///   - arguments: the paths, `-`, folders and patterns, as given.
    ///   - recursive: whether folders are searched with their subfolders (`--recursive`).
    /// - Throws: ``InputListError``: `-` twice, a pattern matching nothing, a folder holding no data file, a
    ///   folder that cannot be read.
    /// - Complexity: one `stat(2)` per argument and per listed file, and one folder listing per folder searched.
    public init(arguments: [String], recursive: Bool = false) throws(InputListError) {
        if arguments.count(where: { $0 == "-" }) > 1 { throw InputListError(.standardInputGivenTwice) }
        self.arguments = arguments.map(Self.argument)
        var seen = Set<FileKey>()
        var inputs: [ListedInput] = []
        for argument in self.arguments {
            for location in try Self.locations(of: argument, recursive: recursive) {
                if case .file(let path) = location, !seen.insert(FileKey(path)).inserted { continue }
                inputs.append(ListedInput(location: location, argument: argument))
            }
        }
        self.inputs = inputs
    }

    /// Whether the run names one file (or `-`) by itself: no folder, no pattern, no second argument.
    public var namesOneFile: Bool {
        switch arguments.first {
        case .standardInput, .file: arguments.count == 1
        case .folder, .pattern, nil: false
        }
    }

    /// What an argument is (see the type's description).
    private static func argument(_ text: String) -> InputArgument {
        if text == "-" { return .standardInput }
        if let existing = existingPath(text) { return existing }
        if text.contains(where: { "*?[".contains($0) }) { return .pattern(text) }
        return text.hasSuffix("/") ? .folder(text) : .file(text)
    }

    /// A path that a pattern matched, or given, as a folder or a file; nil when nothing is there (a dangling
    /// link is a file: its reading reports it).
    private static func existingPath(_ path: String) -> InputArgument? {
        var status = stat()
        if stat(path, &status) == 0 {
            return (status.st_mode & S_IFMT) == S_IFDIR ? .folder(path) : .file(path)
        }
        return isSymbolicLink(path) ? .file(path) : nil
    }

    /// The inputs one argument names, in order, before removing repeats.
    private static func locations(
        of argument: InputArgument, recursive: Bool
    ) throws(InputListError) -> [InputLocation] {
        switch argument {
        case .standardInput:
            return [.standardInput]
        case .file(let path):
            return [.file(path)]
        case .folder(let folder):
            return try dataFiles(in: folder, recursive: recursive).map(InputLocation.file)
        case .pattern(let pattern):
            var locations: [InputLocation] = []
            for match in try matches(of: pattern) {
                locations += try self.locations(of: existingPath(match) ?? .file(match), recursive: recursive)
            }
            return locations
        }
    }

    /// The data files of a folder in byte order of their paths relative to it, each path the folder as given,
    /// a `/` when it does not end in one, and the relative path.
    private static func dataFiles(in folder: String, recursive: Bool) throws(InputListError) -> [String] {
        var status = stat()
        guard stat(folder, &status) == 0, (status.st_mode & S_IFMT) == S_IFDIR else {
            throw InputListError(.noSuchFolder(folder: folder))
        }
        let prefix = folder.hasSuffix("/") ? folder : folder + "/"
        var relativePaths: [String] = []
        var pending = [""]
        while let relativeFolder = pending.popLast() {
            let path = prefix + relativeFolder
            for entry in try entries(of: path, named: relativeFolder.isEmpty ? folder : path)
            where !entry.hasPrefix(".") {
                let relativePath = relativeFolder + entry
                var entryStatus = stat()
                guard stat(prefix + relativePath, &entryStatus) == 0 else { continue }
                switch entryStatus.st_mode & S_IFMT {
                case S_IFREG where DataFileName(path: entry).isDataFile:
                    relativePaths.append(relativePath)
                case S_IFDIR where recursive && !isSymbolicLink(prefix + relativePath):
                    pending.append(relativePath + "/")
                default:
                    continue
                }
            }
        }
        guard !relativePaths.isEmpty else {
            throw InputListError(.folderHoldsNoDataFile(folder: folder, recursive: recursive))
        }
        return relativePaths.sorted(by: inByteOrder).map { prefix + $0 }
    }

    /// The names in the folder at `path` (without `.` and `..`), in the order `readdir(3)` gives them.
    /// - Parameter name: the folder as an error names it (the argument as given, or a subfolder's path).
    private static func entries(of path: String, named name: String) throws(InputListError) -> [String] {
        guard let directory = opendir(path) else {
            throw InputListError(.folderCannotBeRead(folder: name, errorNumber: errno))
        }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { bytes in
                String(decoding: bytes.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    /// The paths a pattern matches, in byte order (see the type's description for the `glob(3)` flags).
    private static func matches(of pattern: String) throws(InputListError) -> [String] {
        var result = glob_t()
        defer { globfree(&result) }
        let status = glob(pattern, GLOB_NOSORT, { _, error in error == ENOENT || error == ENOTDIR ? 0 : 1 }, &result)
        switch status {
        case 0:
            let matches = (0..<Int(result.gl_pathc)).compactMap { result.gl_pathv[$0].map { String(cString: $0) } }
            return matches.sorted(by: inByteOrder)
        case GLOB_NOMATCH:
            throw InputListError(.patternMatchesNothing(pattern: pattern))
        default:
            throw InputListError(.patternFolderCannotBeRead(pattern: pattern))
        }
    }

    /// Whether `path` is itself a symbolic link.
    private static func isSymbolicLink(_ path: String) -> Bool {
        var status = stat()
        return lstat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFLNK
    }

    /// Byte order of the UTF-8 of two paths.
    private static func inByteOrder(_ first: String, _ second: String) -> Bool {
        first.utf8.lexicographicallyPrecedes(second.utf8)
    }
}

/// What tells two listed files apart: the device and inode of the file a path names, else the path's text.
private enum FileKey: Hashable {
    case identity(device: UInt64, inode: UInt64)
    case path(String)

    init(_ path: String) {
        var status = stat()
        self =
            stat(path, &status) == 0
            ? .identity(device: UInt64(status.st_dev), inode: UInt64(status.st_ino)) : .path(path)
    }
}
