import Foundation
import Testing

/// Issue 16, item 1: no command writes over a file it reads (the input, the rule file, the history database
/// and its companions) or over another file it writes. Paths are compared as files (device and inode, after
/// following symbolic links; a file not there yet by its folder and name), so other spellings are refused too.
@Suite struct WrittenPathTests {
    /// One refused command line, run in a folder holding `d.csv` and `v.csv` (a CSV with failing rows),
    /// `r.yml` (a rule file), `h.db` (a history database with one run), `a.state` (a state of `d.csv`), a folder
    /// `real` with a symbolic link `linked` to it, and `link.csv`, a link to `target.csv`, which is not there.
    struct Case: CustomTestStringConvertible, Sendable {
        var arguments: [String]
        var message: String
        var feedsInput = false
        var testDescription: String { arguments.joined(separator: " ") }
    }

    static let cases: [Case] = [
        Case(
            arguments: ["suggest", "v.csv", "--output", "v.csv"],
            message: "--output v.csv: that is the input file; choose another path."),
        Case(
            arguments: ["check", "d.csv", "--rules", "r.yml", "--output", "r.yml"],
            message: "--output r.yml: that is the rule file; choose another path."),
        Case(
            arguments: ["profile", "d.csv", "--history", "h.db", "--output", "h.db", "--format", "json"],
            message: "--output h.db: that is the history database; choose another path."),
        Case(
            arguments: ["profile", "d.csv", "--history", "h.db", "--invalid-rows", "h.db"],
            message: "--invalid-rows h.db: that is the history database; choose another path."),
        Case(
            arguments: ["check", "d.csv", "--rules", "r.yml", "--history", "h.db", "--output", "h.db-wal"],
            message:
                "--output h.db-wal: that is the history database's write-ahead log (--history h.db); choose another path."
        ),
        Case(
            arguments: ["profile", "d.csv", "--history", "./h.db", "--invalid-rows", "h.db-shm"],
            message:
                "--invalid-rows h.db-shm: that is the history database's shared-memory file (--history ./h.db); choose another path."
        ),
        Case(
            arguments: ["profile", "d.csv", "--output", "./x.csv", "--invalid-rows", "x.csv"],
            message: "--invalid-rows x.csv: that is the report file (--output ./x.csv); choose another path."),
        Case(
            arguments: ["profile", "d.csv", "--output", "linked/x.csv", "--invalid-rows", "real/x.csv"],
            message: "--invalid-rows real/x.csv: that is the report file (--output linked/x.csv); choose another path."),
        Case(
            arguments: ["profile", "d.csv", "--output", "link.csv", "--invalid-rows", "target.csv"],
            message: "--invalid-rows target.csv: that is the report file (--output link.csv); choose another path."),
        Case(
            arguments: ["profile", "d.csv", "--rules", "r.yml", "--state-out", "./r.yml"],
            message: "--state-out ./r.yml: that is the rule file (--rules r.yml); choose another path."),
        Case(
            arguments: ["profile", "d.csv", "--history", "d.csv"],
            message: "--history d.csv: that is the input file; choose another path."),
        Case(
            arguments: ["profile", "-", "--output", "d.csv"],
            message: "--output d.csv: that is the input file (standard input); choose another path.", feedsInput: true),
        Case(
            arguments: ["merge", "a.state", "--output", "./a.state"],
            message: "--output ./a.state: that is the input file (a.state); choose another path."),
        Case(
            arguments: ["merge", "a.state", "--rules", "r.yml", "--output", "r.yml"],
            message: "--output r.yml: that is the rule file; choose another path.")
    ]

    @Test(arguments: cases)
    func aWrittenPathThatIsAnotherFileOfTheRunIsRefused(_ refused: Case) throws {
        let folder = try Self.preparedFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let before = try Self.contents(of: folder)
        var result: RunResult
        if refused.feedsInput {
            // Standard input redirected from d.csv itself, as `dqcli profile - --output d.csv < d.csv` does.
            let input = try FileHandle(forReadingFrom: folder.appendingPathComponent("d.csv"))
            defer { try? input.close() }
            let errors = Pipe()
            let process = try launchDQCLI(
                refused.arguments, currentDirectory: folder, standardInput: input,
                standardOutput: FileHandle.nullDevice, standardError: errors)
            let stderr = errors.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            result = RunResult(status: process.terminationStatus, stdout: Data(), stderr: stderr)
        } else {
            result = try runDQCLI(refused.arguments, currentDirectory: folder)
        }
        #expect(result.status == 64, "stderr: \(result.stderrText)")
        #expect(result.stderrText.split(separator: "\n").first.map(String.init) == "Error: " + refused.message)
        #expect(try Self.contents(of: folder) == before, "a file of the folder changed")
    }

    /// Different files with the same name in different folders are not the same file.
    @Test func theSameNameInAnotherFolderIsWritten() throws {
        let folder = try Self.preparedFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try runDQCLI(
            ["profile", "d.csv", "--format", "json", "--output", "x.csv", "--invalid-rows", "real/x.csv"],
            currentDirectory: folder)
        #expect(result.status == 0, "stderr: \(result.stderrText)")
        let failingRows = try String(contentsOf: folder.appendingPathComponent("real/x.csv"), encoding: .utf8)
        #expect(failingRows.hasPrefix("line,reasons,id,name,amount,day,flag\r\n"))
        let report = try String(contentsOf: folder.appendingPathComponent("x.csv"), encoding: .utf8)
        #expect(report.hasPrefix("{\n  \"schema_version\": 2,"))
    }

    /// The folder every case runs in (see ``Case``).
    static func preparedFolder() throws -> URL {
        let fileManager = FileManager.default
        let folder = fileManager.temporaryDirectory.appendingPathComponent("dq-written-\(UUID().uuidString)")
        try fileManager.createDirectory(at: folder.appendingPathComponent("real"), withIntermediateDirectories: true)
        let data = try Data(contentsOf: fixtureURL("Fixtures/crafted/invalid-rows.csv"))
        try data.write(to: folder.appendingPathComponent("d.csv"))
        try data.write(to: folder.appendingPathComponent("v.csv"))
        try Data("dataset:\n  rows: {min: 1}\n".utf8).write(to: folder.appendingPathComponent("r.yml"))
        try fileManager.createSymbolicLink(
            atPath: folder.appendingPathComponent("linked").path, withDestinationPath: "real")
        try fileManager.createSymbolicLink(
            atPath: folder.appendingPathComponent("link.csv").path, withDestinationPath: "target.csv")
        let history = try runDQCLI(["profile", "d.csv", "--history", "h.db", "--quiet"], currentDirectory: folder)
        #expect(history.status == 0, "stderr: \(history.stderrText)")
        let state = try runDQCLI(["profile", "d.csv", "--state-out", "a.state"], currentDirectory: folder)
        #expect(state.status == 0, "stderr: \(state.stderrText)")
        return folder
    }

    /// Every entry under `folder`, by relative path: a file's bytes, or a link's destination.
    static func contents(of folder: URL) throws -> [String: Data] {
        let fileManager = FileManager.default
        var contents: [String: Data] = [:]
        for name in try fileManager.subpathsOfDirectory(atPath: folder.path) {
            let path = folder.appendingPathComponent(name).path
            let attributes = try fileManager.attributesOfItem(atPath: path)
            switch attributes[.type] as? FileAttributeType {
            case .typeSymbolicLink?: contents[name] = Data(try fileManager.destinationOfSymbolicLink(atPath: path).utf8)
            case .typeDirectory?: contents[name] = Data()
            default: contents[name] = try Data(contentsOf: URL(fileURLWithPath: path))
            }
        }
        return contents
    }
}
