/// How an input is compressed: the first step of the contract's reading ("What is read, in order"), decided by
/// the stored input's first bytes before anything else (``ByteSource`` decompresses; see ``Decompressor``).
public enum Compression: String, Sendable, Equatable, CaseIterable {
    /// gzip (RFC 1952), magic bytes `1F 8B`.
    case gzip
    /// Zstandard (RFC 8878), magic bytes `28 B5 2F FD`.
    case zstd

    /// The magic bytes a stream of this format starts with.
    var magicBytes: [UInt8] {
        switch self {
        case .gzip: [0x1F, 0x8B]
        case .zstd: [0x28, 0xB5, 0x2F, 0xFD]
        }
    }

    /// The most first bytes the recognition needs (zstd's magic).
    static let longestMagic = 4

    /// The compression whose magic bytes `firstBytes` starts with, whole; nil for any other input (a plain
    /// text, or one shorter than the magic).
    /// - Complexity: O(1).
    public init?(firstBytes: UnsafeRawBufferPointer) {
        guard let found = Self.allCases.first(where: { firstBytes.starts(with: $0.magicBytes) }) else { return nil }
        self = found
    }
}
