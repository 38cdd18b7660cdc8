import Foundation
import Testing

@testable import DataQuality

/// Schema_version 2's datetimes and times as people write them (slash and dotted dates, one-digit hours,
/// 12-hour markers), slash dates turning day-first only on real day-first dates, C1 controls, the `unknown`
/// type and `values_truncated`, on crafted fixtures whose values were counted by hand (each checked against
/// the v2 oracle, `../shared/oracle/oracle.py`, with `compare.py --findings`: only other parts' keys differ).
@Suite struct DatetimeFormsTests {
    private func profile(_ fixture: String, exactDistinctLimit: Int = ProfileOptions.defaultExactDistinctLimit)
        throws -> Report
    {
        var options = ProfileOptions()
        options.exactDistinctLimit = exactDistinctLimit
        return try Profiler(options: options).profile(
            fileAt: chunkRepositoryRoot.appendingPathComponent("Fixtures/" + fixture).path)
    }

    private func column(_ report: Report, _ name: String) -> ColumnProfile {
        report.columns.first { $0.name == name }!
    }

    /// Fixtures/crafted/datetimes-12-hour.csv. `at`: five `M/D/YYYY H:MM AM` values (12:00 AM is midnight,
    /// 12:00 PM noon, `am` the same format as `PM`) and `7/8/2014 13:00` (line 7, 24-hour: another format);
    /// min 7/7/2014 12:00 AM = 2014-07-07T00:00:00, max 7/8/2014 1:00 AM = 2014-07-08T01:00:00 (13:00 is in
    /// the other format). `clock`: five `H:MM AM` times and `7:05` (one hour digit, `HH:MM`, line 7); min
    /// 12:00 AM = 00:00:00, max 11:59 pm = 23:59:00. Each column: 5 of 6 conform.
    @Test(arguments: [100_000, 1])
    func twelveHourMidnightAndNoon(exactDistinctLimit: Int) throws {
        let report = try profile("crafted/datetimes-12-hour.csv", exactDistinctLimit: exactDistinctLimit)
        let at = column(report, "at")
        #expect(at.type == .datetime)
        #expect(at.format == "M/D/YYYY H:MM AM")
        #expect(at.min == .text("2014-07-07T00:00:00"))
        #expect(at.max == .text("2014-07-08T01:00:00"))
        #expect(at.findings.map(\.kind) == [.mixedFormats])
        #expect(at.findings.first.map { [$0.count, $0.firstLine] } == [1, 7])
        #expect(at.findings.first?.example == "7/8/2014 13:00")
        #expect(at.conforming == 5)
        let clock = column(report, "clock")
        #expect(clock.type == .time)
        #expect(clock.format == "H:MM AM")
        #expect(clock.min == .text("00:00:00"))
        #expect(clock.max == .text("23:59:00"))
        #expect(clock.findings.map(\.kind) == [.mixedFormats])
        #expect(clock.findings.first.map { [$0.count, $0.firstLine] } == [1, 7])
        #expect(clock.findings.first?.example == "7:05")
        #expect(clock.conforming == 5)
    }

    /// Fixtures/crafted/datetimes-slash-order.csv, by hand. `month_first`: no first part above 12, so
    /// `M/D/YYYY HH:MM`: 1/2 10:00 (Jan 2) to 12/31 23:00. `day_first`: `13/01/2020 08:30` turns it day-first,
    /// so 1/2/2020 is 1 February and 2/3/2020 2 March; `12/31/2020 1:00` (line 5) is impossible day-first: a
    /// string. `not_a_date`: `13/13/2020 10:00` (line 3) is no real date day-first, so the column stays
    /// month-first and that value is a string. `mixed_dates`: the datetime `13/04/2020 9:00` (line 3) turns
    /// the column's dates day-first (03/04 is 3 April, 07/08 is 7 August) and is a mismatch in a date column.
    @Test(arguments: [100_000, 1])
    func slashDatetimesBothWays(exactDistinctLimit: Int) throws {
        let report = try profile("crafted/datetimes-slash-order.csv", exactDistinctLimit: exactDistinctLimit)
        let expected: [(String, ColumnType, String, String, String, Int, Int?)] = [
            ("month_first", .datetime, "M/D/YYYY HH:MM", "2020-01-02T10:00:00", "2020-12-31T23:00:00", 0, nil),
            ("day_first", .datetime, "D/M/YYYY HH:MM", "2020-01-13T08:30:00", "2020-03-02T00:00:00", 1, 5),
            ("not_a_date", .datetime, "M/D/YYYY HH:MM", "2020-01-02T10:00:00", "2020-12-31T00:00:00", 1, 3),
            ("mixed_dates", .date, "D/M/YYYY", "2020-04-03", "2020-08-07", 1, 3)
        ]
        for (name, type, format, minimum, maximum, mismatches, line) in expected {
            let profile = column(report, name)
            #expect(profile.type == type, "\(name)")
            #expect(profile.format == format, "\(name)")
            #expect(profile.min == .text(minimum), "\(name)")
            #expect(profile.max == .text(maximum), "\(name)")
            #expect(profile.typeMismatches == mismatches, "\(name)")
            #expect(profile.findings.first { $0.kind == .typeMismatch }?.firstLine == line, "\(name)")
            #expect(profile.conforming == 4 - mismatches, "\(name)")
        }
    }

    /// Fixtures/crafted/c1-controls.csv: `a` U+0085 `b` (line 3) and U+009F (line 4) hold C1 controls;
    /// `no` U+00A0 `break` and `café` do not. 3 of 5 conform.
    @Test func c1ControlsAreControlCharacters() throws {
        let note = column(try profile("crafted/c1-controls.csv"), "note")
        #expect(note.findings == [Finding(kind: .controlCharacters, count: 2, example: "a\u{85}b", firstLine: 3)])
        #expect(note.conforming == 3)
        #expect(note.scores.consistency == 0.6)
    }

    /// Fixtures/cases-v2/65-every-record-ragged: 3 records, all ragged: every column is `unknown`, with no
    /// values, completeness 1 and consistency 0. A file with only its header keeps `empty`.
    @Test func noWellFormedRecordMakesEveryColumnUnknown() throws {
        let report = try profile("cases-v2/65-every-record-ragged/input.csv")
        #expect(report.columns.map(\.type) == [.unknown, .unknown, .unknown])
        let id = report.columns[0]
        #expect(id.count == 3 && id.nulls == 0 && id.distinct == 0 && id.topValues.isEmpty && id.minLength == nil)
        #expect(id.scores.completeness == 1 && id.scores.consistency == 0 && id.grade == .f)
        let headerOnly = try Profiler().profile(bytes: Array("a,b\n".utf8))
        #expect(headerOnly.columns.map(\.type) == [.empty, .empty])
        #expect(!JSONReportRenderer().render(headerOnly).contains("unknown"))
    }

    /// Fixtures/crafted/long-values.csv: `é` x 300 (600 bytes) twice and `short`: the top value and the string
    /// max are shown as their first 100 scalars, ranked whole (max_length 300); `short` is the min.
    @Test(arguments: [100_000, 1])
    func longValuesAreShownCut(exactDistinctLimit: Int) throws {
        let report = try profile("crafted/long-values.csv", exactDistinctLimit: exactDistinctLimit)
        let text = column(report, "text")
        let shown = String(repeating: "é", count: 100)
        #expect(text.valuesTruncated)
        #expect(text.topValues == [ValueCount(value: shown, count: 2), ValueCount(value: "short", count: 1)])
        #expect(text.max == .text(shown))
        #expect(text.min == .text("short"))
        #expect(text.maxLength == 300)
        #expect(!column(report, "id").valuesTruncated)
        let json = JSONReportRenderer().render(report)
        #expect(json.contains("\"values_truncated\": true"))
        #expect(json.contains("\"values_truncated\": false"))
    }
}

/// Rule files know the schema_version 2 datetime and time formats: `date_format` accepts them and judges values
/// by them, a format no report writes is a rule-file mistake, and `suggest` writes them.
@Suite struct DatetimeFormatRuleTests {
    private let fixture = chunkRepositoryRoot.appendingPathComponent("Fixtures/crafted/datetimes-12-hour.csv").path

    /// `at` under `M/D/YYYY H:MM AM`: only `7/8/2014 13:00` (line 7) breaks it; `clock` under `HH:MM`: the five
    /// 12-hour times break it, the first `12:00 AM` on line 2 (by hand from the fixture).
    @Test func dateFormatJudgesDatetimesAndTimes() throws {
        let text = "columns:\n  at:\n    date_format: M/D/YYYY H:MM AM\n  clock:\n    date_format: HH:MM\n"
        let rules = try RuleFileParser().parse(text: text, path: "t.yml")
        #expect(rules.columnsByName["at"]?.dateFormat?.value == "M/D/YYYY H:MM AM")
        var options = ProfileOptions()
        options.rules = rules
        let report = try Profiler(options: options).profile(fileAt: fixture)
        let results = RuleEvaluator(rules: rules).evaluate(report, now: 0).filter { $0.rule == "date_format" }
        #expect(results.map(\.column) == ["at", "clock"])
        #expect(results.map(\.observed) == [.integer(1), .integer(5)])
        #expect(results.map(\.firstLine) == [7, 2])
        #expect(results.map(\.example) == ["7/8/2014 13:00", "12:00 AM"])
    }

    @Test func aFormatNoReportWritesIsAMistake() throws {
        let error = #expect(throws: RuleFileError.self) {
            try RuleFileParser().parse(text: "columns:\n  at:\n    date_format: M/D/YYYY h:mm a\n", path: "t.yml")
        }
        #expect(error?.line == 3)
        #expect(error?.key == "columns.at.date_format")
        #expect(error?.message.hasPrefix("unknown format `M/D/YYYY h:mm a`") == true)
    }

    /// A column of one format gets its `date_format`: `H:MM AM` for 12-hour times.
    @Test func suggestWritesTheNewFormats() throws {
        let csv = FileManager.default.temporaryDirectory.appendingPathComponent("dates14-suggest-\(UUID()).csv")
        try Data("at,clock\n7/7/2014 12:00 AM,9:05 am\n7/8/2014 3:15 PM,12:30 PM\n".utf8).write(to: csv)
        defer { try? FileManager.default.removeItem(at: csv) }
        let text = try RuleSuggester().suggest(fileAt: csv.path, options: ProfileOptions())
        #expect(text.contains("date_format: \"M/D/YYYY H:MM AM\""))
        #expect(text.contains("date_format: \"H:MM AM\""))
    }
}
