import ArgumentParser
import DataQuality
import Foundation

/// `profile` and `check` over many inputs (several FILEs, folders, patterns): each input checked on its own
/// (``ManyInputCheck``), or all as one dataset with `--combine`; one document (or `--output-dir`'s files and
/// summary), one message per failure, and the highest exit status of all.
struct ManyInputRun {
    var list: InputList
    var profiling: ProfileArguments
    var presentation: OutputArguments
    var invalidRows: InvalidRowsArguments
    var rulesPath: String?
    var governance: GovernanceArguments
    var many: ManyInputArguments
    /// What the command does to a file, for the message when standard input holds none (`profile`, `check`).
    var verb: String

    var paths: [String] { list.inputs.map(\.location.path) }

    /// Refuses, before anything is read, what a run over these inputs cannot do.
    func validate() throws {
        let paths = self.paths
        if paths.contains("-") && !CommandInput.standardInputHoldsData {
            throw CommandInput.missing(verb: verb)
        }
        if invalidRows.path != nil {
            throw ValidationError("--invalid-rows writes the failing rows of one input: give one FILE.")
        }
        if governance.dataset != nil && paths.count > 1 && !many.combine {
            throw ValidationError(
                "--dataset names the dataset of one input: with several, each is named by its rule file or its file name without extension and date stamp (orders-2026-11-29.csv is orders); give --combine for one dataset."
            )
        }
        if rulesPath != nil && many.rulesDir != nil {
            throw ValidationError("--rules and --rules-dir exclude each other: give one rule file or a folder of them.")
        }
        if presentation.output != nil && many.outputDir != nil {
            throw ValidationError("--output and --output-dir exclude each other: give one.")
        }
        if many.combine && many.outputDir != nil {
            throw ValidationError("--combine makes one report: give --output FILE, not --output-dir.")
        }
        if many.combine && many.rulesDir != nil {
            throw ValidationError("--combine makes one dataset: give its rule file with --rules, not --rules-dir.")
        }
        if let outputDir = many.outputDir {
            var isFolder: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: outputDir, isDirectory: &isFolder)
            guard exists, isFolder.boolValue else {
                // EX_CANTCREAT, before anything is read: no report could be written.
                let why =
                    exists ? "not a folder (a file has that name); give a folder" : "no such folder; create it first"
                throw Profile.fail("--output-dir \(outputDir): \(why).", exitCode: 73)
            }
            do {
                _ = try ReportFileNames.names(forInputs: paths, fileExtension: fileExtension)
            } catch {
                throw ValidationError(
                    "--output-dir \(MessageText.escaped(outputDir)): \(MessageText.escaped(error.description))")
            }
        }
        try RunFileCheck.check(
            paths.map { RunFile(.input, $0) } + [
                rulesPath.map { RunFile(.ruleFile, $0) }, governance.history.map { RunFile(.historyDatabase, $0) },
                presentation.output.map { RunFile(.report, $0) }
            ])
    }

    /// The extension of the reports `--output-dir` writes.
    var fileExtension: String {
        switch presentation.format {
        case .json: "json"
        case .markdown: "md"
        case .html: "html"
        case .table: "txt"
        }
    }

    func run() throws {
        let rules = try GovernanceArguments.loadRules(at: rulesPath)
        let rulesByDataset = try many.rulesByDataset()
        let paths = self.paths
        if paths.contains("-"), governance.history != nil, governance.dataset == nil, rules?.dataset.name == nil,
            rulesByDataset == nil
        {
            throw ValidationError(
                "--history with standard input needs --dataset NAME (or a rule file whose dataset has a name): every piped file would be stored as one dataset."
            )
        }
        let check = QualityCheck(
            options: profiling.profileOptions, rules: rules, historyPath: governance.history,
            datasetName: governance.dataset, now: governance.runTime, minimumGrade: presentation.failUnder?.grade)
        let manyCheck = ManyInputCheck(check: check, rulesByDataset: rulesByDataset, maximumThreads: profiling.threads)
        if rulesByDataset != nil, let rulesDir = many.rulesDir {
            for path in paths where manyCheck.rules(forPath: path) == nil {
                let dataset = governance.dataset ?? QualityCheck.undatedDataset(forPath: path)
                throw ValidationError(
                    "\(MessageText.escaped(MessageText.inputName(path))): --rules-dir \(MessageText.escaped(rulesDir)) has no \(MessageText.escaped(dataset)).yml for its dataset \(MessageText.escaped(dataset))."
                )
            }
        }
        if many.combine {
            try runCombined(manyCheck, paths: paths)
            return
        }
        let showsProgress = !governance.quiet && isatty(STDERR_FILENO) == 1
        let outputDir = many.outputDir
        let names = outputDir == nil ? [] : try ReportFileNames.names(forInputs: paths, fileExtension: fileExtension)
        let format = presentation.format
        let redact = presentation.redact
        let progress: (@Sendable (ManyInputCheck.Progress) -> Void)? = showsProgress ? Self.showProgress : nil
        let writeReport: @Sendable (Int, CheckedReport) throws -> Void = { index, checked in
            guard let outputDir else { return }
            let path = (outputDir as NSString).appendingPathComponent(names[index])
            try AtomicFileWriter.write(Self.render(checked, format: format, redact: redact), to: path)
        }
        let run = manyCheck.run(paths, progress: progress, deliver: writeReport)
        if showsProgress { ProgressDisplay.erase() }
        var entries: [ManyInputEntry] = []
        for (result, line) in zip(run.results, run.summary) {
            let status: Int32
            var message: String?
            switch result.outcome {
            case .success(let outcome):
                let words = governedRun(check: manyCheck, path: result.path)
                status = words.word(outcome, file: result.path) ? 1 : 0
            case .failure(let failure):
                (status, message) = Self.worded(failure, path: result.path, dataset: result.dataset)
                Profile.note(message!)
            }
            let checked = try? result.outcome.get().checked
            entries.append(
                ManyInputEntry(
                    summary: line, checked: presentation.redact ? checked?.redacted() : checked, exitStatus: status,
                    message: message))
        }
        try deliver(entries, outputDir: outputDir)
        let worst = entries.map(\.exitStatus).max() ?? 0
        if worst != 0 { throw ExitCode(worst) }
    }

    /// The progress line across inputs: `12 of 40 files`.
    @Sendable private static func showProgress(_ progress: ManyInputCheck.Progress) {
        let text = "\r\(progress.finishedInputs) of \(progress.inputCount) files\u{1B}[K"
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// The governed run whose wording (rules, drift, gate) an input's outcome gets.
    private func governedRun(check manyCheck: ManyInputCheck, path: String) -> GovernedRun {
        var check = manyCheck.check
        check.rules = manyCheck.rules(forPath: path)
        return GovernedRun(
            check: check, presentation: presentation, quiet: governance.quiet, failOnDrift: governance.failOnDrift)
    }

    /// The document on standard output or in `--output`, or the summary in `--output-dir`.
    private func deliver(_ entries: [ManyInputEntry], outputDir: String?) throws {
        // One plain FILE (with --rules-dir, say) gets the one-file run's report: one object, no summary.
        if list.namesOneFile && outputDir == nil {
            if let checked = entries.first?.checked {
                do {
                    try Profile.deliver(checked, presentation: presentation, quiet: governance.quiet)
                } catch let error as AtomicWriteError {
                    throw Profile.fail(error.description, exitCode: 73)  // EX_CANTCREAT
                }
            }
            return
        }
        let writesFile = outputDir != nil || (presentation.output.map { $0 != "-" } ?? false)
        guard writesFile || !governance.quiet || presentation.output == "-" else { return }
        let renderer = ManyInputRenderer()
        let text: String
        switch (presentation.format, outputDir != nil) {
        case (.json, false): text = renderer.json(entries)
        case (.json, true): text = renderer.summaryJSON(entries)
        case (.table, false): text = renderer.table(entries, width: 80, color: Profile.usesColor(presentation))
        case (.table, true): text = renderer.summaryTable(entries)
        case (.markdown, false): text = renderer.markdown(entries)
        case (.markdown, true): text = renderer.summaryMarkdown(entries)
        case (.html, false): text = renderer.html(entries)
        case (.html, true): text = renderer.summaryHTML(entries)
        }
        do {
            if let outputDir {
                let name = ReportFileNames.summaryName(fileExtension: fileExtension)
                try AtomicFileWriter.write(text, to: (outputDir as NSString).appendingPathComponent(name))
            } else if let output = presentation.output, output != "-" {
                try AtomicFileWriter.write(text, to: output)
            } else if !governance.quiet || presentation.output == "-" {
                try Profile.printToStandardOutput(text)
            }
        } catch let error as AtomicWriteError {
            throw Profile.fail(error.description, exitCode: 73)  // EX_CANTCREAT
        }
    }

    /// One input's report in the run's format, as `profile FILE` prints it.
    static func render(_ checked: CheckedReport, format: OutputArguments.Format, redact: Bool) -> String {
        let shown = redact ? checked.redacted() : checked
        switch format {
        case .json: return JSONReportRenderer().render(shown)
        case .table: return TableReportRenderer(width: 80, color: false).render(shown)
        case .html: return HTMLReportRenderer().render(shown)
        case .markdown: return MarkdownReportRenderer().render(shown)
        }
    }

    /// The exit status and the `dqcli:` message (without the prefix) of an input's failure.
    static func worded(_ failure: ManyInputCheck.InputFailure, path: String, dataset: String) -> (Int32, String) {
        switch failure {
        case .profile(let error):
            return (Profile.exitCode(for: error.code), error.commandLineDescription)
        case .history(let error):
            return (74, Profile.subject(dataset: dataset, file: path) + "history " + error.description)  // EX_IOERR
        case .sameFile(let error):
            return (64, RunFileCheck.validationError(error).message)  // EX_USAGE
        case .output(let error):
            return (73, error.description)  // EX_CANTCREAT
        case .headerDiffers:
            return (65, MessageText.inputName(path) + ": " + failure.message)  // EX_DATAERR
        case .other(let text):
            return (70, text)  // EX_SOFTWARE: not expected from the library
        }
    }

    /// `--combine`: one report of every input, checked and delivered as `profile FILE` does.
    private func runCombined(_ manyCheck: ManyInputCheck, paths: [String]) throws {
        let presentation = self.presentation
        let quiet = governance.quiet
        // Standard output that cannot be written has its message and exit (73) already.
        var printFailure: ExitCode?
        do {
            let outcome = try manyCheck.runCombined(paths) { checked in
                do {
                    try Profile.deliver(
                        presentation.redact ? checked.redacted() : checked, presentation: presentation, quiet: quiet)
                } catch let exit as ExitCode {
                    printFailure = exit
                    throw exit
                }
            }
            if governedRun(check: manyCheck, path: paths[0]).word(outcome, file: outcome.report.source.path) {
                throw ExitCode(1)
            }
        } catch let error as CombinedRunError {
            if let printFailure { throw printFailure }
            let path = error.path ?? paths[0]
            let (status, message) = Self.worded(
                error.failure, path: path, dataset: manyCheck.dataset(forPath: paths[0]))
            throw Profile.fail(message, exitCode: status)
        }
    }
}
