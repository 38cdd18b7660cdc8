/// What an input that is not a CSV looks like: the contract's "Not a CSV" rule, checked on the text after
/// decompression and before anything else is read. A ``ProfileError`` with ``ProfileError/Problem/notCSV(_:)``
/// carries it (exit 65 on the command line), and no report is made.
public enum NotCSVKind: Sendable, Equatable {
    /// Starts with `PK 03 04`: a ZIP archive (also an .xlsx, .ods or .docx file).
    case zipArchive
    /// Starts with `BZh` and an ASCII digit: a bzip2 stream.
    case bzip2Stream
    /// Starts with `FD 37 7A 58 5A 00`: an xz stream.
    case xzStream
    /// Starts with `PAR1`: a Parquet file.
    case parquetFile
    /// Starts with `7F 45 4C 46`: an ELF executable.
    case elfExecutable
    /// Starts with `%PDF-`: a PDF document.
    case pdfDocument
    /// More than a quarter of the first `window` bytes are NUL (`nulPercent`, rounded down), every one at an odd
    /// offset (UTF-16LE: `bigEndian` false) or every one at an even offset (UTF-16BE): UTF-16 text without a
    /// byte order mark.
    case utf16WithoutByteOrderMark(bigEndian: Bool, nulPercent: Int, window: Int)
    /// More than a quarter of the first `window` bytes are NUL (`nulPercent`, rounded down), at odd and even
    /// offsets: binary data.
    case binaryData(nulPercent: Int, window: Int)

    /// The bytes whose NULs are counted: the text's first 64 KiB.
    static let nulWindow = 65_536

    /// The signatures, in the contract's order, and the kind each one shows.
    private static let signatures: [([UInt8], NotCSVKind)] = [
        ([0x50, 0x4B, 0x03, 0x04], .zipArchive), ([0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00], .xzStream),
        (Array("PAR1".utf8), .parquetFile), ([0x7F, 0x45, 0x4C, 0x46], .elfExecutable),
        (Array("%PDF-".utf8), .pdfDocument)
    ]

    /// What the text that starts with `firstBytes` looks like when it is not a CSV; nil for a CSV.
    /// - Parameters:
    ///   - firstBytes: the text's first ``nulWindow`` bytes, or all of it when it is shorter.
    ///   - isNamedUTF16: whether the text is read as UTF-16 by name (``ProfileOptions/encoding``): then its NUL
    ///     bytes are text, as after a UTF-16 byte order mark.
    /// - Complexity: O(`firstBytes.count`).
    init?(firstBytes: UnsafeRawBufferPointer, isNamedUTF16: Bool = false) {
        if let found = Self.signatures.first(where: { firstBytes.starts(with: $0.0) }) {
            self = found.1
            return
        }
        if firstBytes.count >= 4, firstBytes.starts(with: Array("BZh".utf8)), (0x30...0x39).contains(firstBytes[3]) {
            self = .bzip2Stream
            return
        }
        // UTF-16 with a byte order mark, or read as UTF-16 by name, is text, whatever its NULs.
        if isNamedUTF16 || firstBytes.starts(with: [0xFF, 0xFE]) || firstBytes.starts(with: [0xFE, 0xFF]) { return nil }
        let window = UnsafeRawBufferPointer(rebasing: firstBytes.prefix(Self.nulWindow))
        guard ByteScan.count(0, in: window) > 0 else { return nil }
        var nulsAtEven = 0
        var nulsAtOdd = 0
        for index in window.indices where window[index] == 0 {
            if index % 2 == 0 { nulsAtEven += 1 } else { nulsAtOdd += 1 }
        }
        let nuls = nulsAtEven + nulsAtOdd
        guard 4 * nuls > window.count else { return nil }
        let percent = 100 * nuls / window.count
        if nulsAtEven == 0 || nulsAtOdd == 0 {
            self = .utf16WithoutByteOrderMark(bigEndian: nulsAtOdd == 0, nulPercent: percent, window: window.count)
        } else {
            self = .binaryData(nulPercent: percent, window: window.count)
        }
    }

    /// The sentence: what the input looks like and what to do, with the encoding setting worded by `name`.
    func message(naming name: (ProfileOption) -> String) -> String {
        switch self {
        case .zipArchive:
            "not a CSV: the input starts like a ZIP archive (a .zip file, or an .xlsx, .ods or .docx one): "
                + "unzip it, or export the sheet as CSV."
        case .bzip2Stream:
            "not a CSV: the input starts like a bzip2-compressed stream: decompress it first (bzip2 -dc), "
                + "or compress it with gzip or zstd, which are read as they are."
        case .xzStream:
            "not a CSV: the input starts like an xz-compressed stream: decompress it first (xz -dc), "
                + "or compress it with gzip or zstd, which are read as they are."
        case .parquetFile:
            "not a CSV: the input starts like a Parquet file: convert it to CSV first (with DuckDB, polars or pandas)."
        case .elfExecutable:
            "not a CSV: the input starts like an ELF executable: give the CSV file instead."
        case .pdfDocument:
            "not a CSV: the input starts like a PDF document: export its tables as CSV first."
        case .utf16WithoutByteOrderMark(let bigEndian, let percent, let window):
            "not a CSV as it stands: the input looks like UTF-16\(bigEndian ? "BE" : "LE") without a byte order "
                + "mark (\(percent)% of the first \(window) bytes are NUL, every one at an "
                + "\(bigEndian ? "even" : "odd") offset): try \(name(.encoding)) utf-16\(bigEndian ? "be" : "le")."
        case .binaryData(let percent, let window):
            "not a CSV: the input looks like binary data (\(percent)% of the first \(window) bytes are NUL): "
                + "give a CSV text file."
        }
    }
}
