import ArgumentParser
import DataQuality

/// The options that shape a profile (dialect, nulls, keys, grading, limits), shared by every command that
/// profiles. `validate()` checks them; ``profileOptions`` hands them to the library.
struct ProfileArguments: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Field delimiter: one byte (`tab` or `\\t` for TAB), not the quote, CR or LF. Detected when absent.",
        valueName: "C"))
    var delimiter: String?

    @Option(help: ArgumentHelp("Quote byte (default \"), not CR or LF.", valueName: "C"))
    var quote: String?

    @Flag(name: .customLong("no-header"), help: "The first record is data; columns are named column_1...")
    var noHeader = false

    @Option(
        name: .customLong("null-value"), parsing: .unconditionalSingleValue,
        help: ArgumentHelp(
            "A token that means null (repeatable; replaces the default list; \"\" keeps only emptiness). "
                + "Write --null-value=-NaN for tokens starting with '-'.",
            valueName: "TOKEN"))
    var nullValues: [String] = []

    @Option(name: .customLong("key"), help: ArgumentHelp("A key column (repeatable).", valueName: "NAME"))
    var keys: [String] = []

    @Option(
        name: .customLong("grade-thresholds"),
        help: ArgumentHelp("Lowest overall score for A,B,C,D (default 0.99,0.95,0.90,0.80).", valueName: "a,b,c,d"))
    var gradeThresholds: String?

    @Flag(name: .customLong("no-duplicates"), help: "Do not check for duplicate rows.")
    var noDuplicates = false

    @Flag(help: "Fail (exit 65) on the first malformed or ragged record.")
    var strict = false

    @Option(
        name: .customLong("max-field-bytes"), parsing: .unconditional,
        help: ArgumentHelp("A longer field makes its record malformed (default 64 MiB).", valueName: "N"))
    var maxFieldBytes: Int?

    @Option(
        name: .customLong("exact-distinct-limit"), parsing: .unconditional,
        help: ArgumentHelp("Distinct values counted exactly per column (default 100000).", valueName: "N"))
    var exactDistinctLimit: Int?

    @Option(parsing: .unconditional, help: ArgumentHelp("Cores to use for a large file (default: all).", valueName: "N"))
    var threads: Int?

    func validate() throws {
        let quoteByte = try quote.map { try Self.byte(named: "--quote", $0) } ?? UInt8(ascii: "\"")
        if let delimiter, try Self.byte(named: "--delimiter", delimiter) == quoteByte {
            throw ValidationError("--delimiter '\(delimiter)': must differ from the quote.")
        }
        if let gradeThresholds, GradeThresholds(parsing: gradeThresholds) == nil {
            throw ValidationError(
                "--grade-thresholds '\(gradeThresholds)': must be four fractions in 0...1, from A down to D.")
        }
        if let maxFieldBytes, maxFieldBytes < 1 {
            throw ValidationError("--max-field-bytes \(maxFieldBytes): must be a whole number, at least 1 (bytes).")
        }
        if let exactDistinctLimit, exactDistinctLimit < 1 {
            throw ValidationError("--exact-distinct-limit \(exactDistinctLimit): must be a whole number, at least 1.")
        }
        if let threads, threads < 1 {
            throw ValidationError("--threads \(threads): must be a whole number, at least 1.")
        }
    }

    /// The options for ``Profiler``; call after `validate()`.
    var profileOptions: ProfileOptions {
        var options = ProfileOptions()
        options.delimiter = delimiter.flatMap { try? Self.byte(named: "--delimiter", $0) }
        if let quote, let byte = try? Self.byte(named: "--quote", quote) { options.quote = byte }
        options.hasHeader = !noHeader
        if !nullValues.isEmpty { options.nullValues = nullValues }
        options.keys = keys
        if let gradeThresholds, let parsed = GradeThresholds(parsing: gradeThresholds) {
            options.gradeThresholds = parsed
        }
        options.checksDuplicates = !noDuplicates
        options.strict = strict
        if let maxFieldBytes { options.maxFieldBytes = maxFieldBytes }
        if let exactDistinctLimit { options.exactDistinctLimit = exactDistinctLimit }
        options.maximumThreads = threads
        return options
    }

    /// One byte from an option value: a single-byte character, or `tab` / `TAB` / `\t` for TAB.
    static func byte(named option: String, _ text: String) throws -> UInt8 {
        if text == "tab" || text == "TAB" || text == "\\t" { return 0x09 }
        let bytes = Array(text.utf8)
        guard bytes.count == 1, bytes[0] != 0x0D, bytes[0] != 0x0A else {
            throw ValidationError("\(option) '\(text)': must be a single byte other than CR and LF.")
        }
        return bytes[0]
    }
}
