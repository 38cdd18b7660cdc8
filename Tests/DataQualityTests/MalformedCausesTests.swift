import Foundation
import Testing

@testable import DataQuality

private let causesRepositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The report counts the malformed records by cause (`malformed_causes`).
@Suite struct MalformedCausesTests {
    private static func options(maxFieldBytes: Int) -> ProfileOptions {
        var options = ProfileOptions()
        options.maxFieldBytes = maxFieldBytes
        return options
    }

    /// crafted/malformed-causes.csv (Fixtures/crafted/EXPECTED.md): one record per cause.
    @Test func eachCauseIsCountedOnce() throws {
        let path = causesRepositoryRoot.appendingPathComponent("Fixtures/crafted/malformed-causes.csv").path
        let report = try Profiler(options: Self.options(maxFieldBytes: 5)).profile(fileAt: path)
        #expect(report.malformedRows == 4)
        #expect(
            report.malformedCauses == [
                "field_too_long": 1, "quote_in_unquoted_field": 1, "text_after_closing_quote": 1,
                "unterminated_quote": 1
            ])
        let json = JSONReportRenderer().render(report)
        #expect(
            json.contains(
                """
                  "malformed_rows": 4,
                  "malformed_causes": {
                    "field_too_long": 1,
                    "quote_in_unquoted_field": 1,
                    "text_after_closing_quote": 1,
                    "unterminated_quote": 1
                  },
                  "duplicate_rows": 0,
                """), "\(json)")
        let table = TableReportRenderer(width: 80).render(report)
        #expect(
            table.contains(
                """
                  4 malformed rows, first at line 2: 1,x"y
                    by cause: 1 field too long, 1 quote in unquoted field,
                              1 text after closing quote, 1 unterminated quote

                """), "\(table)")
    }

    /// `toolong` is 7 bytes, over a limit of 4: the record on line 3 is malformed for that one cause.
    @Test func oneCauseIsNamedInTheFindingLine() throws {
        let report = try Profiler(options: Self.options(maxFieldBytes: 4)).profile(
            bytes: Array("a,b\n1,2\n3,toolong\n".utf8))
        #expect(report.malformedCauses == ["field_too_long": 1])
        #expect(
            TableReportRenderer().render(report).contains(
                "\n  1 malformed row (field too long), first at line 3: 3,toolong\n"))
    }

    @Test func noMalformedRecordNoCauses() throws {
        let report = try Profiler().profile(bytes: Array("a,b\n1,2\n".utf8))
        #expect(report.malformedCauses.isEmpty)
        #expect(JSONReportRenderer().render(report).contains("\n  \"malformed_causes\": {},\n"))
    }

    /// 200 records, every tenth with a 12-byte field over the limit of 5: 20 malformed, all too long; the
    /// chunks' causes add up to the one-pass counts.
    @Test func causesMergeAcrossChunks() throws {
        var text = "a,b\n"
        for row in 1...200 { text += "\(row)," + (row % 10 == 0 ? String(repeating: "z", count: 12) : "ok") + "\n" }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("dq-causes-\(UUID().uuidString).csv")
        try Data(text.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let options = Self.options(maxFieldBytes: 5)
        let onePass = try Profiler(options: options).profile(
            fileAt: url.path, chunking: ChunkingPolicy(parts: 1, minimumBytesPerPart: 1))
        #expect(onePass.malformedCauses == ["field_too_long": 20])
        for parts in [2, 3, 7] {
            let chunked = try #require(
                try ParallelFileDriver.profile(
                    path: url.path, options: options, policy: ChunkingPolicy(parts: parts, minimumBytesPerPart: 1)))
            #expect(chunked.malformedCauses == ["field_too_long": 20], "\(parts) parts")
            #expect(chunked.findings == onePass.findings, "\(parts) parts")
        }
    }

    @Test func mergeAddsCountsAndEmptyIsTheIdentity() {
        var first = MalformedCauses()
        first.add(.fieldTooLong)
        first.add(.unterminatedQuote)
        var second = MalformedCauses()
        second.add(.fieldTooLong)
        second.add(.quoteInUnquotedField)
        var left = first
        left.merge(second)
        var right = second
        right.merge(first)
        #expect(left == right)
        #expect(left.byCause == ["field_too_long": 2, "quote_in_unquoted_field": 1, "unterminated_quote": 1])
        var withEmpty = first
        withEmpty.merge(MalformedCauses())
        #expect(withEmpty == first)
    }
}
