#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Decodes an input stored in UTF-16 or a single-byte encoding into UTF-8 piece by piece, the contract's step
/// "the text is decoded", keeping the exact translation of offsets back to the stored bytes (``offsets``).
///
/// What valid UTF-8 cannot hold stays invalid, so the value that holds it counts as invalid text and shows
/// U+FFFD: an unpaired surrogate and a final odd byte of UTF-16 become the byte `FF` (never valid UTF-8), and
/// a byte a single-byte table leaves unmapped stays itself (a lone byte from 0x80, never valid UTF-8 before
/// what the table writes). A table that maps every byte is a bijection, so distinct values and duplicate
/// rows compare as the stored bytes would.
/// Memory: the output buffer (at most 3 bytes per stored byte) and the offset checkpoints.
/// Not `Sendable`: one thread decodes.
final class TextDecoder {
    /// The byte that stands for an unpaired surrogate or a final odd byte of UTF-16 in the decoding.
    static let invalidMarker: UInt8 = 0xFF

    let encoding: TextEncoding
    /// Decoded offsets to stored ones, for the reader (``CSVRecordReader/storedOffsets``).
    let offsets: StoredOffsetMap
    /// The scalar of each byte from 0x80 (single-byte encodings), ``unmapped`` where the table has none.
    private let upperHalf: [UInt32]
    private var stored: Int
    private var decoded: Int
    private var previousWasASCII = true
    /// UTF-16: the first byte of a code unit a piece cut.
    private var pendingByte: UInt8?
    /// UTF-16: a high surrogate waiting for its low half, and its stored offset.
    private var pendingHighSurrogate: (unit: UInt32, stored: Int)?
    private var output: [UInt8] = []

    static let unmapped: UInt32 = .max

    /// - Parameters:
    ///   - encoding: UTF-16 of either order, or a single-byte encoding (not UTF-8).
    ///   - storedStart: the stored offset of the first byte decoded.
    init(encoding: TextEncoding, storedStart: Int = 0) {
        precondition(encoding != .utf8, "UTF-8 is read as it is")
        self.encoding = encoding
        stored = storedStart
        decoded = storedStart
        offsets = StoredOffsetMap(
            storedBytesPerASCII: encoding.isUTF16 ? 2 : 1, decodedStart: storedStart, storedStart: storedStart)
        upperHalf = encoding.isUTF16 ? [] : SingleByteTable.upperHalf(of: encoding)
    }

    /// Decodes the next stored piece and calls `body` with its UTF-8 (nothing when the piece completes no
    /// character).
    /// - Complexity: O(piece length).
    func decode(_ piece: UnsafeRawBufferPointer, _ body: (UnsafeRawBufferPointer) throws -> Void) rethrows {
        output.removeAll(keepingCapacity: true)
        output.reserveCapacity(piece.count * 3 + 8)
        if encoding.isUTF16 {
            decodeUTF16(piece)
        } else {
            decodeSingleBytes(piece)
        }
        if !output.isEmpty { try output.withUnsafeBytes { try body($0) } }
    }

    /// Ends the input: a high surrogate left waiting, or a final odd byte, becomes the invalid marker.
    func finish(_ body: (UnsafeRawBufferPointer) throws -> Void) rethrows {
        output.removeAll(keepingCapacity: true)
        if let high = pendingHighSurrogate {
            pendingHighSurrogate = nil
            writeMarker(storedAt: high.stored, storedLength: 0)
        }
        if pendingByte != nil {
            pendingByte = nil
            writeMarker(storedAt: stored, storedLength: 1)
        }
        offsets.addASCIIRun(decoded: decoded, stored: stored)
        if !output.isEmpty { try output.withUnsafeBytes { try body($0) } }
    }

    private func decodeUTF16(_ piece: UnsafeRawBufferPointer) {
        let bigEndian = encoding == .utf16BigEndian
        var index = 0
        if let first = pendingByte, !piece.isEmpty {
            pendingByte = nil
            takeUnit(bigEndian ? UInt32(first) << 8 | UInt32(piece[0]) : UInt32(piece[0]) << 8 | UInt32(first))
            index = 1
        }
        while index + 1 < piece.count {
            if pendingHighSurrogate == nil {
                let runEnd = asciiUnitsEnd(piece, from: index, bigEndian: bigEndian)
                if runEnd > index {
                    appendASCIIUnits(piece, from: index, to: runEnd, bigEndian: bigEndian)
                    index = runEnd
                    continue
                }
            }
            let unit =
                bigEndian
                ? UInt32(piece[index]) << 8 | UInt32(piece[index + 1])
                : UInt32(piece[index + 1]) << 8 | UInt32(piece[index])
            takeUnit(unit)
            index += 2
        }
        if index < piece.count { pendingByte = piece[index] }
    }

    /// The end of the run of ASCII code units (U+0000 to U+007F) from `start`.
    @inline(__always)
    private func asciiUnitsEnd(_ piece: UnsafeRawBufferPointer, from start: Int, bigEndian: Bool) -> Int {
        var index = start
        let (high, low) = bigEndian ? (0, 1) : (1, 0)
        while index + 1 < piece.count && piece[index + high] == 0 && piece[index + low] < 0x80 { index += 2 }
        return index
    }

    /// Appends a run of ASCII code units as their bytes, in one step.
    private func appendASCIIUnits(_ piece: UnsafeRawBufferPointer, from start: Int, to end: Int, bigEndian: Bool) {
        if !previousWasASCII {
            offsets.addASCIIRun(decoded: decoded, stored: stored)
            previousWasASCII = true
        }
        let units = (end - start) / 2
        let first = output.count
        let low = start + (bigEndian ? 1 : 0)
        output.append(contentsOf: repeatElement(0, count: units))
        output.withUnsafeMutableBufferPointer { buffer in
            for unit in 0..<units { buffer[first + unit] = piece[low + 2 * unit] }
        }
        decoded += units
        stored += end - start
    }

    /// One UTF-16 code unit, whose stored offset is ``stored``.
    @inline(__always)
    private func takeUnit(_ unit: UInt32) {
        if let high = pendingHighSurrogate {
            pendingHighSurrogate = nil
            if (0xDC00...0xDFFF).contains(unit) {
                let scalar = 0x10000 + ((high.unit - 0xD800) << 10) + (unit - 0xDC00)
                offsets.addCharacter(decoded: decoded, stored: high.stored)
                previousWasASCII = false
                writeUTF8(scalar)
                stored += 2
                return
            }
            writeMarker(storedAt: high.stored, storedLength: 0)
        }
        switch unit {
        case 0..<0x80:
            if !previousWasASCII {
                offsets.addASCIIRun(decoded: decoded, stored: stored)
                previousWasASCII = true
            }
            output.append(UInt8(unit))
            decoded += 1
        case 0xD800...0xDBFF:
            pendingHighSurrogate = (unit, stored)
        case 0xDC00...0xDFFF:
            writeMarker(storedAt: stored, storedLength: 0)
        default:
            offsets.addCharacter(decoded: decoded, stored: stored)
            previousWasASCII = false
            writeUTF8(unit)
        }
        stored += 2
    }

    /// The invalid marker for what was stored at `storedAt`; `storedLength` more stored bytes are taken.
    private func writeMarker(storedAt: Int, storedLength: Int) {
        offsets.addCharacter(decoded: decoded, stored: storedAt)
        previousWasASCII = false
        output.append(Self.invalidMarker)
        decoded += 1
        stored += storedLength
    }

    /// Decodes a piece of a single-byte text: runs of ASCII in one step (8 bytes at a time), other bytes by the
    /// table.
    private func decodeSingleBytes(_ piece: UnsafeRawBufferPointer) {
        guard let base = piece.baseAddress else { return }
        var index = 0
        while index < piece.count {
            var end = index
            while end + 8 <= piece.count
                && base.loadUnaligned(fromByteOffset: end, as: UInt64.self) & 0x8080_8080_8080_8080 == 0
            {
                end += 8
            }
            while end < piece.count && piece[end] < 0x80 { end += 1 }
            if end > index {
                if !previousWasASCII {
                    offsets.addASCIIRun(decoded: decoded, stored: stored)
                    previousWasASCII = true
                }
                output.append(contentsOf: UnsafeRawBufferPointer(rebasing: piece[index..<end]))
                decoded += end - index
                stored += end - index
                index = end
            }
            if index < piece.count {
                decodeSingleByte(piece[index])
                index += 1
            }
        }
    }

    @inline(__always)
    private func decodeSingleByte(_ byte: UInt8) {
        if byte < 0x80 {
            if !previousWasASCII {
                offsets.addASCIIRun(decoded: decoded, stored: stored)
                previousWasASCII = true
            }
            output.append(byte)
            decoded += 1
        } else {
            offsets.addCharacter(decoded: decoded, stored: stored)
            previousWasASCII = false
            let scalar = upperHalf[Int(byte) - 0x80]
            if scalar == Self.unmapped {
                output.append(byte)
                decoded += 1
            } else {
                writeUTF8(scalar)
            }
        }
        stored += 1
    }

    /// Appends the UTF-8 of a scalar (not ASCII) and counts its bytes.
    @inline(__always)
    private func writeUTF8(_ scalar: UInt32) {
        if scalar < 0x800 {
            output.append(UInt8(0xC0 | scalar >> 6))
            output.append(UInt8(0x80 | scalar & 0x3F))
            decoded += 2
        } else if scalar < 0x10000 {
            output.append(UInt8(0xE0 | scalar >> 12))
            output.append(UInt8(0x80 | (scalar >> 6) & 0x3F))
            output.append(UInt8(0x80 | scalar & 0x3F))
            decoded += 3
        } else {
            output.append(UInt8(0xF0 | scalar >> 18))
            output.append(UInt8(0x80 | (scalar >> 12) & 0x3F))
            output.append(UInt8(0x80 | (scalar >> 6) & 0x3F))
            output.append(UInt8(0x80 | scalar & 0x3F))
            decoded += 4
        }
    }
}

/// The upper halves of single-byte tables: WHATWG's for windows-1252 (``Windows1252``), glibc's iconv for the
/// others, built once per decoder.
enum SingleByteTable {
    /// The scalar of each byte from 0x80 to 0xFF in `encoding`, ``TextDecoder/unmapped`` where iconv maps
    /// none (every byte when iconv does not know the encoding).
    /// - Complexity: 128 iconv calls.
    static func upperHalf(of encoding: TextEncoding) -> [UInt32] {
        if encoding == .windows1252 { return Windows1252.upperHalf }
        var table = [UInt32](repeating: TextDecoder.unmapped, count: 128)
        guard let iconvName = TextEncoding.singleByteNames[encoding.name] else { return table }
        let converter = iconv_open("UTF-32LE", iconvName)
        guard let converter, converter != iconv_t(bitPattern: -1) else { return table }
        defer { iconv_close(converter) }
        for byte in 0x80...0xFF {
            var input = [CChar(bitPattern: UInt8(byte))]
            var scalar: UInt32 = 0
            let converted = input.withUnsafeMutableBufferPointer { inputBuffer in
                withUnsafeMutableBytes(of: &scalar) { outputBuffer in
                    var inputPointer: UnsafeMutablePointer<CChar>? = inputBuffer.baseAddress
                    var inputLeft = 1
                    var outputPointer: UnsafeMutablePointer<CChar>? = outputBuffer.baseAddress?.assumingMemoryBound(
                        to: CChar.self)
                    var outputLeft = 4
                    iconv(converter, nil, nil, nil, nil)
                    let result = iconv(converter, &inputPointer, &inputLeft, &outputPointer, &outputLeft)
                    return result != -1 && inputLeft == 0 && outputLeft == 0
                }
            }
            if converted { table[byte - 0x80] = UInt32(littleEndian: scalar) }
        }
        return table
    }
}
