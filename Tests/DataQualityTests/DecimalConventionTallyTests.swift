import Testing

@testable import DataQuality

private func tally(comma: Int, point: Int) -> DecimalConventionTally {
    var tally = DecimalConventionTally()
    tally.add(.commaDecimal, count: comma)
    tally.add(.pointDecimal, count: point)
    return tally
}

/// The tally of a column's values: each value adds the convention it needs (``NumberFormatRecognizer``).
private func tally(of values: [String]) -> DecimalConventionTally {
    let recognizer = NumberFormatRecognizer()
    var tally = DecimalConventionTally()
    for value in values {
        tally.add(Array(value.utf8).withUnsafeBytes { recognizer.conventionNeeded(by: $0) })
    }
    return tally
}

/// The columns of cases-v2 40-european-semicolon-export, 43-integer-decimal-widening and 55-sap-trailing-minus
/// with the counts the oracle's `number_needs` gives (values needing comma-decimal, point-decimal).
private let caseColumns: [(values: [String], comma: Int, point: Int)] = [
    (["1.234,50", "89,90", "12,00", "2.045,00", "999,99", "1500,00"], 6, 0),
    (["12,5 %", "5 %", "0 %", "7,5%", "10 %", "0 %"], 2, 0),
    (["€ 3,10", "€ 4,50", "€ 3,10", "€ 12,00", "€ 0,00", "€ 25,00"], 6, 0),
    (["0", "71319.61", "0", "1250", "71319.61", "0", "0"], 0, 2),
    (["1.234,50-", "250,00", "89,90-", "12.000,00", "0,50-", "-5,00-"], 5, 0),
    (["10", "3", "1", "2-", "5", "4"], 0, 0),
    (["Stuhl", "Tisch", "Lampe", "Regal", "Sofa", "Bett"], 0, 0)
]

@Suite struct DecimalConventionTallyTests {
    @Test(arguments: caseColumns.indices)
    func casesTallyAsTheOracleDoes(_ index: Int) {
        let column = caseColumns[index]
        let found = tally(of: column.values)
        #expect(found.needingCommaDecimal == column.comma)
        #expect(found.needingPointDecimal == column.point)
    }

    /// More values needing comma-decimal: comma-decimal; fewer: point-decimal; as many: the file's convention.
    @Test(arguments: [
        (2, 1, DecimalConvention.pointDecimal, DecimalConvention.commaDecimal),
        (1, 2, .commaDecimal, .pointDecimal),
        (0, 0, .commaDecimal, .commaDecimal),
        (0, 0, .pointDecimal, .pointDecimal),
        (3, 3, .commaDecimal, .commaDecimal),
        (3, 3, .pointDecimal, .pointDecimal)
    ])
    func columnConvention(comma: Int, point: Int, file: DecimalConvention, expected: DecimalConvention) {
        #expect(tally(comma: comma, point: point).columnConvention(fileConvention: file) == expected)
    }

    /// The contract's column of `12.345` and `250.000` only needs neither convention: it takes the file's, which
    /// is comma-decimal when over all columns more values need comma-decimal, else point-decimal (a tie too).
    @Test func undecidedColumnsTakeTheFileConvention() {
        let undecided = tally(of: ["12.345", "250.000"])
        #expect(undecided == DecimalConventionTally())
        let european = [tally(of: caseColumns[6].values), tally(of: caseColumns[0].values), undecided]
        #expect(
            DecimalConventionTally.conventions(ofColumns: european, decimalMark: nil) == [
                .commaDecimal, .commaDecimal, .commaDecimal
            ])
        let american = [tally(comma: 1, point: 0), tally(comma: 0, point: 2), undecided]
        #expect(
            DecimalConventionTally.conventions(ofColumns: american, decimalMark: nil) == [
                .commaDecimal, .pointDecimal, .pointDecimal
            ])
        let even = [tally(comma: 2, point: 0), tally(comma: 0, point: 2), undecided]
        #expect(
            DecimalConventionTally.conventions(ofColumns: even, decimalMark: nil) == [
                .commaDecimal, .pointDecimal, .pointDecimal
            ])
    }

    /// `--decimal-mark` sets every column's convention, whatever its values need.
    @Test func decimalMarkSetsEveryColumn() {
        let columns = [tally(comma: 0, point: 5), tally(comma: 4, point: 0), DecimalConventionTally()]
        #expect(
            DecimalConventionTally.conventions(ofColumns: columns, decimalMark: .commaDecimal) == [
                .commaDecimal, .commaDecimal, .commaDecimal
            ])
        #expect(
            DecimalConventionTally.conventions(ofColumns: columns, decimalMark: .pointDecimal) == [
                .pointDecimal, .pointDecimal, .pointDecimal
            ])
    }

    @Test func mergeIsAssociativeAndCommutativeWithTheEmptyTallyAsIdentity() {
        let tallies = [
            DecimalConventionTally(), tally(comma: 2, point: 1), tally(comma: 0, point: 3), tally(comma: 5, point: 0)
        ]
        #expect(tallies.map(\.needingCommaDecimal) == [0, 2, 0, 5])
        #expect(tallies.map(\.needingPointDecimal) == [0, 1, 3, 0])
        for first in tallies {
            var withEmpty = first
            withEmpty.merge(DecimalConventionTally())
            #expect(withEmpty == first)
            for second in tallies {
                var forward = first
                forward.merge(second)
                var backward = second
                backward.merge(first)
                #expect(forward == backward)
                #expect(forward.needingCommaDecimal == first.needingCommaDecimal + second.needingCommaDecimal)
                #expect(forward.needingPointDecimal == first.needingPointDecimal + second.needingPointDecimal)
                for third in tallies {
                    var left = forward
                    left.merge(third)
                    var right = second
                    right.merge(third)
                    var outer = first
                    outer.merge(right)
                    #expect(left == outer)
                }
            }
        }
    }

    /// A column cut in two at every place, the parts tallied apart and merged in either order, tallies as a whole.
    @Test(arguments: caseColumns.indices)
    func cutColumnsMergeToTheWholeTally(_ index: Int) {
        let (values, comma, point) = caseColumns[index]
        for cut in 0...values.count {
            let head = tally(of: Array(values[..<cut]))
            let tail = tally(of: Array(values[cut...]))
            var headFirst = head
            headFirst.merge(tail)
            var tailFirst = tail
            tailFirst.merge(head)
            #expect(headFirst.needingCommaDecimal == comma && headFirst.needingPointDecimal == point)
            #expect(tailFirst == headFirst)
        }
    }
}
