import Foundation
import Testing

@testable import DataQuality

/// A Swift caller's bad options throw errors that name the option by a typed value and in the words of the
/// Swift API (`maxFieldBytes`), never a command line's flags; a command line words the same value its own way.
@Suite struct TypedOptionErrorsTests {
    private static func options(_ change: (inout ProfileOptions) -> Void) -> ProfileOptions {
        var options = ProfileOptions()
        change(&options)
        return options
    }

    /// Each out-of-range option: the problem names it, and the sentence gives its Swift name.
    @Test(arguments: [
        (
            options { $0.maxFieldBytes = 0 }, ProfileError.Problem.belowOne(.maxFieldBytes),
            "maxFieldBytes must be a whole number, at least 1 (bytes)."
        ),
        (
            options { $0.exactDistinctLimit = 0 }, .belowOne(.exactDistinctLimit),
            "exactDistinctLimit must be a whole number, at least 1."
        ),
        (
            options { $0.maximumThreads = 0 }, .belowOne(.maximumThreads),
            "maximumThreads must be a whole number, at least 1."
        ),
        (
            options { $0.gradeThresholds = GradeThresholds(a: 0.5, b: 0.9, c: 0.8, d: 0.7) },
            .gradeThresholdsOutOfOrder,
            "gradeThresholds must be four fractions in 0...1, from A down to D."
        )
    ])
    func outOfRangeOptionIsTyped(options: ProfileOptions, problem: ProfileError.Problem, message: String) throws {
        let error = try #require(throws: ProfileError.self) { try options.validate() }
        #expect(error.code == .invalidOption)
        #expect(error.problem == problem)
        #expect(error.message == message)
        #expect(error.description == message)
    }

    /// `keys = ["no_such"]` on `a,b`: the problem carries the column name as given.
    @Test func unknownKeyColumnCarriesTheName() throws {
        let options = Self.options { $0.keys = ["no_such"] }
        let error = try #require(throws: ProfileError.self) {
            try Profiler(options: options).profile(bytes: Array("a,b\n1,2\n".utf8))
        }
        #expect(error.code == .unknownKeyColumn)
        #expect(error.problem == .unknownKeyColumn(name: "no_such"))
        #expect(error.description == "standard input: keys no_such: no column has that name.")
    }

    /// `quote = ","` with no delimiter to detect names both options by their Swift names.
    @Test func quoteThatIsTheFallbackDelimiterNamesBothOptions() throws {
        let options = Self.options { $0.quote = UInt8(ascii: ",") }
        let error = try #require(throws: ProfileError.self) {
            try Profiler(options: options).profile(bytes: Array("a,b\n1,2\n".utf8))
        }
        #expect(error.problem == .quoteIsDefaultDelimiter)
        #expect(error.description == "quote ',' is also the default delimiter: give delimiter too.")
    }

    /// Partition mode given no column names, and a header line that is empty.
    @Test func partitionColumnNamesAreTyped() throws {
        let noNames = try #require(throws: ProfileError.self) {
            try PartitionDriver(options: ProfileOptions(), sourceName: "part", columnNames: .names([]))
        }
        #expect(noNames.problem == .noColumnNames)
        #expect(noNames.description == "PartitionColumnNames.names needs at least one name.")
        let emptyLine = try #require(throws: ProfileError.self) {
            try PartitionDriver(options: ProfileOptions(), sourceName: "part", columnNames: .headerLine(""))
        }
        #expect(emptyLine.problem == .emptyHeaderLine)
        #expect(emptyLine.description == "PartitionColumnNames.headerLine must hold the header's names; it is empty.")
    }

    /// Every problem's sentence with Swift names is free of flag words, and with a command line's naming
    /// each setting is worded by it: `--max-field-bytes` where the Swift caller reads `maxFieldBytes`.
    @Test(arguments: [
        ProfileError.Problem.quoteIsDefaultDelimiter, .belowOne(.maxFieldBytes), .gradeThresholdsOutOfOrder,
        .headerFieldTooLong(limit: 1),
        .unknownKeyColumn(name: "id"), .fieldTooLong, .sourceNameHoldsLineBreak, .noColumnNames, .emptyHeaderLine,
        .headerLineIsNotOneRecord(events: 2), .encodedRecordIsNotOneRecord(events: 0),
        .rowHashDiffers(expected: "00", found: "01"), .notPartialProfile(reason: "not JSON."), .rulesMissing,
        .rulesNotExpected(path: "dq.yml"),
        .encodingsDiffer(encoding: "utf-8", firstPart: "a", firstEncoding: "utf-16le"),
        .encodingUnavailable(name: "iso-8859-2")
    ])
    func sentencesNameSettingsAsTheCallerDoes(problem: ProfileError.Problem) {
        let swift = problem.message(naming: \.description)
        #expect(!swift.contains("--"), "\(swift)")
        #expect(ProfileError(problem).message == swift)
        let flagged = problem.message(naming: { "<\($0.rawValue)>" })
        #expect(flagged != swift)
        let named = ProfileOption.allCases.filter { flagged.contains("<\($0.rawValue)>") }
        #expect(
            flagged.replacing(#/<([A-Za-z]+)>/#) { ProfileOption(rawValue: String($0.output.1))!.description } == swift)
        #expect(!named.isEmpty)
    }

    /// `unknownKeyColumn` worded by a command line: the flag replaces the Swift name, the rest stays.
    @Test func commandLineNamingRewordsOnlyTheSetting() {
        let error = ProfileError(.unknownKeyColumn(name: "no_such"), path: "orders.csv")
        #expect(
            error.description(naming: { $0 == .keys ? "--key" : $0.description })
                == "orders.csv: --key no_such: no column has that name.")
    }
}
