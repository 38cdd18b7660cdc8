#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif
import Foundation

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
/// place, since it cannot be replaced; a directory is an error.
public enum AtomicFileWriter {
    /// Writes `text` as UTF-8 to `path`, replacing any file there atomically.
    /// - Parameters:
    ///   - text: the content (written as its UTF-8 bytes, no BOM).
    ///   - path: the target file path, absolute or relative to the current directory; its folder must exist.
    /// - Throws: ``AtomicWriteError`` naming the path, the failing step and the system's reason.
    /// - Complexity: O(n) time in the bytes written; O(1) extra memory beyond the UTF-8 view of `text`.
    public static func write(_ text: String, to path: String) throws(AtomicWriteError) {
        let bytes = Array(text.utf8)
        do {
            try bytes.withUnsafeBytes { buffer in try write(buffer, to: path) }
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
        func failure(_ operation: String, _ number: Int32 = errno) -> AtomicWriteError {
            AtomicWriteError(path: path, operation: operation, errorNumber: number)
        }
        guard !path.isEmpty else { throw failure("finding its folder", ENOENT) }
        var target = path
        var linkStatus = stat()
        if lstat(path, &linkStatus) == 0, (linkStatus.st_mode & S_IFMT) == S_IFLNK {
            if let resolved = realpath(path, nil) {
                target = String(cString: resolved)
                free(resolved)
            } else {
                // A link to a file that does not exist yet: create that file.
                var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
                let length = readlink(path, &buffer, Int(PATH_MAX))
                guard length > 0 else { throw failure("following the symbolic link") }
                let linked = String(decoding: buffer[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
                let folder = path.lastIndex(of: "/").map { String(path[...$0]) } ?? ""
                target = linked.hasPrefix("/") ? linked : folder + linked
            }
        }
        var targetStatus = stat()
        if stat(target, &targetStatus) == 0 {
            switch targetStatus.st_mode & S_IFMT {
            case S_IFREG: break
            case S_IFDIR: throw failure("replacing it", EISDIR)
            default: return try writeInPlace(bytes, to: target, path: path)
            }
        }
        try replace(target, with: bytes, reportedAs: path)
    }

    /// Writes to a device or FIFO, which cannot be replaced.
    private static func writeInPlace(_ bytes: UnsafeRawBufferPointer, to target: String, path: String) throws(AtomicWriteError) {
        let descriptor = open(target, O_WRONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw AtomicWriteError(path: path, operation: "opening it", errorNumber: errno) }
        defer { _ = close(descriptor) }
        var offset = 0
        while offset < bytes.count {
            let written = systemWrite(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw AtomicWriteError(path: path, operation: "writing", errorNumber: errno)
            }
            offset += written
        }
    }

    /// The atomic replacement of a regular file (or a new one).
    private static func replace(_ path: String, with bytes: UnsafeRawBufferPointer, reportedAs shownPath: String) throws(AtomicWriteError) {
        func failure(_ operation: String, _ number: Int32 = errno) -> AtomicWriteError {
            AtomicWriteError(path: shownPath, operation: operation, errorNumber: number)
        }
        let slash = path.lastIndex(of: "/")
        let folder = slash.map { String(path[...$0]) } ?? ""  // keeps the trailing "/"; "" = current folder
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        guard !name.isEmpty else { throw failure("replacing it", EISDIR) }
        // A fresh name, `.NAME.XXXXXX.dqtmp`, created exclusively (O_EXCL) so nothing is ever clobbered;
        // the kernel applies the umask to 0644, as for any new file.
        let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".utf8)
        var generator = SystemRandomNumberGenerator()
        var descriptor: Int32 = -1
        var temporaryPath = ""
        for _ in 0..<100 {
            let letters = (0..<6).map { _ in alphabet.randomElement(using: &generator)! }
            let unique = String(decoding: letters, as: UTF8.self)
            temporaryPath = folder + "." + name + "." + unique + ".dqtmp"
            descriptor = open(temporaryPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
            if descriptor >= 0 || errno != EEXIST { break }
        }
        guard descriptor >= 0 else { throw failure("creating a temporary file beside it") }

        var closed = false
        func abandon(_ error: AtomicWriteError) -> AtomicWriteError {
            if !closed { _ = close(descriptor) }
            _ = unlink(temporaryPath)
            return error
        }

        // A file being replaced keeps its permission bits.
        var existing = stat()
        if stat(path, &existing) == 0, (existing.st_mode & S_IFMT) == S_IFREG {
            if fchmod(descriptor, existing.st_mode & 0o7777) != 0 { throw abandon(failure("keeping its permissions")) }
        }

        var offset = 0
        while offset < bytes.count {
            let written = systemWrite(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw abandon(failure("writing"))
            }
            offset += written
        }
        if fsync(descriptor) != 0 { throw abandon(failure("flushing it to disk")) }
        closed = true
        if close(descriptor) != 0 { throw abandon(failure("flushing it to disk")) }
        if rename(temporaryPath, path) != 0 { throw abandon(failure("renaming it into place")) }

        // Make the rename itself durable; a failure here changes nothing the caller can act on.
        let folderDescriptor = open(folder.isEmpty ? "." : folder, O_RDONLY)
        if folderDescriptor >= 0 {
            _ = fsync(folderDescriptor)
            _ = close(folderDescriptor)
        }
    }

    /// `write(2)`, named apart from the static `write` functions above.
    private static func systemWrite(
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
