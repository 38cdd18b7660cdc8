/// Word-at-a-time scans of raw bytes, eight bytes a step (as ``UTF8Validation`` skips ASCII), for the checks
/// every input pays once on its first bytes (the 64 KiB windows of the encoding evidence, the "Not a CSV" rule
/// and the row estimate): a folder of small files pays them once per file.
enum ByteScan {
    private static let highBits: UInt64 = 0x8080_8080_8080_8080
    private static let lowBits: UInt64 = 0x7F7F_7F7F_7F7F_7F7F

    /// Whether every byte of `bytes` is ASCII (below 0x80).
    /// - Complexity: O(`bytes.count`), no allocation.
    static func isASCII(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        var seen: UInt64 = 0
        var index = 0
        while index + 8 <= bytes.count {
            seen |= base.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            index += 8
        }
        while index < bytes.count {
            seen |= UInt64(base.load(fromByteOffset: index, as: UInt8.self))
            index += 1
        }
        return seen & highBits == 0
    }

    /// How many bytes of `bytes` equal `byte`. A word XOR the byte repeated has a zero byte where they are
    /// equal; `((x & 0x7F..) + 0x7F..) | x` sets the high bit of every byte of `x` that is not zero, with no
    /// carry into the next byte (H. S. Warren, "Hacker's Delight", 2nd ed., section 6-1), so the clear high bits
    /// count the equal bytes exactly.
    /// - Complexity: O(`bytes.count`), no allocation.
    static func count(_ byte: UInt8, in bytes: UnsafeRawBufferPointer) -> Int {
        guard let base = bytes.baseAddress else { return 0 }
        let repeated = UInt64(byte) &* 0x0101_0101_0101_0101
        var found = 0
        var index = 0
        while index + 8 <= bytes.count {
            let differences = base.loadUnaligned(fromByteOffset: index, as: UInt64.self) ^ repeated
            let nonZero = ((differences & lowBits) &+ lowBits) | differences
            found += (~nonZero & highBits).nonzeroBitCount
            index += 8
        }
        while index < bytes.count {
            if base.load(fromByteOffset: index, as: UInt8.self) == byte { found += 1 }
            index += 1
        }
        return found
    }
}
