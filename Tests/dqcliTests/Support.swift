import Foundation
import Testing

// MARK: - Locations

/// The repository root, found from this file's path (Tests/dqcliTests/Support.swift).
let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

func fixtureURL(_ relativePath: String) -> URL {
    repositoryRoot.appendingPathComponent(relativePath)
}

/// The built `dqcli` binary: next to the running test executable (or a folder above it), else
/// `.build/debug/dqcli` under the repository root.
let dqcliURL: URL? = {
    let fileManager = FileManager.default
    var starts: [URL] = [Bundle.main.bundleURL, Bundle.main.executableURL?.deletingLastPathComponent()]
        .compactMap { $0 }
    if let first = CommandLine.arguments.first, !first.isEmpty {
        starts.append(URL(fileURLWithPath: first).deletingLastPathComponent())
    }
    for start in starts {
        var directory = start.standardizedFileURL
        for _ in 0..<5 {
            let candidate = directory.appendingPathComponent("dqcli")
            var isDirectory: ObjCBool = false
            if fileManager.fileExists(atPath: candidate.path, isDirectory: &isDirectory), !isDirectory.boolValue,
                fileManager.isExecutableFile(atPath: candidate.path)
            {
                return candidate
            }
            directory = directory.deletingLastPathComponent()
        }
    }
    for configuration in ["debug", "release"] {
        let candidate = repositoryRoot.appendingPathComponent(".build/\(configuration)/dqcli")
        if fileManager.isExecutableFile(atPath: candidate.path) { return candidate }
    }
    return nil
}()

// MARK: - Running dqcli

struct RunResult: Sendable {
    var status: Int32
    var stdout: Data
    var stderr: Data
    var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
    var stderrText: String { String(decoding: stderr, as: UTF8.self) }
}

struct DQCLIMissing: Error, CustomStringConvertible {
    var description: String { "no dqcli binary found next to the test bundle or in .build/debug" }
}

/// Starts dqcli with `arguments` in `currentDirectory` without waiting for it; the caller waits (or signals it).
/// `standardInput`, `standardOutput` and `standardError` are a `FileHandle` or a `Pipe`, as `Process` takes them.
/// `unprivileged` runs it as the user `nobody` (through `setpriv`) when the tests run as root, so file
/// permissions apply to it. With `defaultSignals` dqcli starts with SIGHUP, SIGINT and SIGTERM at their default
/// action and unblocked, as from a shell (through `env --default-signal`, which then runs dqcli in its place):
/// a test runs on a thread that blocks them, and a program inherits its parent's blocked and ignored signals.
func launchDQCLI(
    _ arguments: [String], environment: [String: String]? = nil, currentDirectory: URL = repositoryRoot,
    unprivileged: Bool = false, defaultSignals: Bool = false, standardInput: Any, standardOutput: Any,
    standardError: Any
) throws -> Process {
    guard let dqcliURL else { throw DQCLIMissing() }
    var command = [dqcliURL.path] + arguments
    if unprivileged && geteuid() == 0 {
        command = ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] + command
    }
    if defaultSignals { command = ["/usr/bin/env", "--default-signal=HUP,INT,TERM"] + command }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: command[0])
    process.arguments = Array(command.dropFirst())
    process.currentDirectoryURL = currentDirectory
    if let environment { process.environment = environment }
    process.standardInput = standardInput
    process.standardOutput = standardOutput
    process.standardError = standardError
    try process.run()
    return process
}

/// Runs dqcli with `arguments` in `currentDirectory` (the repository root unless given); `stdin` bytes are
/// piped in when given, else the file at `stdinFile` is standard input (as `< FILE` in a shell), else
/// /dev/null. Output goes to temporary files, so large outputs cannot deadlock. `unprivileged`: as
/// ``launchDQCLI(_:environment:currentDirectory:unprivileged:defaultSignals:standardInput:standardOutput:standardError:)``.
func runDQCLI(
    _ arguments: [String], stdin: Data? = nil, stdinFile: URL? = nil, environment: [String: String]? = nil,
    unprivileged: Bool = false, currentDirectory: URL = repositoryRoot
) throws -> RunResult {
    let fileManager = FileManager.default
    let scratch = fileManager.temporaryDirectory.appendingPathComponent("dqcli-test-\(UUID().uuidString)")
    try fileManager.createDirectory(at: scratch, withIntermediateDirectories: true)
    defer { try? fileManager.removeItem(at: scratch) }
    let outURL = scratch.appendingPathComponent("stdout")
    let errURL = scratch.appendingPathComponent("stderr")
    _ = fileManager.createFile(atPath: outURL.path, contents: nil)
    _ = fileManager.createFile(atPath: errURL.path, contents: nil)
    let outHandle = try FileHandle(forWritingTo: outURL)
    let errHandle = try FileHandle(forWritingTo: errURL)

    let inputPipe = stdin.map { _ in Pipe() }
    let standardInput: Any =
        inputPipe.map { $0 as Any } ?? FileHandle(forReadingAtPath: stdinFile?.path ?? "/dev/null")
        ?? FileHandle.nullDevice
    let process = try launchDQCLI(
        arguments, environment: environment, currentDirectory: currentDirectory, unprivileged: unprivileged,
        standardInput: standardInput, standardOutput: outHandle, standardError: errHandle)
    if let stdin, let inputPipe {
        let writer = inputPipe.fileHandleForWriting
        let thread = Thread {
            writer.write(stdin)
            try? writer.close()
        }
        thread.start()
    }
    process.waitUntilExit()
    try outHandle.close()
    try errHandle.close()
    return RunResult(
        status: process.terminationStatus, stdout: try Data(contentsOf: outURL), stderr: try Data(contentsOf: errURL))
}

/// The JSON reports of `Fixtures/cron/orders-N.csv` for each night N, written into `folder` as `N.json`; their
/// paths, in the nights' order.
func savedCronReports(_ nights: [Int], in folder: URL) throws -> [String] {
    try nights.map { night in
        let path = folder.appendingPathComponent("\(night).json").path
        let run = try runDQCLI(["profile", "Fixtures/cron/orders-\(night).csv", "--format", "json", "--output", path])
        #expect(run.status == 0)
        return path
    }
}

// MARK: - JSON

/// A parsed JSON value that keeps integers apart from other numbers (as Python's json does).
indirect enum JSON: Equatable, CustomStringConvertible, Sendable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([JSON])
    case object([String: JSON])

    var number: Double? {
        switch self {
        case .int(let value): Double(value)
        case .double(let value): value
        default: nil
        }
    }

    subscript(key: String) -> JSON? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    var arrayValue: [JSON]? {
        if case .array(let items) = self { return items }
        return nil
    }

    var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    var description: String {
        switch self {
        case .null: return "null"
        case .bool(let value): return value ? "true" : "false"
        case .int(let value): return String(value)
        case .double(let value): return String(value)
        case .string(let text):
            let escaped = text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
                .replacingOccurrences(of: "\n", with: "\\n").replacingOccurrences(of: "\r", with: "\\r")
            return "\"\(escaped)\""
        case .array(let items): return "[" + items.map(\.description).joined(separator: ", ") + "]"
        case .object(let members):
            return "{" + members.keys.sorted().map { "\"\($0)\": \(members[$0]!.description)" }.joined(separator: ", ")
                + "}"
        }
    }

    /// Python-like equality: numbers compare by value (1 == 1.0), bools are not numbers.
    func looselyEquals(_ other: JSON) -> Bool {
        switch (self, other) {
        case (.int, .int), (.int, .double), (.double, .int), (.double, .double):
            return number! == other.number!
        case (.array(let a), .array(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.looselyEquals($1) }
        case (.object(let a), .object(let b)):
            return a.count == b.count && a.allSatisfy { key, value in b[key].map { value.looselyEquals($0) } ?? false }
        default:
            return self == other
        }
    }
}

struct JSONParseError: Error, CustomStringConvertible {
    var description: String
}

/// A small strict JSON parser (RFC 8259).
struct JSONParser {
    private let bytes: [UInt8]
    private var index = 0

    static func parse(_ data: Data) throws -> JSON {
        var parser = JSONParser(bytes: [UInt8](data))
        parser.skipSpace()
        let value = try parser.value()
        parser.skipSpace()
        guard parser.index == parser.bytes.count else { throw parser.error("trailing bytes") }
        return value
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    private func error(_ what: String) -> JSONParseError {
        JSONParseError(description: "JSON: \(what) at byte \(index)")
    }

    private mutating func skipSpace() {
        while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
    }

    private mutating func expect(_ literal: String) throws {
        let literalBytes = Array(literal.utf8)
        guard index + literalBytes.count <= bytes.count,
            Array(bytes[index..<(index + literalBytes.count)]) == literalBytes
        else { throw error("expected \(literal)") }
        index += literalBytes.count
    }

    private mutating func value() throws -> JSON {
        guard index < bytes.count else { throw error("unexpected end") }
        switch bytes[index] {
        case UInt8(ascii: "n"):
            try expect("null")
            return .null
        case UInt8(ascii: "t"):
            try expect("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try expect("false")
            return .bool(false)
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "["):
            index += 1
            var items: [JSON] = []
            skipSpace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
                index += 1
                return .array(items)
            }
            while true {
                skipSpace()
                items.append(try value())
                skipSpace()
                guard index < bytes.count else { throw error("unterminated array") }
                if bytes[index] == UInt8(ascii: ",") {
                    index += 1
                    continue
                }
                if bytes[index] == UInt8(ascii: "]") {
                    index += 1
                    return .array(items)
                }
                throw error("expected , or ]")
            }
        case UInt8(ascii: "{"):
            index += 1
            var members: [String: JSON] = [:]
            skipSpace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
                index += 1
                return .object(members)
            }
            while true {
                skipSpace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw error("expected key") }
                let key = try string()
                skipSpace()
                try expect(":")
                skipSpace()
                members[key] = try value()
                skipSpace()
                guard index < bytes.count else { throw error("unterminated object") }
                if bytes[index] == UInt8(ascii: ",") {
                    index += 1
                    continue
                }
                if bytes[index] == UInt8(ascii: "}") {
                    index += 1
                    return .object(members)
                }
                throw error("expected , or }")
            }
        default:
            return try number()
        }
    }

    private mutating func number() throws -> JSON {
        let start = index
        var isInteger = true
        while index < bytes.count {
            let byte = bytes[index]
            if (byte >= 0x30 && byte <= 0x39) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+") {
                index += 1
            } else if byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
                isInteger = false
                index += 1
            } else {
                break
            }
        }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        if text.isEmpty { throw error("unexpected byte") }
        if isInteger, let value = Int(text) { return .int(value) }
        guard let value = Double(text) else { throw error("bad number \(text)") }
        return .double(value)
    }

    private mutating func hex4() throws -> UInt32 {
        guard index + 4 <= bytes.count,
            let value = UInt32(String(decoding: bytes[index..<(index + 4)], as: UTF8.self), radix: 16)
        else { throw error("bad \\u escape") }
        index += 4
        return value
    }

    private mutating func string() throws -> String {
        index += 1  // opening quote
        var out: [UInt8] = []
        while true {
            guard index < bytes.count else { throw error("unterminated string") }
            let byte = bytes[index]
            index += 1
            if byte == UInt8(ascii: "\"") { break }
            if byte != UInt8(ascii: "\\") {
                out.append(byte)
                continue
            }
            guard index < bytes.count else { throw error("bad escape") }
            let escape = bytes[index]
            index += 1
            switch escape {
            case UInt8(ascii: "\""): out.append(0x22)
            case UInt8(ascii: "\\"): out.append(0x5C)
            case UInt8(ascii: "/"): out.append(0x2F)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var code = try hex4()
                if code >= 0xD800 && code < 0xDC00, index + 6 <= bytes.count, bytes[index] == 0x5C,
                    bytes[index + 1] == UInt8(ascii: "u")
                {
                    index += 2
                    let low = try hex4()
                    code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                }
                let scalar = Unicode.Scalar(code) ?? "\u{FFFD}"
                out.append(contentsOf: Array(String(Character(scalar)).utf8))
            default:
                throw error("bad escape")
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// Walks a report as check.py does: dotted keys; in a list a number picks by index, any other word picks the
/// element whose "name" equals it.
func walk(_ report: JSON, _ path: String) -> Result<JSON, JSONParseError> {
    var node = report
    for part in path.split(separator: ".", omittingEmptySubsequences: false).map(String.init) {
        switch node {
        case .array(let items):
            let digits = part.hasPrefix("-") ? String(part.dropFirst()) : part
            if !digits.isEmpty, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber), let position = Int(part) {
                let resolved = position < 0 ? items.count + position : position
                guard resolved >= 0 && resolved < items.count else {
                    return .failure(JSONParseError(description: "index \(part) out of range"))
                }
                node = items[resolved]
            } else {
                guard let match = items.first(where: { $0["name"]?.stringValue == part }) else {
                    return .failure(JSONParseError(description: "no element named '\(part)'"))
                }
                node = match
            }
        case .object(let members):
            guard let next = members[part] else { return .failure(JSONParseError(description: "no key '\(part)'")) }
            node = next
        default:
            return .failure(JSONParseError(description: "cannot descend into \(node) at '\(part)'"))
        }
    }
    return .success(node)
}

/// check.py's `matches`.
func expectationMatches(got: JSON, want: JSON) -> Bool {
    if case .bool = want { return got == want }
    if case .bool = got { return got == want }
    if case .object(let spec) = want, let approx = spec["approx"]?.number {
        guard let value = got.number else { return false }
        return abs(value - approx) <= (spec["tol"]?.number ?? 1e-6)
    }
    if case .object(let spec) = want, spec["at_least"] != nil || spec["at_most"] != nil {
        guard let value = got.number else { return false }
        return value >= (spec["at_least"]?.number ?? -.infinity) && value <= (spec["at_most"]?.number ?? .infinity)
    }
    if case .double(let wanted) = want, let value = got.number {
        // math.isclose(got, want, rel_tol=1e-6, abs_tol=1e-9)
        return abs(value - wanted) <= max(1e-6 * max(abs(value), abs(wanted)), 1e-9)
    }
    return got.looselyEquals(want)
}
