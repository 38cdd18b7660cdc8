import Foundation
import Testing

@testable import DataQuality

/// The sniffer's fallback delimiter `,` cannot serve when `,` is the quote.
@Suite struct DelimiterSnifferTests {
    private static let quoteIsComma: ProfileOptions = {
        var options = ProfileOptions()
        options.quote = UInt8(ascii: ",")
        return options
    }()

    private static let expectedError = ProfileError(.quoteIsDefaultDelimiter)

    /// `a,b` read with `;`, tab or `|` has one field per record: no candidate is eligible, and the fallback
    /// `,` is the quote.
    @Test func quoteCommaWithNoEligibleCandidateIsAUsageError() throws {
        #expect(throws: Self.expectedError) {
            try Profiler(options: Self.quoteIsComma).profile(bytes: Array("a,b\n1,2\n3,4\n".utf8))
        }
    }

    @Test func quoteCommaWithNoEligibleCandidateIsAUsageErrorInChunks() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("dq-sniff-\(UUID().uuidString).csv")
        try Data(String(repeating: "a,b\n", count: 200).utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(throws: Self.expectedError) {
            try ParallelFileDriver.profile(
                path: url.path, options: Self.quoteIsComma, policy: ChunkingPolicy(parts: 2, minimumBytesPerPart: 1))
        }
    }

    /// When `,` is the only candidate a sample holds, the sniffer answers without reading it, and the answer is
    /// the rule's: `,` whether it is eligible (3 fields a record) or not (one record of 2 fields among 1-field
    /// ones); with a `;` or a TAB beside it, or `,` as the quote or the comment byte, the sample is read.
    @Test(
        arguments: [
            ("id,name,qty\n1,ann,2\n", nil, true, ","), ("a\nb,c\nd\ne\n", nil, true, ","),
            ("a;b,c\n1;2\n", nil, false, ";"), ("a,b\tc\n1,2\t3\n4,5\t6\n", nil, false, ","),
            ("a\tb,c\n1\t2\n", nil, false, "\t"), ("abc\ndef\n", nil, false, ","), ("a,b\n,x\n", ",", false, ",")
        ] as [(String, Character?, Bool, Character)])
    func onlyCommasAreNotRead(_ text: String, _ comment: Character?, _ skipsReading: Bool, _ delimiter: Character)
        throws
    {
        var options = ProfileOptions()
        options.commentByte = comment?.asciiValue
        try Array(text.utf8).withUnsafeBytes { sample in
            #expect(DelimiterSniffer.onlyFallbackIsHeld(sample: sample, options: options) == skipsReading)
            let read = try DelimiterSniffer.detectByReading(sample: sample, isTruncated: false, options: options)
            #expect(read == delimiter.asciiValue)
            #expect(try DelimiterSniffer.detect(sample: sample, isTruncated: false, options: options) == read)
        }
    }

    private static func options(delimiter: Character?) -> ProfileOptions {
        var options = ProfileOptions()
        options.delimiter = delimiter?.asciiValue
        return options
    }

    /// A comma file read with a given `|` is one column; `,` reads its 3 columns. In one pass, from bytes
    /// and from a file, and in chunks.
    @Test func givenDelimiterThatLeavesOneColumnGetsTheSniffedAlternative() throws {
        let text = "id,name,qty\n" + String(repeating: "1,ann,2\n", count: 200)
        let expected = DelimiterAlternative(delimiter: UInt8(ascii: ","), columns: 3)
        let pipe = Self.options(delimiter: "|")
        #expect(try Profiler(options: pipe).profile(bytes: Array(text.utf8)).source.delimiterAlternative == expected)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "dq-alternative-\(UUID().uuidString).csv")
        try Data(text.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(try Profiler(options: pipe).profile(fileAt: url.path).source.delimiterAlternative == expected)
        let chunked = try #require(
            try ParallelFileDriver.profile(
                path: url.path, options: pipe, policy: ChunkingPolicy(parts: 2, minimumBytesPerPart: 1)))
        #expect(chunked.source.delimiterAlternative == expected)
        // After a BOM, and with the sample cut at 64 KiB (the last, cut record is left out).
        let long = "\u{FEFF}a;b\n" + String(repeating: "1;2\n", count: 20_000)
        #expect(
            try Profiler(options: Self.options(delimiter: "\t")).profile(bytes: Array(long.utf8)).source
                .delimiterAlternative
                == DelimiterAlternative(delimiter: UInt8(ascii: ";"), columns: 2))
    }

    /// No alternative when the delimiter was detected, when the given one reads several columns, or when no
    /// candidate reads more than one.
    @Test func noAlternativeUnlessAGivenDelimiterLeavesOneColumnAndACandidateBeatsIt() throws {
        let comma = Array("id,name\n1,ann\n".utf8)
        #expect(try Profiler().profile(bytes: comma).source.delimiterAlternative == nil)
        #expect(
            try Profiler(options: Self.options(delimiter: ",")).profile(bytes: comma).source.delimiterAlternative == nil
        )
        let hash = Array("id#name\n1#ann\n".utf8)
        #expect(
            try Profiler(options: Self.options(delimiter: ";")).profile(bytes: hash).source.delimiterAlternative == nil)
    }

    /// `;` gives 2 fields on every record: it is sniffed, and differs from the quote.
    @Test func sniffedDelimiterOtherThanTheQuoteIsUsed() throws {
        let report = try Profiler(options: Self.quoteIsComma).profile(bytes: Array("a;b\n1;,x;y,\n".utf8))
        #expect(report.source.delimiter == UInt8(ascii: ";"))
        #expect(report.columns.map(\.name) == ["a", "b"])
        #expect(report.columns[1].topValues == [ValueCount(value: "x;y", count: 1)])
    }

    /// With the delimiter given, nothing is sniffed.
    @Test func givenDelimiterWithQuoteCommaIsUsed() throws {
        var options = Self.quoteIsComma
        options.delimiter = UInt8(ascii: "|")
        let report = try Profiler(options: options).profile(bytes: Array("a|b\n1|2\n".utf8))
        #expect(report.columns.count == 2)
    }
}
