import Testing

@testable import DataQuality

@Suite struct ValueClassTests {
    @Test func everyClassNumberIsInExactlyOneNamedClassOrRange() {
        let single = [
            ValueClass.string, ValueClass.leadingZeroString, ValueClass.finiteInteger, ValueClass.nonFiniteInteger,
            ValueClass.finiteDecimal, ValueClass.nonFiniteDecimal
        ]
        let ranges = [
            ValueClass.booleanWords, ValueClass.booleanLetters, ValueClass.dates, ValueClass.datetimes,
            ValueClass.times
        ]
        let memberships = (0..<ValueClass.count).map { number in
            let value = UInt8(number)
            return single.filter { $0 == value }.count + ranges.filter { $0.contains(value) }.count
        }
        #expect(memberships == Array(repeating: 1, count: 114))
        #expect(ranges.map(\.count) == [8, 4, 6, 84, 6])
    }

    @Test func booleanFormatsRankInTheContractTieOrder() {
        let classifier = ValueClassifier(nullTokens: [])
        let values = ["true", "TRUE", "True", "tRUE", "yes", "NO", "t", "F", "y", "N"]
        let classes = values.map { value in Array(value.utf8).withUnsafeBytes { classifier.classify($0).valueClass } }
        #expect(classes.map(ValueClass.booleanFormatRank) == [0, 1, 2, 3, 4, 5, 8, 9, 12, 13])
        #expect(
            classes.map(ValueClass.formatName) == [
                "true/false", "TRUE/FALSE", "True/False", "true/false (mixed case)", "yes/no", "YES/NO", "t/f", "T/F",
                "y/n", "Y/N"
            ])
        #expect(
            classes.map(ValueClass.isBooleanWord) == [true, true, true, true, true, true, false, false, false, false])
    }

    /// The datetime and time formats are numbered in the contract's tie order: date pattern, `T` before space,
    /// seconds before none, no fraction before a fraction, no zone before `Z` before an offset, 24-hour
    /// before 12-hour (a 12-hour marker before `Z`); the hour's digits make no other format.
    @Test func temporalFormatsAreNumberedInTheTieOrder() {
        let names = (0..<TemporalFormats.count).map(TemporalFormats.name)
        #expect(Set(names).count == 78)
        #expect(
            Array(names[0..<12]) == [
                "YYYY-MM-DDTHH:MM:SS", "YYYY-MM-DDTH:MM:SS AM", "YYYY-MM-DDTHH:MM:SSZ", "YYYY-MM-DDTHH:MM:SS+HH:MM",
                "YYYY-MM-DDTHH:MM:SS.F", "YYYY-MM-DDTH:MM:SS.F AM", "YYYY-MM-DDTHH:MM:SS.FZ",
                "YYYY-MM-DDTHH:MM:SS.F+HH:MM", "YYYY-MM-DDTHH:MM", "YYYY-MM-DDTH:MM AM", "YYYY-MM-DDTHH:MMZ",
                "YYYY-MM-DDTHH:MM+HH:MM"
            ])
        #expect(names[12] == "YYYY-MM-DD HH:MM:SS")
        #expect(names[33] == "M/D/YYYY H:MM AM")
        #expect(names[44] == "D/M/YYYY HH:MM")
        #expect(names[48] == "D.M.YYYY HH:MM:SS")
        #expect(names[71] == "YYYY/MM/DD HH:MM+HH:MM")
        #expect(Array(names[72...]) == ["HH:MM:SS", "H:MM:SS AM", "HH:MM:SS.F", "H:MM:SS.F AM", "HH:MM", "H:MM AM"])
        #expect(TemporalFormats.isZoned(2) && TemporalFormats.isZoned(3) && !TemporalFormats.isZoned(1))
    }
}
