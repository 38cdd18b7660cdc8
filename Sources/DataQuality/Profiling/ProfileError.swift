/// Why a profile could not be made. Problems *in* the data are findings in the report; this error is thrown
/// only when the run cannot go on.
///
/// `description` is one sentence naming the file, and the line (1-based) and byte offset (0-based, BOM
/// included) where they apply.
public struct ProfileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong.
    public enum Code: Sendable, Equatable {
        /// The input cannot be opened or read (sysexits `EX_NOINPUT`, 66).
        case cannotRead
        /// `--strict` met a record that breaks the quoting rules or a field over the limit, or (in every mode)
        /// the header holds a field over the limit (65).
        case malformedRecord
        /// `--strict` met a record whose field count differs from the header's (65).
        case raggedRecord
        /// A key column names no column (usage error, 64).
        case unknownKeyColumn
        /// An option value is out of range (usage error, 64).
        case invalidOption
        /// An output the run was asked to write (the failing-rows file) cannot be written (`EX_CANTCREAT`, 73).
        case cannotWrite
        /// A partial-profile state file cannot be read or merged (damaged, from a newer format version, or
        /// made with other settings or columns than the states it is merged with).
        case invalidState
        /// A line of partition mode's input is not a rowhash line or a base64 record, or its record does not
        /// read as the one record it claims to be (`EX_DATAERR`, 65).
        case invalidEncodedRecord
    }

    /// The error's code.
    public var code: Code
    /// The sentence that explains it, without the location prefix.
    public var message: String
    /// The source's path (`-` for standard input), when one is involved.
    public var path: String?
    /// The 1-based line, when it applies.
    public var line: Int?
    /// The 0-based byte offset of the faulty byte, when it applies.
    public var byteOffset: Int?

    /// Creates an error.
    public init(code: Code, message: String, path: String? = nil, line: Int? = nil, byteOffset: Int? = nil) {
        self.code = code
        self.message = message
        self.path = path
        self.line = line
        self.byteOffset = byteOffset
    }

    /// The header holds a field longer than ``ProfileOptions/maxFieldBytes``: in every mode an error, since the
    /// field would be cut and every column name after it would be wrong (each data row would read as ragged).
    /// - Parameters:
    ///   - path: the input's name; `line` the header's 1-based line.
    ///   - byteOffset: the first byte past the limit (0-based, BOM included).
    ///   - limit: the limit in bytes.
    static func headerFieldTooLong(path: String, line: Int, byteOffset: Int, limit: Int) -> ProfileError {
        ProfileError(
            code: .malformedRecord,
            message: "the header has a field longer than --max-field-bytes (\(limit) byte\(limit == 1 ? "" : "s")): the column names would be cut; give a larger --max-field-bytes.",
            path: path, line: line, byteOffset: byteOffset)
    }

    /// `orders.csv, line 4, byte offset 13: ragged record: 2 fields, expected 3.`; the path `-` is written
    /// `standard input`.
    public var description: String {
        var location: [String] = []
        if let path { location.append(path == "-" ? "standard input" : path) }
        if let line { location.append("line \(line)") }
        if let byteOffset { location.append("byte offset \(byteOffset)") }
        return location.isEmpty ? message : location.joined(separator: ", ") + ": " + message
    }
}
