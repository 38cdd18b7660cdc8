#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Number recognition and conversion: the decimal grammar, infinity, and the correctly rounded value.
extension ValueClassifier {
    /// `[+-]?(0|[1-9][0-9]*)(\.[0-9]*)?([eE][+-]?[0-9]+)?` or `[+-]?\.[0-9]+([eE][+-]?[0-9]+)?`, not an integer.
    func isDecimal(_ t: UnsafeBufferPointer<UInt8>, signEnd: Int, integerEnd: Int) -> Bool {
        let count = t.count
        let integerDigits = integerEnd - signEnd
        if integerDigits > 1 && t[signEnd] == 0x30 { return false }
        var index = integerEnd
        if index < count && t[index] == 0x2E {
            index += 1
            let fractionStart = index
            while index < count && isDigit(t[index]) { index += 1 }
            if integerDigits == 0 && index == fractionStart { return false }
        } else if integerDigits == 0 {
            return false
        }
        if index < count && (t[index] == 0x65 || t[index] == 0x45) {
            index += 1
            if index < count && (t[index] == 0x2B || t[index] == 0x2D) { index += 1 }
            let exponentStart = index
            while index < count && isDigit(t[index]) { index += 1 }
            if index == exponentStart { return false }
        }
        return index == count
    }

    func isInfinity(_ t: UnsafeBufferPointer<UInt8>, from start: Int) -> Bool {
        let length = t.count - start
        guard length == 3 || length == 8 else { return false }
        // "infinity" in memory order, one byte per offset.
        let word: UInt64 = 0x7974_696E_6966_6E69
        for offset in 0..<length where t[start + offset] | 0x20 != UInt8(truncatingIfNeeded: word >> UInt64(8 * offset))
        {
            return false
        }
        return true
    }

    /// The nearest binary64 of a number token (already checked against the grammar).
    ///
    /// Clinger's fast path (W. D. Clinger, "How to read floating point numbers accurately", 1990): when the
    /// significant digits fit 2^53 and the decimal exponent is within 22, one exact multiplication or
    /// division by an exact power of ten gives the correctly rounded result. Anything else goes to the C
    /// library's `strtod` (correctly rounded in glibc).
    func parseDouble(_ t: UnsafeBufferPointer<UInt8>) -> Double {
        if let fast = fastDouble(t) { return fast }
        return slowDouble(t)
    }

    func fastDouble(_ t: UnsafeBufferPointer<UInt8>) -> Double? {
        var index = 0
        let count = t.count
        var negative = false
        if index < count && (t[index] == 0x2B || t[index] == 0x2D) {
            negative = t[index] == 0x2D
            index += 1
        }
        var mantissa: UInt64 = 0
        var digits = 0
        var exponent = 0
        var seenDot = false
        while index < count {
            let byte = t[index]
            if byte == 0x2E {
                seenDot = true
            } else if byte &- 0x30 < 10 {
                if mantissa == 0 && byte == 0x30 {
                    if seenDot { exponent -= 1 }
                } else {
                    digits += 1
                    if digits > 15 { return nil }
                    mantissa = mantissa * 10 + UInt64(byte &- 0x30)
                    if seenDot { exponent -= 1 }
                }
            } else {
                break
            }
            index += 1
        }
        if index < count {
            // An exponent: [eE][+-]?digits
            index += 1
            var exponentNegative = false
            if index < count && (t[index] == 0x2B || t[index] == 0x2D) {
                exponentNegative = t[index] == 0x2D
                index += 1
            }
            var written = 0
            while index < count {
                written = written * 10 + Int(t[index] &- 0x30)
                if written > 400 { return nil }
                index += 1
            }
            exponent += exponentNegative ? -written : written
        }
        let value: Double
        if mantissa == 0 {
            value = 0
        } else if exponent >= 0 && exponent <= 22 {
            value = Double(mantissa) * exactPowersOfTen[exponent]
            if digits + exponent > 15 { return nil }  // the product may not be exact
        } else if exponent < 0 && exponent >= -22 {
            value = Double(mantissa) / exactPowersOfTen[-exponent]
        } else {
            return nil
        }
        return negative ? -value : value
    }

    func slowDouble(_ t: UnsafeBufferPointer<UInt8>) -> Double {
        if t.count + 1 > scratchCapacity {
            scratch.deallocate()
            scratchCapacity = t.count + 1
            scratch = UnsafeMutablePointer<CChar>.allocate(capacity: scratchCapacity)
        }
        UnsafeMutableRawPointer(scratch).copyMemory(from: t.baseAddress!, byteCount: t.count)
        scratch[t.count] = 0
        return strtod(scratch, nil)
    }
}
