import Foundation

/// A governed run over many inputs (issue 15): each input gets its own ``QualityCheck`` (its own report, rules,
/// grade gate and history run under its own dataset name), inputs are profiled side by side, and one input's
/// failure does not stop the others.
///
/// Dataset names: an input's rule file's `dataset.name`, else ``QualityCheck/datasetName`` (meant for a run of one input),
/// else ``QualityCheck/undatedDataset(forPath:)`` of its path, so `orders-2026-11-29.csv.gz` and
/// `orders-2026-11-30.csv.gz` are both the dataset `orders` and share one history.
///
/// Scheduling: inputs smaller than a file the profiler cuts into chunks are profiled one per thread, up to
/// ``maximumThreads`` at once; a larger regular file is profiled alone, cut into chunks on all those threads.
/// With a history, the inputs of one dataset are profiled and stored one after another in the order given,
/// so each run's drift is measured against the one before it; other datasets run beside them. Memory: the
/// reports held (one per input, until the run returns) plus the profiles being made, at most
/// ``maximumThreads``.
public struct ManyInputCheck: Sendable {
    /// What every input's check shares: options, rules, history, run time, minimum grade.
    /// ``QualityCheck/datasetName`` names the dataset of inputs whose rule file names none.
    public var check: QualityCheck
    /// A rule set per dataset name, or `nil` to check every input against ``QualityCheck/rules``. An input whose
    /// dataset has no rule set here is checked without rules.
    public var rulesByDataset: [String: RuleSet]?
    /// The most inputs profiled at once, and the most threads one large input is cut into.
    public var maximumThreads: Int

    /// Creates a run.
    /// - Parameters:
    ///   - check: the shared settings of every input's check.
    ///   - rulesByDataset: a rule set per dataset name, or `nil` for `check`'s rules on every input.
    ///   - maximumThreads: at least 1; `nil` is ``ProfileOptions/maximumThreads``, else the number of cores.
    public init(check: QualityCheck, rulesByDataset: [String: RuleSet]? = nil, maximumThreads: Int? = nil) {
        self.check = check
        self.rulesByDataset = rulesByDataset
        self.maximumThreads = max(
            1, maximumThreads ?? check.options.maximumThreads ?? ProcessInfoLike.activeProcessorCount)
    }

    /// Why one input has no report.
    public enum InputFailure: Error, Sendable, Equatable {
        /// Profiling failed: the input cannot be read, is damaged, or refutes an option.
        case profile(ProfileError)
        /// The history database cannot be opened or written.
        case history(HistoryError)
        /// The input is the history database or the failing-rows file.
        case sameFile(SameFileError)
        /// The report could not be delivered (what `deliver` threw, when it is an ``AtomicWriteError``).
        case output(AtomicWriteError)
        /// In a combined run, the input's header differs from the first input's (`firstPath`).
        case headerDiffers(firstPath: String, difference: HeaderDifference)
        /// Another error `deliver` threw, as its description.
        case other(String)

        init(_ error: Error) {
            switch error {
            case let error as ProfileError: self = .profile(error)
            case let error as HistoryError: self = .history(error)
            case let error as SameFileError: self = .sameFile(error)
            case let error as AtomicWriteError: self = .output(error)
            default: self = .other("\(error)")
            }
        }

        /// One sentence saying what failed.
        public var message: String {
            switch self {
            case .profile(let error): error.description
            case .history(let error): error.description
            case .sameFile(let error): error.description
            case .output(let error): error.description
            case .headerDiffers(let firstPath, let difference): difference.description(firstPath: firstPath)
            case .other(let text): text
            }
        }
    }

    /// What one input gave.
    public struct InputResult: Sendable {
        /// The input's path as listed (`-` for standard input).
        public var path: String
        /// Its dataset name (see the type's description).
        public var dataset: String
        /// The outcome of its check, or why it has none.
        public var outcome: Result<QualityCheck.Outcome, InputFailure>

        /// The report, when the input was profiled.
        public var report: Report? { try? outcome.get().report }
    }

    /// What the run over every input found: one result per input, in the order given, and the summary.
    public struct Run: Sendable {
        /// One result per input, in the order given.
        public var results: [InputResult]
        /// One line per input, in the same order.
        public var summary: [SummaryLine] { results.map(SummaryLine.init) }
    }

    /// One line of a run's summary: the input's figures as its own report gives them.
    public struct SummaryLine: Sendable, Equatable {
        /// The input's path as listed.
        public var path: String
        /// Its dataset name.
        public var dataset: String
        /// Data records; nil when the input failed.
        public var rows: Int?
        /// The dataset grade; nil when the input failed.
        public var grade: Grade?
        /// The dataset's overall score in 0...1; nil when the input failed.
        public var overallScore: Double?
        /// The worst column's name and main finding (``ColumnProfile/mainFinding``): the first column, worst first
        /// (by overall score, then grade, then file order), that has one; nil when none has or the input failed.
        public var mainFinding: ColumnMainFinding?
        /// Whether the report passed its gates (grade gate, error rules); nil when the input failed.
        public var passedGates: Bool?
        /// Why the input has no report; nil when it has one.
        public var failure: InputFailure?

        /// The summary line of `result`.
        public init(_ result: InputResult) {
            path = result.path
            dataset = result.dataset
            switch result.outcome {
            case .success(let outcome):
                let report = outcome.report
                rows = report.rows
                grade = report.grade
                overallScore = report.scores.overall
                passedGates = !outcome.failsGate
                if let worst = report.worstColumnWithMainFinding, let finding = worst.mainFinding {
                    mainFinding = ColumnMainFinding(column: worst.name, finding: finding)
                }
            case .failure(let failure):
                self.failure = failure
            }
        }
    }

    /// A column and what lowers its grade most.
    public struct ColumnMainFinding: Sendable, Equatable {
        /// The column's name.
        public var column: String
        /// Its main finding.
        public var finding: MainFinding
    }

    /// Progress across the inputs, reported each time one finishes.
    public struct Progress: Sendable, Equatable {
        /// Inputs finished (profiled or failed).
        public var finishedInputs: Int
        /// All the inputs of the run.
        public var inputCount: Int
        /// The path of the input that just finished.
        public var path: String
    }

    /// The dataset name of the input at `path` (see the type's description).
    public func dataset(forPath path: String) -> String {
        rules(forPath: path)?.dataset.name ?? check.datasetName ?? QualityCheck.undatedDataset(forPath: path)
    }

    /// The rule set the input at `path` is checked against.
    public func rules(forPath path: String) -> RuleSet? {
        guard let rulesByDataset else { return check.rules }
        return rulesByDataset[check.datasetName ?? QualityCheck.undatedDataset(forPath: path)]
    }

    /// Checks every input, side by side.
    /// - Parameters:
    ///   - paths: the inputs, each once (``InputList`` gives them so); `-` is standard input.
    ///   - invalidRows: the failing-rows file of the input at an index, or nil for none.
    ///   - progress: called after each input finishes, one call at a time, from the working threads.
    ///   - deliver: called once per profiled input with its index and checked report, from the working threads
    ///     (inside its history transaction, as ``QualityCheck/run(_:deliver:)`` does); what it throws fails that
    ///     input only.
    /// - Returns: one result per input, in the order of `paths`.
    /// - Complexity: the sum of the inputs' profiles, spread over ``maximumThreads`` threads.
    public func run(
        _ paths: [String], invalidRows: (@Sendable (Int) -> InvalidRowsRequest?)? = nil,
        progress: (@Sendable (Progress) -> Void)? = nil,
        deliver: @escaping @Sendable (Int, CheckedReport) throws -> Void
    ) -> Run {
        let slots = ResultSlots<InputResult>(count: paths.count)
        let finished = FinishCounter(total: paths.count, progress: progress)
        let (large, small) = workUnits(paths)
        let checkOne: @Sendable (Int, Int) -> Void = { index, threads in
            let path = paths[index]
            var inputCheck = check
            inputCheck.rules = rules(forPath: path)
            inputCheck.datasetName = dataset(forPath: path)
            inputCheck.options.maximumThreads = threads
            let outcome: Result<QualityCheck.Outcome, InputFailure>
            do {
                outcome = .success(
                    try inputCheck.run(.file(path: path, invalidRows: invalidRows?(index))) { try deliver(index, $0) })
            } catch {
                outcome = .failure(InputFailure(error))
            }
            slots.store(
                InputResult(path: path, dataset: inputCheck.dataset(forPath: path), outcome: outcome), at: index)
            finished.add(path: path)
        }
        for unit in large { for index in unit { checkOne(index, maximumThreads) } }
        Self.forEach(small, threads: maximumThreads) { unit in for index in unit { checkOne(index, 1) } }
        return Run(results: slots.values)
    }

    /// Profiles every input side by side and reports them as one dataset (the parts of one export): the report
    /// equals ``PartialProfile/merge(_:rules:sourceName:)`` of the inputs' states, with `source` the first
    /// input's and `sources` each input's; findings name their file (`source_file`). One check of it (rules,
    /// grade gate, one history run under the first input's dataset name).
    /// - Parameters:
    ///   - paths: at least one input, each once.
    ///   - deliver: as in ``QualityCheck/run(_:deliver:)``.
    /// - Throws: ``CombinedRunError``: the first input (in the order given) that failed, or whose header differs
    ///   from the first input's; or the check's own failure (history, delivery), naming no input.
    /// - Complexity: the sum of the inputs' profiles, spread over ``maximumThreads`` threads, then a merge.
    public func runCombined(
        _ paths: [String], deliver: (CheckedReport) throws -> Void
    ) throws(CombinedRunError) -> QualityCheck.Outcome {
        var parts: [PartialProfile] = []
        for (path, result) in zip(paths, partialProfiles(paths)) {
            switch result {
            case .success(let part):
                if let first = parts.first, let difference = HeaderDifference(first.columnNames, part.columnNames) {
                    throw CombinedRunError(
                        path: path, failure: .headerDiffers(firstPath: first.name, difference: difference))
                }
                parts.append(part)
            case .failure(let failure):
                throw CombinedRunError(path: path, failure: failure)
            }
        }
        var combinedCheck = check
        combinedCheck.datasetName = dataset(forPath: paths[0])
        do {
            return try combinedCheck.run(.combined(parts), deliver: deliver)
        } catch {
            throw CombinedRunError(path: nil, failure: InputFailure(error))
        }
    }

    /// Profiles every input into a state, side by side, for a run that reports them as one dataset.
    /// - Returns: one state per input, in the order of `paths`, or why it has none.
    private func partialProfiles(_ paths: [String]) -> [Result<PartialProfile, InputFailure>] {
        let slots = ResultSlots<Result<PartialProfile, InputFailure>>(count: paths.count)
        var options = check.options
        options.rules = check.rules
        options.maximumThreads = 1
        let profiler = Profiler(options: options)
        Self.forEach(paths.indices.map { [$0] }, threads: maximumThreads) { unit in
            let index = unit[0]
            do {
                slots.store(.success(try profiler.partialProfile(fileAt: paths[index])), at: index)
            } catch {
                slots.store(.failure(InputFailure(error)), at: index)
            }
        }
        return slots.values
    }

    /// The inputs in units that run one after another: large files (each profiled with all threads) and the
    /// rest. With a history, a unit is every input of one dataset (a unit holding a large file is large).
    private func workUnits(_ paths: [String]) -> (large: [[Int]], small: [[Int]]) {
        let chunking = ChunkingPolicy.automatic
        let isLarge: (Int) -> Bool = { index in
            let size = InputLocation(path: paths[index]).regularFileSize ?? 0
            return size >= 2 * chunking.minimumBytesPerPart
        }
        var units: [[Int]] = []
        if check.historyPath != nil {
            var unitOfDataset: [String: Int] = [:]
            for index in paths.indices {
                let dataset = dataset(forPath: paths[index])
                if let unit = unitOfDataset[dataset] {
                    units[unit].append(index)
                } else {
                    unitOfDataset[dataset] = units.count
                    units.append([index])
                }
            }
        } else {
            units = paths.indices.map { [$0] }
        }
        let large = units.filter { $0.contains(where: isLarge) }
        let small = units.filter { !$0.contains(where: isLarge) }
        return (large, small)
    }

    /// Runs `body` on each unit, on up to `threads` threads of their own, and returns when all are done.
    private static func forEach(_ units: [[Int]], threads: Int, _ body: @escaping @Sendable ([Int]) -> Void) {
        let next = FinishCounter(total: units.count, progress: nil)
        let workers = min(threads, units.count)
        guard workers > 1 else {
            units.forEach(body)
            return
        }
        let group = DispatchGroup()
        for _ in 0..<workers {
            group.enter()
            let thread = Thread {
                while let unit = next.take() { body(units[unit]) }
                group.leave()
            }
            thread.stackSize = 8 << 20
            thread.start()
        }
        group.wait()
    }
}

/// A shared count: the next unit to take, or inputs finished (reporting progress after each).
private final class FinishCounter: @unchecked Sendable {
    private let lock = PthreadMutex()
    private var count = 0
    private let total: Int
    private let progress: (@Sendable (ManyInputCheck.Progress) -> Void)?

    init(total: Int, progress: (@Sendable (ManyInputCheck.Progress) -> Void)?) {
        self.total = total
        self.progress = progress
    }

    /// The next index below `total`, or nil when all are taken.
    func take() -> Int? {
        lock.withLock {
            guard count < total else { return nil }
            count += 1
            return count - 1
        }
    }

    /// Counts one more input finished and reports it (under the lock, so calls come one at a time).
    func add(path: String) {
        lock.withLock {
            count += 1
            progress?(ManyInputCheck.Progress(finishedInputs: count, inputCount: total, path: path))
        }
    }
}

/// A combined run that could not report: an input failed (``path`` names it) or the check itself did (``path``
/// is nil).
public struct CombinedRunError: Error, Sendable, Equatable {
    /// The input that failed, or nil when the combined check failed.
    public var path: String?
    /// What failed.
    public var failure: ManyInputCheck.InputFailure
}

/// The first column at which two headers differ (1-based), with each header's name there (nil past its end).
public struct HeaderDifference: Sendable, Equatable {
    /// The 1-based position of the first column that differs.
    public var column: Int
    /// The first input's name there; nil when its header is shorter.
    public var expected: String?
    /// This input's name there; nil when its header is shorter.
    public var found: String?

    /// The first difference between `expected` and `found`; nil when they are equal.
    init?(_ expected: [String], _ found: [String]) {
        guard
            let index = (0..<max(expected.count, found.count)).first(where: {
                expected.indices.contains($0) != found.indices.contains($0) || expected[$0] != found[$0]
            })
        else { return nil }
        column = index + 1
        self.expected = expected.indices.contains(index) ? expected[index] : nil
        self.found = found.indices.contains(index) ? found[index] : nil
    }

    /// `its header differs from a.csv's at column 2: "amount" where a.csv has "price".`
    func description(firstPath: String) -> String {
        let first = firstPath == "-" ? "standard input" : firstPath
        let what =
            switch (found, expected) {
            case (let found?, let expected?): "\"\(found)\" where \(first) has \"\(expected)\""
            case (let found?, nil): "\"\(found)\", a column \(first) does not have"
            case (nil, let expected?): "nothing where \(first) has \"\(expected)\""
            case (nil, nil): "nothing"
            }
        return "its header differs from \(first)'s at column \(column): \(what); combine only parts of one table."
    }
}
