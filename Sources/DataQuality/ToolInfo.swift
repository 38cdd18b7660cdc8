/// The tool that wrote a report.
public enum ToolInfo {
    /// `dqcli`.
    public static let name = "dqcli"
    /// The version of this library and tool.
    public static let version = "0.1.0"
}
