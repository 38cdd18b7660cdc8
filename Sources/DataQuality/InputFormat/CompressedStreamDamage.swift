/// How a compressed stream is broken (``ProfileError/Problem/damagedCompressedStream(compression:offset:damage:)``).
public enum CompressedStreamDamage: Sendable, Equatable {
    /// The input ends inside a gzip member or a zstd frame.
    case cut
    /// After the last gzip member (and its zero padding) or zstd frame come bytes that begin no member or
    /// frame.
    case trailingBytes
    /// The decompressing library refused the data; `reason` is its own words (zlib's `msg`,
    /// `ZSTD_getErrorName`).
    case invalidData(reason: String)

    /// The words in parentheses after the sentence's offset: `it ends inside a member`.
    func explanation(_ compression: Compression) -> String {
        switch (self, compression) {
        case (.cut, .gzip): "it ends inside a member"
        case (.cut, .zstd): "it ends inside a frame"
        case (.trailingBytes, .gzip): "what follows the last member is neither a member nor zero padding"
        case (.trailingBytes, .zstd): "what follows the last frame is not a frame"
        case (.invalidData(let reason), .gzip): "zlib: \(reason)"
        case (.invalidData(let reason), .zstd): "libzstd: \(reason)"
        }
    }
}
