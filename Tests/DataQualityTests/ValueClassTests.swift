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
        #expect(memberships == Array(repeating: 1, count: 45))
        #expect(ranges.map(\.count) == [8, 4, 6, 18, 3])
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
}
