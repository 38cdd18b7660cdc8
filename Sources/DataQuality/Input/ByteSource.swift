#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads a file descriptor in fixed-size chunks into one reusable buffer; a gzip or zstd input is
/// decompressed on a thread of its own (``DecompressionPipeline``) and read as its text.
///
/// Memory: one buffer of ``chunkLength`` bytes, whatever the file's size; a compressed input adds the
/// pipeline's buffers and the decompressor's window.
final class ByteSource {
    /// 1 MiB: large enough that system calls cost nothing measurable, small enough to stay in cache.
    static let chunkLength = 1 << 20

    private let fileDescriptor: Int32
    private let path: String
    private let closesWhenDone: Bool
    private let decompresses: Bool
    private var isClosed = false
    /// How the stored input is compressed, known once ``forEachChunk(_:)`` has read its first bytes; nil for a
    /// plain input.
    private(set) var compression: Compression?
    /// Stored bytes read so far: the compressed bytes the chunks given so far came from.
    private(set) var storedBytesRead = 0

    /// Wraps an open descriptor: standard input through ``open(_:)``, a spool's copy of it read again
    /// (``SpoolFile/rewound(sourceName:)``), or the stored bytes a ``DecompressionPipeline`` reads.
    /// - Parameter decompresses: whether a gzip or zstd input is decompressed (false for bytes that are already
    ///   the text: the contract decompresses one layer only).
    init(fileDescriptor: Int32, path: String, closesWhenDone: Bool, decompresses: Bool) {
        self.fileDescriptor = fileDescriptor
        self.path = path
        self.closesWhenDone = closesWhenDone
        self.decompresses = decompresses
    }

    /// Opens a file for reading; `decompresses` as ``init(fileDescriptor:path:closesWhenDone:decompresses:)``.
    /// - Throws: ``ProfileError`` `cannotRead`, naming the path and the system's reason.
    convenience init(openingFileAt path: String, decompresses: Bool = true) throws {
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
        self.init(fileDescriptor: descriptor, path: path, closesWhenDone: true, decompresses: decompresses)
    }

    /// Standard input (left open when done), or the file opened for reading: how every driver and entry
    /// point opens its input.
    /// - Throws: ``ProfileError`` `cannotRead` as ``init(openingFileAt:)``.
    static func open(_ location: InputLocation) throws -> ByteSource {
        switch location {
        case .standardInput:
            ByteSource(fileDescriptor: 0, path: location.path, closesWhenDone: false, decompresses: true)
        case .file(let path): try ByteSource(openingFileAt: path)
        }
    }

    /// Calls `body` with each chunk read, in order, until end of file: the text, decompressed when the stored
    /// bytes begin with gzip's or zstd's magic bytes (``Compression/init(firstBytes:)``).
    /// - Throws: ``ProfileError`` `cannotRead` on a read error, `damagedCompressedInput` for a cut or damaged
    ///   compressed input (after every chunk before the damage), or whatever `body` throws.
    func forEachChunk(_ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: Self.chunkLength, alignment: 16)
        defer { buffer.deallocate() }
        var count = try read(into: buffer, upTo: Self.chunkLength)
        if decompresses {
            while count > 0 && count < Compression.longestMagic {
                let more = try read(into: buffer + count, upTo: Self.chunkLength - count)
                if more == 0 { break }
                count += more
            }
            let firstBytes = UnsafeRawBufferPointer(start: buffer, count: count)
            if let compression = Compression(firstBytes: firstBytes) {
                self.compression = compression
                try DecompressionPipeline.forEachChunk(
                    compression: compression, firstBytes: Array(firstBytes), descriptor: fileDescriptor, path: path
                ) { chunk, compressedBytesRead in
                    storedBytesRead = compressedBytesRead
                    try body(chunk)
                }
                return
            }
        }
        while count > 0 {
            storedBytesRead += count
            try body(UnsafeRawBufferPointer(start: buffer, count: count))
            count = try read(into: buffer, upTo: Self.chunkLength)
        }
    }

    /// Reads at most `length` bytes into `buffer`: the count read, 0 at end of file.
    /// - Throws: ``ProfileError`` `cannotRead` on a read error.
    private func read(into buffer: UnsafeMutableRawPointer, upTo length: Int) throws -> Int {
        while true {
            let count = Glibc.read(fileDescriptor, buffer, length)
            if count >= 0 { return count }
            if errno != EINTR {
                throw ProfileError(code: .cannotRead, message: "cannot read it: \(Self.reason(errno)).", path: path)
            }
        }
    }

    /// The whole file at `path`, for small files such as rule files.
    /// - Throws: ``ProfileError`` `cannotRead`, naming the path and the system's reason.
    /// - Complexity: O(n) in the file's size, which it holds in memory.
    static func contents(ofFileAt path: String) throws -> [UInt8] {
        let source = try ByteSource(openingFileAt: path, decompresses: false)
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

extension SourceDescription {
    /// Takes how `input` was stored: its compression and, when compressed, its stored size
    /// (``compression``, ``compressedBytes``), once `input` is read to its end.
    mutating func takeStorage(of input: ByteSource) {
        compression = input.compression
        compressedBytes = input.compression == nil ? nil : input.storedBytesRead
    }
}
