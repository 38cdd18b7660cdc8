import Foundation
import Testing

@testable import DataQuality

/// 20 000 rows, `id` cycling through 5 000 distinct string ids, `kind` through 3 values, `n` = row % 100.
/// Everything below is known from the generator.
private func generatedInput() -> [UInt8] {
    var text = "id,kind,n\n"
    let kinds = ["alpha", "beta", "gamma"]
    for row in 0..<20_000 {
        text += "ID-\(row % 5_000),\(kinds[row % 3]),\(row % 100)\n"
    }
    return Array(text.utf8)
}

@Suite struct DistinctLimitTests {
    static var options: ProfileOptions {
        var options = ProfileOptions()
        options.exactDistinctLimit = 1_000
        return options
    }

    @Test func estimatedDistinctPastTheLimit() throws {
        let report = try Profiler(options: Self.options).profile(bytes: generatedInput(), sourceName: "generated")
        #expect(report.rows == 20_000)
        // (row % 5000, row % 3, row % 100) repeats with period lcm(5000, 3, 100) = 15 000: rows 15 000..19 999.
        #expect(report.duplicateRows == 5_000)
        let id = try #require(report.columns.first { $0.name == "id" })
        #expect(id.type == .string)
        #expect(id.distinctIsEstimate)
        #expect(abs(Double(id.distinct) - 5_000) <= 100, "distinct \(id.distinct)")
        #expect(id.findings.contains { $0.kind == .caseVariantsNotChecked && $0.count == 1 && $0.firstLine == nil })
        #expect(!id.findings.contains { $0.kind == .caseVariant })
        #expect(id.nulls == 0)
        let kind = try #require(report.columns.first { $0.name == "kind" })
        #expect(!kind.distinctIsEstimate)
        #expect(kind.distinct == 3)
        #expect(!kind.findings.contains { $0.kind == .caseVariantsNotChecked })
        let n = try #require(report.columns.first { $0.name == "n" })
        #expect(!n.distinctIsEstimate)
        #expect(n.distinct == 100)
        #expect(n.type == .integer)
        #expect(n.min == .integer(0))
        #expect(n.max == .integer(99))
        #expect(n.mean == 49.5)
    }

    @Test func estimateDoesNotDependOnPieces() throws {
        let bytes = generatedInput()
        let whole = try Profiler(options: Self.options).profile(bytes: bytes, sourceName: "generated")
        for size in [7, 4096] {
            let stream = try ByteStreamDriver(options: Self.options, sourceName: "generated")
            var start = 0
            while start < bytes.count {
                let end = min(start + size, bytes.count)
                try stream.feed(Array(bytes[start..<end]))
                start = end
            }
            #expect(try stream.finish() == whole, "pieces of \(size)")
        }
    }

    @Test func atTheLimitStaysExact() throws {
        var options = ProfileOptions()
        options.exactDistinctLimit = 5_000
        let report = try Profiler(options: options).profile(bytes: generatedInput())
        let id = try #require(report.columns.first { $0.name == "id" })
        #expect(!id.distinctIsEstimate)
        #expect(id.distinct == 5_000)
        #expect(!id.findings.contains { $0.kind == .caseVariantsNotChecked })
    }
}
