import ArgumentParser
import DataQuality
import Foundation

/// `dqcli profile FILE`: profile one CSV file (or standard input, `-`) and print or write its report.
///
/// Exit status (sysexits): 0 ok; 1 `--fail-under` not met; 64 usage error; 65 `--strict` and a malformed or
/// ragged record; 66 the input cannot be read; 73 the output cannot be written.
struct Profile: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Profile a CSV file and report its quality.")

    @Argument(help: ArgumentHelp("The CSV file; - reads standard input.", valueName: "FILE"))
    var file: String

    @OptionGroup var profiling: ProfileArguments
    @OptionGroup var presentation: OutputArguments

    func validate() throws {
        guard let output = presentation.output, output != "-", file != "-" else { return }
        var input = stat()
        var target = stat()
        if stat(file, &input) == 0, stat(output, &target) == 0, input.st_dev == target.st_dev,
            input.st_ino == target.st_ino
        {
            throw ValidationError("--output \(output): that is the input file; choose another path.")
        }
    }

    func run() throws {
        let profiled: Report
        let showsProgress = !presentation.quiet && isatty(STDERR_FILENO) == 1
        do {
            defer { if showsProgress { ProgressDisplay.erase() } }
            profiled = try Profiler(options: profiling.profileOptions).profile(
                fileAt: file, progress: showsProgress ? ProgressDisplay.show : nil,
                invalidRows: presentation.invalidRows.map {
                    InvalidRowsRequest(path: $0, includesNulls: presentation.invalidRowsNulls)
                })
        } catch let error as ProfileError {
            throw Self.fail(error.description, exitCode: Self.exitCode(for: error.code))
        } catch {
            throw Self.fail("\(error)", exitCode: 70)  // EX_SOFTWARE: not expected from the library
        }
        let report = presentation.redact ? profiled.redacted() : profiled

        let text: String
        switch presentation.format {
        case .json: text = JSONReportRenderer().render(report)
        case .table: text = TableReportRenderer(width: 80, color: usesColor).render(report)
        }
        if let output = presentation.output, output != "-" {
            do {
                try AtomicFileWriter.write(text, to: output)
            } catch {
                throw Self.fail(error.description, exitCode: 73)  // EX_CANTCREAT
            }
        } else {
            do {
                try FileHandle.standardOutput.write(contentsOf: Data(text.utf8))
            } catch {
                let reason = String(cString: strerror(errno))
                throw Self.fail("standard output: cannot write the report: \(reason).", exitCode: 73)
            }
        }

        if let gate = presentation.failUnder, report.grade < gate.grade {
            throw ExitCode(1)
        }
    }

    /// Colour only for the table on a terminal, unless forced either way.
    private var usesColor: Bool {
        switch presentation.color {
        case .always: return true
        case .never: return false
        case .auto:
            return presentation.output == nil && isatty(STDOUT_FILENO) == 1
                && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
        }
    }

    /// sysexits code for a library error.
    static func exitCode(for code: ProfileError.Code) -> Int32 {
        switch code {
        case .invalidOption, .unknownKeyColumn: 64  // EX_USAGE
        case .malformedRecord, .raggedRecord: 65  // EX_DATAERR
        case .cannotRead: 66  // EX_NOINPUT
        case .cannotWrite: 73  // EX_CANTCREAT
        }
    }

    /// Prints `dqcli: message` on standard error and returns the exit to throw.
    static func fail(_ message: String, exitCode: Int32) -> ExitCode {
        FileHandle.standardError.write(Data(("dqcli: " + message + "\n").utf8))
        return ExitCode(exitCode)
    }
}

/// The progress line on standard error: rewritten in place (carriage return, text, erase to the end of the
/// line), erased at the end.
enum ProgressDisplay {
    @Sendable static func show(_ progress: ProfileProgress) {
        var size = winsize()
        let columns = ioctl(STDERR_FILENO, UInt(TIOCGWINSZ), &size) == 0 && size.ws_col > 0 ? Int(size.ws_col) : 80
        let text = ProgressLine.text(for: progress, columns: columns)
        FileHandle.standardError.write(Data(("\r" + text + "\u{1B}[K").utf8))
    }

    static func erase() {
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
