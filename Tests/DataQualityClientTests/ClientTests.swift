import DataQuality
import Foundation
import Testing

// A client's view of the library: only the public API (no @testable).
//
// The sample, counted by hand:
//
//   line 1  id,name,active      15 bytes (offset 0)
//   line 2  1,Ann,true          11 bytes (offset 15)
//   line 3  2,,false             9 bytes (offset 26)   name is null
//   line 4  3,Bob,true          11 bytes (offset 35)
//   line 5  3,Bob,true          11 bytes (offset 46)   duplicate of line 4
//
// rows 4; id integer, active boolean (true/false), name string with 1 null first on line 3;
// duplicate_rows 1 (line 5, byte 46); 11 of 12 cells conform, uniqueness 1 - 1/4: overall 0.6875, grade F.
private let sampleText = "id,name,active\n1,Ann,true\n2,,false\n3,Bob,true\n3,Bob,true\n"
private let sampleBytes = Array(sampleText.utf8)
private let sampleRows = [["1", "Ann", "true"], ["2", "", "false"], ["3", "Bob", "true"], ["3", "Bob", "true"]]

/// Checks the hand-counted values of the sample; `lineShift` is 0 with a header line, -1 without.
private func checkSample(_ report: Report, names: [String], lineShift: Int = 0, byteOffsets: Bool = true) {
    #expect(report.rows == 4)
    #expect(report.columns.map(\.name) == names)
    #expect(report.duplicateRows == 1)
    #expect(report.columns[0].type == .integer)
    #expect(report.columns[1].type == .string)
    #expect(report.columns[2].type == .boolean)
    #expect(report.columns[2].format == "true/false")
    #expect(report.columns.map(\.nulls) == [0, 1, 0])
    #expect(report.columns.map(\.count) == [4, 4, 4])
    #expect(report.columns[0].min == .integer(1))
    #expect(report.columns[0].max == .integer(3))
    #expect(report.columns[1].distinct == 2)
    let null = report.columns[1].findings.first { $0.kind == .null }
    #expect(null?.count == 1)
    #expect(null?.firstLine == 3 + lineShift)
    let duplicate = report.findings.first { $0.kind == .duplicateRow }
    #expect(duplicate?.count == 1)
    #expect(duplicate?.firstLine == 5 + lineShift)
    #expect(duplicate?.byteOffset == (byteOffsets ? 46 : nil))
    #expect(abs(report.scores.completeness - 11.0 / 12.0) < 1e-12)
    #expect(report.scores.uniqueness.map { abs($0 - 0.75) < 1e-12 } == true)
    #expect(abs(report.scores.overall - 0.6875) < 1e-12)
    #expect(report.grade == .f)
}

@Suite struct ClientTests {
    /// A caller names the encoding (README's Swift example): `name` and `Liège` in windows-1252, E8 being è.
    @Test func encodingNamedByTheCaller() throws {
        var options = ProfileOptions()
        options.encoding = try TextEncoding(name: "cp1252")
        let driver = try ByteStreamDriver(options: options, sourceName: "upload")
        try driver.feed([0x6E, 0x61, 0x6D, 0x65, 0x0A, 0x4C, 0x69, 0xE8, 0x67, 0x65, 0x0A])
        let report = try driver.finish()
        #expect(report.source.encoding == "windows-1252")
        #expect(report.columns[0].max == .text("Liège"))
        #expect(throws: ProfileError(.unknownEncoding(name: "utf-16"))) { try TextEncoding(name: "utf-16") }
    }

    @Test func fileAtPath() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("dq-client-\(UUID().uuidString).csv")
        try Data(sampleBytes).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let report = try Profiler().profile(fileAt: url.path)
        checkSample(report, names: ["id", "name", "active"])
        #expect(report.source.path == url.path)
        #expect(report.source.bytes == sampleBytes.count)
        #expect(report.source.delimiter == UInt8(ascii: ","))
        #expect(report.source.encoding == "utf-8")
    }

    @Test func fixtureFileGradeAtThreshold() throws {
        // Fixtures/crafted/grades.csv: 5 rows, 9 of 10 cells conform, 0.9 is exactly C (EXPECTED.md).
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let report = try Profiler().profile(fileAt: root.appendingPathComponent("Fixtures/crafted/grades.csv").path)
        #expect(report.rows == 5)
        #expect(report.grade == .c)
    }

    @Test func byteArray() throws {
        let report = try Profiler().profile(bytes: sampleBytes, sourceName: "sample.csv")
        checkSample(report, names: ["id", "name", "active"])
        #expect(report.source.path == "sample.csv")
    }

    @Test(arguments: [[1], [5, 20], [15, 11, 9], [3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3]])
    func byteStreamInPieces(_ cuts: [Int]) throws {
        let stream = try ByteStreamDriver(options: ProfileOptions(), sourceName: "pieces")
        var start = 0
        for cut in cuts where start < sampleBytes.count {
            let end = min(start + cut, sampleBytes.count)
            try stream.feed(Array(sampleBytes[start..<end]))
            start = end
        }
        if start < sampleBytes.count { try stream.feed(Array(sampleBytes[start...])) }
        checkSample(try stream.finish(), names: ["id", "name", "active"])
    }

    @Test func rowsWithColumnNames() throws {
        let report = try Profiler().profile(rows: sampleRows, columnNames: ["id", "name", "active"])
        checkSample(report, names: ["id", "name", "active"], byteOffsets: false)
    }

    @Test func rowsWithoutColumnNames() throws {
        let report = try Profiler().profile(rows: sampleRows, columnNames: nil)
        checkSample(report, names: ["column_1", "column_2", "column_3"], lineShift: -1, byteOffsets: false)
    }

    @Test func cleanDataGradesA() throws {
        let report = try Profiler().profile(bytes: Array("a,b\n1,x\n2,y\n".utf8))
        #expect(report.rows == 2)
        #expect(report.grade == .a)
        #expect(report.findings.isEmpty)
        #expect(report.columns.map(\.type) == [.integer, .string])
    }

    @Test func optionsShapeTheReport() throws {
        var options = ProfileOptions()
        options.nullValues = [""]
        options.delimiter = UInt8(ascii: ";")
        options.keys = ["k"]
        // k: 1, 1, NA (not null now): 3 non-null, 2 distinct.
        let report = try Profiler(options: options).profile(bytes: Array("k;v\n1;a\n1;b\nNA;c\n".utf8))
        #expect(report.source.delimiter == UInt8(ascii: ";"))
        #expect(report.options.nullValues == [""])
        #expect(report.options.keys == ["k"])
        #expect(report.columns[0].nulls == 0)
        #expect(report.columns[0].distinct == 2)
        let repeated = report.columns[0].findings.first { $0.kind == .duplicateValue }
        #expect(repeated?.count == 1)
        #expect(repeated?.firstLine == 3)
    }

    // MARK: errors

    @Test func missingFileCannotBeRead() throws {
        let path = "/nonexistent-\(UUID().uuidString)/x.csv"
        let error = #expect(throws: ProfileError.self) { try Profiler().profile(fileAt: path) }
        #expect(error?.code == .cannotRead)
        #expect(error?.description.contains(path) == true)
    }

    @Test func unknownKeyColumn() throws {
        var options = ProfileOptions()
        options.keys = ["nope"]
        let error = #expect(throws: ProfileError.self) {
            try Profiler(options: options).profile(bytes: sampleBytes)
        }
        #expect(error?.code == .unknownKeyColumn)
    }

    /// The rows entry point with an unknown key must throw `unknownKeyColumn`. Run in a child process (an
    /// exit test) because a trap there would end the whole test run.
    @Test func unknownKeyColumnForRows() async {
        await #expect(processExitsWith: .success) {
            var options = ProfileOptions()
            options.keys = ["nope"]
            do {
                _ = try Profiler(options: options).profile(rows: [["1", "a"], ["2", "b"]], columnNames: ["id", "name"])
                exit(3)  // no error thrown
            } catch let error as ProfileError {
                if error.code != .unknownKeyColumn { exit(4) }
            } catch {
                exit(5)
            }
        }
    }

    @Test func strictRaggedRecord() throws {
        var options = ProfileOptions()
        options.strict = true
        // `a,b,c\n1,2,3\n` is 12 bytes; the 2-field record starts line 3 at byte 12.
        let error = #expect(throws: ProfileError.self) {
            try Profiler(options: options).profile(bytes: Array("a,b,c\n1,2,3\n4,5\n6,7,8\n".utf8))
        }
        #expect(error?.code == .raggedRecord)
        #expect(error?.line == 3)
        #expect(error?.byteOffset == 12)
    }

    @Test func strictRaggedRow() throws {
        var options = ProfileOptions()
        options.strict = true
        // Row index 1 is reported as line 3 (a header stands on line 1); rows have no byte offsets.
        let error = #expect(throws: ProfileError.self) {
            try Profiler(options: options).profile(rows: [["1", "2"], ["3"], ["4", "5"]], columnNames: ["a", "b"])
        }
        #expect(error?.code == .raggedRecord)
        #expect(error?.line == 3)
        #expect(error?.byteOffset == nil)
    }

    @Test func strictMalformedRecord() throws {
        var options = ProfileOptions()
        options.strict = true
        // `id,name\n` is 8 bytes; the stray quote in `1,ab"c` is byte 8 + 4 = 12, line 2.
        let error = #expect(throws: ProfileError.self) {
            try Profiler(options: options).profile(bytes: Array("id,name\n1,ab\"c\n2,d\n".utf8))
        }
        #expect(error?.code == .malformedRecord)
        #expect(error?.line == 2)
        #expect(error?.byteOffset == 12)
    }

    @Test func invalidOptions() throws {
        var options = ProfileOptions()
        options.exactDistinctLimit = 0
        let error = #expect(throws: ProfileError.self) { try Profiler(options: options).profile(bytes: sampleBytes) }
        #expect(error?.code == .invalidOption)
    }

    // MARK: concurrency

    @Test func reportCrossesTasks() async throws {
        let bytes = sampleBytes
        let report: Report = try await Task.detached { try Profiler().profile(bytes: bytes) }.value
        checkSample(report, names: ["id", "name", "active"])
        let reports = try await withThrowingTaskGroup(of: Report.self) { group in
            for _ in 0..<4 { group.addTask { try Profiler().profile(bytes: bytes) } }
            var all: [Report] = []
            for try await report in group { all.append(report) }
            return all
        }
        #expect(reports.count == 4)
        #expect(reports.allSatisfy { $0 == report })
    }

    // MARK: progress, failing rows, redaction

    /// The README's Swift example: a progress closure, the failing rows and a redacted report.
    @Test func progressFailingRowsAndRedaction() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("client-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("sample.csv")
        try Data(sampleBytes).write(to: input)
        let invalid = folder.appendingPathComponent("sample.invalid.csv")

        final class Last: @unchecked Sendable {
            let lock = NSLock()
            var progress: ProfileProgress?
        }
        let last = Last()
        let check = QualityCheck(options: ProfileOptions(), rules: nil, historyPath: nil, datasetName: nil, now: 0)
        let outcome = try check.run(
            .file(
                path: input.path, progress: { progress in last.lock.withLock { last.progress = progress } },
                invalidRows: InvalidRowsRequest(path: invalid.path, includesNulls: true))
        ) { _ in }
        let report = outcome.report
        // Pass 2 ends last: the 4 data records (the header not counted) of the 57-byte sample (line 5 ends at
        // 46 + 11).
        #expect(
            last.progress
                == ProfileProgress(
                    pass: 2, bytesRead: 57, totalBytes: 57, rows: 4, elapsedSeconds: last.progress?.elapsedSeconds ?? 0,
                    isFinished: true))
        // Only line 3 fails, for its null name.
        #expect(outcome.checked.invalidRows == 1)
        #expect(outcome.checked.invalidRowsIncludeNulls)
        #expect(
            try String(contentsOf: invalid, encoding: .utf8)
                == "line,reasons,id,name,active\r\n3,name: null,2,,false\r\n")

        let redacted = report.redacted()
        #expect(redacted.options.redacted)
        #expect(redacted.columns[1].topValues.map(\.value) == ["Aaa", "Aaa"])
        #expect(ValueShape.of("Ann 42") == "Aaa 99")
        #expect(ProgressLine.text(for: last.progress!).hasPrefix("failing rows: 57 B of 57 B (100%), 4 rows"))
    }
}

/// The governance API as README.md shows it, on the hand-counted sample: `name` must not be null (1 of 4 is)
/// and `id` must lie in 1...2 (two rows hold 3), so the id rule takes 2 of its 4 conforming values.
@Suite struct GovernanceClientTests {
    @Test func rulesHistoryAndDriftThroughThePublicAPI() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dq-client-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let data = folder.appendingPathComponent("orders.csv").path
        try sampleText.write(toFile: data, atomically: true, encoding: .utf8)
        let rulesPath = folder.appendingPathComponent("dq.yml").path
        try "columns:\n  id: {range: {min: 1, max: 2}}\n  name: {nullable: false}\n"
            .write(toFile: rulesPath, atomically: true, encoding: .utf8)

        let rules = try RuleFileParser().parse(fileAt: rulesPath)
        var governed = ProfileOptions()
        governed.rules = rules
        let checked = try Profiler(options: governed).profile(fileAt: data)
        let results = RuleEvaluator(rules: rules).evaluate(checked, now: 1_764_381_600)
        #expect(results.filter { !$0.passed }.map(\.rule) == ["range", "max_null_fraction"])
        #expect(checked.columns[0].conforming == 2)
        #expect(checked.columns[0].scores.consistency == 0.5)
        // 9 of 12 cells conform now, uniqueness 3/4.
        #expect(checked.scores.overall == 9.0 / 12.0 * 0.75)

        let history = try HistoryStore(path: folder.appendingPathComponent("history.db").path)
        let first = try history.record(
            RunMetrics(report: checked, rules: results, dataset: "orders", runTime: 1_764_381_600), rules: results,
            limits: rules.drift)
        #expect(first.drift.isEmpty)
        #expect(first.run.rulesFailed == 2)
        let plain = try Profiler().profile(fileAt: data)
        let second = try history.record(
            RunMetrics(report: plain, dataset: "orders", runTime: 1_764_468_000), rules: nil, limits: rules.drift)
        // Without the rule, id consistency rises from 0.5 to 1 (beyond 0.05); grades only rise, so no grade drop.
        #expect(second.drift.map(\.kind) == [.consistencyChange])
        let trend = HistoryTrend(runs: try history.runs(dataset: "orders"))
        #expect(trend.entries.map(\.run.rulesFailed) == [2, 0])
    }
}

/// Row hashes and partition mode through the public API, as an engine's driver written in Swift uses them.
@Suite struct PartitionClientTests {
    @Test func rowHashOfTwoFieldsIsTheDocumentedOne() {
        // docs/row-hash.md's worked example, from xxhsum -H2 over 01 00.. 61 01 00.. 62.
        #expect(RowHash(fields: [Array("a".utf8), Array("b".utf8)]).hexDigits == "4e8071d3974d16754bcb794c7d699bd6")
        #expect(RowHash.blankLine.hexDigits == "99aa06d3014798d86001c324468d497f")
        #expect(RowHash(hexDigits: Array("4E8071D3974D16754BCB794C7D699BD6".utf8))?.low == 0x4bcb_794c_7d69_9bd6)
        #expect(RowHash(hexDigits: Array("4e80".utf8)) == nil)
    }

    @Test func rowHasherLinesReadBackInPartitionModeGiveTheSameCounts() throws {
        let csv = Array("id,name\n1,\"ann\"\n2,bob\n1,ann\n\n3,\"cy\nd\"\n".utf8)
        var text: [UInt8] = []
        let hasher = try RowHasher(options: ProfileOptions(), sourceName: "people.csv") { text.append(contentsOf: $0) }
        try csv.withUnsafeBytes { try hasher.feed($0) }
        try hasher.finish()
        #expect(
            String(decoding: text, as: UTF8.self).split(separator: "\n").map { $0.split(separator: "\t")[2] } == [
                "2", "3", "4", "5", "6"
            ])

        let part = try PartitionDriver(
            options: ProfileOptions(), sourceName: "part-0", columnNames: .headerLine("id,name"))
        try part.feed(text)
        let report = try part.finish()
        #expect(report.rows == 4)
        #expect(report.blankLines == 1)
        #expect(report.duplicateRows == 1)
        let duplicate = report.findings.first { $0.kind == .duplicateRow }
        #expect(duplicate?.firstLine == 4)
        #expect(duplicate?.sourceFile == "people.csv")
        #expect(duplicate?.byteOffset == nil)
    }
}
