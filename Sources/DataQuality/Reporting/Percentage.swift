/// How reports write a fraction as a percentage: the renderers' tables and summaries, and the messages of drift
/// findings.
enum Percentage {
    /// A fraction as a percentage with one decimal (`96.1%`); `n/a` when not finite. A value strictly
    /// between 0 and 1 never shows as `0.0%` or `100.0%` (it shows `<0.1%` or `99.9%`).
    static func text(_ fraction: Double) -> String {
        guard fraction.isFinite else { return "n/a" }
        let tenths = (fraction * 1000).rounded()
        if tenths >= 1000 && fraction < 1 { return "99.9%" }
        if tenths <= 0 && fraction > 0 { return "<0.1%" }
        let value = Int(tenths)
        let sign = value < 0 ? "-" : ""
        return sign + "\(abs(value) / 10).\(abs(value) % 10)%"
    }
}
