/// Everything that shapes a profile: the dialect, the null rule, key columns, grading and limits.
///
/// Defaults follow the report contract (`docs/report-contract.md`).
public struct ProfileOptions: Sendable, Equatable {
    /// pandas' default `na_values`, the contract's default null tokens, in the contract's order.
    public static let defaultNullValues = [
        "#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN", "-NaN", "-nan", "1.#IND", "1.#QNAN", "<NA>", "N/A",
        "NA", "NULL", "NaN", "None", "n/a", "nan", "null"
    ]
    /// 64 MiB, the default field limit.
    public static let defaultMaxFieldBytes = 64 * 1024 * 1024
    /// 100 000 distinct values per column, the default bound of the exact distinct set.
    public static let defaultExactDistinctLimit = 100_000

    /// The field delimiter byte; `nil` detects it by the contract's sniffing rule. Any byte but the quote,
    /// CR and LF.
    public var delimiter: UInt8?
    /// The quote byte (default `"`); not CR or LF.
    public var quote: UInt8 = UInt8(ascii: "\"")
    /// Whether the first record (the first that is not a blank line) names the columns.
    public var hasHeader = true
    /// Lines skipped at the start of the text, after a byte order mark and before anything else is read (a
    /// title, an export note): they are neither records nor blank lines, but line numbers count them. At
    /// least 0; a text with fewer lines is skipped whole (``SourceDescription/skippedLines`` says how many).
    /// Memory: the skipped lines are held until the records begin (with the first 64 KiB after them).
    public var linesToSkip = 0
    /// The comment byte: wherever a record would begin (before the header too), a line whose first byte is
    /// this one is a comment (counted in ``Report/commentLines``), neither a record nor a blank line; nil for
    /// none. Not CR, LF, the quote or a given ``delimiter``; it is never detected as the delimiter, and an
    /// Excel `sep=` line naming it is no `sep=` line.
    public var commentByte: UInt8?
    /// The text encoding, nil to take it from a UTF-16 byte order mark or detect it (the contract's
    /// "Encoding": UTF-8, or windows-1252 when the first 64 KiB are not valid UTF-8 and hold no valid
    /// multi-byte UTF-8 sequence). A UTF-16 byte order mark wins over it. Text in UTF-16 or a single-byte
    /// encoding is decoded to UTF-8 as it is read; offsets in findings and errors still count the stored bytes.
    public var encoding: TextEncoding?

    /// The decimal mark of every column's numbers; nil decides each column's convention from its values (the
    /// convention more of them need), and a column that no value decides takes the file's.
    public var decimalMark: DecimalMark?
    /// Null tokens, compared with the value trimmed of ASCII spaces and tabs; an empty value is always null.
    /// Duplicates are dropped (first kept) when the options are recorded in the report.
    public var nullValues: [String] = ProfileOptions.defaultNullValues
    /// Key column names; each must name a column, else profiling throws ``ProfileError/Code/unknownKeyColumn``.
    public var keys: [String] = []
    /// Grade thresholds.
    public var gradeThresholds: GradeThresholds = .default
    /// Whether duplicate rows are counted (memory: see ``DuplicateRowSet``).
    public var checksDuplicates = true
    /// Whether the first malformed or ragged record ends the run with ``ProfileError/Code/malformedRecord``
    /// or ``ProfileError/Code/raggedRecord``.
    public var strict = false
    /// A field longer than this many bytes (after unquoting) makes its record malformed. At least 1.
    public var maxFieldBytes: Int = ProfileOptions.defaultMaxFieldBytes
    /// Distinct values kept exactly per column before switching to sketches. At least 1.
    public var exactDistinctLimit: Int = ProfileOptions.defaultExactDistinctLimit

    /// The most cores a large regular file is profiled on (in record-aligned chunks, merged); nil uses
    /// every active core. It changes how fast a report comes, never what it says.
    public var maximumThreads: Int?

    /// A rule set whose value-level rules (type, allowed values, pattern, ranges, length, format) shape
    /// conformance; `nil` for none. Evaluate the finished report against it with ``RuleEvaluator``.
    public var rules: RuleSet?

    /// Creates the default options.
    public init() {}

    /// Checks the options that can be wrong on their own (bytes, limits, thresholds).
    /// - Throws: ``ProfileError`` with code ``ProfileError/Code/invalidOption`` and a sentence naming the option
    ///   (``ProfileError/Problem/commentByteNotAllowed(equals:)`` for a comment byte that is CR, LF, the quote
    ///   or the delimiter).
    public func validate() throws {
        func fail(_ message: String) -> ProfileError {
            ProfileError(code: .invalidOption, message: message)
        }
        if quote == 0x0D || quote == 0x0A {
            throw fail("The quote must be a single byte other than CR and LF.")
        }
        if let delimiter {
            if delimiter == 0x0D || delimiter == 0x0A {
                throw fail("The delimiter must be a single byte other than CR and LF.")
            }
            if delimiter == quote {
                throw fail("The delimiter must differ from the quote.")
            }
        }
        if let commentByte {
            if commentByte == 0x0D || commentByte == 0x0A { throw ProfileError(.commentByteNotAllowed(equals: nil)) }
            if commentByte == quote { throw ProfileError(.commentByteNotAllowed(equals: .quote)) }
            if commentByte == delimiter { throw ProfileError(.commentByteNotAllowed(equals: .delimiter)) }
        }
        if linesToSkip < 0 { throw ProfileError(.negative(.linesToSkip)) }
        if maxFieldBytes < 1 { throw ProfileError(.belowOne(.maxFieldBytes)) }
        if exactDistinctLimit < 1 { throw ProfileError(.belowOne(.exactDistinctLimit)) }
        if let maximumThreads, maximumThreads < 1 { throw ProfileError(.belowOne(.maximumThreads)) }
        if !gradeThresholds.isValid { throw ProfileError(.gradeThresholdsOutOfOrder) }
        if let encoding, !encoding.isConvertible { throw ProfileError(.encodingUnavailable(name: encoding.name)) }
    }

    /// The null tokens with duplicates removed, first occurrence kept.
    var uniqueNullValues: [String] { Self.firstOccurrences(nullValues) }

    /// The key names with duplicates removed, first occurrence kept.
    var uniqueKeys: [String] { Self.firstOccurrences(keys) }

    /// `values` without their repeats, first occurrence kept. A short list (the default null tokens are 18) is
    /// compared pair by pair, which costs a fraction of hashing every string into a set; a long one goes
    /// through a set.
    /// - Complexity: O(n²) for at most 64 values, else O(n).
    private static func firstOccurrences(_ values: [String]) -> [String] {
        guard values.count > 64 else {
            return values.indices.compactMap { index in
                values[..<index].contains(values[index]) ? nil : values[index]
            }
        }
        var seen = Set<String>()
        return values.filter { seen.insert($0).inserted }
    }
}
