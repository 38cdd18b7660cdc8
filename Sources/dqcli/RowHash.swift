import ArgumentParser
import DataQuality
import Foundation

/// `dqcli rowhash [FILE|-]`: one line per record, `HASH<TAB>SOURCE<TAB>LINE<TAB>RECORD` (see ``RowHasher``),
/// for engines that move records one per line and partition them by dqcli's row hash. Exit statuses:
/// ``exitStatuses``.
struct RowHashCommand: ParsableCommand, ExitStatusDocumented {
    static let configuration = CommandConfiguration(
        commandName: "rowhash",
        abstract: "Print each record's row hash, source line and exact bytes (base64), one line per record.")

    @Argument(help: ArgumentHelp("The CSV file; - (the default) reads standard input.", valueName: "FILE"))
    var file = "-"

    @OptionGroup var dialect: DialectArguments

    @Option(
        name: .customLong("source-name"),
        help: ArgumentHelp("SOURCE on each line (default: FILE as given); no tab, CR or LF.", valueName: "NAME"))
    var sourceName: String?

    static let exitStatuses: [(status: String, meaning: String)] = [
        ("0", "every record was printed."),
        ("64", "usage error: a bad option or value, a source name with a tab, CR or LF."),
        (
            "65",
            "bad data: a header field is over --max-field-bytes, a compressed input is cut or damaged, or the input is not a CSV."
        ),
        ("66", "the input cannot be opened or read."),
        ("73", "standard output cannot be written.")
    ]

    func validate() throws {
        let name = sourceName ?? file
        if name.utf8.contains(where: { $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) {
            throw ValidationError(
                "\(sourceName == nil ? "FILE" : "--source-name") '\(MessageText.escaped(name))': holds a tab, CR or LF; give --source-name."
            )
        }
    }

    func run() throws {
        var options = ProfileOptions()
        dialect.apply(to: &options)
        do {
            let notes = try RowHasher.hashRecords(fileAt: file, options: options, sourceName: sourceName ?? file) {
                batch in try Self.writeToStandardOutput(batch)
            }
            for inputNote in notes { Profile.note(inputNote.text(file: file)) }
        } catch let error as ProfileError {
            throw Profile.fail(error)
        }
    }

    /// Writes every byte of `bytes` to standard output; a failed write is exit 73 with one line.
    static func writeToStandardOutput(_ bytes: UnsafeRawBufferPointer) throws {
        var written = 0
        while written < bytes.count {
            let count = Foundation.write(STDOUT_FILENO, bytes.baseAddress! + written, bytes.count - written)
            if count < 0 {
                if errno == EINTR { continue }
                throw Profile.fail(
                    "standard output: cannot write: \(String(cString: strerror(errno))).", exitCode: 73)
            }
            written += count
        }
    }
}
