import ArgumentParser
import DataQuality
import Foundation

/// `dqcli`: profiles CSV files for data quality. `profile` is the default subcommand, so
/// `dqcli orders.csv` and `dqcli profile orders.csv` are the same.
@main
struct DQCLI: ParsableCommand, ExitStatusDocumented {
    static let configuration = CommandConfiguration(
        commandName: "dqcli",
        abstract: "Profile CSV files for data quality.",
        version: ToolInfo.version,
        subcommands: [Profile.self, Check.self, Suggest.self, History.self, Diff.self, Merge.self, RowHashCommand.self],
        defaultSubcommand: Profile.self
    )

    static let exitStatuses: [(status: String, meaning: String)] = [
        ("0", "done, and every gate passed."),
        ("1", "a gate failed: --fail-under, an error rule, or drift with --fail-on-drift."),
        ("64", "usage error: a bad option or value, a missing FILE, a rule file with a mistake."),
        (
            "65",
            "bad data: --strict met a malformed or ragged record, a header field is over --max-field-bytes, a compressed input is cut or damaged, the input is not a CSV, a state or report is damaged."
        ),
        ("66", "an input cannot be opened or read."),
        ("70", ExitStatusText.unexpectedError),
        ("73", "an output cannot be written."),
        ("74", "the history database cannot be opened or written.")
    ]

    /// The commands whose help ends with an EXIT STATUS section: this one and every subcommand.
    static let documentedCommands: [any ExitStatusDocumented.Type] = [
        DQCLI.self, Profile.self, Check.self, Suggest.self, History.self, Diff.self, Merge.self, RowHashCommand.self
    ]

    /// ArgumentParser's `main()`, with three changes to what it prints: a command's help ends with its EXIT
    /// STATUS section (``ExitStatusDocumented``), control characters that an option value brings into a
    /// message are escaped (``MessageText``), and a `ValidationError` thrown by a subcommand's `run()` (an
    /// option the input refutes) gets that subcommand's usage lines, as one thrown by `validate()` does. First of all it installs ``InterruptCleanup``, so SIGINT, SIGTERM
    /// or SIGHUP leave no temporary file behind.
    static func main() {
        InterruptCleanup.install()
        var command: (any ParsableCommand)?
        do {
            command = try parseAsRoot()
            try command!.run()
        } catch {
            let exitCode = exitCode(for: error)
            guard exitCode != .success else {
                // Help (its text is the help of one command), or the version.
                let text = fullMessage(for: error)
                if let command = documentedCommands.first(where: { helpMessage(for: $0) == text }) {
                    print(text + "\n\n" + command.exitStatusSection)
                    Foundation.exit(0)
                }
                exit(withError: error)
            }
            var text = fullMessage(for: error)
            if let validation = error as? ValidationError, let command {
                let subcommand = type(of: command)
                text = """
                    Error: \(validation.message)
                    Usage: \(usageString(for: subcommand))
                      See '\(configuration.commandName!) \(subcommand._commandName) --help' for more information.
                    """
            }
            if !text.isEmpty {
                FileHandle.standardError.write(Data((MessageText.escapedLines(text) + "\n").utf8))
            }
            Foundation.exit(exitCode.rawValue)
        }
    }
}
