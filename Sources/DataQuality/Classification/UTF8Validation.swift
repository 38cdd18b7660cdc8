/// Whether bytes are well-formed UTF-8 (Unicode 15, table 3-7: no overlongs, surrogates or values past
/// U+10FFFF).
func isValidUTF8(_ bytes: UnsafeRawBufferPointer) -> Bool {
    var validator = StreamingUTF8Validator()
    validator.feed(bytes)
    return validator.isValid && validator.isComplete
}

/// The length of the UTF-8 sequence a lead byte starts, and the allowed range of its second byte (Unicode
/// table 3-7); length 0 for a byte that cannot start a sequence.
@inline(__always)
func utf8Sequence(lead: UInt8) -> (length: Int, low: UInt8, high: UInt8) {
    switch lead {
    case 0xC2...0xDF: return (2, 0x80, 0xBF)
    case 0xE0: return (3, 0xA0, 0xBF)
    case 0xE1...0xEC, 0xEE...0xEF: return (3, 0x80, 0xBF)
    case 0xED: return (3, 0x80, 0x9F)
    case 0xF0: return (4, 0x90, 0xBF)
    case 0xF1...0xF3: return (4, 0x80, 0xBF)
    case 0xF4: return (4, 0x80, 0x8F)
    default: return (0, 0, 0)
    }
}

/// Checks that a stream of bytes fed in pieces of any size is well-formed UTF-8, in O(1) memory.
///
/// ASCII runs are skipped 8 bytes at a time. A sequence cut by a piece boundary is finished by the next piece;
/// one still unfinished at the end makes the stream invalid (``isComplete`` is false).
struct StreamingUTF8Validator: Sendable {
    private(set) var isValid = true
    /// Continuation bytes still expected by the sequence in progress.
    private var pending = 0
    /// Allowed range of the next continuation byte.
    private var low: UInt8 = 0x80
    private var high: UInt8 = 0xBF

    /// True when no multi-byte sequence is left unfinished.
    var isComplete: Bool { pending == 0 }

    mutating func feed(_ bytes: UnsafeRawBufferPointer) {
        guard isValid, let base = bytes.baseAddress else { return }
        let count = bytes.count
        var index = 0
        while index < count {
            if pending == 0 {
                while index + 8 <= count
                    && base.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 == 0
                {
                    index += 8
                }
                if index >= count { break }
                let lead = base.load(fromByteOffset: index, as: UInt8.self)
                index += 1
                if lead < 0x80 { continue }
                let sequence = utf8Sequence(lead: lead)
                if sequence.length == 0 {
                    isValid = false
                    return
                }
                pending = sequence.length - 1
                low = sequence.low
                high = sequence.high
            } else {
                let byte = base.load(fromByteOffset: index, as: UInt8.self)
                index += 1
                if byte < low || byte > high {
                    isValid = false
                    return
                }
                low = 0x80
                high = 0xBF
                pending -= 1
            }
        }
    }
}

/// Finds a complete, valid multi-byte UTF-8 sequence in bytes fed one at a time or in pieces (a sequence may be
/// cut between pieces), in O(1) memory: what ``TextEncoding/containsValidMultibyteUTF8(_:)`` says of the bytes
/// fed so far.
struct MultibyteUTF8Finder: Sendable {
    /// Whether a sequence was found.
    private(set) var isFound = false
    /// Continuation bytes still expected by the sequence in progress.
    private var pending = 0
    /// Allowed range of the next continuation byte.
    private var low: UInt8 = 0x80
    private var high: UInt8 = 0xBF

    mutating func feed(_ byte: UInt8) {
        if pending > 0 {
            if byte >= low && byte <= high {
                pending -= 1
                low = 0x80
                high = 0xBF
                if pending == 0 { isFound = true }
                return
            }
            // A continuation byte starts no sequence: the byte is read as a lead byte.
            pending = 0
        }
        let sequence = utf8Sequence(lead: byte)
        guard sequence.length > 0 else { return }
        pending = sequence.length - 1
        low = sequence.low
        high = sequence.high
    }

    mutating func feed(_ bytes: UnsafeRawBufferPointer) {
        for byte in bytes {
            if isFound { return }
            feed(byte)
        }
    }
}
