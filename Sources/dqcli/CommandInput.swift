import ArgumentParser
import Foundation

/// The input of `profile`, `check` and `suggest`: FILE, or standard input (`-`, or no FILE) when it holds
/// data. A terminal or a device such as `/dev/null` (as under cron) holds none: that is a usage error, for an
/// explicit `-` too, since a run that read nothing would report an empty file as if it had been sent one.
enum CommandInput {
    /// The path to read: `file` when it names a file; `-` for standard input (`file` is `-` or nil) when it
    /// holds data; nil when it does not.
    static func path(given file: String?) -> String? {
        let path = file ?? "-"
        return path != "-" || standardInputHoldsData ? path : nil
    }

    /// The usage error for a command with no input to read: `verb` is what the command does to the file
    /// (`profile`, `check`, `suggest rules for`).
    static func missing(verb: String) -> ValidationError {
        ValidationError(
            "give the CSV file to \(verb) (FILE), or pipe it in: standard input is a terminal or a device, not a file or a pipe."
        )
    }

    /// Whether standard input is a pipe (or FIFO), a socket or a regular file: something that holds data, unlike
    /// a terminal or a character device such as `/dev/null`.
    static var standardInputHoldsData: Bool {
        var status = stat()
        guard fstat(STDIN_FILENO, &status) == 0 else { return false }
        let kind = status.st_mode & S_IFMT
        return kind == S_IFIFO || kind == S_IFSOCK || kind == S_IFREG
    }
}
