import Foundation
import Testing

/// Regressions from a first-use review: where `--output` and standard output may point.
@Suite struct OutputTargetTests {
    static let penguins = "Fixtures/real/penguins.csv"

    private func scratchFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dq-output-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test func outputToDevNullWritesThroughAndKeepsTheDevice() throws {
        let result = try runDQCLI(["profile", Self.penguins, "--output", "/dev/null"])
        #expect(result.status == 0, "stderr: \(result.stderrText)")
        var status = stat()
        #expect(stat("/dev/null", &status) == 0)
        #expect(status.st_mode & S_IFMT == S_IFCHR, "/dev/null is no longer a character device")
    }

    @Test func outputToAFullDeviceExits73() throws {
        let result = try runDQCLI(["profile", Self.penguins, "--output", "/dev/full"])
        #expect(result.status == 73)
        #expect(result.stderrText.contains("/dev/full"))
        var status = stat()
        #expect(stat("/dev/full", &status) == 0 && status.st_mode & S_IFMT == S_IFCHR)
    }

    @Test func standardOutputThatCannotBeWrittenExits73WithOneLine() throws {
        // Standard output redirected to /dev/full: every write fails with ENOSPC.
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "\"$0\" profile \(Self.penguins) > /dev/full", dqcliURL!.path]
        process.currentDirectoryURL = repositoryRoot
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        process.waitUntilExit()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 73)
        #expect(message.hasPrefix("dqcli: standard output: cannot write the report"), "stderr: \(message)")
        #expect(message.split(separator: "\n").count == 1)
    }

    /// `suggest` and `diff` print to standard output too: a full device is exit 73, not a crash.
    @Test(arguments: [
        "suggest Fixtures/real/penguins.csv",
        "diff Fixtures/oracle/real-penguins.json Fixtures/oracle/real-penguins.json"
    ])
    func otherCommandsExit73WhenStandardOutputIsFull(_ command: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "\"$0\" \(command) > /dev/full", dqcliURL!.path]
        process.currentDirectoryURL = repositoryRoot
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        process.waitUntilExit()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 73, "\(command): \(message)")
        #expect(message.hasPrefix("dqcli: standard output: cannot write the report"), "\(message)")
    }

    @Test func outputThroughASymbolicLinkReplacesItsTargetAndKeepsTheLink() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let target = folder.appendingPathComponent("target.txt")
        let link = folder.appendingPathComponent("link.txt")
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: target.path)
        let result = try runDQCLI(["profile", Self.penguins, "--format", "json", "--output", link.path])
        #expect(result.status == 0, "stderr: \(result.stderrText)")
        let destination = try FileManager.default.destinationOfSymbolicLink(atPath: link.path)
        #expect(destination == target.path)
        let written = try String(contentsOf: target, encoding: .utf8)
        #expect(written.hasPrefix("{\n  \"schema_version\": 2,"))
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: folder.path)) == ["target.txt", "link.txt"])
    }

    @Test func outputOntoTheInputFileIsRefused() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let copy = folder.appendingPathComponent("data.csv")
        try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent(Self.penguins), to: copy)
        let before = try Data(contentsOf: copy)
        let result = try runDQCLI(["profile", copy.path, "--output", copy.path])
        #expect(result.status == 64)
        #expect(try Data(contentsOf: copy) == before)
    }

    @Test func emptyOutputPathIsAUsageError() throws {
        let result = try runDQCLI(["profile", Self.penguins, "--output", ""])
        #expect(result.status == 64)
    }

    @Test func dashOutputIsStandardOutput() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let viaDash = try runDQCLI(["profile", Self.penguins, "--format", "json", "--output", "-"])
        let plain = try runDQCLI(["profile", Self.penguins, "--format", "json"])
        #expect(viaDash.status == 0)
        #expect(viaDash.stdout == plain.stdout)
        #expect(!FileManager.default.fileExists(atPath: repositoryRoot.appendingPathComponent("-").path))
    }

    /// Without `--format` the report's format follows the output file's extension (any case); an unknown
    /// extension, or none, is the table. The file holds what `--format` of that format prints.
    @Test(arguments: [
        ("report.json", "json"), ("report.md", "markdown"), ("report.markdown", "markdown"), ("report.html", "html"),
        ("report.HTM", "html"), ("report.txt", "table"), ("report.out", "table"), ("report", "table")
    ])
    func theOutputExtensionChoosesTheFormat(_ name: String, _ format: String) throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent(name).path
        let written = try runDQCLI(["profile", Self.penguins, "-o", path])
        #expect(written.status == 0, "\(written.stderrText)")
        let printed = try runDQCLI(["profile", Self.penguins, "--format", format])
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == printed.stdout)
    }

    /// A given `--format` wins over the extension.
    @Test func aGivenFormatWinsOverTheExtension() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("report.json").path
        #expect(try runDQCLI(["profile", Self.penguins, "--format", "markdown", "--output", path]).status == 0)
        let markdown = try runDQCLI(["profile", Self.penguins, "--format", "markdown"])
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == markdown.stdout)
    }

    /// `--help` says how the format is chosen.
    @Test func helpSaysTheExtensionChoosesTheFormat() throws {
        let help = try runDQCLI(["profile", "--help"])
        let words = help.stdoutText.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(
            words.contains(
                "--format <format> Report format; without it, --output's extension chooses: .json, .md or .markdown, .html or .htm, else table. (values: table, json, html, markdown)"
            ), "\(help.stdoutText)")
    }
}
