import Foundation
import Testing

@testable import DataQuality

/// The classifier's numbers against the C library's correctly rounded conversion (`strtod` via
/// `Double(String)`), on seeded random tokens that exercise the fast path and its limits.
@Suite struct NumberParsingTests {
    @Test func numbersEqualTheCorrectlyRoundedConversion() throws {
        var generator = SeededGenerator(seed: 20_261_129)
        let classifier = ValueClassifier(nullTokens: [])
        var checked = 0
        for _ in 0..<20_000 {
            let digitCount = Int.random(in: 1...22, using: &generator)
            var digits = (0..<digitCount).map { _ in Character(String(Int.random(in: 0...9, using: &generator))) }
            if digits.count > 1 && digits[0] == "0" { digits[0] = "7" }
            var token = String(digits)
            if Bool.random(using: &generator) {
                let dot = Int.random(in: 1...token.count, using: &generator)
                token.insert(".", at: token.index(token.startIndex, offsetBy: dot))
            }
            if Int.random(in: 0..<3, using: &generator) == 0 {
                token += "e" + String(Int.random(in: -40...40, using: &generator))
            }
            if Bool.random(using: &generator) { token = "-" + token }
            let info = Array(token.utf8).withUnsafeBytes { classifier.classify($0) }
            guard info.valueClass == ValueClass.finiteInteger || info.valueClass == ValueClass.finiteDecimal else {
                continue
            }
            let expected = try #require(Double(token))
            #expect(info.number.bitPattern == expected.bitPattern, "\(token): \(info.number) != \(expected)")
            checked += 1
        }
        #expect(checked > 15_000)
    }

    @Test(arguments: ["0.1", "-0", "9007199254740993", "1e22", "1e23", "123456789012345.6", "0.000001", ".5", "1."])
    func edgeTokens(_ token: String) throws {
        let info = Array(token.utf8).withUnsafeBytes { ValueClassifier(nullTokens: []).classify($0) }
        let expected = try #require(Double(token))
        #expect(info.number.bitPattern == expected.bitPattern)
    }
}

/// Moments of values of opposite sign near the ends of binary64 (found by fuzzing): the mean exists, the sum of
/// squared deviations does not fit binary64.
@Suite struct HugeMomentsTests {
    @Test func oppositeHugeValuesKeepAFiniteMean() {
        var onePass = RunningMoments()
        for value in [1e308, 1e308, 1e308, -1e308] { onePass.add(value) }
        // (3 x 1e308 - 1e308) / 4 = 5e307, by hand.
        #expect(abs(onePass.mean - 5e307) <= 5e307 * 1e-15)
        #expect(onePass.sampleStandardDeviation == nil)

        var first = RunningMoments()
        var second = RunningMoments()
        for value in [1e308, 1e308, 1e308] { first.add(value) }
        second.add(-1e308)
        first.merge(second)
        #expect(abs(first.mean - 5e307) <= 5e307 * 1e-15)
        #expect(first.count == 4)
    }
}
