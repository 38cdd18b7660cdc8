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
        /// A gzip or zstd input is cut or damaged (``Problem/damagedCompressedStream(compression:offset:damage:)``,
        /// `EX_DATAERR`, 65).
        case damagedCompressedInput
        /// The input is not a CSV: a known binary format, or mostly NUL bytes (``Problem/notCSV(_:)``,
        /// `EX_DATAERR`, 65).
        case notCSV
    }

    /// A problem whose sentence names a setting (``ProfileOption``) or a value the caller gave: the setting is
    /// typed, so that each caller can word it its own way (``message(naming:)``).
    public enum Problem: Sendable, Equatable {
        /// No delimiter candidate is eligible and the quote is `,`, the contract's fallback delimiter.
        case quoteIsDefaultDelimiter
        /// A whole-number option (``ProfileOption/maxFieldBytes``, ``ProfileOption/exactDistinctLimit``,
        /// ``ProfileOption/maximumThreads``) is below 1.
        case belowOne(ProfileOption)
        /// A whole-number option (``ProfileOption/linesToSkip``) is below 0.
        case negative(ProfileOption)
        /// ``ProfileOptions/commentByte`` equals the setting `equals` (``ProfileOption/quote`` or
        /// ``ProfileOption/delimiter``), or, when `equals` is nil, is CR or LF.
        case commentByteNotAllowed(equals: ProfileOption?)
        /// The input is not a CSV: what it looks like, and so what to do.
        case notCSV(NotCSVKind)
        /// The grade thresholds are not four fractions in 0...1 from A down to D.
        case gradeThresholdsOutOfOrder
        /// The header holds a field longer than `limit` bytes (``ProfileOptions/maxFieldBytes``).
        case headerFieldTooLong(limit: Int)
        /// A key column names no column.
        case unknownKeyColumn(name: String)
        /// In strict mode, a field longer than ``ProfileOptions/maxFieldBytes``.
        case fieldTooLong
        /// ``RowHasher``'s source name holds a tab, CR or LF.
        case sourceNameHoldsLineBreak
        /// Partition mode was given an empty list of column names.
        case noColumnNames
        /// Partition mode's header line is empty or starts with a line ending.
        case emptyHeaderLine
        /// Partition mode's header line reads as `events` lines or records, not one.
        case headerLineIsNotOneRecord(events: Int)
        /// A decoded record reads as `events` records, not one.
        case encodedRecordIsNotOneRecord(events: Int)
        /// A record's row hash as read here (`found`, hexadecimal) is not the one it came with (`expected`).
        case rowHashDiffers(expected: String, found: String)
        /// A state file does not decode as a partial profile; `reason` says why.
        case notPartialProfile(reason: String)
        /// The states were made with a rule file and none was given to merge them.
        case rulesMissing
        /// The states were made without a rule file and one (at `path`) was given to merge them.
        case rulesNotExpected(path: String)
        /// A compressed input is cut or damaged: `offset` is the 0-based byte of the stored, compressed input
        /// where it breaks (for a cut stream, its size).
        case damagedCompressedStream(compression: Compression, offset: Int, damage: CompressedStreamDamage)
        /// A text encoding name the contract does not read (``TextEncoding/init(name:)``), as given.
        case unknownEncoding(name: String)
        /// States to merge were read in different encodings (``TextEncoding/name``): `encoding` is this part's,
        /// `firstEncoding` that of the first part, `firstPart`. The encoding is decided once per run.
        case encodingsDiffer(encoding: String, firstPart: String, firstEncoding: String)
        /// The encoding named cannot be decoded on this system: glibc's iconv has no converter from it (its
        /// gconv modules are missing). Never a silent misreading.
        case encodingUnavailable(name: String)

        /// The code an error of this problem has.
        public var code: Code {
            switch self {
            case .quoteIsDefaultDelimiter, .belowOne, .negative, .commentByteNotAllowed, .gradeThresholdsOutOfOrder,
                .sourceNameHoldsLineBreak, .noColumnNames, .emptyHeaderLine, .headerLineIsNotOneRecord,
                .unknownEncoding, .encodingUnavailable:
                .invalidOption
            case .headerFieldTooLong, .fieldTooLong: .malformedRecord
            case .unknownKeyColumn: .unknownKeyColumn
            case .encodedRecordIsNotOneRecord, .rowHashDiffers: .invalidEncodedRecord
            case .notPartialProfile, .rulesMissing, .rulesNotExpected, .encodingsDiffer: .invalidState
            case .damagedCompressedStream: .damagedCompressedInput
            case .notCSV: .notCSV
            }
        }

        /// The sentence, with every setting worded by `name`: `maxFieldBytes must be a whole number, at least 1
        /// (bytes).` with ``ProfileOption/description``.
        public func message(naming name: (ProfileOption) -> String) -> String {
            switch self {
            case .quoteIsDefaultDelimiter:
                return "\(name(.quote)) ',' is also the default delimiter: give \(name(.delimiter)) too."
            case .belowOne(let option):
                return
                    "\(name(option)) must be a whole number, at least 1\(option == .maxFieldBytes ? " (bytes)" : "")."
            case .negative(let option):
                return "\(name(option)) must be a whole number, at least 0."
            case .commentByteNotAllowed(let setting):
                guard let setting else { return "\(name(.commentByte)) must be a single byte other than CR and LF." }
                return "\(name(.commentByte)) must differ from \(name(setting))."
            case .notCSV(let kind):
                return kind.message(naming: name)
            case .gradeThresholdsOutOfOrder:
                return "\(name(.gradeThresholds)) must be four fractions in 0...1, from A down to D."
            case .headerFieldTooLong(let limit):
                let option = name(.maxFieldBytes)
                return
                    "the header has a field longer than \(option) (\(limit) byte\(limit == 1 ? "" : "s")): the column names would be cut; give a larger \(option)."
            case .unknownKeyColumn(let key):
                return "\(name(.keys)) \(key): no column has that name."
            case .fieldTooLong:
                return "malformed record: a field longer than \(name(.maxFieldBytes)) (the first byte past the limit)."
            case .sourceNameHoldsLineBreak:
                return "the source name holds a tab, CR or LF; give \(name(.sourceName))."
            case .noColumnNames:
                return "\(name(.columnNames)) needs at least one name."
            case .emptyHeaderLine:
                return "\(name(.headerLine)) must hold the header's names; it is empty."
            case .headerLineIsNotOneRecord(let events):
                return "\(name(.headerLine)) reads as \(events) lines or records; give the one header line."
            case .encodedRecordIsNotOneRecord(let events):
                return
                    "RECORD reads as \(events) records, not one: were the records written by \(name(.rowHasher)) with the same \(dialect(name))?"
            case .rowHashDiffers(let expected, let found):
                return
                    "HASH \(expected) is not the record's row hash (\(found)) as read here: give the \(dialect(name)) that \(name(.rowHasher)) used."
            case .notPartialProfile(let reason):
                return "not a dqcli partial profile (a state file from \(name(.partialProfileState))): \(reason)"
            case .rulesMissing:
                return "the states were made with a rule file: give it with \(name(.rules))."
            case .rulesNotExpected(let path):
                return "the states were made without a rule file; drop \(name(.rules)) \(path)."
            case .damagedCompressedStream(let compression, let offset, let damage):
                let state = damage == .cut ? "cut" : "damaged"
                return "the \(compression.rawValue) stream is \(state) at byte \(offset) of the compressed input "
                    + "(\(damage.explanation(compression)))."
            case .encodingUnavailable(let encoding):
                return "\(name(.encoding)) \(encoding): this system cannot decode it (glibc's iconv has no converter "
                    + "from it: are its gconv modules installed?); convert the file to UTF-8 first."
            case .encodingsDiffer(let encoding, let firstPart, let firstEncoding):
                return
                    "its encoding is \(encoding) and \(firstPart)'s is \(firstEncoding): the encoding is decided once "
                    + "per run; profile every part with the same \(name(.encoding))."
            case .unknownEncoding(let encoding):
                if ["utf-16", "utf16"].contains(encoding.lowercased()) {
                    return "\(name(.encoding)) \(encoding) needs its byte order: give utf-16le or utf-16be."
                }
                return "\(name(.encoding)) \(encoding) is not an encoding this reads: give utf-8, utf-16le, utf-16be "
                    + "or an ASCII-compatible single-byte encoding such as windows-1252, iso-8859-1 or iso-8859-15."
            }
        }

        /// The settings that shape how a record reads: `delimiter, quote, maxFieldBytes and encoding`.
        private func dialect(_ name: (ProfileOption) -> String) -> String {
            "\(name(.delimiter)), \(name(.quote)), \(name(.maxFieldBytes)) and \(name(.encoding))"
        }
    }

    /// The error's code.
    public var code: Code
    /// The sentence that explains it, without the location prefix; for a ``problem``, its sentence with Swift
    /// names (``ProfileOption/description``).
    public var message: String
    /// The problem, when the sentence names a setting or a value the caller gave; nil for the others.
    public var problem: Problem?
    /// The source's path (`-` for standard input), when one is involved.
    public var path: String?
    /// The 1-based line, when it applies.
    public var line: Int?
    /// Whether ``line`` counts the records of a part rather than lines of a file (partition mode's records given
    /// without their source lines).
    public var lineCountsRecordsOfPart = false
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

    /// Creates the error of `problem`: its code, and its sentence with Swift names.
    public init(_ problem: Problem, path: String? = nil, line: Int? = nil, byteOffset: Int? = nil) {
        self.init(
            code: problem.code, message: problem.message(naming: \.description), path: path, line: line,
            byteOffset: byteOffset)
        self.problem = problem
    }

    /// The header holds a field longer than ``ProfileOptions/maxFieldBytes``: in every mode an error, since the
    /// field would be cut and every column name after it would be wrong (each data row would read as ragged).
    /// - Parameters:
    ///   - path: the input's name; `line` the header's 1-based line.
    ///   - byteOffset: the first byte past the limit (0-based, BOM included).
    ///   - limit: the limit in bytes.
    static func headerFieldTooLong(path: String, line: Int, byteOffset: Int, limit: Int) -> ProfileError {
        ProfileError(.headerFieldTooLong(limit: limit), path: path, line: line, byteOffset: byteOffset)
    }

    /// The message with every setting worded by `name` (a command line's flags): the ``problem``'s sentence, or
    /// ``message`` when there is none.
    public func message(naming name: (ProfileOption) -> String) -> String {
        problem?.message(naming: name) ?? message
    }

    /// `orders.csv, line 4, byte offset 13: ragged record: 2 fields, expected 3.`; the path `-` is written
    /// `standard input`; settings have their Swift names.
    public var description: String {
        description(naming: \.description)
    }

    /// ``description`` with every setting worded by `name` (a command line's flags); a line that counts the
    /// records of a part adds ` (the line counts records of this part)`.
    public func description(naming name: (ProfileOption) -> String) -> String {
        var location: [String] = []
        if let path { location.append(path == "-" ? "standard input" : path) }
        if let line { location.append("line \(line)") }
        if let byteOffset { location.append("byte offset \(byteOffset)") }
        var text = message(naming: name)
        if lineCountsRecordsOfPart { text += " (the line counts records of this part)" }
        return location.isEmpty ? text : location.joined(separator: ", ") + ": " + text
    }
}
