import Foundation

@testable import DataQuality

/// The laws every report must obey whatever the input, from the report contract (`docs/report-contract.md`).
/// Each broken law is one sentence in ``violations``.
final class ReportInvariants {
    let report: Report
    let options: ProfileOptions
    private(set) var violations: [String] = []

    init(report: Report, options: ProfileOptions) {
        self.report = report
        self.options = options
        checkDataset()
        for column in report.columns { checkColumn(column) }
        checkJSON()
    }

    private func expect(_ law: Bool, _ sentence: @autoclosure () -> String) {
        if !law { violations.append(sentence()) }
    }

    private func isFraction(_ value: Double) -> Bool { value >= 0 && value <= 1 }

    /// Data records that can feed column statistics: not ragged and not malformed (the header may be one of
    /// the malformed records).
    private var wellFormedAtMost: Int {
        report.rows - report.raggedRows - max(0, report.malformedRows - (options.hasHeader ? 1 : 0))
    }

    private func checkScores(_ scores: Scores, grade: Grade, _ owner: String) {
        expect(isFraction(scores.completeness), "\(owner): completeness \(scores.completeness) outside 0...1")
        expect(isFraction(scores.consistency), "\(owner): consistency \(scores.consistency) outside 0...1")
        expect(isFraction(scores.overall), "\(owner): overall \(scores.overall) outside 0...1")
        if let uniqueness = scores.uniqueness {
            expect(isFraction(uniqueness), "\(owner): uniqueness \(uniqueness) outside 0...1")
        }
        expect(
            grade == options.gradeThresholds.grade(for: scores.overall),
            "\(owner): grade \(grade) for overall \(scores.overall)")
    }

    private func checkFindings(_ findings: [Finding], _ owner: String) {
        for finding in findings {
            expect(finding.count >= 1, "\(owner): finding \(finding.kind) count \(finding.count)")
            if let line = finding.firstLine {
                expect(line >= 1, "\(owner): finding \(finding.kind) first_line \(line)")
            }
            if let offset = finding.byteOffset {
                expect(
                    offset >= 0 && offset <= report.source.bytes,
                    "\(owner): finding \(finding.kind) byte_offset \(offset) outside the \(report.source.bytes) bytes")
            }
        }
        for (earlier, later) in zip(findings, findings.dropFirst()) {
            expect(
                !Finding.contractOrder(later, earlier),
                "\(owner): findings out of order: \(earlier.kind) before \(later.kind)")
        }
    }

    private func checkDataset() {
        expect(report.rows >= 0 && report.blankLines >= 0, "negative rows or blank lines")
        expect(report.raggedRows >= 0 && report.malformedRows >= 0, "negative ragged or malformed rows")
        expect(
            report.raggedRows + report.malformedRows <= report.rows + (options.hasHeader ? 1 : 0),
            "ragged \(report.raggedRows) + malformed \(report.malformedRows) exceed rows \(report.rows)")
        expect(report.source.bytes >= 0, "negative source bytes")
        expect(
            report.malformedCauses.values.reduce(0, +) == report.malformedRows
                && report.malformedCauses.values.allSatisfy { $0 > 0 },
            "malformed causes \(report.malformedCauses) do not add up to malformed_rows \(report.malformedRows)")
        if let duplicates = report.duplicateRows {
            expect(options.checksDuplicates, "duplicate_rows present without the duplicate check")
            expect(
                duplicates >= 0 && duplicates <= max(0, report.rows - 1),
                "duplicate_rows \(duplicates) with \(report.rows) rows")
            expect(report.scores.uniqueness != nil, "dataset uniqueness null with duplicates checked")
        } else {
            expect(!options.checksDuplicates, "duplicate_rows null with the duplicate check")
            expect(report.scores.uniqueness == nil, "dataset uniqueness without the duplicate check")
        }
        checkScores(report.scores, grade: report.grade, "dataset")
        checkFindings(report.findings, "dataset")
        if report.rows == 0 {
            expect(report.grade == .f, "no rows but grade \(report.grade)")
        }
    }

    private func checkColumn(_ column: ColumnProfile) {
        let name = "column \(column.index) (\(column.name))"
        let nonNull = report.rows - column.nulls
        expect(column.count == report.rows, "\(name): count \(column.count) != rows \(report.rows)")
        expect(
            column.nulls >= 0 && column.nulls <= wellFormedAtMost,
            "\(name): nulls \(column.nulls) with at most \(wellFormedAtMost) well-formed records")
        expect(
            column.distinct >= 0 && column.distinct <= wellFormedAtMost - column.nulls,
            "\(name): distinct \(column.distinct) > well-formed \(wellFormedAtMost) - nulls \(column.nulls)")
        if !column.distinctIsEstimate {
            expect(
                column.distinct <= options.exactDistinctLimit,
                "\(name): exact distinct \(column.distinct) over the limit \(options.exactDistinctLimit)")
        }
        expect(
            column.conforming >= 0 && column.conforming <= nonNull,
            "\(name): conforming \(column.conforming) > non-null \(nonNull)")
        expect(
            column.typeMismatches >= 0 && column.typeMismatches <= nonNull,
            "\(name): type mismatches \(column.typeMismatches) > non-null \(nonNull)")
        expect(
            column.whitespaceIssues >= 0 && column.whitespaceIssues <= nonNull,
            "\(name): whitespace issues \(column.whitespaceIssues) > non-null \(nonNull)")
        let typed = column.typeCounts.reduce(0) { $0 + $1.count }
        expect(column.typeCounts.allSatisfy { $0.count > 0 }, "\(name): a zero entry in type_counts")
        expect(
            typed <= wellFormedAtMost - column.nulls,
            "\(name): type_counts sum \(typed) > well-formed non-null values")
        expect((typed == 0) == (column.distinct == 0), "\(name): \(typed) typed values but distinct \(column.distinct)")
        expect(
            (column.minLength == nil) == (typed == 0) && (column.maxLength == nil) == (typed == 0),
            "\(name): lengths \(String(describing: column.minLength))...\(String(describing: column.maxLength)) for \(typed) values"
        )
        if let shortest = column.minLength, let longest = column.maxLength {
            expect(shortest >= 0 && shortest <= longest, "\(name): min_length \(shortest) > max_length \(longest)")
        }
        expect(column.topValues.count <= 5, "\(name): \(column.topValues.count) top values")
        expect(column.topValues.allSatisfy { $0.count >= 1 }, "\(name): a top value with count < 1")
        for (earlier, later) in zip(column.topValues, column.topValues.dropFirst()) {
            expect(earlier.count >= later.count, "\(name): top values not most frequent first")
        }
        if !column.distinctIsEstimate {
            expect(column.topValues.count <= column.distinct, "\(name): more top values than distinct values")
            expect(
                column.topValues.reduce(0) { $0 + $1.count } <= typed,
                "\(name): top value counts exceed the non-null values")
        }
        if let mean = column.mean {
            expect(mean.isFinite, "\(name): mean \(mean)")
            if let low = Self.number(column.min), let high = Self.number(column.max) {
                let slack = 1e-9 * Swift.max(1, Swift.abs(low), Swift.abs(high))
                expect(low <= high, "\(name): min \(low) > max \(high)")
                expect(mean >= low - slack && mean <= high + slack, "\(name): mean \(mean) outside \(low)...\(high)")
            }
        }
        for (label, distribution) in [("value", column.valueDistribution), ("length", column.lengthDistribution)] {
            guard let distribution else { continue }
            expect(
                distribution.p25 <= distribution.median && distribution.median <= distribution.p75,
                "\(name): \(label) quartiles \(distribution.p25), \(distribution.median), \(distribution.p75) out of order"
            )
            expect(
                distribution.histogram.allSatisfy { $0.count >= 0 && $0.lower <= $0.upper },
                "\(name): a bad \(label) histogram bin")
        }
        if let stddev = column.stddev { expect(stddev.isFinite && stddev >= 0, "\(name): stddev \(stddev)") }
        expect(column.scores.uniqueness != nil, "\(name): column uniqueness is null")
        checkScores(column.scores, grade: column.grade, name)
        if report.rows > 0 {
            expect(
                Self.close(column.scores.completeness, Double(nonNull) / Double(report.rows)),
                "\(name): completeness \(column.scores.completeness) != (rows - nulls) / rows")
        }
        checkFindings(column.findings, name)
    }

    /// A numeric bound as a binary64.
    private static func number(_ bound: BoundValue?) -> Double? {
        switch bound {
        case .integer(let value)?: Double(value)
        case .decimal(let value)?: value
        default: nil
        }
    }

    private static func close(_ left: Double, _ right: Double) -> Bool {
        Swift.abs(left - right) <= 1e-12 * Swift.max(1, Swift.abs(left), Swift.abs(right))
    }

    /// The JSON rendering parses as JSON (Foundation's parser) and says the same row count; so does the
    /// redacted report's.
    private func checkJSON() {
        for (label, rendered) in [
            ("JSON", JSONReportRenderer().render(report)),
            ("redacted JSON", JSONReportRenderer().render(report.redacted()))
        ] {
            let parsed = try? JSONSerialization.jsonObject(with: Data(rendered.utf8))
            guard let object = parsed as? [String: Any] else {
                violations.append("the \(label) rendering does not parse:\n\(rendered)")
                continue
            }
            expect((object["rows"] as? Int) == report.rows, "the \(label) rendering's rows differ from the report's")
            expect(
                (object["columns"] as? [Any])?.count == report.columns.count,
                "the \(label) rendering's columns differ from the report's")
        }
    }
}
