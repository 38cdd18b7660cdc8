import ArgumentParser
import DataQuality
import Foundation

/// The governed run of `profile`, `check`, partition mode and `merge`: one ``QualityCheck`` on the report's
/// source, the report delivered as the options say, and the outcome worded on standard error (failed
/// and warned rules, drift, the grade gate); throws exit 1 when a gate fails.
struct GovernedRun {
    /// The check: options, rules, history, dataset name, run time, minimum grade.
    var check: QualityCheck
    /// Where and how the report is delivered.
    var presentation: OutputArguments
    /// `--quiet`: no report on standard output (unless `--output -`), no notes, warnings or drift lines.
    var quiet = false
    /// `--fail-on-drift`: drift lines are printed with `quiet` too, and drift fails the run.
    var failOnDrift = false

    /// Runs the check and words its outcome.
    /// - Parameters:
    ///   - source: where the report comes from.
    ///   - erasesProgress: whether a progress line is shown, to be erased when the run ends.
    /// - Throws: `ExitCode(1)` when a gate fails; the exit of a library error (``Profile/fail(_:)``).
    func run(_ source: QualityCheck.ReportSource, erasesProgress: Bool = false) throws {
        let inputPath: String?
        switch source {
        case .file(let path, _, _), .partition(let path, _): inputPath = path
        case .states, .combined: inputPath = nil
        }
        let outcome: QualityCheck.Outcome
        do {
            defer { if erasesProgress { ProgressDisplay.erase() } }
            outcome = try check.run(source) { checked in
                try Profile.deliver(
                    presentation.redact ? checked.redacted() : checked, presentation: presentation, quiet: quiet)
            }
        } catch let error as ProfileError {
            throw Profile.fail(error)
        } catch let error as AtomicWriteError {
            throw Profile.fail(error.description, exitCode: 73)  // EX_CANTCREAT
        } catch let exit as ExitCode {
            throw exit
        } catch let error as SameFileError {
            throw RunFileCheck.validationError(error)
        } catch let error as HistoryError {
            let file = inputPath ?? "-"
            // EX_IOERR
            throw Profile.fail(
                Profile.subject(dataset: check.dataset(forPath: file), file: file) + "history " + error.description,
                exitCode: 74)
        } catch {
            throw Profile.fail("\(error)", exitCode: 70)  // EX_SOFTWARE: not expected from the library
        }
        if word(outcome, file: inputPath ?? outcome.report.source.path) { throw ExitCode(1) }
    }

    /// Words a run's outcome on standard error: failed and warned rules, drift, the grade gate.
    /// - Parameter file: the input as messages name it.
    /// - Returns: whether a gate failed (the run's exit status is then 1).
    func word(_ outcome: QualityCheck.Outcome, file: String) -> Bool {
        let subject = Profile.subject(dataset: outcome.dataset, file: file)
        let shown = presentation.redact ? outcome.checked.redacted() : outcome.checked
        for result in shown.failedRules { Profile.note(subject + "rule failed: " + result.presentedSummary) }
        if !quiet {
            for result in shown.warnedRules { Profile.note(subject + "warning: " + result.presentedSummary) }
        }
        if !quiet || failOnDrift {
            for finding in outcome.drift { Profile.note(subject + "drift: " + finding.message) }
        }
        if case .failed(let grade, let minimum) = outcome.gradeGate {
            // With --quiet too: it is why the exit status is 1.
            let isGoverned = check.rules != nil || check.historyPath != nil
            let gateSubject = isGoverned ? subject : MessageText.inputName(file) + ": "
            Profile.note(gateSubject + "grade \(grade.rawValue) is below --fail-under \(minimum.rawValue).")
        }
        return outcome.failsGate || (failOnDrift && !outcome.drift.isEmpty)
    }
}
