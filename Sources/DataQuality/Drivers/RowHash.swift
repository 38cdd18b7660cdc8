import CXXHash

/// dqcli's row hash: XXH3-128 (xxHash 0.8, seed 0, <https://github.com/Cyan4973/xxHash>) of a record's row
/// encoding (``RecordBuffer``: for each field in order, its length in bytes as 8 bytes little-endian, then
/// its bytes), the fingerprint ``DuplicateRowSet`` counts duplicate rows with.
///
/// Quoting never matters (`"a",b` and `a,b` hash the same); field boundaries do (`a,bc` and `ab,c` differ).
/// A blank line has zero fields: the hash of the empty encoding. docs/row-hash.md defines it for other
/// languages, with a worked example.
public struct RowHash: Hashable, Sendable {
    /// The high 64 bits of the XXH3-128 value.
    public var high: UInt64
    /// The low 64 bits of the XXH3-128 value.
    public var low: UInt64

    /// The hash of a row encoding.
    /// - Parameter encodedRow: the row encoding (length prefixes included).
    /// - Complexity: O(n) in the encoding's bytes; no allocation.
    public init(encodedRow: UnsafeRawBufferPointer) {
        let value = dataquality_xxh3_128(encodedRow.baseAddress, encodedRow.count)
        high = value.high64
        low = value.low64
    }

    /// The hash of a record given as its fields' bytes (after unquoting).
    /// - Complexity: O(total bytes); allocates the encoding once.
    public init(fields: [[UInt8]]) {
        var encoding: [UInt8] = []
        for field in fields {
            withUnsafeBytes(of: UInt64(field.count).littleEndian) { encoding.append(contentsOf: $0) }
            encoding.append(contentsOf: field)
        }
        self = encoding.withUnsafeBytes { RowHash(encodedRow: $0) }
    }

    /// The hash of a blank line (zero fields: the empty encoding), `99aa06d3014798d86001c324468d497f`.
    public static let blankLine = RowHash(encodedRow: UnsafeRawBufferPointer(start: nil, count: 0))

    /// The canonical text: 32 lowercase hexadecimal digits, high 64 bits first, each half big-endian (as
    /// `XXH128_canonicalFromHash` and `xxhsum -H2` print it).
    public var hexDigits: String {
        var text: [UInt8] = []
        appendHexDigits(to: &text)
        return String(decoding: text, as: UTF8.self)
    }

    /// Appends the 32 hexadecimal digits of ``hexDigits`` as ASCII bytes.
    public func appendHexDigits(to bytes: inout [UInt8]) {
        for half in [high, low] {
            var shift = 60
            while shift >= 0 {
                bytes.append(Self.hexAlphabet[Int((half >> UInt64(shift)) & 0xF)])
                shift -= 4
            }
        }
    }

    /// Reads the canonical text (exactly 32 hexadecimal digits, either case); nil otherwise.
    public init?<Bytes: Collection<UInt8>>(hexDigits text: Bytes) {
        guard text.count == 32 else { return nil }
        var halves: [UInt64] = [0, 0]
        for (index, byte) in text.enumerated() {
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: return nil
            }
            halves[index / 16] = halves[index / 16] << 4 | UInt64(digit)
        }
        high = halves[0]
        low = halves[1]
    }

    private static let hexAlphabet = Array("0123456789abcdef".utf8)
}
