import Testing

@testable import DataQuality

/// What the contract's oracle (`../shared/oracle/oracle.py`, `read_number` and `number_format_name`) gives for one
/// trimmed value under one convention.
struct ExpectedNumber: Sendable {
    var isInteger: Bool
    var value: Double
    /// The format's name as the report writes it (it shows the unit, its place and the grouping separator).
    var format: String
    var unit: String?
    var isGroupingNeutral: Bool

    static func integer(_ value: Double, _ format: String, unit: String? = nil, neutral: Bool = false) -> Self {
        ExpectedNumber(isInteger: true, value: value, format: format, unit: unit, isGroupingNeutral: neutral)
    }

    static func decimal(_ value: Double, _ format: String, unit: String? = nil, neutral: Bool = false) -> Self {
        ExpectedNumber(isInteger: false, value: value, format: format, unit: unit, isGroupingNeutral: neutral)
    }
}

/// One value and the oracle's reading of it under point-decimal and comma-decimal (nil: not a number).
struct NumberExample: Sendable, CustomTestStringConvertible {
    var text: String
    var point: ExpectedNumber?
    var comma: ExpectedNumber?

    init(_ text: String, point: ExpectedNumber?, comma: ExpectedNumber?) {
        self.text = text
        self.point = point
        self.comma = comma
    }

    var testDescription: String { text }
}

/// Every number example of the contract's "Types" and "Numbers" sections, the brief's examples and near misses,
/// every unit in both places, and the values of cases-v2 40-european-semicolon-export, 43-integer-decimal-widening
/// and 55-sap-trailing-minus; expected values printed by the oracle.
let numberExamples: [NumberExample] = [
    .init("3,150", point: .integer(3150, "1,234.5"), comma: .decimal(3.15, "1234,5", neutral: true)),
    .init(
        "inf", point: .decimal(.infinity, "1234.5", neutral: true), comma: .decimal(.infinity, "1234,5", neutral: true)),
    .init(
        "infinity", point: .decimal(.infinity, "1234.5", neutral: true),
        comma: .decimal(.infinity, "1234,5", neutral: true)),
    .init(
        "-inf", point: .decimal(-.infinity, "1234.5", neutral: true),
        comma: .decimal(-.infinity, "1234,5", neutral: true)),
    .init(
        "+Infinity", point: .decimal(.infinity, "1234.5", neutral: true),
        comma: .decimal(.infinity, "1234,5", neutral: true)),
    .init(
        "INF", point: .decimal(.infinity, "1234.5", neutral: true), comma: .decimal(.infinity, "1234,5", neutral: true)),
    .init("NaN", point: nil, comma: nil),
    .init("02134", point: nil, comma: nil),
    .init("01.5", point: nil, comma: nil),
    .init("0", point: .integer(0, "1234.5", neutral: true), comma: .integer(0, "1234,5", neutral: true)),
    .init("71319.61", point: .decimal(71319.61, "1234.5"), comma: nil),
    .init("2021-11-04", point: nil, comma: nil),
    .init("1/10/2012", point: nil, comma: nil),
    .init("21.01.2022", point: nil, comma: nil),
    .init("true", point: nil, comma: nil),
    .init("t", point: nil, comma: nil),
    .init("$5%", point: nil, comma: nil),
    .init(
        "$ -5", point: .integer(-5, "$1234.5", unit: "$", neutral: true),
        comma: .integer(-5, "$1234,5", unit: "$", neutral: true)),
    .init("$- 5", point: nil, comma: nil),
    .init("1.234,50-", point: nil, comma: .decimal(-1234.5, "1.234,5")),
    .init("(1,234.00)", point: .decimal(-1234, "1,234.5"), comma: nil),
    .init(
        "($5)", point: .integer(-5, "$1234.5", unit: "$", neutral: true),
        comma: .integer(-5, "$1234,5", unit: "$", neutral: true)),
    .init(".5", point: .decimal(0.5, "1234.5", neutral: true), comma: nil),
    .init("5.", point: .decimal(5, "1234.5", neutral: true), comma: nil),
    .init("2e3", point: .decimal(2000, "1234.5", neutral: true), comma: nil),
    .init("1,5", point: nil, comma: .decimal(1.5, "1234,5", neutral: true)),
    .init("0,25", point: nil, comma: .decimal(0.25, "1234,5", neutral: true)),
    .init("1.234,5", point: nil, comma: .decimal(1234.5, "1.234,5")),
    .init("1.234.567", point: nil, comma: .integer(1_234_567, "1.234,5")),
    .init("12,5 %", point: nil, comma: .decimal(12.5, "1234,5%", unit: "%", neutral: true)),
    .init("1.5", point: .decimal(1.5, "1234.5", neutral: true), comma: nil),
    .init("1,234.5", point: .decimal(1234.5, "1,234.5"), comma: nil),
    .init("1,234", point: .integer(1234, "1,234.5"), comma: .decimal(1.234, "1234,5", neutral: true)),
    .init("1.234", point: .decimal(1.234, "1234.5", neutral: true), comma: .integer(1234, "1.234,5")),
    .init("12.345", point: .decimal(12.345, "1234.5", neutral: true), comma: .integer(12345, "1.234,5")),
    .init("250.000", point: .decimal(250, "1234.5", neutral: true), comma: .integer(250000, "1.234,5")),
    .init("0123", point: nil, comma: nil),
    .init("01,5", point: nil, comma: nil),
    .init("1 234,5", point: nil, comma: .decimal(1234.5, "1 234,5")),
    .init("1234,5", point: nil, comma: .decimal(1234.5, "1234,5")),
    .init("$1,234.5", point: .decimal(1234.5, "$1,234.5", unit: "$"), comma: nil),
    .init("1.234,5\u{20AC}", point: nil, comma: .decimal(1234.5, "1.234,5\u{20AC}", unit: "\u{20AC}")),
    .init("1234.5%", point: .decimal(1234.5, "1234.5%", unit: "%"), comma: nil),
    .init("EUR 1.234,5", point: nil, comma: .decimal(1234.5, "EUR 1.234,5", unit: "EUR")),
    .init("1234,5%", point: nil, comma: .decimal(1234.5, "1234,5%", unit: "%")),
    .init("5", point: .integer(5, "1234.5", neutral: true), comma: .integer(5, "1234,5", neutral: true)),
    .init("1.234,5 EUR", point: nil, comma: .decimal(1234.5, "1.234,5 EUR", unit: "EUR")),
    .init("12,005", point: .integer(12005, "1,234.5"), comma: .decimal(12.005, "1234,5", neutral: true)),
    .init("640", point: .integer(640, "1234.5", neutral: true), comma: .integer(640, "1234,5", neutral: true)),
    .init("1.234,50", point: nil, comma: .decimal(1234.5, "1.234,5")),
    .init("\u{20AC} 3,10", point: nil, comma: .decimal(3.1, "\u{20AC}1234,5", unit: "\u{20AC}", neutral: true)),
    .init("1 234", point: .integer(1234, "1 234.5"), comma: .integer(1234, "1 234,5")),
    .init("1'234.5", point: .decimal(1234.5, "1'234.5"), comma: nil),
    .init("1\u{2019}234,5", point: nil, comma: .decimal(1234.5, "1\u{2019}234,5")),
    .init("1\u{A0}234,5", point: nil, comma: .decimal(1234.5, "1\u{A0}234,5")),
    .init("1\u{202F}234,5", point: nil, comma: .decimal(1234.5, "1\u{202F}234,5")),
    .init("6", point: .integer(6, "1234.5", neutral: true), comma: .integer(6, "1234,5", neutral: true)),
    .init("6.25", point: .decimal(6.25, "1234.5", neutral: true), comma: nil),
    .init("1e400", point: .decimal(.infinity, "1234.5", neutral: true), comma: nil),
    .init("-1e400", point: .decimal(-.infinity, "1234.5", neutral: true), comma: nil),
    .init(
        String(repeating: "9", count: 401), point: .integer(.infinity, "1234.5"), comma: .integer(.infinity, "1234,5")),
    .init(
        "-" + String(repeating: "9", count: 401), point: .integer(-.infinity, "1234.5"),
        comma: .integer(-.infinity, "1234,5")),
    .init("1e-400", point: .decimal(0, "1234.5", neutral: true), comma: nil),
    .init("1,2,3", point: nil, comma: nil),
    .init("1.234.5", point: nil, comma: nil),
    .init("--5", point: nil, comma: nil),
    .init("5-5", point: nil, comma: nil),
    .init("(5", point: nil, comma: nil),
    .init("\u{20AC}", point: nil, comma: nil),
    .init("%", point: nil, comma: nil),
    .init(
        "5%", point: .integer(5, "1234.5%", unit: "%", neutral: true),
        comma: .integer(5, "1234,5%", unit: "%", neutral: true)),
    .init(
        "5 %", point: .integer(5, "1234.5%", unit: "%", neutral: true),
        comma: .integer(5, "1234,5%", unit: "%", neutral: true)),
    .init(
        "5\u{202F}%", point: .integer(5, "1234.5%", unit: "%", neutral: true),
        comma: .integer(5, "1234,5%", unit: "%", neutral: true)),
    .init("%5", point: nil, comma: nil),
    .init(
        "$5", point: .integer(5, "$1234.5", unit: "$", neutral: true),
        comma: .integer(5, "$1234,5", unit: "$", neutral: true)),
    .init(
        "5$", point: .integer(5, "1234.5$", unit: "$", neutral: true),
        comma: .integer(5, "1234,5$", unit: "$", neutral: true)),
    .init(
        "\u{20AC}5", point: .integer(5, "\u{20AC}1234.5", unit: "\u{20AC}", neutral: true),
        comma: .integer(5, "\u{20AC}1234,5", unit: "\u{20AC}", neutral: true)),
    .init(
        "5 \u{20AC}", point: .integer(5, "1234.5\u{20AC}", unit: "\u{20AC}", neutral: true),
        comma: .integer(5, "1234,5\u{20AC}", unit: "\u{20AC}", neutral: true)),
    .init(
        "\u{A3}5", point: .integer(5, "\u{A3}1234.5", unit: "\u{A3}", neutral: true),
        comma: .integer(5, "\u{A3}1234,5", unit: "\u{A3}", neutral: true)),
    .init(
        "\u{A5}5", point: .integer(5, "\u{A5}1234.5", unit: "\u{A5}", neutral: true),
        comma: .integer(5, "\u{A5}1234,5", unit: "\u{A5}", neutral: true)),
    .init(
        "\u{20B9}5", point: .integer(5, "\u{20B9}1234.5", unit: "\u{20B9}", neutral: true),
        comma: .integer(5, "\u{20B9}1234,5", unit: "\u{20B9}", neutral: true)),
    .init(
        "5\u{20B9}", point: .integer(5, "1234.5\u{20B9}", unit: "\u{20B9}", neutral: true),
        comma: .integer(5, "1234,5\u{20B9}", unit: "\u{20B9}", neutral: true)),
    .init(
        "$\u{A0}5", point: .integer(5, "$1234.5", unit: "$", neutral: true),
        comma: .integer(5, "$1234,5", unit: "$", neutral: true)),
    .init("5  %", point: nil, comma: nil),
    .init(
        "EUR5", point: .integer(5, "EUR 1234.5", unit: "EUR", neutral: true),
        comma: .integer(5, "EUR 1234,5", unit: "EUR", neutral: true)),
    .init(
        "5EUR", point: .integer(5, "1234.5 EUR", unit: "EUR", neutral: true),
        comma: .integer(5, "1234,5 EUR", unit: "EUR", neutral: true)),
    .init("usd 5", point: nil, comma: nil),
    .init("EU 5", point: nil, comma: nil),
    .init(
        "USD 12", point: .integer(12, "USD 1234.5", unit: "USD", neutral: true),
        comma: .integer(12, "USD 1234,5", unit: "USD", neutral: true)),
    .init(
        "12 EUR", point: .integer(12, "1234.5 EUR", unit: "EUR", neutral: true),
        comma: .integer(12, "1234,5 EUR", unit: "EUR", neutral: true)),
    .init(
        "GBP 12", point: .integer(12, "GBP 1234.5", unit: "GBP", neutral: true),
        comma: .integer(12, "GBP 1234,5", unit: "GBP", neutral: true)),
    .init(
        "12 JPY", point: .integer(12, "1234.5 JPY", unit: "JPY", neutral: true),
        comma: .integer(12, "1234,5 JPY", unit: "JPY", neutral: true)),
    .init(
        "CHF 12", point: .integer(12, "CHF 1234.5", unit: "CHF", neutral: true),
        comma: .integer(12, "CHF 1234,5", unit: "CHF", neutral: true)),
    .init(
        "12 CNY", point: .integer(12, "1234.5 CNY", unit: "CNY", neutral: true),
        comma: .integer(12, "1234,5 CNY", unit: "CNY", neutral: true)),
    .init(
        "INR 12", point: .integer(12, "INR 1234.5", unit: "INR", neutral: true),
        comma: .integer(12, "INR 1234,5", unit: "INR", neutral: true)),
    .init(
        "12 CAD", point: .integer(12, "1234.5 CAD", unit: "CAD", neutral: true),
        comma: .integer(12, "1234,5 CAD", unit: "CAD", neutral: true)),
    .init(
        "AUD 12", point: .integer(12, "AUD 1234.5", unit: "AUD", neutral: true),
        comma: .integer(12, "AUD 1234,5", unit: "AUD", neutral: true)),
    .init(
        "12 NZD", point: .integer(12, "1234.5 NZD", unit: "NZD", neutral: true),
        comma: .integer(12, "1234,5 NZD", unit: "NZD", neutral: true)),
    .init(
        "SEK 12", point: .integer(12, "SEK 1234.5", unit: "SEK", neutral: true),
        comma: .integer(12, "SEK 1234,5", unit: "SEK", neutral: true)),
    .init(
        "12 NOK", point: .integer(12, "1234.5 NOK", unit: "NOK", neutral: true),
        comma: .integer(12, "1234,5 NOK", unit: "NOK", neutral: true)),
    .init(
        "DKK 12", point: .integer(12, "DKK 1234.5", unit: "DKK", neutral: true),
        comma: .integer(12, "DKK 1234,5", unit: "DKK", neutral: true)),
    .init(
        "12 PLN", point: .integer(12, "1234.5 PLN", unit: "PLN", neutral: true),
        comma: .integer(12, "1234,5 PLN", unit: "PLN", neutral: true)),
    .init(
        "CZK 12", point: .integer(12, "CZK 1234.5", unit: "CZK", neutral: true),
        comma: .integer(12, "CZK 1234,5", unit: "CZK", neutral: true)),
    .init(
        "12 HUF", point: .integer(12, "1234.5 HUF", unit: "HUF", neutral: true),
        comma: .integer(12, "1234,5 HUF", unit: "HUF", neutral: true)),
    .init(
        "BRL 12", point: .integer(12, "BRL 1234.5", unit: "BRL", neutral: true),
        comma: .integer(12, "BRL 1234,5", unit: "BRL", neutral: true)),
    .init(
        "12 MXN", point: .integer(12, "1234.5 MXN", unit: "MXN", neutral: true),
        comma: .integer(12, "1234,5 MXN", unit: "MXN", neutral: true)),
    .init(
        "ZAR 12", point: .integer(12, "ZAR 1234.5", unit: "ZAR", neutral: true),
        comma: .integer(12, "ZAR 1234,5", unit: "ZAR", neutral: true)),
    .init(
        "12 TRY", point: .integer(12, "1234.5 TRY", unit: "TRY", neutral: true),
        comma: .integer(12, "1234,5 TRY", unit: "TRY", neutral: true)),
    .init(
        "KRW 12", point: .integer(12, "KRW 1234.5", unit: "KRW", neutral: true),
        comma: .integer(12, "KRW 1234,5", unit: "KRW", neutral: true)),
    .init(
        "12 SGD", point: .integer(12, "1234.5 SGD", unit: "SGD", neutral: true),
        comma: .integer(12, "1234,5 SGD", unit: "SGD", neutral: true)),
    .init(
        "HKD 12", point: .integer(12, "HKD 1234.5", unit: "HKD", neutral: true),
        comma: .integer(12, "HKD 1234,5", unit: "HKD", neutral: true)),
    .init("+5", point: .integer(5, "1234.5", neutral: true), comma: .integer(5, "1234,5", neutral: true)),
    .init(
        "+$5", point: .integer(5, "$1234.5", unit: "$", neutral: true),
        comma: .integer(5, "$1234,5", unit: "$", neutral: true)),
    .init(
        "-$5", point: .integer(-5, "$1234.5", unit: "$", neutral: true),
        comma: .integer(-5, "$1234,5", unit: "$", neutral: true)),
    .init(
        "$-5", point: .integer(-5, "$1234.5", unit: "$", neutral: true),
        comma: .integer(-5, "$1234,5", unit: "$", neutral: true)),
    .init("- 5", point: nil, comma: nil),
    .init("-0", point: .integer(-0.0, "1234.5", neutral: true), comma: .integer(-0.0, "1234,5", neutral: true)),
    .init("+0", point: .integer(0, "1234.5", neutral: true), comma: .integer(0, "1234,5", neutral: true)),
    .init("00", point: nil, comma: nil),
    .init(
        "5- %", point: .integer(-5, "1234.5%", unit: "%", neutral: true),
        comma: .integer(-5, "1234,5%", unit: "%", neutral: true)),
    .init(
        "(5%)", point: .integer(-5, "1234.5%", unit: "%", neutral: true),
        comma: .integer(-5, "1234,5%", unit: "%", neutral: true)),
    .init("(-5)", point: nil, comma: nil),
    .init("(5)-", point: nil, comma: nil),
    .init("()", point: nil, comma: nil),
    .init("-1,234-", point: nil, comma: nil),
    .init(
        "$ 5-", point: .integer(-5, "$1234.5", unit: "$", neutral: true),
        comma: .integer(-5, "$1234,5", unit: "$", neutral: true)),
    .init("(inf)", point: nil, comma: nil),
    .init("$inf", point: nil, comma: nil),
    .init("inf%", point: nil, comma: nil),
    .init("1.5e3%", point: nil, comma: nil),
    .init("1,234e3", point: nil, comma: nil),
    .init("-.5", point: .decimal(-0.5, "1234.5", neutral: true), comma: nil),
    .init("1E-5", point: .decimal(1e-05, "1234.5", neutral: true), comma: nil),
    .init("1.", point: .decimal(1, "1234.5", neutral: true), comma: nil),
    .init(".", point: nil, comma: nil),
    .init("e5", point: nil, comma: nil),
    .init(",5", point: nil, comma: nil),
    .init("5,", point: nil, comma: nil),
    .init("0,5", point: nil, comma: .decimal(0.5, "1234,5", neutral: true)),
    .init("0.5", point: .decimal(0.5, "1234.5", neutral: true), comma: nil),
    .init("0,123", point: nil, comma: .decimal(0.123, "1234,5", neutral: true)),
    .init("1,23", point: nil, comma: .decimal(1.23, "1234,5", neutral: true)),
    .init("1,2345", point: nil, comma: .decimal(1.2345, "1234,5", neutral: true)),
    .init("12,34,567", point: nil, comma: nil),
    .init("1,234,567.89", point: .decimal(1234567.89, "1,234.5"), comma: nil),
    .init("1.234.567,89", point: nil, comma: .decimal(1234567.89, "1.234,5")),
    .init("1 234 567", point: .integer(1_234_567, "1 234.5"), comma: .integer(1_234_567, "1 234,5")),
    .init("1'234", point: .integer(1234, "1'234.5"), comma: .integer(1234, "1'234,5")),
    .init(
        "9223372036854775808", point: .integer(9.223372036854776e+18, "1234.5"),
        comma: .integer(9.223372036854776e+18, "1234,5")),
    .init("1,234 567", point: nil, comma: nil),
    .init(
        "1 234 EUR", point: .integer(1234, "1 234.5 EUR", unit: "EUR"),
        comma: .integer(1234, "1 234,5 EUR", unit: "EUR")),
    .init("(1.234,50 \u{20AC})", point: nil, comma: .decimal(-1234.5, "1.234,5\u{20AC}", unit: "\u{20AC}")),
    .init("-\u{20AC} 1.234,50", point: nil, comma: .decimal(-1234.5, "\u{20AC}1.234,5", unit: "\u{20AC}")),
    .init(
        "\u{20AC}-5", point: .integer(-5, "\u{20AC}1234.5", unit: "\u{20AC}", neutral: true),
        comma: .integer(-5, "\u{20AC}1234,5", unit: "\u{20AC}", neutral: true)),
    .init(
        "5-\u{20AC}", point: .integer(-5, "1234.5\u{20AC}", unit: "\u{20AC}", neutral: true),
        comma: .integer(-5, "1234,5\u{20AC}", unit: "\u{20AC}", neutral: true)),
    .init("$5$", point: nil, comma: nil),
    .init("1.234,5-", point: nil, comma: .decimal(-1234.5, "1.234,5")),
    .init("1,234.5-", point: .decimal(-1234.5, "1,234.5"), comma: nil),
    .init("1234e2", point: .decimal(123400, "1234.5"), comma: nil),
    .init("5\u{A0}", point: nil, comma: nil),
    .init("\u{A0}5", point: nil, comma: nil),
    .init("1\u{A0}234", point: .integer(1234, "1\u{A0}234.5"), comma: .integer(1234, "1\u{A0}234,5")),
    .init("1\u{202F}234.5", point: .decimal(1234.5, "1\u{202F}234.5"), comma: nil),
    .init("1 234\u{A0}567", point: nil, comma: nil),
    .init("1\u{2019}234", point: .integer(1234, "1\u{2019}234.5"), comma: .integer(1234, "1\u{2019}234,5")),
    .init("1'234'567,5", point: nil, comma: .decimal(1234567.5, "1'234,5")),
    .init("123,456", point: .integer(123456, "1,234.5"), comma: .decimal(123.456, "1234,5", neutral: true)),
    .init("1234,567", point: nil, comma: .decimal(1234.567, "1234,5")),
    .init("-1.234,5 %", point: nil, comma: .decimal(-1234.5, "1.234,5%", unit: "%")),
    .init("+12,5\u{A0}%", point: nil, comma: .decimal(12.5, "1234,5%", unit: "%", neutral: true)),
    .init(
        "(\u{A3}5)", point: .integer(-5, "\u{A3}1234.5", unit: "\u{A3}", neutral: true),
        comma: .integer(-5, "\u{A3}1234,5", unit: "\u{A3}", neutral: true)),
    .init(
        "(EUR 5)", point: .integer(-5, "EUR 1234.5", unit: "EUR", neutral: true),
        comma: .integer(-5, "EUR 1234,5", unit: "EUR", neutral: true)),
    .init("5 EUR-", point: nil, comma: nil),
    .init("89,90", point: nil, comma: .decimal(89.9, "1234,5", neutral: true)),
    .init("\u{20AC} 4,50", point: nil, comma: .decimal(4.5, "\u{20AC}1234,5", unit: "\u{20AC}", neutral: true)),
    .init("12,00", point: nil, comma: .decimal(12, "1234,5", neutral: true)),
    .init(
        "0 %", point: .integer(0, "1234.5%", unit: "%", neutral: true),
        comma: .integer(0, "1234,5%", unit: "%", neutral: true)),
    .init("2.045,00", point: nil, comma: .decimal(2045, "1.234,5")),
    .init("7,5%", point: nil, comma: .decimal(7.5, "1234,5%", unit: "%", neutral: true)),
    .init("\u{20AC} 12,00", point: nil, comma: .decimal(12, "\u{20AC}1234,5", unit: "\u{20AC}", neutral: true)),
    .init("999,99", point: nil, comma: .decimal(999.99, "1234,5", neutral: true)),
    .init(
        "10 %", point: .integer(10, "1234.5%", unit: "%", neutral: true),
        comma: .integer(10, "1234,5%", unit: "%", neutral: true)),
    .init("\u{20AC} 0,00", point: nil, comma: .decimal(0, "\u{20AC}1234,5", unit: "\u{20AC}", neutral: true)),
    .init("1500,00", point: nil, comma: .decimal(1500, "1234,5")),
    .init("\u{20AC} 25,00", point: nil, comma: .decimal(25, "\u{20AC}1234,5", unit: "\u{20AC}", neutral: true)),
    .init("1250", point: .integer(1250, "1234.5"), comma: .integer(1250, "1234,5")),
    .init("10", point: .integer(10, "1234.5", neutral: true), comma: .integer(10, "1234,5", neutral: true)),
    .init("250,00", point: nil, comma: .decimal(250, "1234,5", neutral: true)),
    .init("3", point: .integer(3, "1234.5", neutral: true), comma: .integer(3, "1234,5", neutral: true)),
    .init("89,90-", point: nil, comma: .decimal(-89.9, "1234,5", neutral: true)),
    .init("1", point: .integer(1, "1234.5", neutral: true), comma: .integer(1, "1234,5", neutral: true)),
    .init("12.000,00", point: nil, comma: .decimal(12000, "1.234,5")),
    .init("2-", point: .integer(-2, "1234.5", neutral: true), comma: .integer(-2, "1234,5", neutral: true)),
    .init("0,50-", point: nil, comma: .decimal(-0.5, "1234,5", neutral: true)),
    .init("-5,00-", point: nil, comma: nil),
    .init("4", point: .integer(4, "1234.5", neutral: true), comma: .integer(4, "1234,5", neutral: true))
]

@Suite struct NumberFormatRecognizerTests {
    @Test(arguments: numberExamples)
    func readsValuesAsTheOracleDoes(_ example: NumberExample) {
        let recognizer = NumberFormatRecognizer()
        for (convention, expected) in [(DecimalConvention.pointDecimal, example.point), (.commaDecimal, example.comma)]
        {
            let found = Array(example.text.utf8).withUnsafeBytes { recognizer.recognize($0, convention: convention) }
            guard let expected else {
                #expect(found == nil, "\(convention)")
                continue
            }
            guard let found else {
                Issue.record("\(convention): not a number, expected \(expected)")
                continue
            }
            #expect(found.isInteger == expected.isInteger, "\(convention)")
            #expect(found.value.bitPattern == expected.value.bitPattern, "\(convention): \(found.value)")
            #expect(found.isFinite == expected.value.isFinite, "\(convention)")
            #expect(found.format.name(convention: convention) == expected.format, "\(convention)")
            #expect(found.format.unit?.unit.rawValue == expected.unit, "\(convention)")
            #expect(found.isGroupingNeutral == expected.isGroupingNeutral, "\(convention)")
        }
    }

    /// A value needs a convention when it is a number under it and not under the other.
    @Test(arguments: numberExamples)
    func conventionNeededFollowsBothReadings(_ example: NumberExample) {
        let needed = Array(example.text.utf8).withUnsafeBytes { NumberFormatRecognizer().conventionNeeded(by: $0) }
        switch (example.point, example.comma) {
        case (.some, nil): #expect(needed == .pointDecimal)
        case (nil, .some): #expect(needed == .commaDecimal)
        default: #expect(needed == nil)
        }
    }
}

/// Bytes that are no text the rules know: a cut currency sign or separator, a NUL.
@Suite struct NumberFormatRecognizerBytesTests {
    @Test(
        arguments: [
            [0x35, 0xE2, 0x82], [0xE2, 0x82, 0x35], [0x31, 0xC2, 0x32, 0x33, 0x34],
            [0x31, 0xE2, 0x80, 0x32, 0x33, 0x34],
            [0x35, 0x00], [0x24, 0x35, 0xC2], [0x28, 0x35, 0xE2, 0x82, 0xAC]
        ] as [[UInt8]])
    func cutSequencesAreNoNumber(_ bytes: [UInt8]) {
        let recognizer = NumberFormatRecognizer()
        bytes.withUnsafeBytes { t in
            #expect(recognizer.recognize(t, convention: .pointDecimal) == nil)
            #expect(recognizer.recognize(t, convention: .commaDecimal) == nil)
        }
    }

    /// The place of the unit, stated apart from the format's name.
    @Test func unitPlaces() {
        let recognizer = NumberFormatRecognizer()
        let euro = Array("€ 3,10".utf8).withUnsafeBytes { recognizer.recognize($0, convention: .commaDecimal) }
        #expect(euro?.format == NumberFormat(unit: PlacedUnit(unit: .euroSign, place: .prefix), grouping: nil))
        let code = Array("1 234 EUR".utf8).withUnsafeBytes { recognizer.recognize($0, convention: .pointDecimal) }
        #expect(code?.format == NumberFormat(unit: PlacedUnit(unit: .eur, place: .suffix), grouping: .space))
    }
}
