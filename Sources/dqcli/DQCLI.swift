import ArgumentParser
import DataQuality

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
}
