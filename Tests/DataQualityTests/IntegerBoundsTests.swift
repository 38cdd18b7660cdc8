import Testing

@testable import DataQuality

/// Integer bounds skip the token comparison when a value's binary64 lies strictly between the bounds'
/// binary64 values; beyond 2^53 neighbouring integers share a binary64, so the tokens must still decide.
@Suite struct IntegerBoundsTests {
    @Test(arguments: [100_000, 1])
    func integersSharingABinary64KeepExactBounds(exactDistinctLimit: Int) throws {
        var options = ProfileOptions()
        options.exactDistinctLimit = exactDistinctLimit
        // 2^53 + 1 and 2^53 round to 2^53; 2^53 + 3 rounds to 2^53 + 4. By hand: min 2^53, max 2^53 + 3.
        let text = "n\n9007199254740993\n9007199254740995\n9007199254740992\n9007199254740994\n"
        let report = try Profiler(options: options).profile(bytes: Array(text.utf8))
        #expect(report.columns[0].min == .integer(9_007_199_254_740_992))
        #expect(report.columns[0].max == .integer(9_007_199_254_740_995))
    }
}
