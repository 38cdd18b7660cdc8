/// One governed run, as `dqcli profile`, `check`, partition mode and `merge` all do it: get the report from its
/// source, evaluate the rules, write the failing rows, (with a history database) compare with earlier runs and
/// store this one, deliver, and judge the grade gate.
///
/// The report comes out of its source untouched: the rule results, failing-row count and drift are composed
/// beside it in a ``CheckedReport``. It is handed to `deliver` before the history transaction commits, so a
/// report that cannot be written leaves no run in the history, and a run that cannot be stored is reported as
/// an error.
public struct QualityCheck: Sendable {
    /// Profile options; ``ProfileOptions/rules`` is set from ``rules``.
    public var options: ProfileOptions
    /// The rule set, or `nil` to profile and record without rules.
    public var rules: RuleSet?
    /// The history database path, or `nil` for no history and no drift.
    public var historyPath: String?
    /// The dataset name when the rule file gives none; `nil` uses the input's name without its extension.
    public var datasetName: String?
    /// The run time, seconds since the Unix epoch (freshness is measured from it; the history stores it).
    public var now: Int64
    /// The lowest grade that passes the grade gate (`dqcli --fail-under`), or `nil` for no grade gate.
    public var minimumGrade: Grade?

    /// Creates a check.
    public init(
        options: ProfileOptions, rules: RuleSet?, historyPath: String?, datasetName: String?, now: Int64,
        minimumGrade: Grade? = nil
    ) {
        self.options = options
        self.rules = rules
        self.historyPath = historyPath
        self.datasetName = datasetName
        self.now = now
        self.minimumGrade = minimumGrade
    }

    /// Where a run's report comes from.
    public enum ReportSource: Sendable {
        /// A CSV file (`-` for standard input), profiled with ``Profiler/profile(fileAt:progressInterval:progress:)``;
        /// `progress` is passed on, and `invalidRows` names the failing-rows file to write, if any (see
        /// ``InvalidRowsRequest``).
        case file(path: String, progress: ProgressHandler? = nil, invalidRows: InvalidRowsRequest? = nil)
        /// Encoded records one per line (`-` for standard input), profiled with
        /// ``Profiler/profile(partitionAt:columnNames:)``.
        case partition(path: String, columnNames: PartitionColumnNames)
        /// Partial profiles merged into one report with ``PartialProfile/merge(_:rules:sourceName:)`` (the run's
        /// rule set is the one the states were made with).
        case states([PartialProfile], sourceName: String?)
        /// States of whole files profiled in this process (``Profiler/partialProfile(fileAt:rowPositionLimit:rowsPartitionedByHash:)``),
        /// merged into one report of them all (``ManyInputCheck/runCombined(_:deliver:)``): `source` is the first
        /// file's, `sources` lists each file's.
        case combined([PartialProfile])
    }

    /// The grade gate's verdict.
    public enum GradeGate: Sendable, Equatable {
        /// No minimum grade was set.
        case notSet
        /// The report's grade is the minimum or better.
        case passed
        /// The report's grade is below the minimum.
        case failed(grade: Grade, minimum: Grade)

        /// The verdict on `grade` for `minimum` (`nil`: no gate).
        public init(grade: Grade, minimum: Grade?) {
            guard let minimum else {
                self = .notSet
                return
            }
            self = grade < minimum ? .failed(grade: grade, minimum: minimum) : .passed
        }
    }

    /// What a run found.
    public struct Outcome: Sendable {
        /// The report and what was found beside it: `rules` with a rule set, `drift` with a history,
        /// `invalidRows` with a failing-rows file.
        public var checked: CheckedReport
        /// The dataset name used.
        public var dataset: String
        /// The run's id in the history, when stored.
        public var runID: Int64?
        /// The grade gate's verdict for ``QualityCheck/minimumGrade``.
        public var gradeGate: GradeGate

        /// The report, as its source gave it.
        public var report: Report { checked.report }
        /// Failed rules at error level.
        public var failedRules: [RuleResult] { checked.failedRules }
        /// Failed rules at warn level.
        public var warnedRules: [RuleResult] { checked.warnedRules }
        /// Drift findings (empty without a history).
        public var drift: [DriftFinding] { checked.drift ?? [] }
        /// Whether the grade gate or an error rule failed (drift fails a run only when its caller says so).
        public var failsGate: Bool {
            if case .failed = gradeGate { return true }
            return !failedRules.isEmpty
        }
    }

    /// Runs the check on the report from `source`.
    /// - Parameter deliver: writes or prints the finished report; called once, inside the history transaction.
    /// - Throws: ``SameFileError`` when the failing-rows file or the history database is the input, or the
    ///   failing-rows file is the history database (or its `-wal` or `-shm` file), before reading anything;
    ///   ``ProfileError`` (profiling or merging), ``HistoryError`` (the database), or what `deliver` throws; the
    ///   history is unchanged in every case.
    /// - Complexity: that of the source's profile or merge, plus O(rules + columns) and the history's queries.
    public func run(_ source: ReportSource, deliver: (CheckedReport) throws -> Void) throws -> Outcome {
        try RunFile.checkDistinct(files(of: source))
        var profileOptions = options
        profileOptions.rules = rules
        let profiler = Profiler(options: profileOptions)
        var checked: CheckedReport
        switch source {
        case .file(let path, let progress, let invalidRows):
            let profiled = try profiler.profileWithFailingRows(
                fileAt: path, progressInterval: .milliseconds(250), progress: progress, invalidRows: invalidRows)
            checked = CheckedReport(
                report: profiled.report, invalidRows: profiled.invalidRows,
                invalidRowsIncludeNulls: invalidRows?.includesNulls ?? false)
        case .partition(let path, let columnNames):
            checked = CheckedReport(report: try profiler.profile(partitionAt: path, columnNames: columnNames))
        case .states(let parts, let sourceName):
            checked = CheckedReport(report: try PartialProfile.merge(parts, rules: rules, sourceName: sourceName))
        case .combined(let parts):
            var report = try PartialProfile.merge(
                parts, rules: rules, sourceName: parts.first?.name, sourceOrder: parts.map(\.name))
            report.sources = parts.compactMap(\.sourceDescription)
            checked = CheckedReport(report: report)
        }
        if let rules {
            checked.ruleFile = rules.path
            checked.rules = RuleEvaluator(rules: rules).evaluate(checked.report, now: now)
        }
        let dataset = self.dataset(forPath: Self.inputPath(of: source) ?? checked.report.source.path)
        let gradeGate = GradeGate(grade: checked.report.grade, minimum: minimumGrade)
        guard let historyPath else {
            try deliver(checked)
            return Outcome(checked: checked, dataset: dataset, runID: nil, gradeGate: gradeGate)
        }
        let store = try HistoryStore(path: historyPath)
        let stored = try store.record(
            RunMetrics(checked, dataset: dataset, runTime: now), rules: checked.rules,
            limits: rules?.drift ?? DriftLimits()
        ) { _, drift in
            checked.drift = drift
            try deliver(checked)
        }
        return Outcome(checked: checked, dataset: dataset, runID: stored.run.id, gradeGate: gradeGate)
    }

    /// The path of a source read from a file, `nil` for states (named by their merged report).
    private static func inputPath(of source: ReportSource) -> String? {
        switch source {
        case .file(let path, _, _), .partition(let path, _): path
        case .states, .combined: nil
        }
    }

    /// The files a run of `source` reads and writes, which must all differ.
    private func files(of source: ReportSource) -> [RunFile] {
        var files: [RunFile?] = [
            Self.inputPath(of: source).map { RunFile(.input, $0) }, historyPath.map { RunFile(.historyDatabase, $0) }
        ]
        if case .file(_, _, let invalidRows?) = source { files.append(RunFile(.invalidRows, invalidRows.path)) }
        if case .combined(let parts) = source { files += parts.map { RunFile(.input, $0.name) } }
        return files.compactMap { $0 }
    }
}
