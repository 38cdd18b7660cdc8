import Testing

@testable import DataQuality

/// The input-prefix decision (``InputPrefix``): from an input's first bytes, its compression, byte order mark,
/// data start and delimiter, made once for every driver (the encoding: TextDecodingTests).
@Suite struct InputPrefixTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var firstBytes: [UInt8]
        var byteOrderMark: ByteOrderMark?
        var dataStart = 0
        var delimiter: UInt8 = 0x2C
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "UTF-8 BOM", firstBytes: [0xEF, 0xBB, 0xBF] + Array("a;b\n1;2\n".utf8), byteOrderMark: .utf8,
            dataStart: 3, delimiter: 0x3B),
        Case(
            name: "UTF-16 LE BOM", firstBytes: [0xFF, 0xFE, 0x61, 0x00], byteOrderMark: .utf16LittleEndian),
        Case(
            name: "UTF-16 BE BOM", firstBytes: [0xFE, 0xFF, 0x00, 0x61], byteOrderMark: .utf16BigEndian),
        Case(name: "plain", firstBytes: Array("a|b\n1|2\n".utf8), delimiter: 0x7C),
        Case(name: "empty", firstBytes: []),
        Case(name: "1 byte of a UTF-8 BOM", firstBytes: [0xEF]),
        Case(name: "1 byte of gzip magic", firstBytes: [0x1F]),
        Case(name: "2 bytes of a UTF-8 BOM", firstBytes: [0xEF, 0xBB]),
        Case(
            name: "2 bytes: a whole UTF-16 LE BOM", firstBytes: [0xFF, 0xFE], byteOrderMark: .utf16LittleEndian),
        Case(name: "a BOM alone", firstBytes: [0xEF, 0xBB, 0xBF], byteOrderMark: .utf8, dataStart: 3)
    ]

    @Test(arguments: cases) func decision(_ input: Case) throws {
        let prefix = try InputPrefix(
            firstBytes: input.firstBytes, inputLength: input.firstBytes.count, options: ProfileOptions())
        #expect(prefix.byteOrderMark == input.byteOrderMark)
        #expect(prefix.dataStart == input.dataStart)
        #expect(prefix.delimiter == input.delimiter)
        #expect(prefix.delimiterWasDetected)
    }

    /// gzip (RFC 1952, section 2.3.1) and zstd (RFC 8878, section 3.1.1) by their magic bytes, whole.
    @Test(
        arguments: [
            ([0x1F, 0x8B, 0x08, 0x00], Compression.gzip), ([0x1F, 0x8B], .gzip),
            ([0x28, 0xB5, 0x2F, 0xFD, 0x04], .zstd),
            ([0x28, 0xB5, 0x2F], nil), ([0x1F], nil), ([0x8B, 0x1F], nil), (Array("a,b\n".utf8), nil), ([], nil)
        ] as [([UInt8], Compression?)])
    func compressionIsRecognisedByItsMagicBytes(_ firstBytes: [UInt8], _ compression: Compression?) {
        #expect(firstBytes.withUnsafeBytes { Compression(firstBytes: $0) } == compression)
    }

    @Test func givenDelimiterIsKeptAndNotDetected() throws {
        var options = ProfileOptions()
        options.delimiter = 0x09
        let prefix = try InputPrefix(firstBytes: Array("a;b\n".utf8), inputLength: 4, options: options)
        #expect(prefix.delimiter == 0x09)
        #expect(!prefix.delimiterWasDetected)
    }

    /// The marks, the sample and one byte more, whether the delimiter is given or not: the first 64 KiB are
    /// always held, for the "Not a CSV" rule's NUL count; a preamble asks for itself and the sample after it.
    @Test func bytesHeldBeforeDeciding() {
        #expect(InputPrefix.minimumLength == 3 + 65_536 + 1)
        var options = ProfileOptions()
        options.delimiter = 0x2C
        let short = [UInt8](repeating: 0x61, count: 10)
        #expect(
            short.withUnsafeBytes { InputPrefix.bytesNeeded(firstBytes: $0, isWholeInput: false, options: options) }
                == 65_540)
        #expect(
            short.withUnsafeBytes { InputPrefix.bytesNeeded(firstBytes: $0, isWholeInput: true, options: options) }
                == nil)
        // Two skipped lines of 40,000 bytes each: the preamble, the sample after it and one byte more.
        options.linesToSkip = 2
        let lines = [UInt8](String(repeating: String(repeating: "x", count: 39_999) + "\n", count: 3).utf8)
        let needed = lines.withUnsafeBytes {
            InputPrefix.bytesNeeded(
                firstBytes: UnsafeRawBufferPointer(rebasing: $0[..<65_540]), isWholeInput: false, options: options)
        }
        #expect(needed == 131_080)
        #expect(
            lines.withUnsafeBytes { InputPrefix.bytesNeeded(firstBytes: $0, isWholeInput: false, options: options) }
                == 80_000 + 65_537)
    }

    /// A UTF-8 BOM cut across three reads is still one BOM: not counted in the first name, bytes include it.
    @Test func byteOrderMarkCutAcrossReads() throws {
        var options = ProfileOptions()
        options.delimiter = 0x3B
        let driver = try ByteStreamDriver(options: options, sourceName: "cut.csv")
        try driver.feed([0xEF])
        try driver.feed([0xBB])
        try driver.feed([0xBF] + Array("a;b\n1;2\n".utf8))
        let report = try driver.finish()
        #expect(report.source.byteOrderMark)
        #expect(report.source.bytes == 11)
        #expect(report.source.encoding == "utf-8")
        #expect(report.columns.map(\.name) == ["a", "b"])
        #expect(report.rows == 1)
    }

    @Test func standardInputIsTheDash() {
        #expect(InputLocation(path: "-") == .standardInput)
        #expect(InputLocation(path: "./-") == .file("./-"))
        #expect(InputLocation(path: "-").path == "-")
        #expect(InputLocation(path: "orders.csv").path == "orders.csv")
        #expect(!InputLocation.standardInput.canBeReadAgain)
    }
}
