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

    private static let expectedError = ProfileError(
        code: .invalidOption, message: "--quote ',' is also the default delimiter: give --delimiter too.")

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
            try ParallelFileProfiler.profile(
                path: url.path, options: Self.quoteIsComma, policy: ChunkingPolicy(parts: 2, minimumBytesPerPart: 1))
        }
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
