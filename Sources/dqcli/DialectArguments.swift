import ArgumentParser
import DataQuality

/// How the CSV is read (delimiter, quote, header, field limit, skipped lines, comment lines, encoding), shared by every command that reads one.
/// `validate()` checks them; ``apply(to:)`` hands them to the library.
struct DialectArguments: ParsableArguments {
    @Option(
        name: [.short, .long],
        help: ArgumentHelp(
            "Field delimiter: one byte (`tab` or `\\t` for TAB), not the quote, CR or LF. Detected when absent.",
            valueName: "C"))
    var delimiter: String?

    @Flag(name: [.short, .customLong("tabs")], help: "Tab-delimited: the same as --delimiter tab.")
    var tabs = false

    @Option(help: ArgumentHelp("Quote byte (default \"), not CR or LF.", valueName: "C"))
    var quote: String?

    @Flag(name: .customLong("no-header"), help: "The first record is data, not a header.")
    var noHeader = false

    @Option(
        name: .customLong("max-field-bytes"), parsing: .unconditional,
        help: ArgumentHelp(
            "A longer field makes its record malformed, ending it at its line's end; a longer header field "
                + "exits 65 (default 64 MiB).",
            valueName: "N"))
    var maxFieldBytes: Int?

    @Option(
        name: .customLong("skip-lines"), parsing: .unconditional,
        help: ArgumentHelp(
            "Skip the first N lines (a title, an export note) before the header; line numbers still count them.",
            valueName: "N"))
    var skipLines: Int?

    @Option(
        help: ArgumentHelp(
            "Comment byte: a line starting with it where a record would begin is skipped (comment_lines); "
                + "not CR, LF, the quote or the delimiter.",
            valueName: "C"))
    var comment: String?

    @Option(
        help: ArgumentHelp(
            "Text encoding: utf-8, utf-16le, utf-16be or a single-byte one such as windows-1252, iso-8859-1, "
                + "iso-8859-15 (WHATWG or iconv names). A UTF-16 byte order mark wins; detected when absent.",
            valueName: "NAME"))
    var encoding: String?

    func validate() throws {
        if tabs, let delimiter {
            throw ValidationError(
                "--tabs (-t) and --delimiter '\(MessageText.escaped(delimiter))' both set the delimiter: give one of them."
            )
        }
        let quoteByte = try quote.map { try Self.byte(named: "--quote", $0) } ?? UInt8(ascii: "\"")
        if let delimiter, try Self.byte(named: "--delimiter", delimiter) == quoteByte {
            throw ValidationError("--delimiter '\(MessageText.escaped(delimiter))': must differ from the quote.")
        }
        if tabs && quoteByte == 0x09 { throw ValidationError("--tabs (-t): the delimiter must differ from the quote.") }
        if let comment {
            let commentByte = try Self.byte(named: "--comment", comment)
            let delimiterByte = tabs ? 0x09 : try delimiter.map { try Self.byte(named: "--delimiter", $0) }
            if commentByte == quoteByte || commentByte == delimiterByte {
                throw ValidationError(
                    "--comment '\(MessageText.escaped(comment))': must differ from the \(commentByte == quoteByte ? "quote" : "delimiter")."
                )
            }
        }
        if let encoding {
            do {
                _ = try TextEncoding(name: encoding)
            } catch let error as ProfileError {
                throw ValidationError(MessageText.escaped(error.commandLineDescription))
            }
        }
        if let skipLines, skipLines < 0 {
            throw ValidationError("--skip-lines \(skipLines): must be a whole number, at least 0.")
        }
        if let maxFieldBytes, maxFieldBytes < 1 {
            throw ValidationError("--max-field-bytes \(maxFieldBytes): must be a whole number, at least 1 (bytes).")
        }
    }

    /// Sets the dialect fields of `options`; call after `validate()`.
    func apply(to options: inout ProfileOptions) {
        options.delimiter = tabs ? 0x09 : delimiter.flatMap { try? Self.byte(named: "--delimiter", $0) }
        if let quote, let byte = try? Self.byte(named: "--quote", quote) { options.quote = byte }
        options.hasHeader = !noHeader
        if let maxFieldBytes { options.maxFieldBytes = maxFieldBytes }
        if let skipLines { options.linesToSkip = skipLines }
        options.commentByte = comment.flatMap { try? Self.byte(named: "--comment", $0) }
        options.encoding = encoding.flatMap { try? TextEncoding(name: $0) }
    }

    /// One byte from an option value: a single-byte character, or `tab` / `TAB` / `\t` for TAB.
    static func byte(named option: String, _ text: String) throws -> UInt8 {
        if text == "tab" || text == "TAB" || text == "\\t" { return 0x09 }
        let bytes = Array(text.utf8)
        guard bytes.count == 1, bytes[0] != 0x0D, bytes[0] != 0x0A else {
            throw ValidationError(
                "\(option) '\(MessageText.escaped(text))': must be a single byte other than CR and LF.")
        }
        return bytes[0]
    }
}
