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
    /// - Throws: ``ProfileError`` with code ``ProfileError/Code/invalidOption`` and a sentence naming the option.
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
        if maxFieldBytes < 1 { throw ProfileError(.belowOne(.maxFieldBytes)) }
        if exactDistinctLimit < 1 { throw ProfileError(.belowOne(.exactDistinctLimit)) }
        if let maximumThreads, maximumThreads < 1 { throw ProfileError(.belowOne(.maximumThreads)) }
        if !gradeThresholds.isValid { throw ProfileError(.gradeThresholdsOutOfOrder) }
    }

    /// The null tokens with duplicates removed, first occurrence kept.
    var uniqueNullValues: [String] {
        var seen = Set<String>()
        return nullValues.filter { seen.insert($0).inserted }
    }

    /// The key names with duplicates removed, first occurrence kept.
    var uniqueKeys: [String] {
        var seen = Set<String>()
        return keys.filter { seen.insert($0).inserted }
    }
}
