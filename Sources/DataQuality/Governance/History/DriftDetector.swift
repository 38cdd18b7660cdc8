/// Compares a run with earlier runs of its dataset: the previous run, and the median of the last N runs.
///
/// Against the previous run: columns added, removed or retyped; a number column's unit or number format
/// changing; the row count changing by more than
/// ``DriftLimits/rowCountChange`` (relative); per column present in both, the null fraction or consistency
/// moving by more than their limits (absolute), the distinct count by more than ``DriftLimits/distinctChange``
/// (relative to the baseline, at least 1); and the dataset's or a column's grade dropping by
/// ``DriftLimits/gradeDrop`` letters or more. Against the median of the last ``DriftLimits/window`` earlier runs
/// (only when there are at least two, since with one the median is the previous run): the same numeric
/// checks, each column over the runs that have it. A change equal to its limit is not drift (1e-12 tolerance).
public struct DriftDetector: Sendable {
    /// The limits.
    public var limits: DriftLimits

    /// Creates a detector.
    public init(limits: DriftLimits = DriftLimits()) {
        self.limits = limits
    }

    /// The drift findings of `current`.
    /// - Parameter earlier: earlier runs of the same dataset, newest first (only the first ``DriftLimits/window``
    ///   are used; the first is the previous run).
    /// - Complexity: O(window × columns).
    public func findings(current: RunMetrics, earlier: [RunMetrics]) -> [DriftFinding] {
        guard let previous = earlier.first else { return [] }
        var findings = previousRunFindings(current, previous)
        let window = Array(earlier.prefix(limits.window))
        if window.count >= 2 { findings += medianFindings(current, window) }
        return findings
    }

    private func previousRunFindings(_ current: RunMetrics, _ previous: RunMetrics) -> [DriftFinding] {
        var findings: [DriftFinding] = []
        for column in current.columns where previous.column(named: column.name) == nil {
            findings.append(
                DriftFinding(
                    kind: .columnAdded, column: column.name, baseline: .previous, before: .none,
                    after: .text(column.type.rawValue), change: nil, limit: nil,
                    message: "column \(column.name) (\(column.type.rawValue)) was added."))
        }
        for column in previous.columns where current.column(named: column.name) == nil {
            findings.append(
                DriftFinding(
                    kind: .columnRemoved, column: column.name, baseline: .previous, before: .text(column.type.rawValue),
                    after: .none, change: nil, limit: nil, message: "column \(column.name) was removed."))
        }
        for column in current.columns {
            guard let before = previous.column(named: column.name), before.type != column.type else { continue }
            findings.append(
                DriftFinding(
                    kind: .columnRetyped, column: column.name, baseline: .previous, before: .text(before.type.rawValue),
                    after: .text(column.type.rawValue), change: nil, limit: nil,
                    message:
                        "column \(column.name) changed type from \(before.type.rawValue) to \(column.type.rawValue)."))
        }
        for column in current.columns {
            guard let before = previous.column(named: column.name) else { continue }
            findings += numberFormatFindings(column, before)
        }
        findings += rowFinding(current.rows, Double(previous.rows), .previous)
        let drop = Self.gradeDrop(from: previous.grade, to: current.grade)
        if drop >= limits.gradeDrop {
            findings.append(gradeFinding(nil, previous.grade, current.grade, drop))
        }
        for column in current.columns {
            guard let before = previous.column(named: column.name) else { continue }
            findings += columnFindings(
                column, nullFraction: before.nullFraction, distinct: Double(before.distinct),
                consistency: before.scores.consistency, baseline: .previous)
            let drop = Self.gradeDrop(from: before.grade, to: column.grade)
            if drop >= limits.gradeDrop {
                findings.append(gradeFinding(column.name, before.grade, column.grade, drop))
            }
        }
        return findings
    }

    /// A number column's unit or, with the same unit, number format changing from the previous run (both runs
    /// number columns that recorded them).
    private func numberFormatFindings(_ column: ColumnMetrics, _ before: ColumnMetrics) -> [DriftFinding] {
        guard let unit = column.unit, let unitBefore = before.unit, let format = column.numberFormat,
            let formatBefore = before.numberFormat
        else { return [] }
        func shown(_ text: String) -> String { text.isEmpty ? "none" : text }
        func value(_ text: String) -> RuleValue { text.isEmpty ? .none : .text(text) }
        if unit != unitBefore {
            return [
                DriftFinding(
                    kind: .unitChange, column: column.name, baseline: .previous, before: value(unitBefore),
                    after: value(unit), change: nil, limit: nil,
                    message: "column \(column.name) changed unit from \(shown(unitBefore)) to \(shown(unit)).")
            ]
        }
        guard format != formatBefore else { return [] }
        return [
            DriftFinding(
                kind: .numberFormatChange, column: column.name, baseline: .previous, before: value(formatBefore),
                after: value(format), change: nil, limit: nil,
                message:
                    "column \(column.name) changed number format from \(shown(formatBefore)) to \(shown(format)).")
        ]
    }

    private func medianFindings(_ current: RunMetrics, _ window: [RunMetrics]) -> [DriftFinding] {
        var findings = rowFinding(current.rows, Self.median(window.map { Double($0.rows) }), .median)
        for column in current.columns {
            let history = window.compactMap { $0.column(named: column.name) }
            guard history.count >= 2 else { continue }
            findings += columnFindings(
                column, nullFraction: Self.median(history.map(\.nullFraction)),
                distinct: Self.median(history.map { Double($0.distinct) }),
                consistency: Self.median(history.map(\.scores.consistency)), baseline: .median)
        }
        return findings
    }

    private func rowFinding(_ rows: Int, _ baseline: Double, _ kind: DriftFinding.Baseline) -> [DriftFinding] {
        let change = (Double(rows) - baseline) / Swift.max(baseline, 1)
        guard abs(change) > limits.rowCountChange + 1e-12 else { return [] }
        return [
            DriftFinding(
                kind: .rowCountChange, column: nil, baseline: kind, before: Self.value(baseline), after: .integer(rows),
                change: change, limit: limits.rowCountChange,
                message:
                    "rows went from \(Self.value(baseline)) (\(kind.rawValue)) to \(rows), \(Self.percent(change)); the limit is \(JSONValue.format(limits.rowCountChange * 100))%."
            )
        ]
    }

    private func columnFindings(
        _ column: ColumnMetrics, nullFraction: Double, distinct: Double, consistency: Double,
        baseline: DriftFinding.Baseline
    ) -> [DriftFinding] {
        var findings: [DriftFinding] = []
        let name = column.name
        let nullChange = column.nullFraction - nullFraction
        if abs(nullChange) > limits.nullFractionChange + 1e-12 {
            findings.append(
                DriftFinding(
                    kind: .nullFractionChange, column: name, baseline: baseline, before: .number(nullFraction),
                    after: .number(column.nullFraction), change: nullChange, limit: limits.nullFractionChange,
                    message:
                        "column \(name): null fraction went from \(Percentage.text(nullFraction)) (\(baseline.rawValue)) to \(Percentage.text(column.nullFraction))."
                ))
        }
        let distinctChange = (Double(column.distinct) - distinct) / Swift.max(distinct, 1)
        if abs(distinctChange) > limits.distinctChange + 1e-12 {
            findings.append(
                DriftFinding(
                    kind: .distinctChange, column: name, baseline: baseline, before: Self.value(distinct),
                    after: .integer(column.distinct), change: distinctChange, limit: limits.distinctChange,
                    message:
                        "column \(name): distinct values went from \(Self.value(distinct)) (\(baseline.rawValue)) to \(column.distinct), \(Self.percent(distinctChange))."
                ))
        }
        let consistencyChange = column.scores.consistency - consistency
        if abs(consistencyChange) > limits.consistencyChange + 1e-12 {
            findings.append(
                DriftFinding(
                    kind: .consistencyChange, column: name, baseline: baseline, before: .number(consistency),
                    after: .number(column.scores.consistency), change: consistencyChange,
                    limit: limits.consistencyChange,
                    message:
                        "column \(name): consistency went from \(Percentage.text(consistency)) (\(baseline.rawValue)) to \(Percentage.text(column.scores.consistency))."
                ))
        }
        return findings
    }

    private func gradeFinding(_ column: String?, _ before: Grade, _ after: Grade, _ drop: Int) -> DriftFinding {
        DriftFinding(
            kind: .gradeDrop, column: column, baseline: .previous, before: .text(before.rawValue),
            after: .text(after.rawValue), change: Double(drop), limit: Double(limits.gradeDrop),
            message:
                "\(column.map { "column \($0)" } ?? "the dataset") dropped from grade \(before.rawValue) to \(after.rawValue)."
        )
    }

    /// Letters from `before` down to `after` (A to C is 2; a rise is negative).
    static func gradeDrop(from before: Grade, to after: Grade) -> Int {
        let order: [Grade] = [.a, .b, .c, .d, .f]
        return order.firstIndex(of: after)! - order.firstIndex(of: before)!
    }

    /// The median (the mean of the middle two for an even count).
    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    private static func value(_ number: Double) -> RuleValue {
        number == number.rounded() && abs(number) < 1e15 ? .integer(Int(number)) : .number(number)
    }

    private static func percent(_ fraction: Double) -> String {
        let tenths = (fraction * 1000).rounded() / 10
        return (tenths > 0 ? "+" : "") + JSONValue.format(tenths) + "%"
    }
}
