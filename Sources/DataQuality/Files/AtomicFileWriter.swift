import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Why ``AtomicFileWriter`` could not write a file. Nothing was left behind: the temporary file is removed
/// and the target is untouched.
public struct AtomicWriteError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The target path, as given.
    public var path: String
    /// The step that failed, e.g. `creating a temporary file beside it`, `writing`, `renaming it into place`.
    public var operation: String
    /// The `errno` of the failing call.
    public var errorNumber: Int32

    /// Creates an error.
    public init(path: String, operation: String, errorNumber: Int32) {
        self.path = path
        self.operation = operation
        self.errorNumber = errorNumber
    }

    /// The operating system's text for ``errorNumber`` (`strerror`), e.g. `No such file or directory`.
    public var reason: String {
        String(cString: strerror(errorNumber))
    }

    /// One sentence: `reports/out.json: cannot write the report (creating a temporary file beside it): No
    /// such file or directory.`
    public var description: String {
        "\(path): cannot write the report (\(operation)): \(reason)."
    }
}

/// Writes a file all at once or not at all.
///
/// The bytes go to a new temporary file in the target's folder (`.NAME.XXXXXX.dqtmp` with six random
/// letters and digits, created with `O_CREAT | O_EXCL`, so the name is unique and never clobbers anything),
/// are flushed to the device with `fsync`, and the temporary then replaces the target with `rename(2)`,
/// which is atomic within a file system:
/// readers see the old file or the new one, never a mix or a truncated file. On any failure the temporary
/// file is removed before the error is thrown.
///
/// The new file gets mode 0644 less the process umask, or the permission bits of the regular file it
/// replaces. A symbolic link is followed: the file it points to is replaced (atomically, in its folder). A
/// target that exists and is not a regular file (a device such as `/dev/null`, a FIFO) is written to in
/// place, since it cannot be replaced; a directory is an error. A temporary file not yet renamed is
/// registered, so a process stopped by a signal removes it (see ``InterruptCleanup``).
public enum AtomicFileWriter {
    /// Writes `text` as UTF-8 to `path`, replacing any file there atomically.
    /// - Parameters:
    ///   - text: the content (written as its UTF-8 bytes, no BOM).
    ///   - path: the target file path, absolute or relative to the current directory; its folder must exist.
    /// - Throws: ``AtomicWriteError`` naming the path, the failing step and the system's reason.
    /// - Complexity: O(n) time in the bytes written; O(1) extra memory beyond the UTF-8 view of `text`.
    public static func write(_ text: String, to path: String) throws(AtomicWriteError) {
        var text = text
        do {
            try text.withUTF8 { buffer in try write(UnsafeRawBufferPointer(buffer), to: path) }
        } catch let error as AtomicWriteError {
            throw error
        } catch {
            preconditionFailure("write(_:to:) throws only AtomicWriteError")
        }
    }

    /// Writes `data` to `path`, replacing any file there atomically.
    /// - Parameters:
    ///   - data: the content.
    ///   - path: the target file path; its folder must exist.
    /// - Throws: ``AtomicWriteError``.
    /// - Complexity: O(n) time in the bytes written.
    public static func write(_ data: Data, to path: String) throws(AtomicWriteError) {
        do {
            try data.withUnsafeBytes { buffer in try write(buffer, to: path) }
        } catch let error as AtomicWriteError {
            throw error
        } catch {
            preconditionFailure("write(_:to:) throws only AtomicWriteError")
        }
    }

    /// Writes raw bytes to `path`, replacing any file there atomically.
    /// - Parameters:
    ///   - bytes: the content; only read during the call.
    ///   - path: the target file path; its folder must exist.
    /// - Throws: ``AtomicWriteError``.
    /// - Complexity: O(n) time in the bytes written.
    public static func write(_ bytes: UnsafeRawBufferPointer, to path: String) throws(AtomicWriteError) {
        let file = try AtomicOutputFile(path: path)
        try file.write(bytes)
        try file.commit()
    }

    /// `write(2)`, named apart from the static `write` functions above.
    static func systemWrite(
        _ descriptor: Int32, _ buffer: UnsafeRawPointer, _ count: Int
    ) -> Int {
        #if canImport(Glibc)
            return Glibc.write(descriptor, buffer, count)
        #elseif canImport(Musl)
            return Musl.write(descriptor, buffer, count)
        #else
            return Darwin.write(descriptor, buffer, count)
        #endif
    }
}

/// A file written in pieces that appears at its path all at once, or not at all: the streaming form of
/// ``AtomicFileWriter`` (same temporary-file naming, permissions, `fsync` and `rename(2)`).
///
/// Create it, ``write(_:)`` pieces, then ``commit()``. Until the commit the bytes live in a temporary file
/// next to the target; if the file is dropped without a commit, or any step fails, the temporary file is
/// removed and the target is untouched. Not `Sendable`: one task writes one file.
public final class AtomicOutputFile {
    /// The target path, as given.
    public let path: String
    /// The file replaced at commit: `path`, or the file a symbolic link there points to.
    private let target: String
    /// Nil when writing in place (a device or FIFO, which cannot be replaced).
    private let temporaryPath: String?
    private var descriptor: Int32
    private var isOpen = true

    /// Creates the temporary file next to the target (or opens a device or FIFO to write in place).
    /// - Throws: ``AtomicWriteError`` naming the failing step.
    public init(path: String) throws(AtomicWriteError) {
        self.path = path
        func failure(_ operation: String, _ number: Int32 = errno) -> AtomicWriteError {
            AtomicWriteError(path: path, operation: operation, errorNumber: number)
        }
        guard !path.isEmpty else { throw failure("finding its folder", ENOENT) }
        let target = try Self.resolvingLink(path)
        self.target = target
        var targetStatus = stat()
        if stat(target, &targetStatus) == 0 {
            switch targetStatus.st_mode & S_IFMT {
            case S_IFREG: break
            case S_IFDIR: throw failure("replacing it", EISDIR)
            default:
                let descriptor = open(target, O_WRONLY | O_CLOEXEC)
                guard descriptor >= 0 else { throw failure("opening it") }
                self.descriptor = descriptor
                self.temporaryPath = nil
                return
            }
        }
        let path = target
        let slash = path.lastIndex(of: "/")
        let folder = slash.map { String(path[...$0]) } ?? ""  // keeps the trailing "/"; "" = current folder
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        guard !name.isEmpty else { throw failure("replacing it", EISDIR) }
        // A fresh name, `.NAME.XXXXXX.dqtmp`, created exclusively (O_EXCL) so nothing is ever clobbered;
        // the kernel applies the umask to 0644, as for any new file.
        let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".utf8)
        var generator = SystemRandomNumberGenerator()
        // Created and registered under one hold of the registry's lock, so a signal's cleanup finds it.
        let (descriptor, temporaryPath, openError) = TemporaryFileRegistry.shared.withLock { live in
            var descriptor: Int32 = -1
            var temporaryPath = ""
            for _ in 0..<100 {
                let letters = (0..<6).map { _ in alphabet.randomElement(using: &generator)! }
                let unique = String(decoding: letters, as: UTF8.self)
                temporaryPath = folder + "." + name + "." + unique + ".dqtmp"
                descriptor = open(temporaryPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
                if descriptor >= 0 || errno != EEXIST { break }
            }
            if descriptor >= 0 { live.insert(temporaryPath) }
            return (descriptor, temporaryPath, errno)
        }
        guard descriptor >= 0 else { throw failure("creating a temporary file beside it", openError) }
        self.descriptor = descriptor
        self.temporaryPath = temporaryPath
        // A file being replaced keeps its permission bits.
        var existing = stat()
        if stat(path, &existing) == 0, (existing.st_mode & S_IFMT) == S_IFREG {
            if fchmod(descriptor, existing.st_mode & 0o7777) != 0 {
                let error = failure("keeping its permissions")
                abandon()
                throw error
            }
        }
    }

    deinit { abandon() }

    /// The file a symbolic link at `path` points to (resolved even when that file does not exist yet), or
    /// `path` itself.
    private static func resolvingLink(_ path: String) throws(AtomicWriteError) -> String {
        var linkStatus = stat()
        guard lstat(path, &linkStatus) == 0, (linkStatus.st_mode & S_IFMT) == S_IFLNK else { return path }
        if let resolved = realpath(path, nil) {
            defer { free(resolved) }
            return String(cString: resolved)
        }
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let length = readlink(path, &buffer, Int(PATH_MAX))
        guard length > 0 else {
            throw AtomicWriteError(path: path, operation: "following the symbolic link", errorNumber: errno)
        }
        let linked = String(decoding: buffer[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let folder = path.lastIndex(of: "/").map { String(path[...$0]) } ?? ""
        return linked.hasPrefix("/") ? linked : folder + linked
    }

    /// Appends bytes.
    /// - Throws: ``AtomicWriteError`` (`write`); the temporary file is then removed.
    public func write(_ bytes: UnsafeRawBufferPointer) throws(AtomicWriteError) {
        precondition(isOpen, "write(_:) after commit() or a failure")
        var offset = 0
        while offset < bytes.count {
            let written = AtomicFileWriter.systemWrite(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw fail("writing")
            }
            offset += written
        }
    }

    /// Appends bytes.
    public func write(_ bytes: [UInt8]) throws(AtomicWriteError) {
        do {
            try bytes.withUnsafeBytes { buffer in try write(buffer) }
        } catch let error as AtomicWriteError {
            throw error
        } catch {
            preconditionFailure("write(_:) throws only AtomicWriteError")
        }
    }

    /// Flushes the bytes to the device and puts the file in place of the target.
    /// - Throws: ``AtomicWriteError`` (`flush`, `replace`); the temporary file is then removed.
    public func commit() throws(AtomicWriteError) {
        precondition(isOpen, "commit() after commit() or a failure")
        guard let temporaryPath else {
            isOpen = false
            if close(descriptor) != 0 {
                throw AtomicWriteError(path: path, operation: "closing it", errorNumber: errno)
            }
            return
        }
        if fsync(descriptor) != 0 { throw fail("flushing it to disk") }
        isOpen = false
        if close(descriptor) != 0 {
            let error = AtomicWriteError(path: path, operation: "flushing it to disk", errorNumber: errno)
            Self.remove(temporaryPath)
            throw error
        }
        let renameError = TemporaryFileRegistry.shared.withLock { live in
            let renamed = rename(temporaryPath, target) == 0
            let renameError = errno
            if !renamed { _ = unlink(temporaryPath) }
            live.remove(temporaryPath)
            return renamed ? nil : renameError
        }
        if let renameError {
            throw AtomicWriteError(path: path, operation: "renaming it into place", errorNumber: renameError)
        }
        // Make the rename itself durable; a failure here changes nothing the caller can act on.
        let slash = target.lastIndex(of: "/")
        let folder = slash.map { String(target[...$0]) } ?? "."
        let folderDescriptor = open(folder, O_RDONLY)
        if folderDescriptor >= 0 {
            _ = fsync(folderDescriptor)
            _ = close(folderDescriptor)
        }
    }

    /// Closes and removes the temporary file, if still open; the target is untouched.
    public func abandon() {
        guard isOpen else { return }
        isOpen = false
        _ = close(descriptor)
        if let temporaryPath { Self.remove(temporaryPath) }
    }

    /// Unlinks a temporary file and forgets it, under one hold of the registry's lock.
    private static func remove(_ temporaryPath: String) {
        TemporaryFileRegistry.shared.withLock { live in
            _ = unlink(temporaryPath)
            live.remove(temporaryPath)
        }
    }

    private func fail(_ operation: String) -> AtomicWriteError {
        let error = AtomicWriteError(path: path, operation: operation, errorNumber: errno)
        abandon()
        return error
    }
}
