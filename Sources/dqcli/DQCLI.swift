import ArgumentParser
import DataQuality
import Foundation

/// `dqcli`: profiles CSV files for data quality. `profile` is the default subcommand, so
/// `dqcli orders.csv` and `dqcli profile orders.csv` are the same.
@main
struct DQCLI: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dqcli",
        abstract: "Profile CSV files for data quality.",
        version: ToolInfo.version,
        subcommands: [Profile.self, Check.self, Suggest.self, History.self, Diff.self, Merge.self, RowHashCommand.self],
        defaultSubcommand: Profile.self
    )

    /// ArgumentParser's `main()`, with two changes to how errors are printed: control characters that an
    /// option value brings into a message are escaped (``MessageText``), and a `ValidationError` thrown by a
    /// subcommand's `run()` (an option the input refutes) gets that subcommand's usage lines, as one thrown by
    /// `validate()` does. First of all it installs ``InterruptCleanup``, so SIGINT, SIGTERM or SIGHUP leave no
    /// temporary file behind.
    static func main() {
        InterruptCleanup.install()
        var command: (any ParsableCommand)?
        do {
            command = try parseAsRoot()
            try command!.run()
        } catch {
            let exitCode = exitCode(for: error)
            guard exitCode != .success else { exit(withError: error) }  // help, version: printed as is
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
