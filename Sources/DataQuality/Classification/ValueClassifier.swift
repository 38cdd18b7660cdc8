#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Everything the profiler needs to know about one raw value, computed once per distinct value.
struct ValueInfo {
    var valueClass: UInt8 = ValueClass.string
    var flags: ValueFlags = []
    /// Length in Unicode scalars after decoding (each invalid subpart counts as one U+FFFD).
    var scalarLength: Int = 0
    /// The number, for finite integers and decimals.
    var number: Double = 0
    /// `yyyymmdd` of a date or a datetime's date (month-first reading for slash dates).
    var dateKey: Int = 0
    /// `yyyymmdd` of a slash date read day-first (a datetime's other dates: equal to ``dateKey``).
    var dayFirstDateKey: Int = 0
    /// Seconds of a datetime since 1970-01-01 (UTC for a datetime with a zone; a slash datetime read
    /// month-first), or of a time since midnight.
    var seconds: Int64 = 0
    /// ``seconds`` of a datetime whose slash date is read day-first (equal to it for other datetimes).
    var dayFirstSeconds: Int64 = 0
    /// Seconds since midnight of a datetime's or time's time of day, on the 24-hour clock.
    var timeOfDay = 0
    /// The fraction digits of a datetime or time: their position in the trimmed value and count.
    var fractionStart = 0
    var fractionCount = 0
    /// Where a datetime's zone (`Z` or an offset) starts in the trimmed value; its length without a zone.
    var zoneStart = 0
    /// Where the trimmed value starts in the raw value, and its length.
    var trimmedStart = 0
    var trimmedCount = 0
    /// For a null value, its token's index in ``ValueClassifier/nullTokenTexts`` (0: empty).
    var nullToken = 0
}

/// Classifies raw values by the report contract's null rule, type grammar and cleanliness rules, from bytes.
///
/// No `String` is built and nothing is allocated per value. Numbers of up to 15 significant digits take their
/// value by Clinger's fast path (one exact operation, correctly rounded); others are converted with the C
/// library's `strtod` (correctly rounded in glibc) from a reusable NUL-terminated scratch buffer.
final class ValueClassifier {
    private let nullTokens: [[UInt8]]
    /// The texts a null value's token can have: the empty token, then the null tokens in the order given (a
    /// null value's ``ValueInfo/nullToken`` indexes this list).
    let nullTokenTexts: [String]
    private let nullTokenLengths: UInt64
    /// The first bytes of the null tokens, as a 256-bit set (bit `b % 64` of word `b / 64`).
    private let nullTokenFirstBytes: (UInt64, UInt64, UInt64, UInt64)
    /// The null tokens of 1 to 8 bytes as words (``packedWord(_:count:)``), grouped by length: those of length `n`
    /// are `shortTokenWords[shortTokenStarts[n] ..< shortTokenStarts[n + 1]]`.
    private let shortTokenWords: UnsafeMutablePointer<UInt64>
    private let shortTokenStarts: UnsafeMutablePointer<Int>
    /// The index in ``nullTokenTexts`` of each of ``shortTokenWords``.
    private let shortTokenIndices: [Int]
    /// Whether each of ``nullTokenTexts`` holds a byte at or above 0x80 (a multi-byte UTF-8 sequence: tokens
    /// are text), and whether any does: a null value of such a token is flagged ``ValueFlags/multibyteUTF8``.
    private let nullTokenHoldsMultibyte: [Bool]
    private let anyNullTokenHoldsMultibyte: Bool
    @exclusivity(unchecked) var scratch: UnsafeMutablePointer<CChar>
    @exclusivity(unchecked) var scratchCapacity = 512
    /// Powers of ten that binary64 holds exactly (10^0 ... 10^22), in storage of the classifier's own (a
    /// static table would cost a lazy-initialization check per number).
    let exactPowersOfTen: UnsafeMutablePointer<Double>

    /// - Parameter nullTokens: the tokens compared with the trimmed value; emptiness is always null.
    init(nullTokens: [String]) {
        self.nullTokens = nullTokens.map { Array($0.utf8) }
        nullTokenTexts = [""] + nullTokens
        nullTokenHoldsMultibyte = nullTokenTexts.map { !$0.utf8.allSatisfy { $0 < 0x80 } }
        anyNullTokenHoldsMultibyte = nullTokenHoldsMultibyte.contains(true)
        var lengths: UInt64 = 0
        for token in self.nullTokens where token.count < 64 { lengths |= 1 << UInt64(token.count) }
        nullTokenLengths = lengths
        var firstBytes: [UInt64] = [0, 0, 0, 0]
        for token in self.nullTokens where !token.isEmpty {
            firstBytes[Int(token[0]) / 64] |= 1 << UInt64(token[0] % 64)
        }
        nullTokenFirstBytes = (firstBytes[0], firstBytes[1], firstBytes[2], firstBytes[3])
        let shortEntries = self.nullTokens.enumerated().filter { $0.element.count >= 1 && $0.element.count <= 8 }
            .sorted { $0.element.count < $1.element.count }
        let shortTokens = shortEntries.map(\.element)
        shortTokenIndices = shortEntries.map { $0.offset + 1 }
        shortTokenWords = UnsafeMutablePointer<UInt64>.allocate(capacity: max(1, shortTokens.count))
        shortTokenStarts = UnsafeMutablePointer<Int>.allocate(capacity: 10)
        for length in 0...9 {
            shortTokenStarts[length] = shortTokens.firstIndex { $0.count >= length } ?? shortTokens.count
        }
        for (index, token) in shortTokens.enumerated() {
            shortTokenWords[index] = token.withUnsafeBytes { packedWord($0.baseAddress, count: $0.count) }
        }
        scratch = UnsafeMutablePointer<CChar>.allocate(capacity: scratchCapacity)
        exactPowersOfTen = UnsafeMutablePointer<Double>.allocate(capacity: 23)
        var power = 1.0
        for exponent in 0...22 {
            exactPowersOfTen[exponent] = power
            power *= 10
        }
    }

    deinit {
        scratch.deallocate()
        shortTokenWords.deallocate()
        shortTokenStarts.deallocate()
        exactPowersOfTen.deallocate()
    }

    /// Classifies one raw value (the field's bytes after unquoting).
    @inline(__always)
    func classify(_ raw: UnsafeRawBufferPointer) -> ValueInfo {
        var info = ValueInfo()
        classify(raw, into: &info)
        return info
    }

    /// ``classify(_:)`` into `info`, a fresh ``ValueInfo`` in the caller's storage: the recognisers write its
    /// fields one by one, and a copy of the whole right after (a returned value) had to wait for those narrow
    /// stores to reach the cache before its wide loads could read them (a store-forwarding stall: 40% of the
    /// classifier's time on the benchmark file).
    func classify(_ raw: UnsafeRawBufferPointer, into info: inout ValueInfo) {
        let bytes = raw.bindMemory(to: UInt8.self)
        let count = bytes.count
        var start = 0
        var end = count
        while start < end && (bytes[start] == 0x20 || bytes[start] == 0x09) { start += 1 }
        while end > start && (bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09) { end -= 1 }
        info.trimmedStart = start
        info.trimmedCount = end - start
        let nullToken = nullTokenIndex(bytes, start, end)
        if nullToken >= 0 {
            info.flags.insert(.null)
            if anyNullTokenHoldsMultibyte && nullTokenHoldsMultibyte[nullToken] { info.flags.insert(.multibyteUTF8) }
            info.nullToken = nullToken
            return
        }
        if start != 0 || end != count
            || (count >= 2 && bytes[0] == 0xC2 && bytes[1] == 0xA0)
            || (count >= 2 && bytes[count - 2] == 0xC2 && bytes[count - 1] == 0xA0)
        {
            info.flags.insert(.whitespace)
        }
        scanText(bytes, into: &info)
        recognise(UnsafeBufferPointer(rebasing: bytes[start..<end]), into: &info)
    }

    /// Reads a clean value (not null, no surrounding whitespace) again that ``classify(_:)`` found to be a
    /// date, datetime or time: only the temporal recogniser runs, and it fills the date keys, seconds, time of
    /// day, fraction and zone as ``classify(_:)`` does (its other fields are left empty).
    func recogniseTemporal(_ raw: UnsafeRawBufferPointer) -> ValueInfo {
        var info = ValueInfo()
        let t = raw.bindMemory(to: UInt8.self)
        info.trimmedCount = t.count
        _ = recogniseTemporal(t, into: &info)
        return info
    }

    /// The index in ``nullTokenTexts`` of a null value's token (`raw` trimmed of spaces and tabs), or -1 when
    /// `raw` is not null. O(length of `raw`).
    func nullTokenIndex(of raw: UnsafeRawBufferPointer) -> Int {
        let bytes = raw.bindMemory(to: UInt8.self)
        var start = 0
        var end = bytes.count
        while start < end && (bytes[start] == 0x20 || bytes[start] == 0x09) { start += 1 }
        while end > start && (bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09) { end -= 1 }
        return nullTokenIndex(bytes, start, end)
    }

    /// The index in ``nullTokenTexts`` of the token the trimmed value `bytes[start..<end]` equals (0 when it is
    /// empty), or -1 when the value is not null.
    @inline(__always)
    private func nullTokenIndex(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int {
        let length = end - start
        if length == 0 { return 0 }
        if length < 64 && nullTokenLengths & (1 << UInt64(length)) == 0 { return -1 }
        let first = bytes[start]
        let firstBytes: UInt64
        switch first / 64 {
        case 0: firstBytes = nullTokenFirstBytes.0
        case 1: firstBytes = nullTokenFirstBytes.1
        case 2: firstBytes = nullTokenFirstBytes.2
        default: firstBytes = nullTokenFirstBytes.3
        }
        if firstBytes & (1 << UInt64(first % 64)) == 0 { return -1 }
        if length <= 8 {
            // One word comparison per token of this length.
            let word = packedWord(UnsafeRawPointer(bytes.baseAddress!) + start, count: length)
            for index in shortTokenStarts[length]..<shortTokenStarts[length + 1] where shortTokenWords[index] == word {
                return shortTokenIndices[index]
            }
            return -1
        }
        tokens: for (index, token) in nullTokens.enumerated() where token.count == length {
            for offset in 0..<length where token[offset] != bytes[start + offset] { continue tokens }
            return index + 1
        }
        return -1
    }

    /// The high bit of each byte of `word` that is not printable ASCII (0x20...0x7E): at or above 0x80, below
    /// 0x20, or 0x7F. The lowest flag is exact (Anderson's "Bit Twiddling Hacks": haszero, hasless; higher
    /// flags may be false positives after a borrow), so the word is clean exactly when this is 0.
    @inline(__always)
    private static func flaggedBytes(_ word: UInt64) -> UInt64 {
        let high: UInt64 = 0x8080_8080_8080_8080
        let below0x20 = (word &- 0x2020_2020_2020_2020) & ~word & high
        let deleteBytes = word ^ 0x7F7F_7F7F_7F7F_7F7F
        let is0x7F = (deleteBytes &- 0x0101_0101_0101_0101) & ~deleteBytes & high
        return (word & high) | below0x20 | is0x7F
    }

    /// Eight bytes made only of the `count` (1 to 7) bytes at `base`, by overlapping and repeated loads: every
    /// byte of the value appears, and no other byte does.
    @inline(__always)
    private static func repeatedWord(_ base: UnsafeRawPointer, _ count: Int) -> UInt64 {
        if count >= 4 {
            return UInt64(base.loadUnaligned(as: UInt32.self))
                | UInt64(base.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self)) << 32
        }
        if count >= 2 {
            let half =
                UInt64(base.loadUnaligned(as: UInt16.self))
                | UInt64(base.loadUnaligned(fromByteOffset: count - 2, as: UInt16.self)) << 16
            return half | half << 32
        }
        return UInt64(base.load(as: UInt8.self)) &* 0x0101_0101_0101_0101
    }

    /// UTF-8 validity, scalar count (maximal-subpart replacement, as Swift's `String(decoding:as:)` and
    /// Python's `errors="replace"` count it), control characters (C0, DEL and the C1 controls), and whether a
    /// complete multi-byte sequence occurs.
    private func scanText(_ bytes: UnsafeBufferPointer<UInt8>, into info: inout ValueInfo) {
        var index = 0
        var scalars = 0
        var invalid = false
        var control = false
        var multibyte = false
        let count = bytes.count
        let base = UnsafeRawPointer(bytes.baseAddress)
        // A value all of printable ASCII (most values) is settled by whole words: the clean words from the
        // start, then the last eight bytes (overlapping); a value under eight bytes is one word of its own bytes
        // repeated. Otherwise the reading below goes on from the first word with a flagged byte.
        if let base, count > 0 {
            if count >= 8 {
                while index + 8 <= count
                    && Self.flaggedBytes(base.loadUnaligned(fromByteOffset: index, as: UInt64.self)) == 0
                {
                    index += 8
                }
                if index == count
                    || (index + 8 > count
                        && Self.flaggedBytes(base.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)) == 0)
                {
                    info.scalarLength = count
                    return
                }
                scalars = index
            } else if Self.flaggedBytes(Self.repeatedWord(base, count)) == 0 {
                info.scalarLength = count
                return
            }
        }
        while index < count {
            // Eight printable ASCII bytes (0x20...0x7E) at a time: eight scalars, nothing to flag.
            if index + 8 <= count, let base {
                let flagged = Self.flaggedBytes(base.loadUnaligned(fromByteOffset: index, as: UInt64.self))
                if flagged == 0 {
                    scalars += 8
                    index += 8
                    continue
                }
                // The lowest flag is exact: the bytes before it are printable ASCII; the byte-by-byte reading
                // takes over at the flagged byte.
                let clean = flagged.trailingZeroBitCount / 8
                scalars += clean
                index += clean
            }
            let lead = bytes[index]
            if lead < 0x80 {
                if lead < 0x20 {
                    if lead != 0x09 && lead != 0x0A && lead != 0x0D { control = true }
                } else if lead == 0x7F {
                    control = true
                }
                scalars += 1
                index += 1
                continue
            }
            let (length, low, high) = utf8Sequence(lead: lead)
            scalars += 1
            if length == 0 {
                invalid = true
                index += 1
                continue
            }
            var taken = 1
            while taken < length {
                let position = index + taken
                if position >= count { break }
                let byte = bytes[position]
                let (lowBound, highBound) = taken == 1 ? (low, high) : (UInt8(0x80), UInt8(0xBF))
                if byte < lowBound || byte > highBound { break }
                taken += 1
            }
            if taken < length {
                invalid = true
            } else {
                multibyte = true
                // U+0080-U+009F, the C1 controls.
                if lead == 0xC2 && bytes[index + 1] <= 0x9F { control = true }
            }
            index += taken
        }
        info.scalarLength = scalars
        if invalid { info.flags.insert(.invalidUTF8) }
        if control { info.flags.insert(.controlCharacters) }
        if multibyte { info.flags.insert(.multibyteUTF8) }
    }

    // MARK: - Types

    private func recognise(_ t: UnsafeBufferPointer<UInt8>, into info: inout ValueInfo) {
        let count = t.count
        // Only a digit, a sign, a dot (numbers, dates, times) or t f y n i in either case (booleans, infinity)
        // can start anything but a string.
        let first = t[0]
        if first &- 0x30 >= 10 && first != 0x2B && first != 0x2D && first != 0x2E {
            let lower = first | 0x20
            if lower != 0x74 && lower != 0x66 && lower != 0x79 && lower != 0x6E && lower != 0x69 {
                info.valueClass = ValueClass.string
                return
            }
        }
        if first &- 0x30 >= 10, let booleanClass = booleanClass(t) {
            info.valueClass = booleanClass
            return
        }
        // Numbers: [+-]? then digits, fraction, exponent. The digits are accumulated as they are read, so the
        // common shapes (an integer, a decimal without exponent, 15 digits at most) take their value from this
        // one reading: Clinger's fast path, as ``fastDouble(_:)`` computes it.
        var index = 0
        let negative = t[0] == 0x2D
        if t[0] == 0x2B || negative { index = 1 }
        let integerStart = index
        var mantissa: UInt64 = 0
        while index < count {
            let digit = t[index] &- 0x30
            if digit >= 10 { break }
            mantissa = mantissa &* 10 &+ UInt64(digit)
            index += 1
        }
        let integerDigits = index - integerStart
        let hasLeadingZero = integerDigits > 1 && t[integerStart] == 0x30
        if integerDigits > 0 && index == count {
            if hasLeadingZero {
                info.valueClass = integerStart == 0 ? ValueClass.leadingZeroString : ValueClass.string
                return
            }
            // Up to 15 digits without a leading zero: below 2^53, so the conversion is exact.
            let number = integerDigits <= 15 ? (negative ? -Double(mantissa) : Double(mantissa)) : parseDouble(t)
            if number.isFinite {
                info.valueClass = ValueClass.finiteInteger
                info.number = number
            } else {
                info.valueClass = ValueClass.nonFiniteInteger
            }
            return
        }
        if index < count && t[index] == 0x2E && !hasLeadingZero {
            var end = index + 1
            while end < count {
                let digit = t[end] &- 0x30
                if digit >= 10 { break }
                mantissa = mantissa &* 10 &+ UInt64(digit)
                end += 1
            }
            let fractionDigits = end - index - 1
            if end == count && integerDigits + fractionDigits <= 15 && integerDigits + fractionDigits > 0 {
                // All digits read as one integer below 10^15 (exact in binary64), divided by the exact power
                // of ten of the fraction digits: one correctly rounded operation.
                let magnitude = Double(mantissa) / exactPowersOfTen[fractionDigits]
                info.valueClass = ValueClass.finiteDecimal
                info.number = negative ? -magnitude : magnitude
                return
            }
        }
        if isDecimal(t, signEnd: integerStart, integerEnd: index) {
            let number = parseDouble(t)
            if number.isFinite {
                info.valueClass = ValueClass.finiteDecimal
                info.number = number
            } else {
                info.valueClass = ValueClass.nonFiniteDecimal
            }
            return
        }
        if isInfinity(t, from: integerStart) {
            info.valueClass = ValueClass.nonFiniteDecimal
            return
        }
        if recogniseTemporal(t, into: &info) { return }
        info.valueClass = ValueClass.string
    }

    @inline(__always)
    func isDigit(_ byte: UInt8) -> Bool { byte &- 0x30 < 10 }

    private func booleanClass(_ t: UnsafeBufferPointer<UInt8>) -> UInt8? {
        let count = t.count
        guard count <= 5 else { return nil }
        var lower: UInt64 = 0
        var upperCount = 0
        for byte in t {
            let isUpper = byte >= 0x41 && byte <= 0x5A
            if isUpper { upperCount += 1 }
            lower = lower << 8 | UInt64(isUpper ? byte | 0x20 : byte)
        }
        let family: Int
        let isWord: Bool
        // The lower-cased bytes read as a big-endian integer: "true" is 0x74727565.
        switch (count, lower) {
        case (4, 0x7472_7565), (5, 0x66_616C_7365):
            family = 0
            isWord = true
        case (3, 0x79_6573), (2, 0x6E6F):
            family = 1
            isWord = true
        case (1, 0x74), (1, 0x66):
            family = 0
            isWord = false
        case (1, 0x79), (1, 0x6E):
            family = 1
            isWord = false
        default: return nil
        }
        let firstIsUpper = t[0] >= 0x41 && t[0] <= 0x5A
        let letterCase: Int
        if upperCount == 0 {
            letterCase = 0
        } else if upperCount == count {
            letterCase = 1
        } else if firstIsUpper && upperCount == 1 {
            letterCase = 2
        } else {
            letterCase = 3
        }
        if isWord { return ValueClass.firstBooleanWord + UInt8(family * 4 + letterCase) }
        return ValueClass.firstBooleanLetter + UInt8(family * 2 + letterCase)
    }
}
