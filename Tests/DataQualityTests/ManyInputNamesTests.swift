import Testing

@testable import DataQuality

/// The names a run of many inputs gives each file: its report's in the output folder, its dataset's in the
/// history.
@Suite struct ManyInputNamesTests {
    /// A compression suffix comes off, then the extension, in any case; a leading dot starts no extension.
    @Test(arguments: [
        ("exports/orders.csv.gz", "json", "orders.json"), ("orders.CSV.ZST", "md", "orders.md"),
        ("orders.csv", "html", "orders.html"), ("orders", "json", "orders.json"),
        ("backup/archive.tar.gz", "txt", "archive.txt"), ("-", "json", "stdin.json"),
        (".hidden.csv", "json", ".hidden.json"), (".gz", "json", ".gz.json"),
        ("with space.v2.tsv", "json", "with space.v2.json"), ("star[1].csv", "json", "star[1].json"),
        ("orders.gz", "json", "orders.json")
    ])
    func reportName(path: String, fileExtension: String, expected: String) {
        #expect(ReportFileNames.name(forInput: path, fileExtension: fileExtension) == expected)
    }

    /// Distinct names come back in order; two inputs with one name, or an input with the summary's, are an
    /// error naming both.
    @Test func reportNamesCollide() throws {
        #expect(
            try ReportFileNames.names(forInputs: ["a/orders.csv", "a/orders-eu.csv.gz", "-"], fileExtension: "json")
                == ["orders.json", "orders-eu.json", "stdin.json"])
        let cases: [([String], String, String)] = [
            (
                ["a/orders.csv", "b/items.csv", "b/orders.csv.gz"], "json",
                "a/orders.csv and b/orders.csv.gz would both write their report to orders.json."
            ),
            (
                ["x/SUMMARY.psv", "x/summary.csv"], "md",
                "x/summary.csv would write its report to summary.md, the summary's name."
            )
        ]
        for (paths, fileExtension, message) in cases {
            #expect(throws: ReportNameCollision.self) {
                try ReportFileNames.names(forInputs: paths, fileExtension: fileExtension)
            }
            do {
                _ = try ReportFileNames.names(forInputs: paths, fileExtension: fileExtension)
            } catch {
                #expect(error.description == message)
            }
        }
    }

    /// The dataset of a file among many: its name without compression suffix, extension and a trailing date
    /// stamp after `-`, `_` or `.`; nothing else of the name changes.
    @Test(arguments: [
        ("exports/orders-2026-11-29.csv.gz", "orders"), ("exports/orders-2026-11-30.csv.gz", "orders"),
        ("orders_20261129.csv", "orders"), ("orders.2026-11-29.csv", "orders"),
        ("daily.orders_2026.11.29.TSV.ZST", "daily.orders"), ("orders-2026_11_29.psv", "orders"),
        ("orders2026-11-29.csv", "orders2026-11-29"), ("orders-2026-13-29.csv", "orders-2026-13-29"),
        ("orders-202611290.csv", "orders-202611290"), ("orders-2026-11-29-eu.csv", "orders-2026-11-29-eu"),
        ("2026-11-29.csv", "2026-11-29"), ("orders-2026-1129.csv", "orders-2026-1129"),
        ("sales 2026-11-29.csv", "sales 2026-11-29"), ("-", "stdin"), ("orders.csv", "orders"),
        ("part-00000.csv", "part-00000"), ("orders-2026112.csv", "orders-2026112"),
        ("x1y2z3-20261129.csv", "x1y2z3")
    ])
    func undatedDataset(path: String, expected: String) {
        #expect(QualityCheck.undatedDataset(forPath: path) == expected)
    }

    /// Today's name of a single file keeps its date and its `.csv` before `.gz`.
    @Test func singleFileNameUnchanged() {
        #expect(RuleSuggester.datasetName(forPath: "exports/orders-2026-11-29.csv.gz") == "orders-2026-11-29.csv")
    }
}
