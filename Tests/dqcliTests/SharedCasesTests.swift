import Foundation
import Testing

/// Every folder of Fixtures/cases (the cases whose values schema_version 2 left as they were) and Fixtures/cases-v2
/// (the schema_version 2 cases), copies of ../shared/cases and ../shared/cases-v2, run as the shared check.py runs
/// it, matched by its rules. A case is named by its path under
/// Fixtures (`cases/08-ragged-rows`).
@Suite struct SharedCasesTests {
    static let caseNames: [String] = ["cases", "cases-v2"].flatMap { collection in
        let folder = fixtureURL("Fixtures/\(collection)")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter {
            FileManager.default.fileExists(atPath: folder.appendingPathComponent("\($0)/expected.json").path)
        }.sorted().map { "\(collection)/\($0)" }
    }

    @Test func casesArePresent() {
        // The copies of ../shared/cases (26) and ../shared/cases-v2 (13), every case of both.
        #expect(Self.caseNames.filter { $0.hasPrefix("cases/") }.count == 26)
        #expect(Self.caseNames.filter { $0.hasPrefix("cases-v2/") }.count == 13)
        #expect(Self.caseNames.contains("cases-v2/48-gzip-compressed"))
        #expect(Self.caseNames.contains("cases-v2/62-zip-archive"))
    }

    @Test(arguments: caseNames)
    func sharedCase(_ name: String) throws {
        let folder = fixtureURL("Fixtures/\(name)")
        let spec = try JSONParser.parse(try Data(contentsOf: folder.appendingPathComponent("expected.json")))
        let inputs = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix("input") }
        try #require(inputs.count == 1, "expected one input* file, found \(inputs)")
        let extra = (spec["args"]?.arrayValue ?? []).compactMap(\.stringValue)
        let result = try runDQCLI(
            ["profile", folder.appendingPathComponent(inputs[0]).path, "--format", "json"] + extra)

        let wantedExits: [Int] =
            switch spec["exit"] ?? .int(0) {
            case .int(let code): [code]
            case .array(let codes): codes.compactMap { $0.number.map { Int($0) } }
            default: [0]
            }
        #expect(
            wantedExits.contains(Int(result.status)),
            "\(name): exit \(result.status), expected \(wantedExits); stderr: \(result.stderrText.prefix(300))")

        let stderr = result.stderrText.lowercased()
        for needle in (spec["stderr_contains"]?.arrayValue ?? []).compactMap(\.stringValue) {
            #expect(stderr.contains(needle.lowercased()), "\(name): stderr lacks '\(needle)': \(result.stderrText)")
        }

        guard case .object(let expectations) = spec["expect"] ?? .object([:]), !expectations.isEmpty else { return }
        let report: JSON
        do {
            report = try JSONParser.parse(result.stdout)
        } catch {
            Issue.record("\(name): stdout is not JSON: \(error)")
            return
        }
        for path in expectations.keys.sorted() {
            let want = expectations[path]!
            switch walk(report, path) {
            case .failure(let error):
                Issue.record("\(name): \(path): \(error)")
            case .success(let got):
                #expect(expectationMatches(got: got, want: want), "\(name): \(path): got \(got), expected \(want)")
            }
        }
    }
}
