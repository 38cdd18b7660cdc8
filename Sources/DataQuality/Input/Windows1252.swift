/// WHATWG's windows-1252 table, which maps every byte: the Encoding Standard's index-windows-1252.txt
/// (<https://encoding.spec.whatwg.org/index-windows-1252.txt>, pointer = byte - 0x80), which is the code page
/// 1252 of Microsoft's bestfit1252.txt with its five undefined bytes 0x81, 0x8D, 0x8F, 0x90 and 0x9D mapped to
/// the C1 controls of the same value. Bytes 0x00-0x7F are ASCII.
enum Windows1252 {
    /// The scalar of each byte from 0x80 to 0xFF, in byte order.
    static let upperHalf: [UInt32] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,  // 0x80
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,  // 0x88
        0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,  // 0x90
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,  // 0x98
        0x00A0, 0x00A1, 0x00A2, 0x00A3, 0x00A4, 0x00A5, 0x00A6, 0x00A7,  // 0xA0
        0x00A8, 0x00A9, 0x00AA, 0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x00AF,  // 0xA8
        0x00B0, 0x00B1, 0x00B2, 0x00B3, 0x00B4, 0x00B5, 0x00B6, 0x00B7,  // 0xB0
        0x00B8, 0x00B9, 0x00BA, 0x00BB, 0x00BC, 0x00BD, 0x00BE, 0x00BF,  // 0xB8
        0x00C0, 0x00C1, 0x00C2, 0x00C3, 0x00C4, 0x00C5, 0x00C6, 0x00C7,  // 0xC0
        0x00C8, 0x00C9, 0x00CA, 0x00CB, 0x00CC, 0x00CD, 0x00CE, 0x00CF,  // 0xC8
        0x00D0, 0x00D1, 0x00D2, 0x00D3, 0x00D4, 0x00D5, 0x00D6, 0x00D7,  // 0xD0
        0x00D8, 0x00D9, 0x00DA, 0x00DB, 0x00DC, 0x00DD, 0x00DE, 0x00DF,  // 0xD8
        0x00E0, 0x00E1, 0x00E2, 0x00E3, 0x00E4, 0x00E5, 0x00E6, 0x00E7,  // 0xE0
        0x00E8, 0x00E9, 0x00EA, 0x00EB, 0x00EC, 0x00ED, 0x00EE, 0x00EF,  // 0xE8
        0x00F0, 0x00F1, 0x00F2, 0x00F3, 0x00F4, 0x00F5, 0x00F6, 0x00F7,  // 0xF0
        0x00F8, 0x00F9, 0x00FA, 0x00FB, 0x00FC, 0x00FD, 0x00FE, 0x00FF  // 0xF8
    ]
}

extension Windows1252 {
    /// Whether the bytes that `text`, a windows-1252 text's UTF-8 decoding, was decoded from hold a complete,
    /// valid multi-byte UTF-8 sequence (what ``TextEncoding/containsValidMultibyteUTF8(_:)`` says of the
    /// stored bytes), read back through the table's inverse without copying them.
    /// - Complexity: O(`text.count`); allocates nothing.
    static func storedBytesHoldMultibyteUTF8(_ text: UnsafeRawBufferPointer) -> Bool {
        var index = 0
        var finder = MultibyteUTF8Finder()
        while index < text.count && !finder.isFound {
            let (byte, length) = storedByte(text, at: index)
            index += length
            finder.feed(byte)
        }
        return finder.isFound
    }

    /// The stored byte of the scalar whose UTF-8 starts at `index` of a decoded text, and that UTF-8's length.
    private static func storedByte(_ text: UnsafeRawBufferPointer, at index: Int) -> (byte: UInt8, length: Int) {
        let lead = text[index]
        if lead < 0x80 { return (lead, 1) }
        let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
        var scalar = UInt32(lead) & (0xFF >> (length + 1))
        for offset in 1..<length where index + offset < text.count {
            scalar = scalar << 6 | UInt32(text[index + offset] & 0x3F)
        }
        if (0xA0...0xFF).contains(scalar) { return (UInt8(scalar), length) }
        let position = upperHalf.firstIndex(of: scalar) ?? 0x7F
        return (UInt8(0x80 + position), length)
    }
}
