import Foundation
import Testing

/// Issue 16, item 2: a run stopped by SIGINT, SIGTERM or SIGHUP leaves nothing behind (no `.dqtmp` beside a
/// target, no copy of standard input in `TMPDIR`) and dies of the signal (a shell shows 130, 143, 129).
///
/// Each case runs the built binary on a generated CSV (`inputMegabytes` of records, a seventh of them failing)
/// with `--invalid-rows` and a private `TMPDIR`, sends a real signal at one moment of the run, and lists the
/// target folder and the `TMPDIR` afterwards. dqcli starts with the signals at their default action and
/// unblocked, as from a shell (see ``launchDQCLI(_:environment:currentDirectory:defaultSignals:standardInput:standardOutput:standardError:)``).
@Suite(.serialized) struct InterruptTests {
    /// When the signal is sent.
    enum Moment: String, Sendable {
        /// A file's first pass (the profile), before any temporary file exists.
        case firstPass
        /// A file's second pass, once the failing rows' temporary file is being written.
        case secondPass
        /// While dqcli waits for more of standard input (its copy in `TMPDIR` half written).
        case readingStandardInput
        /// Standard input's second pass, read back from its copy.
        case secondPassOfStandardInput
    }

    struct Case: CustomTestStringConvertible, Sendable {
        var moment: Moment
        var signal: Int32
        var testDescription: String { "\(moment.rawValue), signal \(signal)" }
    }

    /// Large enough that each moment lasts well past the signal in an optimised build, which profiles a few
    /// megabytes in milliseconds (a file's first pass is signalled once 4 MiB of it are read).
    static let inputMegabytes = 32

    @Test(arguments: [
        Case(moment: .firstPass, signal: SIGINT),
        Case(moment: .secondPass, signal: SIGTERM),
        Case(moment: .secondPass, signal: SIGHUP),
        Case(moment: .readingStandardInput, signal: SIGHUP),
        Case(moment: .readingStandardInput, signal: SIGTERM),
        Case(moment: .secondPassOfStandardInput, signal: SIGINT)
    ])
    func aSignalledRunLeavesNothingBehind(_ interrupt: Case) throws {
        let fileManager = FileManager.default
        let folder = fileManager.temporaryDirectory.appendingPathComponent("dq-interrupt-\(UUID().uuidString)")
        let targets = folder.appendingPathComponent("out")
        let temporaries = folder.appendingPathComponent("tmp")
        try fileManager.createDirectory(at: targets, withIntermediateDirectories: true)
        try fileManager.createDirectory(at: temporaries, withIntermediateDirectories: true)
        defer { try? fileManager.removeItem(at: folder) }
        let input = folder.appendingPathComponent("input.csv")
        try Self.writeInput(to: input, megabytes: Self.inputMegabytes)

        let readsStandardInput = [.readingStandardInput, .secondPassOfStandardInput].contains(interrupt.moment)
        var environment = ProcessInfo.processInfo.environment
        environment["TMPDIR"] = temporaries.path
        let feed = Pipe()
        let process = try launchDQCLI(
            [
                "profile", readsStandardInput ? "-" : input.path, "--quiet", "--format", "json", "--output",
                targets.appendingPathComponent("report.json").path, "--invalid-rows",
                targets.appendingPathComponent("bad.csv").path
            ],
            environment: environment, defaultSignals: true,
            standardInput: readsStandardInput ? feed : FileHandle.nullDevice,
            standardOutput: FileHandle.nullDevice, standardError: FileHandle.nullDevice)

        switch interrupt.moment {
        case .firstPass:
            #expect(Self.waitForReading(of: process, bytes: 4 << 20), "no reading of the input seen")
            #expect(try Self.temporaryFile(in: targets) == nil, "the second pass began before the signal")
        case .secondPass:
            #expect(Self.waitForTemporaryFile(in: targets, of: process), "no second pass seen")
        case .readingStandardInput:
            let data = try Data(contentsOf: input)
            feed.fileHandleForWriting.write(data.prefix(1 << 20))
            Thread.sleep(forTimeInterval: 0.3)
        case .secondPassOfStandardInput:
            feed.fileHandleForWriting.write(try Data(contentsOf: input))
            try feed.fileHandleForWriting.close()
            #expect(Self.waitForTemporaryFile(in: targets, of: process), "no second pass seen")
        }
        #expect(process.isRunning, "the run ended before the signal")
        kill(process.processIdentifier, interrupt.signal)
        let deadline = Date().addingTimeInterval(20)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
        #expect(!process.isRunning, "still running 20 s after the signal")
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        try? feed.fileHandleForWriting.close()
        process.waitUntilExit()

        #expect(process.terminationReason == .uncaughtSignal)
        #expect(process.terminationStatus == interrupt.signal)
        #expect(try fileManager.contentsOfDirectory(atPath: targets.path) == [])
        #expect(try fileManager.contentsOfDirectory(atPath: temporaries.path) == [])
    }

    /// Writes `megabytes` MiB of orders: one 1 MiB block of records repeated, every seventh record's amount not a
    /// number (so the failing-rows file grows all through the second pass).
    static func writeInput(to url: URL, megabytes: Int) throws {
        var block = Data()
        var index = 0
        while block.count < 1 << 20 {
            let amount = index % 7 == 3 ? "abc" : "\(index % 1000).25"
            block.append(Data("\(index),name\(index % 97),\(amount),2021-01-\(10 + index % 19),true\n".utf8))
            index += 1
        }
        try Data("id,name,amount,day,flag\n".utf8).write(to: url)
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        try handle.seekToEnd()
        for _ in 0..<megabytes { try handle.write(contentsOf: block) }
    }

    /// The name of a `.dqtmp` file in `folder`, if any.
    static func temporaryFile(in folder: URL) throws -> String? {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).first { $0.hasSuffix(".dqtmp") }
    }

    /// Polls the kernel's count of bytes `process` has read (`rchar` in `/proc/PID/io`: `read` and `pread` calls)
    /// every millisecond until it reaches `bytes` (true) or the process ends or 20 s pass (false).
    static func waitForReading(of process: Process, bytes: Int) -> Bool {
        let deadline = Date().addingTimeInterval(20)
        while process.isRunning && Date() < deadline {
            let io = (try? String(contentsOfFile: "/proc/\(process.processIdentifier)/io", encoding: .utf8)) ?? ""
            let read = io.split(separator: "\n").first { $0.hasPrefix("rchar:") }.flatMap {
                Int($0.dropFirst("rchar:".count).trimmingCharacters(in: .whitespaces))
            }
            if let read, read >= bytes { return true }
            Thread.sleep(forTimeInterval: 0.001)
        }
        return false
    }

    /// Polls `folder` every 2 ms until a `.dqtmp` file appears (true) or `process` ends or 20 s pass (false).
    static func waitForTemporaryFile(in folder: URL, of process: Process) -> Bool {
        let deadline = Date().addingTimeInterval(20)
        while process.isRunning && Date() < deadline {
            if (try? temporaryFile(in: folder)) != nil { return true }
            Thread.sleep(forTimeInterval: 0.002)
        }
        return false
    }
}
