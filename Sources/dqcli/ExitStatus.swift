import ArgumentParser
import Foundation

/// A command whose `--help` ends with an EXIT STATUS section (sysexits, as the README's table).
protocol ExitStatusDocumented: ParsableCommand {
    /// Each exit status the command uses and when, in increasing order; one sentence each.
    static var exitStatuses: [(status: String, meaning: String)] { get }
}

extension ExitStatusDocumented {
    /// The EXIT STATUS section: a title, then one entry per status (and one for signals), each wrapped to
    /// 80 columns with its lines after the first indented under the meaning.
    static var exitStatusSection: String {
        let entries = exitStatuses + [("128+N", "stopped by signal N (130: interrupted, as by Ctrl-C).")]
        let labelWidth = 8
        let meaningWidth = 80 - 2 - labelWidth
        let entryLines = entries.map { status, meaning in
            var lines: [String] = []
            for word in meaning.split(separator: " ") {
                if let last = lines.last, last.count + 1 + word.count <= meaningWidth {
                    lines[lines.count - 1] = last + " " + word
                } else {
                    lines.append(String(word))
                }
            }
            let label = "  " + status.padding(toLength: labelWidth, withPad: " ", startingAt: 0)
            return label + lines.joined(separator: "\n" + String(repeating: " ", count: 2 + labelWidth))
        }
        return (["EXIT STATUS:"] + entryLines).joined(separator: "\n")
    }
}

/// Meanings that several commands' EXIT STATUS sections share.
enum ExitStatusText {
    /// Status 70 (EX_SOFTWARE): a library error the command line does not expect (``GovernedRun``'s last catch).
    static let unexpectedError = "an unexpected error inside dqcli (a bug; the message names the error)."
}
