import Foundation
import Testing

@testable import DataQuality

/// Regressions from a first-use review: columns past the exact bound.
@Suite struct EstimateBoundsTests {
    /// `id` counts 1...n, all distinct, then optionally one repeat of `repeatedID`.
    private func ids(_ count: Int, repeating repeatedID: Int? = nil) -> [UInt8] {
        var text = "id,group\n"
        for row in 1...count { text += "\(row),g\(row % 7)\n" }
        if let repeatedID { text += "\(repeatedID),g0\n" }
        return Array(text.utf8)
    }

    @Test func estimatedDistinctNeverExceedsTheNonNullValues() throws {
        var options = ProfileOptions()
        options.exactDistinctLimit = 1000
        options.checksDuplicates = false
        let report = try Profiler(options: options).profile(bytes: ids(120_000))
        let id = report.columns[0]
        #expect(id.distinctIsEstimate)
        #expect(id.distinct <= 120_000)
        #expect(id.distinct > 1000)
        #expect(id.scores.uniqueness! <= 1)
    }

    @Test func aUniqueKeyPastTheBoundHasNoDuplicateValues() throws {
        var options = ProfileOptions()
        options.exactDistinctLimit = 1000
        options.keys = ["id"]
        let report = try Profiler(options: options).profile(bytes: ids(20_000))
        let id = report.columns[0]
        #expect(id.distinctIsEstimate)
        #expect(id.distinct == 20_000)
        #expect(id.scores.uniqueness == 1)
        #expect(!id.findings.contains { $0.kind == .duplicateValue })
        #expect(id.grade == .a)
    }

    @Test func aRepeatedKeyPastTheBoundIsFoundOnItsLine() throws {
        var options = ProfileOptions()
        options.exactDistinctLimit = 1000
        options.keys = ["id"]
        let report = try Profiler(options: options).profile(bytes: ids(20_000, repeating: 15_000))
        let id = report.columns[0]
        #expect(id.distinct == 20_000)
        // Header on line 1, ids 1...20000 on lines 2...20001, the repeat on line 20002.
        let finding = try #require(id.findings.first { $0.kind == .duplicateValue })
        #expect(finding.count == 1)
        #expect(finding.firstLine == 20_002)
        #expect(finding.example == "15000")
    }
}
