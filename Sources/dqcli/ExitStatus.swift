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
        let indent = String(repeating: " ", count: 2 + labelWidth)
        var lines = ["EXIT STATUS:"]
        for (status, meaning) in entries {
            var line = "  " + status.padding(toLength: labelWidth, withPad: " ", startingAt: 0)
            var lineIsFresh = true
            for word in meaning.split(separator: " ") {
                if !lineIsFresh && line.count + 1 + word.count > 80 {
                    lines.append(line)
                    line = indent + word
                } else {
                    line += (lineIsFresh ? "" : " ") + word
                }
                lineIsFresh = false
            }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }
}
