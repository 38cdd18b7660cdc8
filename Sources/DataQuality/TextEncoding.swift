#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A text encoding the contract reads ("Encoding"): UTF-8, UTF-16 of either byte order, or an ASCII-compatible
/// single-byte encoding, known by its canonical lower-case name (`source.encoding`).
///
/// Build one from a name as the WHATWG Encoding Standard or iconv write it with ``init(name:)``; every alias
/// means what iconv means by it (`iso-8859-1` and `latin1` are ISO-8859-1, whose 0x80-0x9F are the C1
/// controls, not WHATWG's alias of windows-1252).
public struct TextEncoding: Sendable, Hashable, CustomStringConvertible {
    /// The canonical lower-case name: `utf-8`, `utf-16le`, `windows-1252`, `iso-8859-15`...
    public let name: String

    private init(canonical name: String) {
        self.name = name
    }

    /// UTF-8, the encoding read when none is named or detected.
    public static let utf8 = TextEncoding(canonical: "utf-8")
    /// UTF-16, little-endian.
    public static let utf16LittleEndian = TextEncoding(canonical: "utf-16le")
    /// UTF-16, big-endian.
    public static let utf16BigEndian = TextEncoding(canonical: "utf-16be")
    /// windows-1252, read by WHATWG's table (``Windows1252``), which maps every byte.
    public static let windows1252 = TextEncoding(canonical: "windows-1252")

    /// The encoding a name means.
    /// - Parameter name: a canonical name or an alias, in any case, `_` standing for `-` (`UTF8`, `cp1252`,
    ///   `latin1`, `ISO_8859-15`, `mac-roman`, `ascii`).
    /// - Throws: ``ProfileError`` with ``ProfileError/Problem/unknownEncoding(name:)`` (code `invalidOption`)
    ///   for any other name, `utf-16` without an endianness and multi-byte encodings such as `shift_jis`
    ///   included.
    /// - Complexity: O(1).
    public init(name: String) throws {
        let key = name.trimmingASCIISpaces.lowercased()
        guard
            let canonical = Self.aliases[key] ?? Self.aliases[String(key.map { $0 == "_" ? "-" : $0 })]
        else { throw ProfileError(.unknownEncoding(name: name)) }
        self.name = canonical
    }

    public var description: String { name }

    /// Whether this is UTF-16 of either byte order.
    var isUTF16: Bool { self == .utf16LittleEndian || self == .utf16BigEndian }

    /// Whether this is a single-byte encoding (neither UTF-8 nor UTF-16).
    var isSingleByte: Bool { self != .utf8 && !isUTF16 }

    /// Whether this system can decode the encoding: UTF-8, UTF-16 and windows-1252 always (their decoders are
    /// built in); another single-byte encoding when glibc's iconv opens a converter from it, which needs the
    /// system's gconv modules (a glibc without them, as in some minimal containers, has none).
    /// - Complexity: one `iconv_open` for a single-byte encoding other than windows-1252.
    var isConvertible: Bool {
        guard isSingleByte, self != .windows1252 else { return true }
        return Self.iconvConverts(from: Self.singleByteNames[name] ?? name)
    }

    /// Whether glibc's iconv opens a converter from the encoding iconv calls `iconvName` to UTF-32LE.
    static func iconvConverts(from iconvName: String) -> Bool {
        let converter = iconv_open("UTF-32LE", iconvName)
        guard let converter, converter != iconv_t(bitPattern: -1) else { return false }
        iconv_close(converter)
        return true
    }

    /// The canonical names of the single-byte encodings, and the name glibc's iconv knows each by.
    static let singleByteNames: [String: String] = {
        var names = [
            "koi8-r": "KOI8-R", "koi8-u": "KOI8-U", "ibm866": "IBM866", "macintosh": "MACINTOSH",
            "us-ascii": "US-ASCII"
        ]
        for digit in 0...8 { names["windows-125\(digit)"] = "WINDOWS-125\(digit)" }
        for number in Self.isoNumbers { names["iso-8859-\(number)"] = "ISO-8859-\(number)" }
        return names
    }()

    /// The ISO-8859 parts the contract reads (there is no part 12).
    private static let isoNumbers = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 14, 15, 16]

    /// Every accepted name, lower case, and the canonical name it means.
    private static let aliases: [String: String] = {
        var aliases = [
            "utf-8": "utf-8", "utf8": "utf-8", "utf-16le": "utf-16le", "utf16le": "utf-16le", "utf-16be": "utf-16be",
            "utf16be": "utf-16be", "cp866": "ibm866", "866": "ibm866", "mac-roman": "macintosh",
            "macroman": "macintosh", "mac": "macintosh", "ascii": "us-ascii", "koi8r": "koi8-r", "koi8u": "koi8-u"
        ]
        for canonical in singleByteNames.keys { aliases[canonical] = canonical }
        for digit in 0...8 {
            for alias in ["cp125\(digit)", "x-cp125\(digit)", "windows125\(digit)"] {
                aliases[alias] = "windows-125\(digit)"
            }
        }
        for number in isoNumbers {
            for alias in ["iso8859-\(number)", "iso8859\(number)", "iso-8859\(number)"] {
                aliases[alias] = "iso-8859-\(number)"
            }
        }
        // latinN and lN as iconv spells them.
        let latin = [1: 1, 2: 2, 3: 3, 4: 4, 5: 9, 6: 10, 7: 13, 8: 14, 9: 15, 10: 16]
        for (index, number) in latin {
            aliases["latin\(index)"] = "iso-8859-\(number)"
            aliases["l\(index)"] = "iso-8859-\(number)"
        }
        return aliases
    }()
}

extension String {
    /// The string without leading and trailing ASCII spaces and tabs.
    fileprivate var trimmingASCIISpaces: String {
        let bytes = Array(utf8)
        let isSpace = { (byte: UInt8) in byte == 0x20 || byte == 0x09 }
        guard let first = bytes.firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = bytes.lastIndex(where: { !isSpace($0) })!
        return String(decoding: bytes[first...last], as: UTF8.self)
    }
}
