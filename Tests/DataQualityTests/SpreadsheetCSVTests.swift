import Testing

@testable import DataQuality

@Suite struct SpreadsheetCSVTests {
    /// OWASP "CSV Injection": cells starting with = + - @ tab CR get a leading quote, unless a number.
    @Test(arguments: [
        ("=1+2", "\"'=1+2\""),
        ("@SUM(A1)", "\"'@SUM(A1)\""),
        ("+Kim", "\"'+Kim\""),
        ("-x", "\"'-x\""),
        ("-", "\"'-\""),
        ("\tcmd", "\"'\tcmd\""),
        ("\rcmd", "\"'\rcmd\""),
        ("=\"a\"", "\"'=\"\"a\"\"\""),
        ("-12.5", "-12.5"),
        ("+3", "+3"),
        ("-1e5", "-1e5"),
        ("-.5", "-.5"),
        ("-1e", "\"'-1e\""),
        ("a=b", "a=b"),
        ("", ""),
        ("a,b", "\"a,b\""),
        ("say \"hi\"", "\"say \"\"hi\"\"\""),
        ("two\nlines", "\"two\nlines\"")
    ])
    func cellsAreQuotedAndNeutralised(_ value: String, _ written: String) {
        var output: [UInt8] = []
        SpreadsheetCSV.appendCell(Array(value.utf8), to: &output)
        #expect(String(decoding: output, as: UTF8.self) == written)
    }

    @Test func recordsEndWithCRLF() {
        var output: [UInt8] = []
        SpreadsheetCSV.appendRecord([Array("1".utf8), [], Array("=x".utf8)], to: &output)
        #expect(String(decoding: output, as: UTF8.self) == "1,,\"'=x\"\r\n")
    }
}
