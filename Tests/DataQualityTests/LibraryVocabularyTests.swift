import Foundation
import Testing

private let vocabularyRepositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The library speaks Swift: no library source names a command-line flag (`--max-field-bytes`) outside
/// comments, except where a renderer presents a typed hint in words a reader of the table can type.
@Suite struct LibraryVocabularyTests {
    /// Lines allowed a flag word, by file name and a fragment of the line, each with its reason.
    private static let allowed: [(file: String, fragment: String)] = [
        // The table's single-column hint presents ``SourceDescription/delimiterAlternative`` as a flag to type.
        ("TableReportRenderer.swift", "give --delimiter."),
        ("TableReportRenderer.swift", "--delimiter \\(option) gives"),
        // The renderers' wording of ``ReportHint`` (a rule that needs duplicate rows, a merge's unknown duplicates).
        ("ReportHintText.swift", "\"duplicate rows were not checked (--no-duplicates), so the rule cannot pass.\""),
        ("ReportHintText.swift", "profile each partition with --rows-partitioned-by-hash), or keep each part within"),
        // The renderers' sentence for `encoding_unsure` names the encoding to re-run with.
        (
            "TableReportRenderer.swift",
            "return \"encoding unsure: \" + values + firstPlace + \": try --encoding \" + encoding"
        ),
        // The table's wording of ``PreambleHint``.
        ("ReportHintText.swift", "text(skipping: \"try --skip-lines\")")
    ]

    /// A flag word: two hyphens then a lowercase letter, not a CSS custom property's declaration (`--ink: `);
    /// its uses (`var(--ink)`) are dropped before matching.
    private static var flagWord: Regex<Substring> { #/(?:^|[^\w\-])--[a-z][a-z0-9\-]*(?![a-z0-9\-]*:\s)/# }

    /// The flag words of one source text, as `file:line: text`, comments and allowed lines left out.
    static func flagWords(in text: String, file: String) -> [String] {
        var found: [String] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let code = line.drop { $0 == " " }
            if code.hasPrefix("//") { continue }
            if Self.allowed.contains(where: { $0.file == file && line.contains($0.fragment) }) { continue }
            if line.replacing("var(--", with: "var(").contains(Self.flagWord) {
                found.append("\(file):\(index + 1): \(code)")
            }
        }
        return found
    }

    /// The checker itself: a message with a flag is found, comments and CSS variables are not.
    @Test func checkerFindsFlagWordsOnly() {
        let text = """
            /// Give `--delimiter` for this.
            // --key is checked later.
            let css = "color: var(--muted); --ink: #1d2330;"
            throw fail("--threads must be a whole number.")
            let note = "not checked (--no-duplicates)"
            """
        #expect(
            Self.flagWords(in: text, file: "Example.swift") == [
                #"Example.swift:4: throw fail("--threads must be a whole number.")"#,
                #"Example.swift:5: let note = "not checked (--no-duplicates)""#
            ])
    }

    @Test func librarySourcesHaveNoFlagWords() throws {
        let folder = vocabularyRepositoryRoot.appendingPathComponent("Sources/DataQuality")
        let files = try #require(FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil))
        var found: [String] = []
        var checked = 0
        for case let url as URL in files where url.pathExtension == "swift" {
            found += Self.flagWords(in: try String(contentsOf: url, encoding: .utf8), file: url.lastPathComponent)
            checked += 1
        }
        #expect(checked > 50)
        #expect(found == [])
    }
}
