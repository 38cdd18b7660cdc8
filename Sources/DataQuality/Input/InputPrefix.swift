/// A byte order mark at the start of an input (Unicode 15, section 23.8).
public enum ByteOrderMark: Sendable, Equatable {
    /// `EF BB BF`.
    case utf8
    /// `FF FE`.
    case utf16LittleEndian
    /// `FE FF`.
    case utf16BigEndian

    /// The mark's bytes.
    public var bytes: [UInt8] {
        switch self {
        case .utf8: [0xEF, 0xBB, 0xBF]
        case .utf16LittleEndian: [0xFF, 0xFE]
        case .utf16BigEndian: [0xFE, 0xFF]
        }
    }
}

/// Something about an input the caller should tell the user (`dqcli` words it on standard error). Only
/// ``RowHasher`` has notes: profiling reads what it is told.
public enum InputNote: Sendable, Equatable {
    /// The records are text in this encoding (not UTF-8), decided from the input's head: RECORD holds their
    /// stored bytes, so every part's profile must read them in it (``ProfileOptions/encoding``).
    case recordsEncoded(TextEncoding)

    /// The notes for an input whose text is in `encoding`.
    static func notes(recordsEncoded encoding: TextEncoding) -> [InputNote] {
        encoding == .utf8 ? [] : [.recordsEncoded(encoding)]
    }
}

/// What an input's first bytes decide, once, before any record is read: whether it is a CSV at all, its byte
/// order mark, its preamble (skipped lines and Excel's `sep=` line), where its records start, and the delimiter
/// (given, named by a `sep=` line, or sniffed from the first 64 KiB from where records begin).
///
/// Every driver holds the input's first bytes until ``bytesNeeded(firstBytes:isWholeInput:options:)`` says
/// they suffice, makes this decision from them, and starts its reader at ``dataStart`` on line ``firstLine``
/// with ``delimiter``. The decision is made in the contract's order ("What is read, in order"), each step on
/// what the step before leaves: compression, not a CSV, byte order mark, skipped lines, `sep=` line,
/// delimiter. Compression is decided first, on the stored bytes, by the ``ByteSource`` that reads them
/// (``Compression/init(firstBytes:)``): a compressed input is decompressed there, on a thread of its own, so
/// every driver makes the rest of this decision on the decompressed text. The encoding comes next
/// (``TextEncoding/reading(firstBytes:given:)``): ``ByteStreamDriver`` decodes a text that is not UTF-8 with a
/// ``TextDecoder`` and makes this decision on the UTF-8 decoding (a UTF-16 mark becomes the UTF-8 one), while
/// the parallel driver leaves such a text to it. Comment lines are skipped by the reader wherever a
/// record would begin (``ProfileOptions/commentByte``).
struct InputPrefix: Sendable, Equatable {
    /// The longest mark this decision looks for (the UTF-8 byte order mark).
    static let markBytes = 3

    /// The fewest first bytes to hold before deciding (fewer when the input is shorter): the marks, the sample
    /// and one byte more (to tell whether the input goes on past it), which covers the 64 KiB whose NUL bytes
    /// are counted. A preamble needs more (``bytesNeeded(firstBytes:isWholeInput:options:)``).
    static let minimumLength = markBytes + DelimiterSniffer.sampleBytes + 1

    /// How many first bytes the decision needs, given those held so far.
    /// - Parameters:
    ///   - firstBytes: the input's first bytes held so far.
    ///   - isWholeInput: whether `firstBytes` is the whole input.
    /// - Returns: nil when `firstBytes` suffice; else a length to hold before asking again (more than
    ///   `firstBytes.count`): the preamble, then the sample after it and one byte more.
    /// - Complexity: O(length of the preamble).
    static func bytesNeeded(firstBytes: UnsafeRawBufferPointer, isWholeInput: Bool, options: ProfileOptions) -> Int? {
        if isWholeInput { return nil }
        if firstBytes.count < minimumLength { return minimumLength }
        let markLength = firstBytes.starts(with: ByteOrderMark.utf8.bytes) ? ByteOrderMark.utf8.bytes.count : 0
        guard
            let preamble = Preamble(
                text: UnsafeRawBufferPointer(rebasing: firstBytes[markLength...]), isWholeText: false, options: options)
        else { return firstBytes.count * 2 }
        let needed = markLength + preamble.length + DelimiterSniffer.sampleBytes + 1
        return firstBytes.count >= needed ? nil : needed
    }

    /// The byte order mark the input starts with, if any.
    let byteOrderMark: ByteOrderMark?
    /// The skipped lines and the `sep=` line before the records.
    let preamble: Preamble
    /// The field delimiter.
    let delimiter: UInt8
    /// Whether ``delimiter`` was sniffed rather than given (by the options or a `sep=` line).
    let delimiterWasDetected: Bool

    /// The offset of the first byte where records begin: after a UTF-8 byte order mark and the preamble.
    var dataStart: Int { (byteOrderMark == .utf8 ? ByteOrderMark.utf8.bytes.count : 0) + preamble.length }

    /// The 1-based line records begin on (line numbers count the preamble's lines).
    var firstLine: Int { preamble.firstRecordLine }

    /// Decides from an input's first bytes.
    /// - Parameters:
    ///   - firstBytes: the input's first bytes, as many as ``bytesNeeded(firstBytes:isWholeInput:options:)``
    ///     asks for, or all of it when it is shorter.
    ///   - inputLength: the input's length in bytes (it may go on past `firstBytes`).
    ///   - options: the delimiter (sniffed when nil and no `sep=` line names one), the quote, the field limit,
    ///     the lines to skip and the comment byte.
    ///   - path: the input's name, for errors.
    /// - Throws: ``ProfileError`` `notCSV` (``ProfileError/Problem/notCSV(_:)``) when the input is not a CSV;
    ///   `invalidOption` when the delimiter is to be sniffed, the quote is `,` and no candidate is eligible (see
    ///   ``DelimiterSniffer``).
    /// - Complexity: O(``DelimiterSniffer/sampleBytes``) per delimiter candidate, plus the preamble.
    init(firstBytes: UnsafeRawBufferPointer, inputLength: Int, options: ProfileOptions, path: String? = nil) throws {
        if let kind = NotCSVKind(firstBytes: firstBytes) { throw ProfileError(.notCSV(kind), path: path) }
        byteOrderMark = [ByteOrderMark.utf8, .utf16LittleEndian, .utf16BigEndian].first {
            firstBytes.starts(with: $0.bytes)
        }
        let markLength = byteOrderMark == .utf8 ? ByteOrderMark.utf8.bytes.count : 0
        let text = UnsafeRawBufferPointer(rebasing: firstBytes[min(markLength, firstBytes.count)...])
        let preamble =
            Preamble(text: text, isWholeText: firstBytes.count >= inputLength, options: options)
            ?? Preamble(text: text, isWholeText: true, options: options)!
        self.preamble = preamble
        let dataStart = markLength + preamble.length
        var sniffing = options
        sniffing.delimiter = options.delimiter ?? preamble.separatorLineDelimiter
        delimiter = try DelimiterSniffer.delimiter(
            options: sniffing, body: UnsafeRawBufferPointer(rebasing: firstBytes[min(dataStart, firstBytes.count)...]),
            bodyLength: inputLength - dataStart)
        delimiterWasDetected = sniffing.delimiter == nil
    }

    /// Decides from an input's first bytes (see ``init(firstBytes:inputLength:options:path:)``).
    init(firstBytes: [UInt8], inputLength: Int, options: ProfileOptions, path: String? = nil) throws {
        self = try firstBytes.withUnsafeBytes {
            try InputPrefix(firstBytes: $0, inputLength: inputLength, options: options, path: path)
        }
    }

    /// The decision for an input whose marks were dealt with before it came here (rows the caller holds,
    /// records decoded from partition lines, merged states).
    init(byteOrderMark: ByteOrderMark?, delimiter: UInt8, delimiterWasDetected: Bool) {
        self.byteOrderMark = byteOrderMark
        preamble = .none
        self.delimiter = delimiter
        self.delimiterWasDetected = delimiterWasDetected
    }
}

extension SourceDescription {
    /// The description every driver and merge gives its report: the dialect from `prefix` and `options`.
    /// - Parameters:
    ///   - path: the input's name as given (`-` for standard input).
    ///   - bytes: the bytes read, byte order mark included.
    ///   - prefix: the input-prefix decision (its preamble gives ``skippedLines`` and ``separatorLine``).
    ///   - options: the quote.
    ///   - header: whether the first record was read as a header.
    ///   - encoding: the canonical name of the text's encoding (``TextEncoding/name``).
    init(path: String, bytes: Int, prefix: InputPrefix, options: ProfileOptions, header: Bool, encoding: String) {
        self.init(
            path: path, bytes: bytes, delimiter: prefix.delimiter, quote: options.quote, header: header,
            encoding: encoding, byteOrderMark: prefix.byteOrderMark == .utf8,
            delimiterWasDetected: prefix.delimiterWasDetected)
        skippedLines = prefix.preamble.skippedLines
        separatorLine = prefix.preamble.separatorLineDelimiter != nil
    }
}

/// Holds an input's first bytes until the input-prefix decision can be made from them
/// (``InputPrefix/bytesNeeded(firstBytes:isWholeInput:options:)``): the first 64 KiB, and the preamble and
/// the sample after it when there is one. Memory: those bytes.
struct InputPrefixHolder {
    /// The bytes held so far.
    private(set) var held: [UInt8] = []
    private var bytesToHold: Int
    private let options: ProfileOptions

    /// - Parameter options: the lines to skip, the quote and the comment byte.
    init(options: ProfileOptions) {
        self.options = options
        bytesToHold = InputPrefix.minimumLength
    }

    /// Holds the next piece of the input.
    /// - Returns: whether the held bytes now suffice for the decision.
    /// - Complexity: O(piece length), plus O(preamble) each time the held bytes double.
    mutating func hold(_ piece: UnsafeRawBufferPointer) -> Bool {
        held.append(contentsOf: piece)
        guard held.count >= bytesToHold else { return false }
        let needed = held.withUnsafeBytes {
            InputPrefix.bytesNeeded(firstBytes: $0, isWholeInput: false, options: options)
        }
        bytesToHold = needed ?? 0
        return needed == nil
    }

    /// The bytes held, which the holder lets go of.
    mutating func release() -> [UInt8] {
        defer { held = [] }
        return held
    }
}
