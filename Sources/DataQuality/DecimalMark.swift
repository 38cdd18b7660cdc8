/// The decimal mark every column reads its numbers with, when a caller sets it (``ProfileOptions/decimalMark``):
/// the contract's point-decimal (`1,234.5`) or comma-decimal (`1.234,5`) convention. The raw value is the mark,
/// as the report's `options.decimal_mark` writes it.
public enum DecimalMark: String, Sendable, Equatable, CaseIterable {
    /// `.`: point-decimal; `,` U+0020 U+00A0 U+202F `'` U+2019 group the digits.
    case point = "."
    /// `,`: comma-decimal; `.` U+0020 U+00A0 U+202F `'` U+2019 group the digits.
    case comma = ","
}
