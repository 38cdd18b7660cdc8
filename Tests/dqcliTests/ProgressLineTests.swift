import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The C library's pseudo-terminal calls, looked up at run time: Swift's Glibc module does not import
/// `posix_openpt`, `grantpt`, `unlockpt` and `ptsname_r` (they need `_XOPEN_SOURCE`).
enum PseudoTerminal {
    typealias Open = @convention(c) (CInt) -> CInt
    typealias Prepare = @convention(c) (CInt) -> CInt
    typealias Name = @convention(c) (CInt, UnsafeMutablePointer<CChar>, Int) -> CInt

    /// Opens a new pseudo-terminal: its controlling side's descriptor and the path of its terminal side.
    static func open() -> (master: CInt, path: String)? {
        let library = dlopen(nil, RTLD_NOW)
        guard let openSymbol = dlsym(library, "posix_openpt"), let grantSymbol = dlsym(library, "grantpt"),
            let unlockSymbol = dlsym(library, "unlockpt"), let nameSymbol = dlsym(library, "ptsname_r")
        else { return nil }
        let master = unsafeBitCast(openSymbol, to: Open.self)(O_RDWR | O_NOCTTY)
        guard master >= 0 else { return nil }
        var name = [CChar](repeating: 0, count: 256)
        guard unsafeBitCast(grantSymbol, to: Prepare.self)(master) == 0,
            unsafeBitCast(unlockSymbol, to: Prepare.self)(master) == 0,
            unsafeBitCast(nameSymbol, to: Name.self)(master, &name, name.count) == 0
        else {
            close(master)
            return nil
        }
        return (master, String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
    }
}

struct NoPseudoTerminal: Error {}

/// Runs dqcli with standard error on a new pseudo-terminal (so `isatty(2)` is true) and returns the bytes
/// the terminal received. Standard output goes to a file; `stdin` bytes are piped in when given.
private func runOnTerminal(_ arguments: [String], stdin: Data? = nil) throws -> (status: Int32, terminal: String) {
    guard let dqcliURL else { throw DQCLIMissing() }
    guard let (master, slavePath) = PseudoTerminal.open() else { throw NoPseudoTerminal() }
    defer { close(master) }
    guard let slave = FileHandle(forWritingAtPath: slavePath) else { throw NoPseudoTerminal() }

    let process = Process()
    process.executableURL = dqcliURL
    process.arguments = arguments
    process.currentDirectoryURL = repositoryRoot
    process.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
    process.standardError = slave
    let input = Pipe()
    process.standardInput = stdin == nil ? FileHandle(forReadingAtPath: "/dev/null") : input
    try process.run()
    if let stdin {
        input.fileHandleForWriting.write(stdin)
        try input.fileHandleForWriting.close()
    }
    process.waitUntilExit()
    try slave.close()

    // Everything written is buffered in the terminal; read it without blocking.
    _ = fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK)
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 4096)
    while true {
        let count = read(master, &buffer, buffer.count)
        if count <= 0 { break }
        bytes.append(contentsOf: buffer[0..<count])
    }
    return (process.terminationStatus, String(decoding: bytes, as: UTF8.self))
}

@Suite struct ProgressLineTests {
    static let penguins = "Fixtures/real/penguins.csv"
    static let erase = "\r\u{1B}[K"

    /// penguins.csv is 15241 bytes (14.9 KiB) and 344 rows.
    @Test func aFileOnATerminalShowsBytesOfTotalRowsRateAndTimeLeftThenErasesIt() throws {
        let result = try runOnTerminal(["profile", Self.penguins, "--format", "json"])
        #expect(result.status == 0)
        let terminal = result.terminal
        #expect(terminal.hasPrefix("\r14.9 KiB of 14.9 KiB (100%), "), "\(terminal.debugDescription)")
        #expect(terminal.contains("(100%), 344 rows, "), "\(terminal.debugDescription)")
        #expect(terminal.contains("/s, 0:00 left\u{1B}[K"), "\(terminal.debugDescription)")
        #expect(terminal.hasSuffix(Self.erase), "\(terminal.debugDescription)")
        #expect(!terminal.contains("\n"), "the line is rewritten in place")
    }

    @Test func standardInputOfUnknownSizeShowsRowsAndRateOnly() throws {
        let result = try runOnTerminal(
            ["profile", "-", "--format", "json"], stdin: try Data(contentsOf: fixtureURL(Self.penguins)))
        #expect(result.status == 0)
        let terminal = result.terminal
        #expect(terminal.contains("\r344 rows, "), "\(terminal.debugDescription)")
        #expect(!terminal.contains(" of ") && !terminal.contains("left"), "\(terminal.debugDescription)")
        #expect(terminal.hasSuffix(Self.erase))
    }

    /// Its rows are data records, as in the first pass and the report: 344, the header not counted.
    @Test func theFailingRowsPassHasItsOwnLine() throws {
        let target = FileManager.default.temporaryDirectory.appendingPathComponent("invalid-\(UUID().uuidString).csv")
        defer { try? FileManager.default.removeItem(at: target) }
        let result = try runOnTerminal(["profile", Self.penguins, "--invalid-rows", target.path])
        #expect(result.status == 0)
        #expect(
            result.terminal.contains("\rfailing rows: 14.9 KiB of 14.9 KiB (100%), 344 rows, "),
            "\(result.terminal.debugDescription)")
    }

    /// Several files: one line counting the files finished, rewritten after each, then erased.
    @Test func severalFilesShowTheFilesFinishedThenEraseIt() throws {
        let result = try runOnTerminal(["profile", "Fixtures/cron/orders-*.csv", "--format", "json"])
        #expect(result.status == 0)
        #expect(
            result.terminal == "\r1 of 3 files\u{1B}[K\r2 of 3 files\u{1B}[K\r3 of 3 files\u{1B}[K" + Self.erase,
            "\(result.terminal.debugDescription)")
    }

    @Test func quietShowsNothing() throws {
        let result = try runOnTerminal(["profile", Self.penguins, "--format", "json", "--quiet"])
        #expect(result.status == 0)
        #expect(result.terminal.isEmpty, "\(result.terminal.debugDescription)")
    }

    @Test func nothingWhenStandardErrorIsNotATerminal() throws {
        let result = try runDQCLI(["profile", Self.penguins, "--format", "json"])
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty, "\(result.stderrText.debugDescription)")
    }
}
