import ArgumentParser
import DataQuality

/// How a report is shown: format, destination, colour, and the quality gate.
struct OutputArguments: ParsableArguments {
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, json
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

    @Option(help: "Report format.")
    var format: Format = .table

    @Option(help: ArgumentHelp(
        "Write the report to FILE (atomically) instead of standard output; - is standard output.", valueName: "FILE"))
    var output: String?

    @Option(
        name: .customLong("fail-under"),
        help: ArgumentHelp("Exit 1 when the dataset grade is worse than GRADE (A-D, F).", valueName: "GRADE"))
    var failUnder: GradeValue?

    @Option(help: "Colour the table's grades: auto (a terminal and NO_COLOR unset), always, never.")
    var color: ColorChoice = .auto

    func validate() throws {
        if let output, output.isEmpty { throw ValidationError("--output needs a file path (or - for standard output).") }
    }
}
