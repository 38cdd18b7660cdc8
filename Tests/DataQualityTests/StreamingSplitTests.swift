import Foundation
import Testing

@testable import DataQuality

private let splitRepositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// SplitMix64 (Steele, Lea, Flood 2014): a small seeded generator, so random splits repeat exactly.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// One input for the split tests: a fixture file (or inline bytes) and the options to profile it with.
struct SplitInput: Sendable, CustomTestStringConvertible {
    var name: String
    var path: String?
    var inline: [UInt8]?
    var maxFieldBytes: Int?
    var exactDistinctLimit: Int?
    var strict = false
    var testDescription: String { name }

    var bytes: [UInt8] {
        if let inline { return inline }
        return [UInt8]((try? Data(contentsOf: splitRepositoryRoot.appendingPathComponent(path!))) ?? Data())
    }

    var options: ProfileOptions {
        var options = ProfileOptions()
        if let maxFieldBytes { options.maxFieldBytes = maxFieldBytes }
        if let exactDistinctLimit { options.exactDistinctLimit = exactDistinctLimit }
        options.strict = strict
        return options
    }

    static func file(_ path: String, maxFieldBytes: Int? = nil, exactDistinctLimit: Int? = nil, strict: Bool = false)
        -> SplitInput
    {
        SplitInput(
            name: path, path: path, inline: nil, maxFieldBytes: maxFieldBytes, exactDistinctLimit: exactDistinctLimit,
            strict: strict)
    }
}

/// Piece sizes; 0 stands for a seeded random split (1 to 50 bytes a piece).
private let pieceSizes = [1, 2, 3, 7, 64, 4096, 0]

private let splitInputs: [SplitInput] = [
    .file("Fixtures/real/penguins.csv"),
    .file("Fixtures/real/flights-sample.csv"),
    .file("Fixtures/crafted/crlf.csv"),
    .file("Fixtures/crafted/datetimes-slash-order.csv"),
    .file("Fixtures/crafted/c1-controls.csv"),
    .file("Fixtures/crafted/long-values.csv", exactDistinctLimit: 1),
    .file("Fixtures/crafted/lone-cr.csv"),
    .file("Fixtures/crafted/mixed-endings.csv"),
    .file("Fixtures/crafted/bom.csv"),
    .file("Fixtures/crafted/invalid-utf8.csv"),
    .file("Fixtures/crafted/control-chars.csv"),
    .file("Fixtures/crafted/blank-lines.csv"),
    .file("Fixtures/crafted/duplicates.csv"),
    .file("Fixtures/crafted/malformed-stray-quote.csv"),
    .file("Fixtures/crafted/malformed-after-quote.csv"),
    .file("Fixtures/crafted/malformed-unterminated.csv"),
    .file("Fixtures/crafted/malformed-header.csv"),
    .file("Fixtures/crafted/mixed-large.csv"),
    .file("Fixtures/crafted/delim-tab.csv"),
    .file("Fixtures/crafted/whitespace.csv"),
    .file("Fixtures/crafted/distinct-limit.csv", exactDistinctLimit: 5),
    .file("Fixtures/crafted/numbers-ambiguous-point.csv"),
    .file("Fixtures/crafted/numbers-ambiguous-comma.csv"),
    .file("Fixtures/crafted/numbers-formats.csv"),
    .file("Fixtures/cases/01-utf8-bom-quoted-header/input.csv"),
    .file("Fixtures/cases/04-quoted-embedded-newline/input.csv"),
    .file("Fixtures/cases-v2/11-latin1-bytes/input.csv"),
    .file("Fixtures/cases-v2/46-utf16le-excel-unicode-text/input.txt"),
    .file("Fixtures/encodings/zones-utf16be.csv"),
    .file("Fixtures/encodings/zones-windows-1252.csv"),
    .file("Fixtures/cases/33-max-field-bytes/input.csv", maxFieldBytes: 16),
    .file("Fixtures/cases/39-malformed-resync/input.csv"),
    .file("Fixtures/cases/23-empty-file/input.csv"),
    SplitInput(
        name: "inline: BOM, CRLF and lone CR inside quotes, multi-byte and cut UTF-8, unterminated quote",
        path: nil,
        inline: [0xEF, 0xBB, 0xBF] + Array("id;text;n\r\n1;\"a\r\nb\";2\r3;\"é😀\rx\";4\n\n5;Gen".utf8) + [0xE8]
            + Array("ve;6\r\n7;\"open;8\n".utf8))
]

private let strictInputs: [SplitInput] = [
    .file("Fixtures/crafted/ragged.csv", strict: true),
    .file("Fixtures/crafted/malformed-unterminated.csv", strict: true),
    .file("Fixtures/crafted/malformed-header.csv", strict: true),
    .file("Fixtures/crafted/malformed-after-quote.csv", strict: true)
]

/// The pieces of `bytes`: fixed `size`, or a seeded random split when size is 0.
private func pieces(of count: Int, size: Int, seed: UInt64) -> [Range<Int>] {
    var generator = SeededGenerator(seed: seed)
    var ranges: [Range<Int>] = []
    var start = 0
    while start < count {
        let length = size > 0 ? size : Int.random(in: 1...50, using: &generator)
        let end = min(start + length, count)
        ranges.append(start..<end)
        start = end
    }
    return ranges
}

private func streamed(_ input: SplitInput, bytes: [UInt8], size: Int, seed: UInt64 = 42) throws -> Report {
    let stream = try ByteStreamDriver(options: input.options, sourceName: input.name)
    try bytes.withUnsafeBytes { all in
        for range in pieces(of: all.count, size: size, seed: seed) {
            try stream.feed(UnsafeRawBufferPointer(rebasing: all[range]))
        }
    }
    return try stream.finish()
}

@Suite struct StreamingSplitTests {
    @Test(arguments: splitInputs, pieceSizes)
    func piecesGiveTheSameReport(_ input: SplitInput, size: Int) throws {
        let bytes = input.bytes
        #expect(!bytes.isEmpty || input.name.contains("empty"), "fixture \(input.name) missing")
        let whole = try Profiler(options: input.options).profile(bytes: bytes, sourceName: input.name)
        let split = try streamed(input, bytes: bytes, size: size)
        #expect(split == whole, "\(input.name) in pieces of \(size == 0 ? "random size" : String(size))")
        if split != whole {
            #expect(split.rows == whole.rows)
            #expect(split.findings == whole.findings)
            for (a, b) in zip(split.columns, whole.columns) where a != b {
                Issue.record("column \(a.name) differs: \(a) vs \(b)")
            }
        }
    }

    @Test(arguments: splitInputs.filter { $0.path != nil })
    func fileEntryPointAgrees(_ input: SplitInput) throws {
        let path = splitRepositoryRoot.appendingPathComponent(input.path!).path
        var fromFile = try Profiler(options: input.options).profile(fileAt: path)
        let fromBytes = try Profiler(options: input.options).profile(bytes: input.bytes, sourceName: path)
        #expect(fromFile.source.path == path)
        fromFile.source.path = path
        #expect(fromFile == fromBytes)
    }

    @Test(arguments: [UInt64(1), 2, 3, 4, 5])
    func severalRandomSplitsOfAMessyFile(_ seed: UInt64) throws {
        let input = SplitInput.file("Fixtures/crafted/mixed-large.csv")
        let whole = try Profiler().profile(bytes: input.bytes, sourceName: input.name)
        #expect(try streamed(input, bytes: input.bytes, size: 0, seed: seed) == whole)
    }

    @Test(arguments: strictInputs, [1, 3, 4096])
    func strictErrorsDoNotDependOnPieces(_ input: SplitInput, size: Int) throws {
        let bytes = input.bytes
        let wholeError = #expect(throws: ProfileError.self) {
            try Profiler(options: input.options).profile(bytes: bytes, sourceName: input.name)
        }
        let splitError = #expect(throws: ProfileError.self) { try streamed(input, bytes: bytes, size: size) }
        #expect(wholeError != nil && wholeError == splitError)
    }
}
