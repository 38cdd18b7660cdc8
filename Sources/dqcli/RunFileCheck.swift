import ArgumentParser
import DataQuality

/// The command line's side of ``RunFile/checkDistinct(_:)``: every command that writes a file lists the
/// files it reads and writes, and a written file that is one of the others is a usage error (exit 64) naming
/// both options.
enum RunFileCheck {
    /// Refuses a command line that would write over a file it reads or writes; nil entries (options not
    /// given) are skipped.
    /// - Throws: `ValidationError`, as ``validationError(_:)`` words it.
    static func check(_ files: [RunFile?]) throws {
        do {
            try RunFile.checkDistinct(files.compactMap { $0 })
        } catch {
            throw validationError(error)
        }
    }

    /// The usage error for a clash: `--output r.yml: that is the rule file; choose another path.`, with the
    /// other file's option and path in parentheses when they are spelled otherwise:
    /// `--invalid-rows x.csv: that is the report file (--output ./x.csv); choose another path.`
    static func validationError(_ error: SameFileError) -> ValidationError {
        let other = error.other
        var message = "\(spelling(error.written)): that is \(other.role.name)"
        let isHistoryCompanion = other.role == .historyWriteAheadLog || other.role == .historySharedMemory
        if isHistoryCompanion || other.path != error.written.path {
            message += " (\(spelling(other)))"
        }
        return ValidationError(message + "; choose another path.")
    }

    /// The option and its value as given (`--rules r.yml`), or the path alone for the input.
    private static func spelling(_ file: RunFile) -> String {
        let path = MessageText.escaped(file.path)
        switch file.role {
        case .input: return MessageText.inputName(path)
        case .ruleFile: return "--rules " + path
        case .historyDatabase, .historyWriteAheadLog, .historySharedMemory: return "--history " + path
        case .report, .suggestedRules: return "--output " + path
        case .invalidRows: return "--invalid-rows " + path
        case .state: return "--state-out " + path
        }
    }
}
