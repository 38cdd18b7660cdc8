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

/// Something about an input that was profiled as its bytes although the contract reads it otherwise: the
/// caller should tell the user how to convert it (`dqcli` words it on standard error).
public enum InputNote: Sendable, Equatable {
    /// The input starts with a UTF-16 byte order mark: its bytes were read as UTF-8 or windows-1252 text.
    case utf16

    /// The notes for an input.
    static func notes(isUTF16: Bool) -> [InputNote] {
        isUTF16 ? [.utf16] : []
    }
}

/// How an input is compressed: the first step of the contract's reading ("What is read, in order"), decided by
/// the stored input's first bytes before anything else (``ByteSource`` decompresses; see ``Decompressor``).
public enum Compression: String, Sendable, Equatable, CaseIterable {
    /// gzip (RFC 1952), magic bytes `1F 8B`.
    case gzip
    /// Zstandard (RFC 8878), magic bytes `28 B5 2F FD`.
    case zstd

    /// The magic bytes a stream of this format starts with.
    var magicBytes: [UInt8] {
        switch self {
        case .gzip: [0x1F, 0x8B]
        case .zstd: [0x28, 0xB5, 0x2F, 0xFD]
        }
    }

    /// The most first bytes the recognition needs (zstd's magic).
    static let longestMagic = 4

    /// The compression whose magic bytes `firstBytes` starts with, whole; nil for any other input (a plain
    /// text, or one shorter than the magic).
    /// - Complexity: O(1).
    public init?(firstBytes: UnsafeRawBufferPointer) {
        guard let found = Self.allCases.first(where: { firstBytes.starts(with: $0.magicBytes) }) else { return nil }
        self = found
    }
}

/// What an input's first bytes decide, once, before any record is read: its byte order mark, where the CSV data
/// starts, and the delimiter (given, or sniffed from the first 64 KiB).
///
/// Every driver holds the first ``length(options:)`` bytes (fewer when the input is shorter), makes this
/// decision from them, and starts its reader at ``dataStart`` with ``delimiter``. The decision is made in
/// this order, each step on what the step before leaves: compression, byte order mark, data start,
/// delimiter. Compression is decided first, on the stored bytes, by the ``ByteSource`` that reads them
/// (``Compression/init(firstBytes:)``): a compressed input is decompressed there, on a thread of its own, so
/// every driver makes the rest of this decision on the decompressed text. Decoding and skipped lines
/// (`--skip-lines`, Excel's `sep=` line) slot in as steps between them that transform the bytes the next step
/// reads.
struct InputPrefix: Sendable, Equatable {
    /// The longest mark this decision looks for (the UTF-8 byte order mark).
    static let markBytes = 3

    /// The bytes to hold before deciding: the marks, and, when the delimiter is to be sniffed, the sample
    /// and one byte more (to tell whether the input goes on past it).
    static func length(options: ProfileOptions) -> Int {
        options.delimiter == nil ? markBytes + DelimiterSniffer.sampleBytes + 1 : markBytes
    }

    /// The byte order mark the input starts with, if any.
    let byteOrderMark: ByteOrderMark?
    /// The field delimiter.
    let delimiter: UInt8
    /// Whether ``delimiter`` was sniffed rather than given.
    let delimiterWasDetected: Bool

    /// The offset of the first CSV byte: after a UTF-8 byte order mark, else 0 (a UTF-16 input is read as
    /// its bytes, mark included).
    var dataStart: Int { byteOrderMark == .utf8 ? ByteOrderMark.utf8.bytes.count : 0 }

    /// Whether the input starts with a UTF-16 byte order mark.
    var isUTF16: Bool { byteOrderMark == .utf16LittleEndian || byteOrderMark == .utf16BigEndian }

    /// What the caller should be told about the input.
    var notes: [InputNote] { InputNote.notes(isUTF16: isUTF16) }

    /// Decides from an input's first bytes.
    /// - Parameters:
    ///   - firstBytes: the input's first ``length(options:)`` bytes, or all of it when it is shorter.
    ///   - inputLength: the input's length in bytes (it may go on past `firstBytes`).
    ///   - options: the delimiter (sniffed when nil), the quote and the field limit.
    /// - Throws: ``ProfileError`` `invalidOption` when the delimiter is to be sniffed, the quote is `,` and no
    ///   candidate is eligible (see ``DelimiterSniffer``).
    /// - Complexity: O(``DelimiterSniffer/sampleBytes``) per delimiter candidate.
    init(firstBytes: UnsafeRawBufferPointer, inputLength: Int, options: ProfileOptions) throws {
        byteOrderMark = [ByteOrderMark.utf8, .utf16LittleEndian, .utf16BigEndian].first {
            firstBytes.starts(with: $0.bytes)
        }
        let dataStart = byteOrderMark == .utf8 ? ByteOrderMark.utf8.bytes.count : 0
        delimiter = try DelimiterSniffer.delimiter(
            options: options, body: UnsafeRawBufferPointer(rebasing: firstBytes[min(dataStart, firstBytes.count)...]),
            bodyLength: inputLength - dataStart)
        delimiterWasDetected = options.delimiter == nil
    }

    /// Decides from an input's first bytes (see ``init(firstBytes:inputLength:options:)``).
    init(firstBytes: [UInt8], inputLength: Int, options: ProfileOptions) throws {
        self = try firstBytes.withUnsafeBytes {
            try InputPrefix(firstBytes: $0, inputLength: inputLength, options: options)
        }
    }

    /// The decision for an input whose marks were dealt with before it came here (rows the caller holds,
    /// records decoded from partition lines, merged states).
    init(byteOrderMark: ByteOrderMark?, delimiter: UInt8, delimiterWasDetected: Bool) {
        self.byteOrderMark = byteOrderMark
        self.delimiter = delimiter
        self.delimiterWasDetected = delimiterWasDetected
    }

    /// The contract's encoding verdict: `utf-16` after a UTF-16 byte order mark, else `utf-8` when every
    /// byte read is valid UTF-8, else `windows-1252`.
    func encoding(bytesAreValidUTF8: Bool) -> String {
        isUTF16 ? "utf-16" : bytesAreValidUTF8 ? "utf-8" : "windows-1252"
    }

    /// The encoding of an input made of parts with these encodings: theirs when they agree, else `utf-16` if
    /// any part is, else `windows-1252` (UTF-8 parts are valid windows-1252 bytes too).
    static func encoding(ofPartsEncoded encodings: Set<String>) -> String {
        encodings.count == 1 ? encodings.first! : encodings.contains("utf-16") ? "utf-16" : "windows-1252"
    }
}

extension SourceDescription {
    /// The description every driver and merge gives its report: the dialect from `prefix` and `options`.
    /// - Parameters:
    ///   - path: the input's name as given (`-` for standard input).
    ///   - bytes: the bytes read, byte order mark included.
    ///   - prefix: the input-prefix decision.
    ///   - options: the quote.
    ///   - header: whether the first record was read as a header.
    ///   - encoding: the verdict (``InputPrefix/encoding(bytesAreValidUTF8:)``).
    init(path: String, bytes: Int, prefix: InputPrefix, options: ProfileOptions, header: Bool, encoding: String) {
        self.init(
            path: path, bytes: bytes, delimiter: prefix.delimiter, quote: options.quote, header: header,
            encoding: encoding, byteOrderMark: prefix.byteOrderMark == .utf8,
            delimiterWasDetected: prefix.delimiterWasDetected)
    }

    /// What the caller should be told about the input (UTF-16).
    public var notes: [InputNote] { InputNote.notes(isUTF16: encoding == "utf-16") }
}
