import Foundation

/// The lowest `overall` score that earns each grade; anything below `d` is `F` (``grade(for:)``, in Scoring/).
///
/// Scores are compared with a tolerance of 1e-9: a score within 1e-9 below a threshold reaches it (the
/// report contract's rule, so that 0.99 computed as 99/100 never misses an `A`).
public struct GradeThresholds: Sendable, Equatable {
    /// The contract's defaults: A >= 0.99, B >= 0.95, C >= 0.90, D >= 0.80.
    public static let `default` = GradeThresholds(a: 0.99, b: 0.95, c: 0.90, d: 0.80)
    /// Tolerance of the comparison.
    public static let tolerance = 1e-9

    public var a: Double
    public var b: Double
    public var c: Double
    public var d: Double

    /// Creates thresholds. They must be fractions in `0...1` with `a >= b >= c >= d`, else ``isValid`` is false.
    public init(a: Double, b: Double, c: Double, d: Double) {
        self.a = a
        self.b = b
        self.c = c
        self.d = d
    }

    /// Parses `"0.99,0.95,0.90,0.80"` (four comma-separated fractions, from A down to D).
    /// - Returns: `nil` when the text is not four numbers in `0...1`, non-increasing.
    public init?(parsing text: String) {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 4 else { return nil }
        let values = parts.compactMap { Double($0) }
        guard values.count == 4 else { return nil }
        self.init(a: values[0], b: values[1], c: values[2], d: values[3])
        guard isValid else { return nil }
    }

    /// Whether every threshold is in `0...1` and they do not increase from A to D.
    public var isValid: Bool {
        let values = [a, b, c, d]
        return values.allSatisfy { $0 >= 0 && $0 <= 1 } && a >= b && b >= c && c >= d
    }
}
