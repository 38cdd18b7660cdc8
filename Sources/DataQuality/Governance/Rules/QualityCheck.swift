/// One governed run, as a nightly job does it: profile a file under a rule set, evaluate the rules, and
/// (with a history database) compare with earlier runs and store this one.
///
/// The report is handed to `deliver` before the history transaction commits, so a report that cannot be
/// written leaves no run in the history, and a run that cannot be stored is reported as an error.
public struct QualityCheck: Sendable {
    /// Profile options; ``ProfileOptions/rules`` is set from ``rules``.
    public var options: ProfileOptions
    /// The rule set, or `nil` to profile and record without rules.
    public var rules: RuleSet?
    /// The history database path, or `nil` for no history and no drift.
    public var historyPath: String?
    /// The dataset name when the rule file gives none; `nil` uses the file's name without its extension.
    public var datasetName: String?
    /// The run time, seconds since the Unix epoch (freshness is measured from it; the history stores it).
    public var now: Int64

    /// Creates a check.
    public init(options: ProfileOptions, rules: RuleSet?, historyPath: String?, datasetName: String?, now: Int64) {
        self.options = options
        self.rules = rules
        self.historyPath = historyPath
        self.datasetName = datasetName
        self.now = now
    }

    /// What a run found.
    public struct Outcome: Sendable {
        /// The report, with `rules` and (with a history) `drift` filled in.
        public var report: Report
        /// The dataset name used.
        public var dataset: String
        /// The run's id in the history, when stored.
        public var runID: Int64?

        /// Failed rules at error level.
        public var failedRules: [RuleResult] { (report.rules ?? []).filter(\.failsCheck) }
        /// Failed rules at warn level.
        public var warnedRules: [RuleResult] { (report.rules ?? []).filter { !$0.passed && $0.level == .warn } }
        /// Drift findings (empty without a history).
        public var drift: [DriftFinding] { report.drift ?? [] }
    }

    /// Runs the check on the file at `path` (`-` for standard input).
    /// - Parameters:
    ///   - progress: passed to ``Profiler/profile(fileAt:progressInterval:progress:invalidRows:)``.
    ///   - invalidRows: the failing-rows file to write, if any (see ``InvalidRowsRequest``).
    ///   - deliver: writes or prints the finished report; called once, inside the history transaction.
    /// - Throws: ``SameFileError`` when the failing-rows file or the history database is the input, or the
    ///   failing-rows file is the history database (or its `-wal` or `-shm` file), before reading anything;
    ///   ``ProfileError`` (profiling), ``HistoryError`` (the database), or what `deliver` throws; the
    ///   history is unchanged in every case.
    public func run(
        fileAt path: String, progress: ProgressHandler? = nil, invalidRows: InvalidRowsRequest? = nil,
        deliver: (Report) throws -> Void
    ) throws -> Outcome {
        let files: [RunFile?] = [
            RunFile(.input, path), historyPath.map { RunFile(.historyDatabase, $0) },
            invalidRows.map { RunFile(.invalidRows, $0.path) }
        ]
        try RunFile.checkDistinct(files.compactMap { $0 })
        var profileOptions = options
        profileOptions.rules = rules
        var report = try Profiler(options: profileOptions).profile(
            fileAt: path, progress: progress, invalidRows: invalidRows)
        if let rules { RuleEvaluator(rules: rules).apply(to: &report, now: now) }
        let dataset = self.dataset(forPath: path)
        guard let historyPath else {
            try deliver(report)
            return Outcome(report: report, dataset: dataset, runID: nil)
        }
        let store = try HistoryStore(path: historyPath)
        var delivered = report
        let stored = try store.record(
            RunMetrics(report: report, dataset: dataset, runTime: now), rules: report.rules,
            limits: rules?.drift ?? DriftLimits()
        ) { _, drift in
            delivered.drift = drift
            try deliver(delivered)
        }
        return Outcome(report: delivered, dataset: dataset, runID: stored.run.id)
    }
}
