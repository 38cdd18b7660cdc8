/// Two saved JSON reports compared, as `dqcli diff` shows them: the metrics of the older and the newer report,
/// the paths they were read from, and the drift of the newer against the older (the history's comparison with
/// the previous run).
public struct ReportComparison: Sendable, Equatable {
    /// The older report's metrics.
    public var old: RunMetrics
    /// The path the older report was read from.
    public var oldPath: String
    /// The newer report's metrics.
    public var new: RunMetrics
    /// The path the newer report was read from.
    public var newPath: String
    /// The drift of `new` against `old`.
    public var drift: [DriftFinding]

    /// Compares two reports' metrics under `limits` (``DriftDetector/findings(current:earlier:)``).
    /// - Complexity: O(c²) for c columns.
    public init(old: RunMetrics, oldPath: String, new: RunMetrics, newPath: String, limits: DriftLimits) {
        self.old = old
        self.oldPath = oldPath
        self.new = new
        self.newPath = newPath
        drift = DriftDetector(limits: limits).findings(current: new, earlier: [old])
    }
}
