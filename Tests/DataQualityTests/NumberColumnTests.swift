import Foundation
import Testing

@testable import DataQuality

private let numbersRepositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

private func profile(_ fixture: String, decimalMark: DecimalMark? = nil, maximumThreads: Int? = nil) throws -> Report {
    var options = ProfileOptions()
    options.decimalMark = decimalMark
    options.maximumThreads = maximumThreads
    return try Profiler(options: options).profile(fileAt: numbersRepositoryRoot.appendingPathComponent(fixture).path)
}

private func column(_ report: Report, _ name: String) throws -> ColumnProfile {
    try #require(report.columns.first { $0.name == name })
}

/// What a number column's report says, in one comparable value.
private struct NumberColumn: Equatable, CustomStringConvertible {
    var type: ColumnType
    var integers: Int
    var decimals: Int
    var format: String?
    var unit: String?
    var min: BoundValue?
    var max: BoundValue?
    var conforming: Int
    var findings: [String]

    init(
        _ type: ColumnType, integers: Int, decimals: Int, format: String?, unit: String?, min: BoundValue?,
        max: BoundValue?, conforming: Int, findings: [String] = []
    ) {
        self.type = type
        self.integers = integers
        self.decimals = decimals
        self.format = format
        self.unit = unit
        self.min = min
        self.max = max
        self.conforming = conforming
        self.findings = findings
    }

    init(_ profile: ColumnProfile) {
        func count(_ type: ColumnType) -> Int { profile.typeCounts.first { $0.type == type }?.count ?? 0 }
        self.init(
            profile.type, integers: count(.integer), decimals: count(.decimal), format: profile.format,
            unit: profile.unit, min: profile.min, max: profile.max, conforming: profile.conforming,
            findings: profile.findings.map {
                "\($0.kind.rawValue) \($0.count) \($0.example ?? "-") \($0.firstLine ?? 0)"
            })
    }

    var description: String {
        "\(type) int \(integers) dec \(decimals) format \(format ?? "nil") unit \(unit ?? "nil") min \(String(describing: min)) max \(String(describing: max)) conforming \(conforming) \(findings)"
    }
}

/// Numbers as people write them, on crafted fixtures whose values are counted by hand (each test says how);
/// the v2 oracle (`../shared/oracle/oracle.py`) gives the same values.
@Suite struct NumberColumnTests {
    /// `numbers-ambiguous-point.csv`: `total` holds `1,234`, `12,005` (numbers under both conventions) and
    /// `1,234.5`, which needs point-decimal: one value decides the column, so 1234, 12005 and 1234.5 (2 integers,
    /// 1 decimal: widened to decimal), grouping `,` on all three non-neutral values: format `1,234.5`; mean
    /// 14473.5 / 3 = 4824.5. `count` holds `1.234`, `12.005`, `640`, which no value decides: the file's convention
    /// (1 value needs point, none comma) reads them 1.234, 12.005, 640, all grouping-neutral: plain, format null.
    @Test func oneValueDecidesAColumnAndTheFileDecidesTheRest() throws {
        let report = try profile("Fixtures/crafted/numbers-ambiguous-point.csv")
        let total = try column(report, "total")
        #expect(
            NumberColumn(total)
                == NumberColumn(
                    .decimal, integers: 2, decimals: 1, format: "1,234.5", unit: nil, min: .integer(1234),
                    max: .integer(12005), conforming: 3))
        #expect(total.mean == 4824.5)
        #expect(
            NumberColumn(try column(report, "count"))
                == NumberColumn(
                    .decimal, integers: 1, decimals: 2, format: nil, unit: nil, min: .decimal(1.234),
                    max: .integer(640),
                    conforming: 3))
        #expect(report.options.decimalMark == nil)
    }

    /// `numbers-ambiguous-comma.csv`, the same values with the marks swapped: `total` is comma-decimal (`1.234,5`
    /// needs it), format `1.234,5`; `count` takes the file's comma-decimal: `1,234` is 1.234, format `1234,5`
    /// (not plain: the mark is `,`).
    @Test func theSameValuesWithTheMarksSwappedReadTheOtherWay() throws {
        let report = try profile("Fixtures/crafted/numbers-ambiguous-comma.csv")
        #expect(
            NumberColumn(try column(report, "total"))
                == NumberColumn(
                    .decimal, integers: 2, decimals: 1, format: "1.234,5", unit: nil, min: .integer(1234),
                    max: .integer(12005), conforming: 3))
        #expect(
            NumberColumn(try column(report, "count"))
                == NumberColumn(
                    .decimal, integers: 1, decimals: 2, format: "1234,5", unit: nil, min: .decimal(1.234),
                    max: .integer(640), conforming: 3))
    }

    /// `--decimal-mark ,` on `numbers-ambiguous-point.csv`: `total` reads `1,234` as 1.234 and `12,005` as
    /// 12.005, and `1,234.5` is no number under comma-decimal: a string, the one type mismatch (line 4);
    /// format `1234,5`. `count` reads `1.234` as 1234, `12.005` as 12005 and 640: an integer column, grouping
    /// `.` on the two non-neutral values: format `1.234,5`.
    @Test func aGivenDecimalMarkSetsEveryColumn() throws {
        let report = try profile("Fixtures/crafted/numbers-ambiguous-point.csv", decimalMark: .comma)
        #expect(report.options.decimalMark == .comma)
        let total = try column(report, "total")
        #expect(
            NumberColumn(total)
                == NumberColumn(
                    .decimal, integers: 0, decimals: 2, format: "1234,5", unit: nil, min: .decimal(1.234),
                    max: .decimal(12.005), conforming: 2, findings: ["type_mismatch 1 1,234.5 4"]))
        #expect(total.typeMismatches == 1)
        #expect(
            NumberColumn(try column(report, "count"))
                == NumberColumn(
                    .integer, integers: 3, decimals: 0, format: "1.234,5", unit: nil, min: .integer(640),
                    max: .integer(12005), conforming: 3))
    }

    /// `numbers-units.csv`: every unit once, `$` twice (`$1`, `$2`, `€3`, `£4`, `¥5`, `₹6`, `7%`, then the 23 ISO
    /// codes `USD 8` ... `HKD 30`): 30 integers, the most common unit `$` (prefix), so format `$1234.5`, unit `$`;
    /// the 28 others are mixed_formats, the first `€3` on line 4; min 1, max 2 over the 2 conforming values. The
    /// finding counts 29 formats: `$1234.5` (2 values) and one for each other unit.
    @Test func everyUnitIsANumber() throws {
        let price = try column(try profile("Fixtures/crafted/numbers-units.csv"), "price")
        #expect(
            NumberColumn(price)
                == NumberColumn(
                    .integer, integers: 30, decimals: 0, format: "$1234.5", unit: "$", min: .integer(1),
                    max: .integer(2), conforming: 2, findings: ["mixed_formats 28 €3 4"]))
        let formats = try #require(price.findings.first?.formats)
        #expect(formats.count == 29)
        #expect(formats.first { $0.format == "EUR 1234.5" }?.count == 1)
        #expect(formats.first { $0.format == "1234.5%" }?.count == 1)
    }

    /// `numbers-formats.csv` (point-decimal: `1,234,567`, `1e3`, `(1,234.50)` need it; no value needs comma).
    /// - unitfirst: `1,234`, `5,678`, `$1`, `$2`, `$3`: the unit comes first (`$` on 3 values beats none on 2),
    ///   then the grouping among the `$` values (all neutral: none): `$1234.5`; the two grouped values are mixed.
    /// - neutral: `1,234,567`, `12`, `999`, `2,000`, `5`: grouping `,` on the two non-neutral values, the three
    ///   neutral ones fit it: no mixed_formats.
    /// - fourdigit: `1,234`, `5678`, `1,000`, `2,500`, `12`: three grouped 4-digit values against one ungrouped:
    ///   `1,234.5`, and `5678` (line 3) is mixed.
    /// - exponent: `1e3`, `2.5E-2`, `3`, `-4e+1`, `5`: numbers (1000, 0.025, 3, -40, 5), 2 integers and 3
    ///   decimals: decimal, plain.
    /// - zeros: `0123`, `01,5`, `7`, `8`, `9`: integer would win, but `0123` has a leading zero: string; `01,5`
    ///   is no number under either convention.
    /// - negatives: `(1,234.50)`, `12.5-`, `-3`, `(7)`, `4`: -1234.5, -12.5, -3, -7, 4; 3 integers win and 2
    ///   decimals widen the column; mean -1253 / 5 = -250.6.
    @Test func formatsUnitsNeutralValuesExponentsLeadingZerosAndNegatives() throws {
        let report = try profile("Fixtures/crafted/numbers-formats.csv")
        #expect(
            NumberColumn(try column(report, "unitfirst"))
                == NumberColumn(
                    .integer, integers: 5, decimals: 0, format: "$1234.5", unit: "$", min: .integer(1),
                    max: .integer(3), conforming: 3, findings: ["mixed_formats 2 1,234 2"]))
        #expect(
            NumberColumn(try column(report, "neutral"))
                == NumberColumn(
                    .integer, integers: 5, decimals: 0, format: "1,234.5", unit: nil, min: .integer(5),
                    max: .integer(1_234_567), conforming: 5))
        #expect(
            NumberColumn(try column(report, "fourdigit"))
                == NumberColumn(
                    .integer, integers: 5, decimals: 0, format: "1,234.5", unit: nil, min: .integer(12),
                    max: .integer(2500), conforming: 4, findings: ["mixed_formats 1 5678 3"]))
        let exponent = try column(report, "exponent")
        #expect(
            NumberColumn(exponent)
                == NumberColumn(
                    .decimal, integers: 2, decimals: 3, format: nil, unit: nil, min: .decimal(-40),
                    max: .decimal(1000), conforming: 5))
        #expect(abs(exponent.mean! - 193.605) < 1e-12)
        let zeros = try column(report, "zeros")
        #expect(zeros.type == .string)
        #expect(
            zeros.findings.map { "\($0.kind.rawValue) \($0.count) \($0.example ?? "-")" } == ["leading_zeros 1 0123"])
        let negatives = try column(report, "negatives")
        #expect(
            NumberColumn(negatives)
                == NumberColumn(
                    .decimal, integers: 3, decimals: 2, format: "1,234.5", unit: nil, min: .decimal(-1234.5),
                    max: .integer(4), conforming: 5))
        #expect(abs(negatives.mean! - -250.6) < 1e-12)
    }

    /// The number column of cases-v2 48-gzip-compressed (the same bytes as `Fixtures/compressed/gzip-compressed.csv.gz`;
    /// the case's `null_tokens` key belongs to another part of issue 14): `kg` holds 1.5, an empty value, 2, 2:
    /// integer wins (2 of 3 non-null values) and the one decimal widens the column; min 1.5, max 2, mean 5.5 / 3.
    @Test func aCompressedFilesNumbersWiden() throws {
        let kg = try column(try profile("Fixtures/compressed/gzip-compressed.csv.gz"), "kg")
        #expect(
            NumberColumn(kg)
                == NumberColumn(
                    .decimal, integers: 2, decimals: 1, format: nil, unit: nil, min: .decimal(1.5), max: .integer(2),
                    conforming: 3, findings: ["null 1  3"]))
        #expect(abs(kg.mean! - 5.5 / 3) < 1e-15)
    }

    /// The number column of cases-v2 51-excel-sep-line (byte-identical `Fixtures/preambles/excel-sep-line.csv`):
    /// `Betrag` holds `1.234,56`, `99,00`, an empty value and `12,50`: each number needs comma-decimal; grouping
    /// `.` on the one non-neutral value: format `1.234,5`; min 12.5, max 1234.56, mean 1346.06 / 3.
    @Test func anExcelExportsNumbersReadWithADecimalComma() throws {
        let betrag = try column(try profile("Fixtures/preambles/excel-sep-line.csv"), "Betrag")
        #expect(
            NumberColumn(betrag)
                == NumberColumn(
                    .decimal, integers: 0, decimals: 3, format: "1.234,5", unit: nil, min: .decimal(12.5),
                    max: .decimal(1234.56), conforming: 3, findings: ["null 1  5"]))
        #expect(abs(betrag.mean! - 1346.06 / 3) < 1e-12)
    }

    /// The TYPE cell of the table, Markdown and HTML reports: a number column adds its format (`decimal 1.234,5`),
    /// or only its unit when nothing else in the format is other than plain (`integer $` for `$1234.5`); a plain
    /// number column and other types show the type alone.
    @Test func theTypeCellShowsTheNumberFormatOrUnit() throws {
        let european = try profile("Fixtures/cases-v2/40-european-semicolon-export/input.csv")
        #expect(
            european.columns.map(TableReportRenderer.typeText)
                == ["string", "decimal 1.234,5", "decimal 1234,5%", "decimal €1234,5"])
        let units = try profile("Fixtures/crafted/numbers-units.csv")
        #expect(units.columns.map(TableReportRenderer.typeText) == ["integer $"])
        let formats = try profile("Fixtures/crafted/numbers-formats.csv")
        #expect(
            formats.columns.map(TableReportRenderer.typeText)
                == ["integer $", "integer 1,234.5", "integer 1,234.5", "decimal", "string", "decimal 1,234.5"])
        let table = TableReportRenderer(width: 80).render(european)
        #expect(table.contains("preis   decimal 1.234,5   0.0%"))
        #expect(MarkdownReportRenderer().render(european).contains("| **D** | preis | decimal 1.234,5 | 83.3% |"))
        #expect(HTMLReportRenderer().render(european).contains("<td>decimal 1.234,5</td>"))
    }

    /// `numbers-past-limit.csv` with the exact bound at 3 (every column but `id` overflows; the oracle's values for
    /// the same limit are `Fixtures/oracle/numbers-past-limit-3.json`): each number column reads as with exact
    /// tables. `betrag` comma-decimal grouped `.`, `1500,00` mixed (line 7); `menge` point-decimal grouped `,`
    /// (decided by `1,000,000`, line 7), `4567` mixed (line 8); `rabatt` `%`; `spaet` comma-decimal, decided by
    /// `1,5` (line 6, after the overflow at line 5); `frueh` comma-decimal, decided by `3,5` (line 2, before it).
    /// In one pass, in 2 and 3 chunks of one run, and streamed byte by byte.
    @Test func numbersPastTheExactBoundReadAsWithExactTables() throws {
        let path = numbersRepositoryRoot.appendingPathComponent("Fixtures/crafted/numbers-past-limit.csv").path
        var options = ProfileOptions()
        options.exactDistinctLimit = 3
        let onePass = try Profiler(options: options).profile(
            fileAt: path, chunking: ChunkingPolicy(parts: 1, minimumBytesPerPart: 1))
        #expect(onePass.columns.map(\.distinctIsEstimate) == [true, true, true, true, true, true])
        let expected = [
            NumberColumn(
                .integer, integers: 10, decimals: 0, format: "1234,5", unit: nil, min: .integer(1), max: .integer(10),
                conforming: 10),
            NumberColumn(
                .decimal, integers: 0, decimals: 10, format: "1.234,5", unit: nil, min: .decimal(3.1),
                max: .decimal(2045), conforming: 9, findings: ["mixed_formats 1 1500,00 7"]),
            NumberColumn(
                .integer, integers: 10, decimals: 0, format: "1,234.5", unit: nil, min: .integer(5),
                max: .integer(1_000_000), conforming: 9, findings: ["mixed_formats 1 4567 8"]),
            NumberColumn(
                .decimal, integers: 7, decimals: 3, format: "1234,5%", unit: "%", min: .integer(0), max: .integer(20),
                conforming: 10),
            NumberColumn(
                .decimal, integers: 0, decimals: 10, format: "1234,5", unit: nil, min: .decimal(1.234),
                max: .decimal(9.999), conforming: 10),
            NumberColumn(
                .decimal, integers: 0, decimals: 10, format: "1234,5", unit: nil, min: .decimal(1.111),
                max: .decimal(8.765), conforming: 10)
        ]
        #expect(onePass.columns.map(NumberColumn.init) == expected)
        let means = [5.5, 604.0822222222222, 113355.55555555556, 7.65, 4.4849, 3.9453]
        let deviations = [
            3.0276503540974917, 744.317678460914, 332514.5086631977, 6.6124881852446435, 3.330502713138397,
            2.4827359482814293
        ]
        for (index, column) in onePass.columns.enumerated() {
            #expect(abs(column.mean! - means[index]) <= 1e-9 * means[index], "\(column.name)")
            #expect(abs(column.stddev! - deviations[index]) <= 1e-9 * deviations[index], "\(column.name)")
        }
        for parts in [2, 3] {
            let chunked = try Profiler(options: options).profile(
                fileAt: path, chunking: ChunkingPolicy(parts: parts, minimumBytesPerPart: 1))
            #expect(comparable(chunked) == comparable(onePass), "\(parts) parts")
        }
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        let stream = try ByteStreamDriver(options: options, sourceName: path)
        try bytes.withUnsafeBytes { all in
            for index in all.indices { try stream.feed(UnsafeRawBufferPointer(rebasing: all[index..<(index + 1)])) }
        }
        let streamed = try stream.finish()
        #expect(streamed.columns.map(NumberColumn.init) == expected)
    }

    /// Byte-by-byte streaming decides the same conventions and formats as one pass (the merge law; the fixtures
    /// are also among `StreamingSplitTests`' inputs and `ChunkedProfileTests`' and `ProfileStateTests`' splits).
    @Test(arguments: [
        "Fixtures/crafted/numbers-ambiguous-point.csv", "Fixtures/crafted/numbers-ambiguous-comma.csv",
        "Fixtures/crafted/numbers-formats.csv", "Fixtures/crafted/numbers-units.csv"
    ])
    func byteByByteStreamingDecidesAsOnePass(_ fixture: String) throws {
        let path = numbersRepositoryRoot.appendingPathComponent(fixture).path
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        let whole = try Profiler().profile(bytes: bytes, sourceName: path)
        let stream = try ByteStreamDriver(options: ProfileOptions(), sourceName: path)
        try bytes.withUnsafeBytes { all in
            for index in all.indices { try stream.feed(UnsafeRawBufferPointer(rebasing: all[index..<(index + 1)])) }
        }
        let streamed = try stream.finish()
        #expect(streamed.columns.map(NumberColumn.init) == whole.columns.map(NumberColumn.init))
        #expect(streamed.columns.map(\.mean) == whole.columns.map(\.mean))
    }
}
