import ArgumentParser
import DataQuality

/// The options that shape a profile (dialect, nulls, keys, grading, limits), shared by every command that
/// profiles. `validate()` checks them; ``profileOptions`` hands them to the library.
struct ProfileArguments: ParsableArguments {
    @OptionGroup var dialect: DialectArguments

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

    @Option(
        name: .customLong("decimal-mark"),
        help: ArgumentHelp(
            "The decimal mark of every column's numbers, `.` or `,` (default: each column's own, else the file's).",
            valueName: "MARK"))
    var decimalMark: String?

    @Flag(name: .customLong("no-duplicates"), help: "Do not check for duplicate rows.")
    var noDuplicates = false

    @Flag(help: "Fail (exit 65) on the first malformed or ragged record.")
    var strict = false

    @Option(
        name: .customLong("exact-distinct-limit"), parsing: .unconditional,
        help: ArgumentHelp("Distinct values counted exactly per column (default 100000).", valueName: "N"))
    var exactDistinctLimit: Int?

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp("Cores to use for a large file, and files profiled at once (default: all).", valueName: "N"))
    var threads: Int?

    func validate() throws {
        if let gradeThresholds, GradeThresholds(parsing: gradeThresholds) == nil {
            throw ValidationError(
                "--grade-thresholds '\(MessageText.escaped(gradeThresholds))': must be four fractions in 0...1, from A down to D."
            )
        }
        if let decimalMark, DecimalMark(rawValue: decimalMark) == nil {
            throw ValidationError("--decimal-mark '\(MessageText.escaped(decimalMark))': must be `.` or `,`.")
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
        dialect.apply(to: &options)
        if !nullValues.isEmpty { options.nullValues = nullValues }
        options.keys = keys
        if let gradeThresholds, let parsed = GradeThresholds(parsing: gradeThresholds) {
            options.gradeThresholds = parsed
        }
        options.decimalMark = decimalMark.flatMap(DecimalMark.init)
        options.checksDuplicates = !noDuplicates
        options.strict = strict
        if let exactDistinctLimit { options.exactDistinctLimit = exactDistinctLimit }
        options.maximumThreads = threads
        return options
    }
}
