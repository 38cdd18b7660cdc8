import CZstd

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension InputLocation {
    /// The bytes of text a regular file is expected to hold, for sizing tables before the records arrive
    /// (``RecordProfiler/expectRows(_:)``): the file's size when it is not compressed; for a gzip file, the
    /// size its last member's trailer states (ISIZE, RFC 1952: the length modulo 2^32); for a zstd file, the
    /// content size its first frame's header states (RFC 8878, when the compressor wrote one). A compressed
    /// file whose stated size is unknown or below its compressed size (several members or frames, or a gzip
    /// text of 4 GiB or more) gives nil: the tables then grow as the records come. Nil for standard input and
    /// anything that is not a regular file.
    /// - Complexity: O(1): two reads of at most 18 bytes.
    var textSizeHint: Int? {
        guard case .file(let path) = self, let size = regularFileSize else { return nil }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var head = [UInt8](repeating: 0, count: 18)
        let headLength = head.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, 18, 0) }
        guard headLength > 0 else { return size }
        let compression = head.withUnsafeBytes {
            Compression(firstBytes: UnsafeRawBufferPointer(rebasing: $0[..<headLength]))
        }
        let stated: UInt64
        switch compression {
        case nil:
            return size
        case .gzip:
            var trailer = [UInt8](repeating: 0, count: 4)
            guard size >= 18,
                trailer.withUnsafeMutableBytes({ pread(descriptor, $0.baseAddress, 4, off_t(size - 4)) }) == 4
            else { return nil }
            stated = trailer.reversed().reduce(0) { $0 << 8 | UInt64($1) }
        case .zstd:
            let content = head.withUnsafeBytes { ZSTD_getFrameContentSize($0.baseAddress, headLength) }
            guard content != ZSTD_CONTENTSIZE_UNKNOWN, content != ZSTD_CONTENTSIZE_ERROR else { return nil }
            stated = UInt64(content)
        }
        return stated >= UInt64(size) && stated <= UInt64(Int.max) ? Int(stated) : nil
    }
}
