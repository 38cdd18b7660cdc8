import Foundation
import Testing

/// A fresh empty folder under the system's temporary folder, removed by the caller.
private func scratchFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("dqcli-invalid-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// Reads RFC 4180 CSV (`,` and `"`, CRLF or LF record ends) into records of byte fields: the reader of the
/// tests, independent of the library's libcsv bridge.
func readRFC4180(_ bytes: [UInt8]) -> [[[UInt8]]] {
    var records: [[[UInt8]]] = []
    var record: [[UInt8]] = []
    var field: [UInt8] = []
    var index = 0
    var inQuotes = false
    var fieldStarted = false
    while index < bytes.count {
        let byte = bytes[index]
        if inQuotes {
            if byte == 0x22 {
                if index + 1 < bytes.count && bytes[index + 1] == 0x22 {
                    field.append(0x22)
                    index += 1
                } else {
                    inQuotes = false
                }
            } else {
                field.append(byte)
            }
        } else if byte == 0x22 && field.isEmpty {
            inQuotes = true
            fieldStarted = true
        } else if byte == 0x2C {
            record.append(field)
            field = []
            fieldStarted = false
        } else if byte == 0x0D || byte == 0x0A {
            if byte == 0x0D && index + 1 < bytes.count && bytes[index + 1] == 0x0A { index += 1 }
            record.append(field)
            records.append(record)
            record = []
            field = []
            fieldStarted = false
        } else {
            field.append(byte)
            fieldStarted = true
        }
        index += 1
    }
    if fieldStarted || !field.isEmpty || !record.isEmpty {
        record.append(field)
        records.append(record)
    }
    return records
}

private func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

@Suite struct InvalidRowsTests {
    static let crafted = "Fixtures/crafted/invalid-rows.csv"

    /// Counted by hand from Fixtures/crafted/invalid-rows.csv (see Fixtures/README.md): line 3 `abc` in the
    /// decimal `amount`; 4 ` Cid` padded; 5 `01/04/2021` among ISO dates; 6 `ann` (`Ann` occurs twice, on
    /// lines 2 and 17, so `ann` is its case variant) and `TRUE` among lower-case booleans; line 8 is blank; 9 has 3 fields; 10 has `x` after a closing quote (its field reads `Gusx`);
    /// 12 `maybe` is no boolean (and `@cmd` is neutralised); 13-14 one record, `x5` in `amount`.
    static let expectedRows =
        "line,reasons,id,name,amount,day,flag\r\n"
        + "3,amount: type_mismatch,2,Bob,abc,2021-01-02,true\r\n"
        + "4,name: whitespace,3, Cid,7,2021-01-03,false\r\n"
        + "5,day: mixed_formats,4,Dan,8.25,01/04/2021,true\r\n"
        + "6,name: case_variant; flag: mixed_formats,5,ann,9.5,2021-01-05,TRUE\r\n"
        + "9,\"ragged: 3 fields, the header has 5\",7,Fay,11\r\n"
        + "10,malformed: bytes after a closing quote,8,Gusx,12,2021-01-08,true\r\n"
        + "12,flag: type_mismatch,10,\"'@cmd\",4,2021-01-10,maybe\r\n"
        + "13,amount: type_mismatch,11,\"Ivy\nJo\",x5,2021-01-11,true\r\n"

    @Test func craftedFixtureListsTheHandCountedRows() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let target = folder.appendingPathComponent("invalid.csv")
        let result = try runDQCLI(["profile", Self.crafted, "--format", "json", "--invalid-rows", target.path])
        #expect(result.status == 0, "stderr: \(result.stderrText)")
        let report = try JSONParser.parse(result.stdout)
        #expect(report["invalid_rows"] == .int(8))
        #expect(report["options"]?["invalid_rows_include_nulls"] == .bool(false))
        #expect(try String(contentsOf: target, encoding: .utf8) == Self.expectedRows)
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(names == ["invalid.csv"], "left behind: \(names)")
    }

    @Test func nullsAddTheRecordsHoldingNulls() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let target = folder.appendingPathComponent("invalid.csv")
        let result = try runDQCLI([
            "profile", Self.crafted, "--format", "json", "--invalid-rows", target.path, "--invalid-rows-nulls"
        ])
        #expect(result.status == 0, "stderr: \(result.stderrText)")
        let report = try JSONParser.parse(result.stdout)
        #expect(report["invalid_rows"] == .int(10))
        #expect(report["options"]?["invalid_rows_include_nulls"] == .bool(true))
        let records = readRFC4180(Array(try Data(contentsOf: target)))
        #expect(records.dropFirst().map { text($0[0]) } == ["3", "4", "5", "6", "7", "9", "10", "12", "13", "15"])
        // Line 7: the empty amount; line 15: NA in day, `+Kim` neutralised, `-7` a number left alone.
        #expect(records[5].map(text) == ["7", "amount: null", "6", "Eve", "", "2021-01-06", "true"])
        #expect(records[10].map(text) == ["15", "day: null", "12", "'+Kim", "-7", "NA", "true"])
    }

    @Test func standardInputIsSpooledAndTheCopyRemoved() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let spoolFolder = folder.appendingPathComponent("tmp")
        try FileManager.default.createDirectory(at: spoolFolder, withIntermediateDirectories: true)
        let target = folder.appendingPathComponent("invalid.csv")
        var environment = ProcessInfo.processInfo.environment
        environment["TMPDIR"] = spoolFolder.path
        let result = try runDQCLI(
            ["profile", "-", "--format", "json", "--invalid-rows", target.path],
            stdin: try Data(contentsOf: fixtureURL(Self.crafted)), environment: environment)
        #expect(result.status == 0, "stderr: \(result.stderrText)")
        #expect(try JSONParser.parse(result.stdout)["invalid_rows"] == .int(8))
        #expect(try String(contentsOf: target, encoding: .utf8) == Self.expectedRows)
        #expect(try FileManager.default.contentsOfDirectory(atPath: spoolFolder.path).isEmpty)
    }

    @Test func unwritableTargetExits73AndLeavesNothing() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let target = folder.appendingPathComponent("missing/invalid.csv")
        let result = try runDQCLI(["profile", Self.crafted, "--invalid-rows", target.path])
        #expect(result.status == 73)
        #expect(
            result.stderrText
                == "dqcli: \(target.path): cannot write the failing rows (creating a temporary file beside it): No such file or directory.\n"
        )
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }

    @Test(arguments: [
        ["--invalid-rows-nulls"],
        ["--invalid-rows", "/tmp/never-written.csv", "--redact"]
    ])
    func inconsistentFlagsAreUsageErrors(_ flags: [String]) throws {
        let result = try runDQCLI(["profile", Self.crafted] + flags)
        #expect(result.status == 64, "stderr: \(result.stderrText)")
        #expect(!FileManager.default.fileExists(atPath: "/tmp/never-written.csv"))
    }

    @Test func theInputIsNeverReplacedByItsFailingRows() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("data.csv")
        let original = try Data(contentsOf: fixtureURL(Self.crafted))
        try original.write(to: input)
        let sameName = try runDQCLI(["profile", input.path, "--invalid-rows", input.path])
        #expect(sameName.status == 64, "stderr: \(sameName.stderrText)")
        #expect(sameName.stderrText.contains("input file"))
        // Another spelling of the same file.
        #expect(try runDQCLI(["profile", input.path, "--invalid-rows", folder.path + "/./data.csv"]).status == 64)
        #expect(try Data(contentsOf: input) == original)
        let sameAsReport = try runDQCLI([
            "profile", input.path, "--invalid-rows", folder.appendingPathComponent("x.csv").path, "--output",
            folder.appendingPathComponent("x.csv").path
        ])
        #expect(sameAsReport.status == 64)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["data.csv"])
    }

    /// `Fixtures/generated/orders-20000-seed5.csv.gz` is `gen_csv.py --rows 20000 --seed 5` (the shared
    /// benchmark generator); `invalid-rows-truth.json` holds the per-record verdicts that
    /// `scripts/invalid-rows-truth.py` derived from the reference oracle's report of it.
    @Test func generatedFileAgreesWithTheOracleVerdicts() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("orders.csv")
        let gunzip = Process()
        gunzip.executableURL = URL(fileURLWithPath: "/bin/sh")
        gunzip.arguments = [
            "-c", "gzip -dc \"$0\" > \"$1\"", fixtureURL("Fixtures/generated/orders-20000-seed5.csv.gz").path,
            input.path
        ]
        try gunzip.run()
        gunzip.waitUntilExit()
        #expect(gunzip.terminationStatus == 0)
        let truth = try JSONParser.parse(try Data(contentsOf: fixtureURL("Fixtures/generated/invalid-rows-truth.json")))

        let target = folder.appendingPathComponent("invalid.csv")
        let result = try runDQCLI(["profile", input.path, "--format", "json", "--invalid-rows", target.path])
        #expect(result.status <= 1, "stderr: \(result.stderrText)")
        #expect(try JSONParser.parse(result.stdout)["invalid_rows"] == truth["invalid_rows"])
        let lines = readRFC4180(Array(try Data(contentsOf: target))).dropFirst().map { Int(text($0[0])) ?? -1 }
        #expect(lines == truth["lines"]?.arrayValue?.compactMap { $0.number.map { Int($0) } })

        let withNulls = try runDQCLI([
            "profile", input.path, "--format", "json", "--invalid-rows", target.path, "--invalid-rows-nulls"
        ])
        #expect(try JSONParser.parse(withNulls.stdout)["invalid_rows"] == truth["invalid_rows_with_nulls"])
    }

    /// For every fixture the oracle reports on, the failing rows agree with the report's own counts: the
    /// ragged and malformed records, and per column the values named in the reasons equal the non-null
    /// values minus the conforming ones (and the nulls), so the second pass judges as the first counted.
    @Test(arguments: OracleAgreementTests.entries.filter { $0.exit == 0 })
    func failingRowsAgreeWithTheConformingCounts(_ entry: ManifestEntry) throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let target = folder.appendingPathComponent("invalid.csv")
        let result = try runDQCLI(
            ["profile", entry.input, "--format", "json", "--invalid-rows", target.path, "--invalid-rows-nulls"]
                + entry.args)
        #expect(result.status <= 1, "\(entry.name): stderr: \(result.stderrText)")
        let report = try JSONParser.parse(result.stdout)
        let records = readRFC4180(Array(try Data(contentsOf: target)))
        #expect(records.first.map { Array($0.prefix(2)).map(text) } == ["line", "reasons"])
        let rows = records.dropFirst()
        #expect(report["invalid_rows"] == .int(rows.count), "\(entry.name)")

        let reasons = rows.map { text($0[1]).components(separatedBy: "; ") }
        let ragged = reasons.filter { $0.first?.hasPrefix("ragged: ") == true }.count
        let malformed = reasons.filter { $0.first?.hasPrefix("malformed: ") == true }.count
        #expect(report["ragged_rows"] == .int(ragged), "\(entry.name)")
        let malformedRows = Int(report["malformed_rows"]?.number ?? -1)
        // A malformed header counts in malformed_rows but is no data record.
        #expect(malformedRows - malformed == 0 || malformedRows - malformed == 1, "\(entry.name)")
        let wellFormed = Int(report["rows"]?.number ?? 0) - ragged - malformed

        guard let columns = report["columns"]?.arrayValue else { return }
        let names = columns.compactMap { $0["name"]?.stringValue }
        // Reasons name columns: the per-column check needs names that are unique and cannot be misread.
        if Set(names).count != names.count || names.contains(where: { $0.contains("; ") || $0.contains(": ") }) {
            return
        }
        var expectedFailing: [String: Int] = [:]
        var expectedNulls: [String: Int] = [:]
        for column in columns {
            let name = column["name"]?.stringValue ?? ""
            let nulls = Int(column["nulls"]?.number ?? 0)
            let conforming = Int(column["conforming"]?.number ?? 0)
            expectedFailing[name, default: 0] += wellFormed - nulls - conforming
            expectedNulls[name, default: 0] += nulls
        }
        var failing: [String: Int] = [:]
        var nulls: [String: Int] = [:]
        for list in reasons
        where !(list.first?.hasPrefix("ragged: ") == true || list.first?.hasPrefix("malformed: ") == true) {
            var failingNames = Set<String>()
            for reason in list {
                guard let separator = reason.range(of: ": ", options: .backwards) else { continue }
                let name = String(reason[..<separator.lowerBound])
                if reason[separator.upperBound...] == "null" {
                    nulls[name, default: 0] += 1
                } else {
                    failingNames.insert(name)
                }
            }
            for name in failingNames { failing[name, default: 0] += 1 }
        }
        for name in Set(names) {
            #expect(failing[name, default: 0] == expectedFailing[name], "\(entry.name): column \(name) failing values")
            #expect(nulls[name, default: 0] == expectedNulls[name], "\(entry.name): column \(name) nulls")
        }
    }
}
