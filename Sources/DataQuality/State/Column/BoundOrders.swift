#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The orders the bounds of a column keep: bytes, integer tokens of any length, fraction digits. The fold
/// compares each new value against its bounds with them; the merge of ``ColumnBounds`` keeps the extremes by them.

/// Compares two strings of fraction digits as the numbers 0.digits (`5` equals `50`).
func compareFractionDigits(_ lhs: UnsafeRawBufferPointer, _ rhs: UnsafeRawBufferPointer) -> Int {
    let length = max(lhs.count, rhs.count)
    for index in 0..<length {
        let left = index < lhs.count ? lhs[index] : 0x30
        let right = index < rhs.count ? rhs[index] : 0x30
        if left != right { return left < right ? -1 : 1 }
    }
    return 0
}

/// Byte-wise (unsigned, lexicographic) order of two byte strings, a shorter prefix first: -1, 0 or 1.
@inline(__always)
func compareBytes(_ lhs: UnsafeRawBufferPointer, _ rhs: UnsafeRawBufferPointer) -> Int {
    let common = min(lhs.count, rhs.count)
    if common > 0 {
        let order = memcmp(lhs.baseAddress!, rhs.baseAddress!, common)
        if order != 0 { return order < 0 ? -1 : 1 }
    }
    return lhs.count == rhs.count ? 0 : (lhs.count < rhs.count ? -1 : 1)
}

/// Exact order of two integer tokens (`[+-]?(0|[1-9][0-9]*)`), any length: -1, 0 or 1.
func compareIntegerTokens(_ lhs: UnsafeRawBufferPointer, _ rhs: UnsafeRawBufferPointer) -> Int {
    // Two unsigned tokens (no leading zeros): the longer is larger, equal lengths compare byte by byte.
    if let left = lhs.first, let right = rhs.first, left != 0x2D && left != 0x2B && right != 0x2D && right != 0x2B {
        if lhs.count != rhs.count { return lhs.count < rhs.count ? -1 : 1 }
        return compareBytes(lhs, rhs)
    }
    func parts(_ token: UnsafeRawBufferPointer) -> (negative: Bool, digits: UnsafeRawBufferPointer) {
        var digits = token
        var negative = false
        if let first = digits.first, first == 0x2D || first == 0x2B {
            negative = first == 0x2D
            digits = UnsafeRawBufferPointer(rebasing: digits[1...])
        }
        if digits.count == 1 && digits[0] == 0x30 { negative = false }
        return (negative, digits)
    }
    let left = parts(lhs)
    let right = parts(rhs)
    if left.negative != right.negative { return left.negative ? -1 : 1 }
    var magnitude = 0
    if left.digits.count != right.digits.count {
        magnitude = left.digits.count < right.digits.count ? -1 : 1
    } else {
        for index in 0..<left.digits.count where left.digits[index] != right.digits[index] {
            magnitude = left.digits[index] < right.digits[index] ? -1 : 1
            break
        }
    }
    return left.negative ? -magnitude : magnitude
}
