import Foundation
import Testing

@testable import DataQuality

@Suite struct ValueShapeTests {
    @Test(arguments: [
        ("Zoë Müller 42", "Aaa Aaaaaa 99"),
        ("ann.lee@mail.example", "aaa.aaa@aaaa.aaaaaaa"),
        ("(901) 555-7721", "(999) 999-9999"),
        ("東京", "aa"),
        ("٣٤", "99"),  // Arabic-Indic digits
        ("\t x\u{A0}", "_ a_"),
        ("a\u{1}b\u{FFFD}", "a_a_"),
        ("e\u{301}", "a_"),  // a combining mark
        ("ǅ", "A"),  // title case
        ("---", "---"),
        ("", "")
    ])
    func shapeFollowsTheRule(_ value: String, _ shape: String) {
        #expect(ValueShape.of(value) == shape)
    }
}

@Suite struct ReportRedactionTests {
    static let csv = """
        name,city,n,day,ok,name
        Ann Lee,Paris,1,2021-01-02,true,x
        Bob,paris,2,2021-01-03,false,y
        Bob,Oslo,3,2021-01-04,true,z
        Cy, Rome,4,2021-01-05,true,w
        Dee,Oslo,5
        """

    @Test func stringsFromTheDataBecomeShapesAndTheRestStays() throws {
        let report = try Profiler().profile(bytes: Array(Self.csv.utf8), sourceName: "people.csv")
        let redacted = report.redacted()
        #expect(redacted.options.redacted)
        #expect(!report.options.redacted)
        #expect(redacted.source == report.source)
        #expect(redacted.columns.map(\.name) == ["name", "city", "n", "day", "ok", "name"])
        let name = redacted.columns[0]
        #expect(
            name.topValues == [
                ValueCount(value: "Aaa", count: 2), ValueCount(value: "Aaa Aaa", count: 1),
                ValueCount(value: "Aa", count: 1)
            ])
        #expect(name.min == .text("Aaa Aaa"))
        #expect(name.max == .text("Aa"))
        let city = redacted.columns[1]
        // `paris` is a case variant of `Paris`, ` Rome` has a leading space: examples shaped.
        #expect(city.findings.map(\.example) == ["aaaaa", " Aaaa"])
        #expect(redacted.columns[2].min == .integer(1) && redacted.columns[2].max == .integer(4))
        #expect(redacted.columns[2].topValues.map(\.value) == ["9", "9", "9", "9"])
        #expect(redacted.columns[3].min == .text("2021-01-02"))
        let ragged = redacted.findings.first { $0.kind == .raggedRow }
        #expect(ragged?.example == "Aaa,Aaaa,9")
        let duplicateName = redacted.findings.first { $0.kind == .duplicateName }
        #expect(duplicateName?.example == "name")
        // Everything that is not a string from the data is unchanged.
        var restored = redacted
        restored.options.redacted = false
        restored.findings = report.findings
        for index in restored.columns.indices {
            restored.columns[index].topValues = report.columns[index].topValues
            restored.columns[index].findings = report.columns[index].findings
            restored.columns[index].min = report.columns[index].min
            restored.columns[index].max = report.columns[index].max
        }
        #expect(restored == report)
    }
}
