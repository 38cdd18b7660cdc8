@testable import DataQuality

/// One fuzz input, decoded: the profile options from its first four bytes, and the CSV bytes after them.
///
/// Layout of the four option bytes (all zero gives the default options, so a fixture with four zero bytes in
/// front is profiled as `dqcli profile` would):
/// - byte 0, flags: bit 0 no header; bit 1 strict; bit 2 no duplicate check; bits 3-4 the delimiter (0
///   sniffed, 1 `,`, 2 `;`, 3 byte 1); bit 5 quote `'` instead of `"`; bit 6 a key column (the column byte 1
///   picks, modulo the width); bit 7 null tokens `["-"]` instead of pandas' list;
/// - byte 1: the delimiter byte (flag value 3) and the key column's index;
/// - byte 2: low four bits pick `maxFieldBytes` from ``fieldLimits``, high four bits `exactDistinctLimit`
///   from ``distinctLimits`` (0 is the default in both);
/// - byte 3: the chunk count (2, 3 or 4 from its value modulo 3) and the seed of the streamed piece sizes; its
///   two high bits add one option of the preamble and number work: 1 the comment byte `#`, 2 one line to skip,
///   3 the decimal mark `,`.
///
/// An input shorter than four bytes is all CSV, with the default options.
struct FuzzCase {
    static let optionBytes = 4
    /// `maxFieldBytes` choices: the default, then small limits that make long fields malformed.
    static let fieldLimits = [
        ProfileOptions.defaultMaxFieldBytes, 1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64, 128, 256, 1024
    ]
    /// `exactDistinctLimit` choices: the default, then small bounds that switch columns to the sketches.
    static let distinctLimits = [
        ProfileOptions.defaultExactDistinctLimit, 1, 2, 3, 4, 5, 6, 8, 10, 12, 16, 20, 32, 64, 128, 256
    ]

    var options = ProfileOptions()
    /// When set, the column index (modulo the width) whose name becomes the key.
    var keyColumn: Int?
    /// Chunks asked of the parallel profiler, 2...4.
    var parts = 2
    /// Seed of the 1...7-byte piece sizes fed to the streaming profiler.
    var pieceSeed: UInt64 = 0
    /// The CSV bytes.
    var data: [UInt8]

    init(_ input: UnsafeRawBufferPointer) {
        guard input.count >= Self.optionBytes else {
            data = Array(input)
            return
        }
        let flags = input[0]
        let parameter = input[1]
        let limits = input[2]
        let chunking = input[3]
        data = Array(input[Self.optionBytes...])

        options.hasHeader = flags & 1 == 0
        options.strict = flags & 2 != 0
        options.checksDuplicates = flags & 4 == 0
        if flags & 32 != 0 { options.quote = UInt8(ascii: "'") }
        switch (flags >> 3) & 3 {
        case 1: options.delimiter = UInt8(ascii: ",")
        case 2: options.delimiter = UInt8(ascii: ";")
        case 3:
            // A byte the options accept as a delimiter, else sniffing.
            if parameter != 0x0A && parameter != 0x0D && parameter != options.quote { options.delimiter = parameter }
        default: break
        }
        if flags & 64 != 0 { keyColumn = Int(parameter) }
        if flags & 128 != 0 { options.nullValues = ["-"] }
        options.maxFieldBytes = Self.fieldLimits[Int(limits & 15)]
        options.exactDistinctLimit = Self.distinctLimits[Int(limits >> 4)]
        parts = 2 + Int(chunking) % 3
        pieceSeed = UInt64(chunking)
        switch chunking >> 6 {
        case 1: options.commentByte = UInt8(ascii: "#")
        case 2: options.linesToSkip = 1
        case 3: options.decimalMark = .comma
        default: break
        }
    }
}

extension FuzzCase {
    /// The CSV bytes as a gzip file of two members (RFC 1952), the cut drawn from the piece seed, each member
    /// one DEFLATE stream of stored blocks (RFC 1951, section 3.2.4): no compressor is needed to make a valid
    /// stream, and the reader must join the members and cross block boundaries anywhere.
    var gzipped: [UInt8] {
        let cut = data.isEmpty ? 0 : Int(pieceSeed) % (data.count + 1)
        return Self.gzipMember(data[..<cut]) + Self.gzipMember(data[cut...])
    }

    private static func gzipMember(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        var member: [UInt8] = [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 0xFF]
        var start = bytes.startIndex
        repeat {
            // Blocks of at most 251 bytes, so a stream of a few hundred bytes already has several.
            let end = min(start + 251, bytes.endIndex)
            let length = UInt16(end - start)
            member += [end == bytes.endIndex ? 1 : 0, UInt8(length & 0xFF), UInt8(length >> 8)]
            member += [UInt8(~length & 0xFF), UInt8(~length >> 8)]
            member += bytes[start..<end]
            start = end
        } while start < bytes.endIndex
        return member + littleEndian(crc32(bytes)) + littleEndian(UInt32(truncatingIfNeeded: bytes.count))
    }

    private static func littleEndian(_ value: UInt32) -> [UInt8] {
        (0..<4).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) }
    }

    /// CRC-32 as gzip checks it (ISO 3309, the reflected polynomial 0xEDB88320), bit by bit.
    private static func crc32(_ bytes: ArraySlice<UInt8>) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }
}

extension FuzzCase {
    /// The CSV bytes stored in another encoding, by the piece seed modulo 4: read as windows-1252 (named), as
    /// ISO-8859-2 (named: iconv's table), each byte widened to a UTF-16LE code unit without a mark (named), or to
    /// a UTF-16BE one after the mark FE FF (not named: the mark decides).
    var decodingCase: (options: ProfileOptions, data: [UInt8]) {
        var options = self.options
        switch pieceSeed % 4 {
        case 0:
            options.encoding = .windows1252
            return (options, data)
        case 1:
            options.encoding = try? TextEncoding(name: "iso-8859-2")
            return (options, data)
        case 2:
            options.encoding = .utf16LittleEndian
            return (options, data.flatMap { [$0, 0] })
        default:
            options.encoding = nil
            return (options, [0xFE, 0xFF] + data.flatMap { [0, $0] })
        }
    }
}

/// SplitMix64 (Steele, Lea and Flood, "Fast splittable pseudorandom number generators", OOPSLA 2014): the
/// piece sizes of the streamed run, reproducible from the input alone.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }
}
