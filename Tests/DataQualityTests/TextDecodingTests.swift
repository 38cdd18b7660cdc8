import Testing

@testable import DataQuality

/// The contract's "Encoding" rule in the library: names (``TextEncoding``), detection, the streaming decoder
/// (``TextDecoder``) and its exact translation of offsets back to the stored bytes (``StoredOffsetMap``).
@Suite struct TextDecodingTests {
    /// Decodes `stored` fed in pieces of `pieceLength` bytes: the UTF-8 and the decoder.
    private func decode(_ stored: [UInt8], as encoding: TextEncoding, pieceLength: Int) -> ([UInt8], TextDecoder) {
        let decoder = TextDecoder(encoding: encoding)
        var text: [UInt8] = []
        var start = 0
        while start < stored.count {
            let end = min(stored.count, start + pieceLength)
            stored[start..<end].withUnsafeBytes { decoder.decode($0) { text.append(contentsOf: $0) } }
            start = end
        }
        decoder.finish { text.append(contentsOf: $0) }
        return (text, decoder)
    }

    private func utf16LittleEndian(_ units: [UInt16]) -> [UInt8] {
        units.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
    }

    @Test(
        arguments: [
            ("UTF-8", "utf-8"), ("utf8", "utf-8"), ("UTF-16LE", "utf-16le"), ("utf16be", "utf-16be"),
            ("cp1252", "windows-1252"), ("x-cp1250", "windows-1250"), ("Windows-1258", "windows-1258"),
            ("latin1", "iso-8859-1"), ("l9", "iso-8859-15"), ("latin5", "iso-8859-9"), ("ISO_8859-15", "iso-8859-15"),
            ("iso8859-2", "iso-8859-2"), ("iso88597", "iso-8859-7"), ("KOI8-R", "koi8-r"), ("cp866", "ibm866"),
            ("mac-roman", "macintosh"), ("ascii", "us-ascii"), (" utf-8 ", "utf-8")
        ])
    func namesAndAliasesGiveTheCanonicalName(_ given: String, _ canonical: String) throws {
        #expect(try TextEncoding(name: given).name == canonical)
    }

    @Test(arguments: ["utf-16", "UTF16", "shift_jis", "gbk", "iso-8859-12", "utf-32", ""])
    func otherNamesAreTypedErrors(_ given: String) {
        #expect(throws: ProfileError(.unknownEncoding(name: given))) { try TextEncoding(name: given) }
    }

    @Test func errorMessagesSayWhatToGive() {
        #expect(
            ProfileError(.unknownEncoding(name: "utf-16")).description
                == "encoding utf-16 needs its byte order: give utf-16le or utf-16be.")
        #expect(ProfileError(.unknownEncoding(name: "gbk")).code == .invalidOption)
    }

    /// Every name the contract reads is decodable here (glibc's gconv modules are installed on this machine);
    /// iconv's refusal is seen, not read as a table that maps nothing, and words an error that says so.
    @Test func anEncodingIconvCannotOpenIsAnError() throws {
        for name in TextEncoding.singleByteNames.keys.sorted() {
            #expect(try TextEncoding(name: name).isConvertible, "\(name)")
        }
        #expect(TextEncoding.iconvConverts(from: "ISO-8859-2"))
        #expect(!TextEncoding.iconvConverts(from: "NO-SUCH-CHARSET"))
        var options = ProfileOptions()
        options.encoding = try TextEncoding(name: "latin2")
        try options.validate()
        let unavailable = ProfileError(.encodingUnavailable(name: "iso-8859-2"))
        #expect(unavailable.code == .invalidOption)
        #expect(
            unavailable.description
                == "encoding iso-8859-2: this system cannot decode it (glibc's iconv has no converter from it: are its "
                + "gconv modules installed?); convert the file to UTF-8 first.")
    }

    /// A UTF-16 mark wins over a given encoding; else the given one; else detection on the window after a UTF-8
    /// mark.
    @Test func chosenEncoding() {
        func choose(_ bytes: [UInt8], _ given: TextEncoding? = nil) -> (TextEncoding, Bool) {
            let chosen = bytes.withUnsafeBytes { TextEncoding.reading(firstBytes: $0, given: given) }
            return (chosen.encoding, chosen.isDetected)
        }
        #expect(choose([0xFF, 0xFE, 0x61, 0x00], .windows1252) == (.utf16LittleEndian, false))
        #expect(choose([0xFE, 0xFF, 0x00, 0x61]) == (.utf16BigEndian, false))
        #expect(choose(Array("a,b\n".utf8), .windows1252) == (.windows1252, false))
        #expect(choose(Array("a,b\nLi\u{E8}ge\n".utf8)) == (.utf8, true))
        // E8 alone is not UTF-8, and no multi-byte sequence is valid: windows-1252.
        #expect(choose(Array("a,b\nLi".utf8) + [0xE8] + Array("ge\n".utf8)) == (.windows1252, true))
        // A UTF-8 BOM is skipped; the same byte beside a valid é keeps UTF-8.
        #expect(choose([0xEF, 0xBB, 0xBF, 0x4C, 0xE8, 0x2C, 0xC3, 0xA9]) == (.utf8, true))
        // A sequence cut by the window's end is valid when the text goes on, invalid when it ends there.
        let cut = [UInt8](repeating: 0x61, count: TextEncoding.detectionWindow - 1) + [0xC3]
        #expect(choose(cut + [0xA9]) == (.utf8, true))
        #expect(choose(cut) == (.windows1252, true))
    }

    /// `a,é\n😀,b` in UTF-16LE, then a lone low surrogate and a final odd byte, fed one byte at a time and
    /// whole: the same UTF-8, `FF` for each invalid unit.
    @Test(arguments: [1, 2, 3, 1000])
    func utf16LittleEndianDecodesAcrossPieces(_ pieceLength: Int) {
        let stored = utf16LittleEndian([0x61, 0x2C, 0xE9, 0x0A, 0xD83D, 0xDE00, 0x2C, 0x62, 0xDC00, 0x0A]) + [0x41]
        let (text, decoder) = decode(stored, as: .utf16LittleEndian, pieceLength: pieceLength)
        #expect(text == Array("a,é\n😀,b".utf8) + [0xFF, 0x0A, 0xFF])
        // Decoded offsets (UTF-8) to stored ones (UTF-16): a 0, é 2 -> 4, LF 4 -> 6, 😀 5 -> 8 (its 4 UTF-8
        // bytes and 4 stored ones), `,` 9 -> 12, b 10 -> 14, the lone surrogate 11 -> 16, LF 12 -> 18, the odd
        // byte 13 -> 20, the end 14 -> 21.
        let offsets = decoder.offsets
        #expect(
            [0, 2, 3, 4, 5, 7, 9, 10, 11, 12, 13, 14].map(offsets.storedOffset(of:)) == [
                0, 4, 4, 6, 8, 8, 12, 14, 16, 18, 20, 21
            ])
    }

    @Test func utf16BigEndianAndAHighSurrogateLeftAtTheEnd() {
        let stored: [UInt8] = [0x00, 0x78, 0x00, 0xFC, 0xD8, 0x3D]
        let (text, decoder) = decode(stored, as: .utf16BigEndian, pieceLength: 1)
        #expect(text == Array("xü".utf8) + [0xFF])
        #expect([0, 1, 3, 4].map(decoder.offsets.storedOffset(of:)) == [0, 2, 4, 6])
    }

    /// windows-1252 by WHATWG's table (0x80 is €, 0x81 the C1 control U+0081); ISO-8859-1 by iconv (0x80 is the
    /// C1 control U+0080); a byte iconv leaves unmapped (0xAA in windows-1253, every byte from 0x80 in US-ASCII)
    /// stays itself, invalid UTF-8.
    @Test func singleByteTables() throws {
        let stored: [UInt8] = [0x80, 0x2C, 0x81, 0x2C, 0xE9, 0x0A]
        #expect(decode(stored, as: .windows1252, pieceLength: 2).0 == Array("€,\u{81},é\n".utf8))
        #expect(
            decode(stored, as: try TextEncoding(name: "iso-8859-1"), pieceLength: 7).0
                == Array("\u{80},\u{81},é\n".utf8))
        #expect(
            decode([0x61, 0xAA, 0x62], as: try TextEncoding(name: "windows-1253"), pieceLength: 1).0 == [
                0x61, 0xAA, 0x62
            ])
        #expect(decode([0xE9, 0x41], as: try TextEncoding(name: "us-ascii"), pieceLength: 1).0 == [0xE9, 0x41])
        let (_, decoder) = decode(stored, as: .windows1252, pieceLength: 1)
        // € is 3 UTF-8 bytes for 1 stored: `,` 3 -> 1, the U+0081 4 -> 2, é 7 -> 4, LF 9 -> 5.
        #expect([0, 1, 3, 4, 5, 7, 9, 10].map(decoder.offsets.storedOffset(of:)) == [0, 0, 1, 2, 2, 4, 5, 6])
    }

    /// Offsets in strict errors count the stored UTF-16 bytes: the ragged record `é,2,3` starts after the mark
    /// and `a,b\n` (2 + 2 x 4 = 10), as its first byte.
    @Test func strictErrorNamesTheStoredOffset() throws {
        let stored: [UInt8] = [0xFF, 0xFE] + utf16LittleEndian(Array("a,b\n\u{E9},2,3\n".utf16))
        var options = ProfileOptions()
        options.strict = true
        do {
            let driver = try ByteStreamDriver(options: options, sourceName: "wide.csv")
            try driver.feed(stored)
            _ = try driver.finish()
            Issue.record("no error for a ragged record under strict reading")
        } catch let error as ProfileError {
            #expect(error.code == .raggedRecord)
            #expect(error.line == 2)
            #expect(error.byteOffset == 10)
        }
    }

    /// The map lets go of checkpoints before the oldest offset still to translate, and still translates later
    /// ones exactly.
    @Test func forgettingKeepsLaterOffsetsExact() {
        let map = StoredOffsetMap(storedBytesPerASCII: 2)
        for character in 0..<10_000 {
            map.addCharacter(decoded: character * 3, stored: character * 4)
            map.addASCIIRun(decoded: character * 3 + 2, stored: character * 4 + 2)
        }
        map.forget(before: 27_000)
        #expect(map.storedOffset(of: 27_000) == 36_000)
        #expect(map.storedOffset(of: 27_002) == 36_002)
        #expect(map.storedOffset(of: 27_001) == 36_000)
    }
}
