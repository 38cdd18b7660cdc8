import CZlib
import CZstd

/// Decompresses one gzip or zstd stream piece by piece, one layer only: every gzip member (zero bytes after a
/// member are padding, any other byte after it must begin a member) and every zstd frame (skippable frames
/// included), through zlib and libzstd.
///
/// Feed it the stored bytes in order with ``decompress(_:from:into:at:)``, then call ``finish()``. It counts the
/// compressed bytes it has taken, so a damage is named by its offset in the compressed input.
/// Memory: zlib's 32 KiB window, or libzstd's frame window (up to 128 MiB, the format's default limit).
/// Not `Sendable`: one thread uses one decompressor.
final class Decompressor {
    let compression: Compression
    private let path: String
    /// Compressed bytes taken before the current piece.
    private var piecesBefore = 0
    /// Compressed bytes taken, the current piece included.
    private(set) var compressedBytesRead = 0
    /// Whether a member or frame has begun and not ended.
    private var isInsideStream = true
    /// The compressed offset where the current (or last) member or frame begins.
    private var streamStart = 0
    /// Whether only zero padding may follow (gzip, after a zero byte between members).
    private var isInPadding = false
    private let zlibStream: UnsafeMutablePointer<z_stream>?
    private let zstdContext: OpaquePointer?

    /// - Throws: ``ProfileError`` `cannotRead` when the library cannot make its decompression state (out of
    ///   memory).
    init(_ compression: Compression, path: String) throws {
        self.compression = compression
        self.path = path
        switch compression {
        case .gzip:
            let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
            stream.initialize(to: z_stream())
            // 15 + 16: a 32 KiB window, gzip wrapper only (zlib.h, inflateInit2).
            guard inflateInit2_(stream, 15 + 16, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
                stream.deallocate()
                throw ProfileError(code: .cannotRead, message: "cannot start zlib: out of memory.", path: path)
            }
            zlibStream = stream
            zstdContext = nil
        case .zstd:
            guard let context = ZSTD_createDCtx() else {
                throw ProfileError(code: .cannotRead, message: "cannot start libzstd: out of memory.", path: path)
            }
            zlibStream = nil
            zstdContext = context
        }
    }

    deinit {
        if let zlibStream {
            inflateEnd(zlibStream)
            zlibStream.deallocate()
        }
        if let zstdContext { ZSTD_freeDCtx(zstdContext) }
    }

    /// Decompresses `input` from `inputPosition` into `output` from `outputPosition`, moving both, until the
    /// input is used up (and nothing more is pending) or the output is full; call again with an emptied output
    /// while it returns full. A piece's positions must go on from the last call's, and a new piece must begin
    /// only once the last one is used up.
    /// - Throws: ``ProfileError`` `damagedCompressedInput` with the offset in the compressed input.
    /// - Complexity: O(bytes taken and written).
    func decompress(
        _ input: UnsafeRawBufferPointer, from inputPosition: inout Int, into output: UnsafeMutableRawBufferPointer,
        at outputPosition: inout Int
    ) throws {
        if inputPosition == 0 { piecesBefore = compressedBytesRead }
        while outputPosition < output.count {
            let pending = inputPosition < input.count
            if !isInsideStream {
                guard pending else { return }
                try startNextStream(input, at: &inputPosition)
                continue
            }
            let (taken, written, ended) = try step(
                UnsafeRawBufferPointer(rebasing: input[inputPosition...]),
                UnsafeMutableRawBufferPointer(rebasing: output[outputPosition...]), at: piecesBefore + inputPosition)
            inputPosition += taken
            outputPosition += written
            compressedBytesRead = piecesBefore + inputPosition
            if ended { isInsideStream = false }
            // Nothing taken or written: the library waits for more input.
            if taken == 0 && written == 0 && !ended { return }
        }
    }

    /// Ends the stream.
    /// - Throws: ``ProfileError`` `damagedCompressedInput` (``CompressedStreamDamage/cut``) when it ends inside a
    ///   member or frame.
    func finish() throws {
        if isInsideStream { throw damage(.cut, at: compressedBytesRead) }
    }

    /// Between members or frames, at a byte of `input`: zero padding (gzip), or the next member or frame.
    private func startNextStream(_ input: UnsafeRawBufferPointer, at position: inout Int) throws {
        if compression == .gzip {
            if input[position] == 0 || isInPadding {
                while position < input.count, input[position] == 0 { position += 1 }
                isInPadding = true
                compressedBytesRead = piecesBefore + position
                if position < input.count { throw damage(.trailingBytes, at: compressedBytesRead) }
                return
            }
            if input[position] != Compression.gzip.magicBytes[0] {
                throw damage(.trailingBytes, at: piecesBefore + position)
            }
            inflateReset(zlibStream)
        }
        isInsideStream = true
        streamStart = piecesBefore + position
    }

    /// One call of the library on what is left of the piece, which begins at the compressed `offset`: the bytes
    /// it took and wrote, and whether a member or frame ended.
    private func step(
        _ input: UnsafeRawBufferPointer, _ output: UnsafeMutableRawBufferPointer, at offset: Int
    ) throws -> (taken: Int, written: Int, ended: Bool) {
        if let stream = zlibStream {
            stream.pointee.next_in = UnsafeMutablePointer(
                mutating: input.baseAddress?.assumingMemoryBound(to: Bytef.self))
            stream.pointee.avail_in = uInt(input.count)
            stream.pointee.next_out = output.baseAddress?.assumingMemoryBound(to: Bytef.self)
            stream.pointee.avail_out = uInt(output.count)
            let status = inflate(stream, Z_NO_FLUSH)
            let taken = input.count - Int(stream.pointee.avail_in)
            let written = output.count - Int(stream.pointee.avail_out)
            switch status {
            case Z_OK, Z_BUF_ERROR: return (taken, written, false)
            case Z_STREAM_END: return (taken, written, true)
            default:
                let reason = stream.pointee.msg.map { String(cString: $0) } ?? "error \(status)"
                throw damage(.invalidData(reason: reason), at: offset + taken)
            }
        }
        var inBuffer = ZSTD_inBuffer(src: input.baseAddress, size: input.count, pos: 0)
        var outBuffer = ZSTD_outBuffer(dst: output.baseAddress, size: output.count, pos: 0)
        let result = ZSTD_decompressStream(zstdContext, &outBuffer, &inBuffer)
        if ZSTD_isError(result) != 0 {
            // An unknown magic number: the bytes where a frame should begin begin none.
            if ZSTD_getErrorCode(result) == ZSTD_error_prefix_unknown { throw damage(.trailingBytes, at: streamStart) }
            let name = String(cString: ZSTD_getErrorName(result))
            let reason = name.prefix(1).lowercased() + name.dropFirst()
            throw damage(.invalidData(reason: reason), at: offset + inBuffer.pos)
        }
        return (inBuffer.pos, outBuffer.pos, result == 0)
    }

    private func damage(_ damage: CompressedStreamDamage, at offset: Int) -> ProfileError {
        ProfileError(.damagedCompressedStream(compression: compression, offset: offset, damage: damage), path: path)
    }
}
