#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads a file descriptor in fixed-size chunks into one reusable buffer.
///
/// Memory: one buffer of ``chunkLength`` bytes, whatever the file's size.
final class ByteSource {
    /// 1 MiB: large enough that system calls cost nothing measurable, small enough to stay in cache.
    static let chunkLength = 1 << 20

    private let fileDescriptor: Int32
    private let path: String
    private let closesWhenDone: Bool
    private var isClosed = false

    /// Wraps an open descriptor: standard input through ``open(_:)``, or a spool's copy of it read again
    /// (``SpoolFile/rewound(sourceName:)``).
    init(fileDescriptor: Int32, path: String, closesWhenDone: Bool) {
        self.fileDescriptor = fileDescriptor
        self.path = path
        self.closesWhenDone = closesWhenDone
    }

    /// Opens a file for reading.
    /// - Throws: ``ProfileError`` `cannotRead`, naming the path and the system's reason.
    convenience init(openingFileAt path: String) throws {
        let descriptor = Glibc.open(path, O_RDONLY | O_CLOEXEC)
        if descriptor < 0 {
            throw ProfileError(
                code: .cannotRead, message: "cannot open the file: \(Self.reason(errno)).", path: path)
        }
        var status = stat()
        if fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFDIR {
            Glibc.close(descriptor)
            throw ProfileError(code: .cannotRead, message: "cannot read it: it is a directory.", path: path)
        }
        self.init(fileDescriptor: descriptor, path: path, closesWhenDone: true)
    }

    /// Standard input (left open when done), or the file opened for reading: how every driver and entry
    /// point opens its input.
    /// - Throws: ``ProfileError`` `cannotRead` as ``init(openingFileAt:)``.
    static func open(_ location: InputLocation) throws -> ByteSource {
        switch location {
        case .standardInput: ByteSource(fileDescriptor: 0, path: location.path, closesWhenDone: false)
        case .file(let path): try ByteSource(openingFileAt: path)
        }
    }

    /// Calls `body` with each chunk read, in order, until end of file.
    /// - Throws: ``ProfileError`` `cannotRead` on a read error, or whatever `body` throws.
    func forEachChunk(_ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: Self.chunkLength, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let count = read(fileDescriptor, buffer, Self.chunkLength)
            if count < 0 {
                if errno == EINTR { continue }
                throw ProfileError(code: .cannotRead, message: "cannot read it: \(Self.reason(errno)).", path: path)
            }
            if count == 0 { return }
            try body(UnsafeRawBufferPointer(start: buffer, count: count))
        }
    }

    /// The whole file at `path`, for small files such as rule files.
    /// - Throws: ``ProfileError`` `cannotRead`, naming the path and the system's reason.
    /// - Complexity: O(n) in the file's size, which it holds in memory.
    static func contents(ofFileAt path: String) throws -> [UInt8] {
        let source = try ByteSource(openingFileAt: path)
        defer { source.close() }
        var bytes: [UInt8] = []
        try source.forEachChunk { bytes.append(contentsOf: $0) }
        return bytes
    }

    /// Closes the descriptor if this source opened it.
    func close() {
        if closesWhenDone && !isClosed {
            isClosed = true
            _ = Glibc.close(fileDescriptor)
        }
    }

    private static func reason(_ code: Int32) -> String {
        String(cString: strerror(code)).lowercased()
    }
}
