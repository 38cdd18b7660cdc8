import Testing

@testable import DataQuality

/// Bounds past the exact bound skip comparisons on a shortcut: integers when a value's binary64 lies
/// strictly between the bounds' binary64 values (beyond 2^53 neighbouring integers share one, so the tokens
/// must still decide), strings when a value's first 8 bytes lie strictly between the bounds' first 8 bytes.
@Suite struct StreamingBoundsTests {
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

    @Test(arguments: [100_000, 1])
    func stringsSharingTheirFirstEightBytesKeepExactBounds(exactDistinctLimit: Int) throws {
        var options = ProfileOptions()
        options.exactDistinctLimit = exactDistinctLimit
        // By hand: "abc" precedes every "abcdefgh..." value; "abcdefgh9" follows them all.
        let text = "s\nabcdefgh5\nabcdefgh7\nabcdefgh1\nabcdefgh9\nabc\nabcdefgh3\n"
        let report = try Profiler(options: options).profile(bytes: Array(text.utf8))
        #expect(report.columns[0].min == .text("abc"))
        #expect(report.columns[0].max == .text("abcdefgh9"))
    }
}
