import ArgumentParser
import DataQuality

/// Partition mode's options (`profile --record-encoding base64 --columns A,B,C | --header-line TEXT`): the
/// input holds records one per line, as `dqcli rowhash` writes them, and no header.
struct PartitionArguments: ParsableArguments {
    enum RecordEncoding: String, ExpressibleByArgument, CaseIterable {
        case base64
    }

    @Option(
        name: .customLong("record-encoding"),
        help: ArgumentHelp(
            "Partition mode: each input line is a `dqcli rowhash` line or a bare record in this encoding; needs --columns or --header-line.",
            valueName: "base64"))
    var recordEncoding: RecordEncoding?

    @Option(
        name: .customLong("columns"),
        help: ArgumentHelp("Partition mode: the column names, comma-separated (no CSV quoting).", valueName: "A,B,C"))
    var columns: String?

    @Option(
        name: .customLong("header-line"),
        help: ArgumentHelp("Partition mode: the file's header line, read with the dialect.", valueName: "TEXT"))
    var headerLine: String?

    /// Whether partition mode is on.
    var isOn: Bool { recordEncoding != nil }

    /// The names' source; call after `validate()` in partition mode.
    var columnNames: PartitionColumnNames {
        if let columns {
            return .names(columns.split(separator: ",", omittingEmptySubsequences: false).map(String.init))
        }
        return .headerLine(headerLine ?? "")
    }

    /// Checks partition mode's options against the others of `profile`.
    func validate(
        profiling: ProfileArguments, invalidRows: InvalidRowsArguments, rules: String?, governance: GovernanceArguments
    ) throws {
        guard isOn else {
            if columns != nil || headerLine != nil {
                throw ValidationError("--columns and --header-line need --record-encoding base64 (partition mode).")
            }
            return
        }
        if columns != nil && headerLine != nil {
            throw ValidationError("--columns and --header-line both name the columns: give one of them.")
        }
        if columns == nil && headerLine == nil {
            throw ValidationError(
                "--record-encoding base64 needs the column names: give --columns or --header-line (one of them).")
        }
        if columns == "" { throw ValidationError("--columns: give at least one name.") }
        if let headerLine, headerLine.isEmpty || headerLine.hasPrefix("\n") || headerLine.hasPrefix("\r") {
            throw ValidationError("--header-line: give the header's names; it is empty.")
        }
        let refused: [(String, Bool)] = [
            ("--no-header", profiling.dialect.noHeader), ("--skip-lines", profiling.dialect.skipLines != nil),
            ("--comment", profiling.dialect.comment != nil),
            ("--invalid-rows", invalidRows.path != nil),
            ("--rules", rules != nil), ("--history", governance.history != nil),
            ("--fail-on-drift", governance.failOnDrift)
        ]
        for (option, given) in refused where given {
            throw ValidationError("\(option) does not apply in partition mode (--record-encoding).")
        }
    }
}
