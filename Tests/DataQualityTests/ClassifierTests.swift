import Foundation
import Testing

@testable import DataQuality

/// The contract's value-level type families (a column decides letters and slash-date order later).
enum ContractKind: String, Sendable {
    case null, string, integer, decimal, boolean, date, datetime, time
}

private func classify(_ bytes: [UInt8], nullTokens: [String] = ProfileOptions.defaultNullValues) -> ValueInfo {
    let classifier = ValueClassifier(nullTokens: nullTokens)
    return bytes.withUnsafeBytes { classifier.classify($0) }
}

private func kind(of info: ValueInfo) -> ContractKind {
    if info.flags.contains(.null) { return .null }
    let value = info.valueClass
    switch value {
    case ValueClass.string, ValueClass.leadingZeroString: return .string
    case ValueClass.finiteInteger, ValueClass.nonFiniteInteger: return .integer
    case ValueClass.finiteDecimal, ValueClass.nonFiniteDecimal: return .decimal
    case _ where ValueClass.isBooleanWord(value) || ValueClass.isBooleanLetter(value): return .boolean
    case ValueClass.isoDate...ValueClass.slashDateDayFirstOnly: return .date
    case _ where ValueClass.isDatetime(value): return .datetime
    case _ where ValueClass.isTime(value): return .time
    default: return .string
    }
}

private func isNonFinite(_ info: ValueInfo) -> Bool {
    info.valueClass == ValueClass.nonFiniteInteger || info.valueClass == ValueClass.nonFiniteDecimal
}

/// (value, expected kind, non-finite) under the default null tokens, from the contract's grammar.
private let typeTable: [(String, ContractKind, Bool)] = [
    // integers
    ("0", .integer, false), ("7", .integer, false), ("+7", .integer, false), ("-0", .integer, false),
    ("-42", .integer, false), ("9223372036854775807", .integer, false),
    ("18446744073709551616", .integer, false),
    (String(repeating: "9", count: 401), .integer, true),
    // leading zeros are strings
    ("02134", .string, false), ("00", .string, false), ("-01", .string, false), ("01.5", .string, false),
    // decimals
    ("1.5e3", .decimal, false), (".5", .decimal, false), ("1.", .decimal, false), ("-.5e1", .decimal, false),
    ("2E-2", .decimal, false), ("-3.0e+1", .decimal, false), ("0.0", .decimal, false), ("3.", .decimal, false),
    ("inf", .decimal, true), ("-Infinity", .decimal, true), ("INF", .decimal, true), ("+inf", .decimal, true),
    ("1e400", .decimal, true),
    // near misses
    ("1.2.3", .string, false), ("1e", .string, false), ("e5", .string, false), (".", .string, false),
    ("E90311", .string, false), ("infin", .string, false), ("1,5", .string, false), ("- 1", .string, false),
    ("0x1A", .string, false),
    // booleans (letters are booleans per value; the column decides)
    ("TRUE", .boolean, false), ("false", .boolean, false), ("Yes", .boolean, false), ("no", .boolean, false),
    ("nO", .boolean, false), ("t", .boolean, false), ("N", .boolean, false), ("yess", .string, false),
    ("1", .integer, false), ("on", .string, false),
    // dates
    ("2024-02-29", .date, false), ("2020-02-29", .date, false), ("2019-02-29", .string, false),
    ("2021-02-30", .string, false), ("2021-13-01", .string, false), ("0000-01-01", .string, false),
    ("0001-01-01", .date, false), ("9999-12-31", .date, false), ("2021-1-5", .string, false),
    ("12/31/2023", .date, false), ("31/12/2023", .date, false), ("1/2/2023", .date, false),
    ("13/13/2023", .string, false), ("2023/12/31", .date, false), ("31.12.2023", .date, false),
    ("1.2.2023", .date, false), ("30.02.2023", .string, false), ("12/31/23", .string, false),
    // datetimes
    ("2021-06-01T10:00:00Z", .datetime, false), ("2021-06-01 10:00", .datetime, false),
    ("2021-06-01T10:00:00.123+02:00", .datetime, false), ("2021-06-01T23:59:59-05:30", .datetime, false),
    ("2021-06-01T24:00", .string, false), ("2021-06-01T10:00:60", .string, false),
    ("2021-06-01t10:00", .string, false), ("2021-06-01T10:00z", .string, false),
    ("2021-02-30T10:00", .string, false),
    // times
    ("10:30", .time, false), ("00:00:00", .time, false), ("09:30:00.5", .time, false), ("23:59", .time, false),
    ("10:61", .string, false), ("24:00", .string, false), ("9:30", .time, false), ("12:60", .string, false),
    ("12:05 AM", .time, false), ("9:00 am", .time, false), ("0:30 AM", .string, false), ("13:00 PM", .string, false),
    ("9:00 Am", .string, false), ("9:00AM", .string, false), ("9:00 AM ", .time, false), ("123:00", .string, false),
    ("9:30Z", .string, false),
    // slash, dotted and year-first datetimes, one-digit hours, 12-hour markers
    ("7/7/2014 0:00", .datetime, false), ("21/01/2022 13:47:00", .datetime, false),
    ("7/8/2014 12:05 AM", .datetime, false), ("7/9/2014 9:00 am", .datetime, false),
    ("1.2.2023 10:00:00.5Z", .datetime, false), ("2023/12/31 23:59+01:00", .datetime, false),
    ("2021-06-01 9:00 PM", .datetime, false), ("7/7/2014T10:00", .string, false), ("7/7/2014  10:00", .string, false),
    ("13/13/2020 10:00", .string, false), ("7/7/2014 25:00", .string, false), ("7/7/2014 0:00 AM", .string, false),
    ("7/7/2014 10:00 AMZ", .string, false), ("7/7/2014 10:00Z AM", .string, false),
    // strings
    ("abc", .string, false), ("NaN ", .null, false), ("na", .string, false), ("Null", .string, false),
    ("-", .string, false)
]

@Suite struct ClassifierTests {
    @Test(arguments: typeTable)
    func typeOfValue(_ value: String, _ expected: ContractKind, _ nonFinite: Bool) {
        let info = classify(Array(value.utf8))
        #expect(kind(of: info) == expected, "\(value)")
        #expect(isNonFinite(info) == nonFinite, "\(value) non-finite")
    }

    @Test func finiteNumbersCarryTheirValue() {
        #expect(classify(Array("1.5e3".utf8)).number == 1500)
        #expect(classify(Array(".5".utf8)).number == 0.5)
        #expect(classify(Array("-3.0e+1".utf8)).number == -30)
        #expect(classify(Array("+7".utf8)).number == 7)
    }

    @Test func leadingZeroDigitStringsAreMarked() {
        #expect(classify(Array("02134".utf8)).valueClass == ValueClass.leadingZeroString)
        #expect(classify(Array("0".utf8)).valueClass == ValueClass.finiteInteger)
    }

    @Test func slashDateOrders() {
        #expect(classify(Array("12/31/2023".utf8)).valueClass == ValueClass.slashDateMonthFirstOnly)
        #expect(classify(Array("31/12/2023".utf8)).valueClass == ValueClass.slashDateDayFirstOnly)
        #expect(classify(Array("31/12/2023".utf8)).flags.contains(.slashDateDayAbove12))
        #expect(classify(Array("01/02/2021".utf8)).valueClass == ValueClass.slashDateEitherOrder)
    }

    /// 12-hour markers read on the 24-hour clock: `12:xx AM` is 00:xx, `12:xx PM` is 12:xx.
    @Test(arguments: [
        ("12:05 AM", 5 * 60), ("12:30 PM", 12 * 3600 + 30 * 60), ("9:00 am", 9 * 3600),
        ("11:59 pm", 23 * 3600 + 59 * 60),
        ("1:02:03 PM", 13 * 3600 + 2 * 60 + 3), ("0:45", 45 * 60), ("7:05", 7 * 3600 + 5 * 60)
    ])
    func timesOfDay(_ value: String, _ seconds: Int) {
        let info = classify(Array(value.utf8))
        #expect(info.timeOfDay == seconds, "\(value)")
        #expect(info.seconds == Int64(seconds), "\(value)")
    }

    /// A slash datetime valid in either order keeps both instants: 03/02/2022 08:00:00 is 2 March month-first
    /// (1646179200 + 8 h) and 3 February day-first (1643846400 + 8 h).
    @Test func slashDatetimesKeepBothReadings() {
        let info = classify(Array("03/02/2022 08:00:00".utf8))
        #expect(info.seconds == 1_646_179_200 + 8 * 3600)
        #expect(info.dayFirstSeconds == 1_643_846_400 + 8 * 3600)
        #expect(TemporalFormats.readings(of: info.valueClass) == (24, 36))
        #expect(TemporalFormats.name(24) == "M/D/YYYY HH:MM:SS")
        #expect(TemporalFormats.name(36) == "D/M/YYYY HH:MM:SS")
        let twelveHour = classify(Array("7/8/2014 12:05 AM".utf8))
        #expect(
            TemporalFormats.readings(of: twelveHour.valueClass).monthFirst.map(TemporalFormats.name)
                == "M/D/YYYY H:MM AM")
        #expect(twelveHour.seconds == 1_404_777_600 + 5 * 60)
    }

    /// Only a first part above 12 that makes a real date read day-first turns a column day-first; a slash
    /// datetime's date counts by its shape, even when its time of day is out of range.
    @Test(arguments: [
        ("13/01/2020", true), ("13/13/2020", false), ("31/02/2020", false), ("12/01/2020", false),
        ("13/01/2020 10:00", true), ("13/13/2020 10:00", false), ("13/01/2020 25:00", true),
        ("13/01/2020 9:00 PM", true),
        ("13.01.2020", false), ("2020/13/01", false)
    ])
    func dayFirstTurningValues(_ value: String, _ turns: Bool) {
        #expect(classify(Array(value.utf8)).flags.contains(.slashDateDayAbove12) == turns, "\(value)")
    }

    // MARK: nulls

    @Test(arguments: [
        ("", true), ("NA", true), (" NA ", true), ("\tNA", true), ("   ", true), ("\t", true), ("NaN", true),
        ("#N/A N/A", true), ("<NA>", true), ("None", true), ("na", false), ("Null", false), ("-", false),
        ("\u{A0}", false), ("N A", false)
    ])
    func defaultNullTokens(_ value: String, _ isNull: Bool) {
        #expect(classify(Array(value.utf8)).flags.contains(.null) == isNull, "'\(value)'")
    }

    @Test func customNullTokensReplaceTheDefaults() {
        let tokens = ["?", "missing"]
        #expect(kind(of: classify(Array("NaN".utf8), nullTokens: tokens)) == .string)
        #expect(kind(of: classify(Array("NA".utf8), nullTokens: tokens)) == .string)
        #expect(kind(of: classify(Array(" ? ".utf8), nullTokens: tokens)) == .null)
        #expect(kind(of: classify(Array("missing".utf8), nullTokens: tokens)) == .null)
        #expect(kind(of: classify([], nullTokens: [""])) == .null)
        #expect(kind(of: classify(Array("nan".utf8), nullTokens: [""])) == .string)
    }

    // MARK: whitespace and control characters

    @Test(arguments: [
        (" 5", true, ContractKind.integer), ("5\t", true, .integer), ("\t5 ", true, .integer),
        ("\u{A0}5", true, .string), ("5\u{A0}", true, .string), ("a b", false, .string), ("5", false, .integer),
        (" Alice", true, .string), ("x\u{A0}y", false, .string)
    ])
    func whitespaceFlag(_ value: String, _ flagged: Bool, _ expected: ContractKind) {
        let info = classify(Array(value.utf8))
        #expect(info.flags.contains(.whitespace) == flagged, "'\(value)'")
        #expect(kind(of: info) == expected, "'\(value)'")
    }

    @Test(
        arguments: [
            ([0x61, 0x07, 0x62], true), ([0x00], true), ([0x61, 0x0B], true), ([0x0C, 0x61], true), ([0x1B], true),
            ([0x7F], true), ([0x61, 0x09, 0x62], false), ([0x61, 0x0A, 0x62], false), ([0x61, 0x0D, 0x62], false),
            ([0x0E], true), ([0x1F], true), ([0x20], false), ([0x7E], false),
            // C1 controls U+0080 and U+009F, after ASCII; U+00A0 and U+00A1 are no controls.
            ([0x61, 0xC2, 0x80], true), ([0xC2, 0x9F], true),
            ([0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0xC2, 0x85], true),
            ([0x61, 0xC2, 0xA0, 0x62], false), ([0xC2, 0xA1], false)
        ] as [([UInt8], Bool)])
    func controlCharacters(_ bytes: [UInt8], _ flagged: Bool) {
        #expect(classify(bytes).flags.contains(.controlCharacters) == flagged, "\(bytes)")
    }

    // MARK: UTF-8 and lengths

    /// (bytes, valid UTF-8, length in scalars counted by hand under maximal-subpart replacement).
    @Test(
        arguments: [
            (Array("Gen".utf8) + [0xE8] + Array("ve".utf8), false, 6),
            (Array("Genève".utf8), true, 6),
            (Array("é😀".utf8), true, 2),
            ([0xF0, 0x9F, 0x98], false, 1),  // a cut 4-byte sequence: one maximal subpart
            ([0xF0, 0x9F, 0x98, 0x41], false, 2),
            ([0xC0, 0xAF], false, 2),  // overlong: C0 is never valid, AF alone
            ([0xFF, 0xFE], false, 2),
            ([0xE2, 0x82, 0x78], false, 2),  // cut 3-byte sequence then x
            ([0xED, 0xA0, 0x80], false, 3),  // a surrogate: ED then two lone continuations
            ([0xC3], false, 1),
            ([0x61, 0x80, 0x62], false, 3),
            (Array("\u{10FFFF}".utf8), true, 1),
            ([0xF4, 0x90, 0x80, 0x80], false, 4)  // above U+10FFFF
        ] as [([UInt8], Bool, Int)])
    func utf8ValidityAndLength(_ bytes: [UInt8], _ valid: Bool, _ length: Int) {
        let info = classify(bytes)
        #expect(info.flags.contains(.invalidUTF8) == !valid, "\(bytes)")
        #expect(info.scalarLength == length, "\(bytes)")
        // Swift's own decoder counts the same way (the contract names it).
        #expect(String(decoding: bytes, as: UTF8.self).unicodeScalars.count == length, "\(bytes)")
    }
}
