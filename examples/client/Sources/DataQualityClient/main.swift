// Reads a report that `dqcli profile --format json` wrote, then profiles two parts of a file into partial
// profiles, passes each through its state line (as a program receiving states from elsewhere would), merges
// their states into one state and builds one report from it. Prints each report's grade letter.
//
// Usage: DataQualityClient REPORT.json
import DataQuality
import Foundation

guard CommandLine.arguments.count == 2 else {
    FileHandle.standardError.write(Data("usage: DataQualityClient REPORT.json\n".utf8))
    exit(64)  // EX_USAGE
}
let path = CommandLine.arguments[1]
let report = try JSONDecoder().decode(Report.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
print("\(URL(fileURLWithPath: report.source.path).lastPathComponent): \(report.rows) rows, grade \(report.grade)")

let header = "id,name,active\n"
let parts = [header + "1,Ann,true\n2,,false\n", header + "3,Bob,true\n3,Bob,true\n"]
let states = try parts.enumerated().map { index, text in
    let partial = try Profiler().partialProfile(bytes: Array(text.utf8), sourceName: "part-\(index + 1).csv")
    return try PartialProfile(decoding: partial.encoded, name: "part-\(index + 1).state")
}
// State + state -> state (merging is closed), then one report from the merged state.
let mergedState = try states[0].state(rules: nil).merged(with: try states[1].state(rules: nil))
let merged = try ReportBuilder.report(
    from: mergedState, policy: ScoringPolicy(), source: try PartialProfile.merge(states).source)
print("merged: \(merged.rows) rows, \(merged.duplicateRows ?? 0) duplicate, grade \(merged.grade)")
