import Testing

@testable import DataQuality

/// The word-at-a-time scans against a byte-by-byte count, on every length from 0 to 40 (words and tails) and
/// the bytes where a carry or a sign could go wrong (0x00, 0x01, 0x0A, 0x7F, 0x80, 0x81, 0xFE, 0xFF).
@Suite struct ByteScanTests {
    private static let awkward: [UInt8] = [0x00, 0x01, 0x0A, 0x7F, 0x80, 0x81, 0xFE, 0xFF]

    /// Seeded bytes drawn from the awkward ones and ASCII letters.
    private static func bytes(count: Int, seed: Int) -> [UInt8] {
        var state = UInt64(truncatingIfNeeded: seed) &* 0x9E37_79B9_7F4A_7C15 | 1
        return (0..<count).map { _ in
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return state % 3 == 0 ? 0x61 + UInt8(state % 26) : awkward[Int(state >> 8) % awkward.count]
        }
    }

    @Test func countIsTheByteByByteCount() {
        for length in 0...40 {
            for seed in 0..<20 {
                let bytes = Self.bytes(count: length, seed: seed * 41 + length)
                for byte in Self.awkward + [0x61] {
                    let expected = bytes.filter { $0 == byte }.count
                    #expect(bytes.withUnsafeBytes { ByteScan.count(byte, in: $0) } == expected, "\(bytes) \(byte)")
                }
            }
        }
        // Every byte equal: 64 line feeds.
        #expect([UInt8](repeating: 0x0A, count: 64).withUnsafeBytes { ByteScan.count(0x0A, in: $0) } == 64)
    }

    /// One byte of 0x80 or above anywhere in an ASCII run (first, last, in a word, in the tail) is found.
    @Test func oneHighByteAnywhereIsNotASCII() {
        for length in 0...40 {
            let ascii = [UInt8](repeating: 0x7F, count: length)
            #expect(ascii.withUnsafeBytes { ByteScan.isASCII($0) })
            for position in 0..<length {
                for high: UInt8 in [0x80, 0xC3, 0xFF] {
                    var text = ascii
                    text[position] = high
                    #expect(!text.withUnsafeBytes { ByteScan.isASCII($0) }, "\(length) \(position)")
                }
            }
        }
    }
}
