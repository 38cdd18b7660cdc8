import ArgumentParser
import DataQuality
import Foundation

/// How a report is shown: format, destination, colour, and the quality gate.
struct OutputArguments: ParsableArguments {
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, json, html, markdown
    }

    enum ColorChoice: String, ExpressibleByArgument, CaseIterable {
        case auto, always, never
    }

    /// A grade letter as an option value (`A`...`D`, `F`; any case).
    struct GradeValue: ExpressibleByArgument {
        var grade: Grade

        init?(argument: String) {
            guard let grade = Grade(rawValue: argument.uppercased()) else { return nil }
            self.grade = grade
        }

        static var allValueStrings: [String] { Grade.allCases.map(\.rawValue) }
    }

    @Option(
        name: .customLong("format"),
        help:
            "Report format; without it, --output's extension chooses: .json, .md or .markdown, .html or .htm, else table."
    )
    var givenFormat: Format?

    @Option(
        name: [.short, .long],
        help: ArgumentHelp(
            "Write the report to FILE (atomically) instead of standard output; - is standard output (even with --quiet).",
            valueName: "FILE"))
    var output: String?

    @Option(
        name: .customLong("fail-under"),
        help: ArgumentHelp("Exit 1 when the dataset grade is worse than GRADE (A-D, F).", valueName: "GRADE"))
    var failUnder: GradeValue?

    @Option(help: "Colour the table's grades: auto (a terminal and NO_COLOR unset), always, never.")
    var color: ColorChoice = .auto

    @Flag(
        help:
            "Replace every raw string value in the report by its shape (Aaaa 99): top values, examples, string min/max."
    )
    var redact = false

    /// The report's format: `--format` when given, else the one `--output`'s extension names (any case:
    /// `.json`; `.md`, `.markdown`; `.html`, `.htm`), else the table (`.txt`, another extension, none, or
    /// standard output).
    var format: Format {
        if let givenFormat { return givenFormat }
        guard let output, output != "-" else { return .table }
        switch URL(fileURLWithPath: output).pathExtension.lowercased() {
        case "json": return .json
        case "md", "markdown": return .markdown
        case "html", "htm": return .html
        default: return .table
        }
    }

    func validate() throws {
        if let output, output.isEmpty {
            throw ValidationError("--output needs a file path (or - for standard output).")
        }
    }
}

/// The failing rows written beside the report, for the commands that read the input itself (`profile`, `check`).
struct InvalidRowsArguments: ParsableArguments {
    @Option(
        name: .customLong("invalid-rows"),
        help: ArgumentHelp(
            "Write the ragged, malformed and non-conforming records to FILE as CSV (line, reasons, fields; atomically).",
            valueName: "FILE"))
    var path: String?

    @Flag(name: .customLong("invalid-rows-nulls"), help: "With --invalid-rows: records holding a null fail too.")
    var includesNulls = false

    func validate() throws {
        if includesNulls && path == nil {
            throw ValidationError("--invalid-rows-nulls needs --invalid-rows FILE.")
        }
    }

    /// Checks these options against the report's (redaction; that the two are not one file is
    /// ``RunFileCheck``'s part).
    func validate(presentation: OutputArguments) throws {
        if presentation.redact && path != nil {
            throw ValidationError("--redact and --invalid-rows exclude each other: the failing rows are raw data.")
        }
    }

    /// The library's request; nil without `--invalid-rows`.
    var request: InvalidRowsRequest? { path.map { InvalidRowsRequest(path: $0, includesNulls: includesNulls) } }
}
