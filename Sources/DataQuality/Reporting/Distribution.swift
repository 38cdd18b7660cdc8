/// What the numbers of a ``Distribution`` measure, and how to write them as text.
public enum DistributionScale: String, Sendable, Equatable {
    /// Numbers as they are (integer and decimal columns).
    case number
    /// Days since 1970-01-01 (date columns).
    case date
    /// Seconds since 1970-01-01T00:00:00, UTC for zoned values (datetime columns).
    case datetime
    /// Seconds since midnight (time columns).
    case time
    /// Value lengths in Unicode scalars.
    case length

    /// A value on this scale as report text: numbers and lengths as `12`, `2.5`, `1e+20`;
    /// dates as `YYYY-MM-DD` (a fractional day, as an interpolated quantile can be, as
    /// `YYYY-MM-DDTHH:MM:SS[.ffffff]`); datetimes as `YYYY-MM-DDTHH:MM:SS[.ffffff]` (plus `Z` when
    /// `zoned`); times as `HH:MM:SS[.ffffff]`. Fractions of seconds are rounded to microseconds.
    public func text(_ value: Double, zoned: Bool = false) -> String {
        switch self {
        case .number, .length:
            if value.rounded() == value && value.magnitude < 1e15 { return String(Int64(value)) }
            return JSONValue.format(value)
        case .date:
            let days = value.rounded(.down)
            if days == value { return Self.dateText(days: Int64(days)) }
            return Self.datetimeText(seconds: value * 86_400, zoned: false)
        case .datetime:
            return Self.datetimeText(seconds: value, zoned: zoned)
        case .time:
            return Self.clockText(microseconds: Int64((value * 1_000_000).rounded()))
        }
    }

    private static func datetimeText(seconds: Double, zoned: Bool) -> String {
        let microseconds = Int64((seconds * 1_000_000).rounded())
        let perDay: Int64 = 86_400_000_000
        var days = microseconds / perDay
        var rest = microseconds % perDay
        if rest < 0 {
            rest += perDay
            days -= 1
        }
        return dateText(days: days) + "T" + clockText(microseconds: rest) + (zoned ? "Z" : "")
    }

    private static func clockText(microseconds: Int64) -> String {
        let seconds = microseconds / 1_000_000
        let fraction = microseconds % 1_000_000
        var text = pad(Int(seconds / 3600), 2) + ":" + pad(Int(seconds / 60 % 60), 2) + ":" + pad(Int(seconds % 60), 2)
        if fraction != 0 {
            var digits = pad(Int(fraction), 6)
            while digits.hasSuffix("0") { digits.removeLast() }
            text += "." + digits
        }
        return text
    }

    /// The proleptic Gregorian date `days` after 1970-01-01 (Hinnant's `civil_from_days`,
    /// <https://howardhinnant.github.io/date_algorithms.html>).
    static func dateText(days: Int64) -> String {
        let (year, month, day) = ISOTime.civil(fromDays: Int(days))
        return pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2)
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: Swift.max(0, width - digits.count)) + digits
    }
}

/// One histogram bin: `[lower, upper)`, the last bin of a histogram closed (`[lower, upper]`).
public struct HistogramBin: Sendable, Equatable {
    /// The bin's lower edge, on its distribution's scale.
    public var lower: Double
    /// The bin's upper edge.
    public var upper: Double
    /// Values in the bin (an estimate when the distribution is).
    public var count: Int

    /// Creates a bin.
    public init(lower: Double, upper: Double, count: Int) {
        self.lower = lower
        self.upper = upper
        self.count = count
    }
}

/// The distribution of a column's values or of their lengths: quartiles and an equal-width histogram.
///
/// Values: the conforming finite numbers of integer and decimal columns, the conforming values of date,
/// datetime and time columns (by instant, on the dominant format), or the lengths of all non-null values.
/// Quartiles interpolate linearly between order statistics (numpy's default). The histogram has at most
/// ``maximumBins`` equal-width bins from the minimum to the maximum; on the whole-number scales (integer
/// columns, dates, lengths) it has one bin per whole number when there are at most ``maximumBins`` of them.
///
/// Exact while the column is within the exact-distinct limit (computed from every distinct value and its
/// count); beyond it, estimated from a KLL sketch (``isEstimate``): each quartile's rank is then within about
/// 1.65 % of the values (99 % confidence), and each bin count within 1.65 % of the values of each of its edges.
public struct Distribution: Sendable, Equatable {
    /// The most histogram bins.
    public static let maximumBins = 20

    /// What the numbers measure.
    public var scale: DistributionScale
    /// Whether datetimes were zoned (their numbers are UTC instants; text gets a `Z`).
    public var zoned: Bool
    /// Values counted.
    public var count: Int
    /// The 0.25 quantile.
    public var p25: Double
    /// The 0.5 quantile.
    public var median: Double
    /// The 0.75 quantile.
    public var p75: Double
    /// Equal-width bins from the smallest to the largest value; counts sum to ``count``.
    public var histogram: [HistogramBin]
    /// Whether quartiles and bin counts come from a sketch.
    public var isEstimate: Bool
    /// Whether each bin holds exactly one whole number (the values are whole numbers spanning at most
    /// ``maximumBins`` of them): bin i then holds `ceil(lower)`.
    public var binPerWholeNumber: Bool

    /// Creates a distribution.
    public init(
        scale: DistributionScale, zoned: Bool = false, count: Int, p25: Double, median: Double, p75: Double,
        histogram: [HistogramBin], isEstimate: Bool, binPerWholeNumber: Bool = false
    ) {
        self.scale = scale
        self.zoned = zoned
        self.count = count
        self.p25 = p25
        self.median = median
        self.p75 = p75
        self.histogram = histogram
        self.isEstimate = isEstimate
        self.binPerWholeNumber = binPerWholeNumber
    }

    /// A value of this distribution as report text (see ``DistributionScale/text(_:zoned:)``).
    public func text(_ value: Double) -> String { scale.text(value, zoned: zoned) }

}

extension ColumnProfile {
    /// Whether either distribution comes from a sketch (JSON `quantiles_are_estimate`).
    public var quantilesAreEstimate: Bool {
        (valueDistribution?.isEstimate ?? false) || (lengthDistribution?.isEstimate ?? false)
    }
}
