import Foundation
import Testing

@testable import DataQuality

private func column(
    _ name: String, index: Int, overall: Double, grade: Grade, type: ColumnType = .integer,
    valueDistribution: Distribution? = nil, topValues: [ValueCount] = [], findings: [Finding] = []
) -> ColumnProfile {
    ColumnProfile(
        name: name, index: index, type: type, count: 4, nulls: 1, distinct: 3, distinctIsEstimate: false,
        format: nil, typeCounts: [(type, 3)], typeMismatches: 0, whitespaceIssues: 0, min: .integer(1),
        max: .integer(3), mean: 2, stddev: 1, minLength: 1, maxLength: 1, topValues: topValues,
        scores: Scores(completeness: 0.75, consistency: 1, uniqueness: 1, overall: overall), grade: grade,
        findings: findings, conforming: 3, valueDistribution: valueDistribution, lengthDistribution: nil)
}

private func report(_ columns: [ColumnProfile]) -> Report {
    Report(
        source: SourceDescription(
            path: "a&b.csv", bytes: 10, delimiter: UInt8(ascii: ","), quote: UInt8(ascii: "\""), header: true,
            encoding: "utf-8", byteOrderMark: false),
        options: ReportOptions(
            nullValues: [""], keys: [], gradeThresholds: .default, duplicates: true, maxFieldBytes: 1_000,
            exactDistinctLimit: 100),
        rows: 4, blankLines: 0, raggedRows: 0, malformedRows: 0, duplicateRows: 0,
        scores: Scores(completeness: 0.9, consistency: 0.95, uniqueness: 1, overall: 0.85), grade: .d,
        findings: [], columns: columns)
}

private let dates = Distribution(
    scale: .date, count: 4, p25: 18262.75, median: 18263.5, p75: 18264.25,
    histogram: [
        HistogramBin(lower: 18262, upper: 18262.75, count: 1), HistogramBin(lower: 18262.75, upper: 18263.5, count: 1),
        HistogramBin(lower: 18263.5, upper: 18264.25, count: 1), HistogramBin(lower: 18264.25, upper: 18265, count: 1)
    ], isEstimate: false, binPerWholeNumber: true)

@Suite struct HTMLEscapingTests {
    @Test(arguments: [
        ("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ("\"", "&quot;"), ("'", "&#39;"), ("a\nb\tc", "a\nb\tc"),
        ("\u{0}", "\u{FFFD}"), ("\u{1B}[31m", "\u{FFFD}[31m"), ("\u{85}", "\u{FFFD}"), ("\u{FFFF}", "\u{FFFD}"),
        ("é 日本", "é 日本"), ("</style>", "&lt;/style&gt;")
    ])
    func escapesEachCharacter(_ input: String, _ expected: String) {
        #expect(HTMLEscaping.escape(input) == expected)
    }

    @Test func markdownEscapesTableAndMarkupCharacters() {
        #expect(MarkdownReportRenderer.escape("a|b") == "a\\|b")
        #expect(MarkdownReportRenderer.escape("`x` *y* _z_ [l]") == "\\`x\\` \\*y\\* \\_z\\_ \\[l\\]")
        #expect(MarkdownReportRenderer.escape("<b>&amp;") == "&lt;b&gt;&amp;amp;")
        #expect(MarkdownReportRenderer.escape("one\ntwo") == "one⏎two")
        #expect(MarkdownReportRenderer.escape("@team #12 $x$") == "\\@team \\#12 \\$x\\$")
        #expect(MarkdownReportRenderer.escape("2020-01-01 10.5%") == "2020-01-01 10.5%")
    }
}

@Suite struct DocumentRenderersTests {
    static let sample = report([
        column("good", index: 0, overall: 1, grade: .a, topValues: [ValueCount(value: "x", count: 3)]),
        column("bad", index: 1, overall: 0.5, grade: .f, type: .date, valueDistribution: dates),
        column("fair", index: 2, overall: 0.9, grade: .c)
    ])

    @Test func columnsAreSortedWorstFirst() {
        #expect(ReportSummary.columnsWorstFirst(Self.sample).map(\.name) == ["bad", "fair", "good"])
        let html = HTMLReportRenderer().render(Self.sample)
        let positions = ["id=\"column-1\"", "id=\"column-2\"", "id=\"column-0\""].map {
            html.range(of: $0)!.lowerBound
        }
        #expect(positions == positions.sorted())
        let markdown = MarkdownReportRenderer().render(Self.sample)
        let headings = markdown.split(separator: "\n").filter { $0.hasPrefix("### ") }
        #expect(headings == ["### F · bad", "### C · fair", "### A · good"])
    }

    @Test func htmlIsOneSelfContainedPage() {
        let html = HTMLReportRenderer().render(Self.sample)
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
        #expect(html.hasSuffix("</html>\n"))
        #expect(!html.contains("<script") && !html.contains("src=") && !html.contains("href=\"http"))
        #expect(html.contains("default-src 'none'"))
        #expect(html.contains("<title>Data quality · a&amp;b.csv</title>"))
        #expect(html.contains("<span class=\"badge grade-d large\" title=\"Grade D\">D</span>"))
        for score in ["90.0%", "95.0%", "100.0%", "85.0%"] { #expect(html.contains("<dd>\(score)</dd>")) }
        // The date column gets a histogram of 4 bars, the others none or a top-values chart.
        #expect(html.components(separatedBy: "<rect class=\"bar\"").count - 1 == 4)
        #expect(html.contains("<title>2020-01-01: 1</title>"))
        #expect(html.contains("<dd>2020-01-01T18:00:00 / 2020-01-02T12:00:00 / 2020-01-03T06:00:00</dd>"))
        #expect(html.contains("class=\"top-values\""))
        #expect(html.contains("@media print") && html.contains("@media (max-width: 700px)"))
    }

    @Test func markdownHasTheSameContent() {
        let markdown = MarkdownReportRenderer().render(Self.sample)
        #expect(markdown.hasPrefix("# Data quality report: a&amp;b.csv\n\n**Grade D** · 4 rows · 3 columns"))
        #expect(markdown.contains("| 90.0% | 95.0% | 100.0% | 85.0% |"))
        #expect(markdown.contains("| **F** | bad | date | 50.0% | 25.0% | 3 | - |"))
        #expect(markdown.contains("| 2020-01-03 | 1 | ████████████████████ |"))
        #expect(markdown.contains("| \"x\" | 3 |"))
    }

    @Test func jsonWritesDatesAsText() {
        let json = JSONReportRenderer().render(Self.sample)
        #expect(
            json.contains(
                """
                      "quantiles": {
                        "p25": "2020-01-01T18:00:00",
                        "median": "2020-01-02T12:00:00",
                        "p75": "2020-01-03T06:00:00"
                      },
                      "histogram": [
                        {
                          "lower": "2020-01-01",
                          "upper": "2020-01-01T18:00:00",
                          "count": 1
                        },
                """))
        #expect(json.contains("\"quantiles\": null,\n      \"histogram\": null,"))
    }
}
