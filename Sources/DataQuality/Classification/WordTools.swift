/// The `count` (0 to 8) bytes at `base` as one word, zero-padded: overlapping loads for lengths that are not a
/// power of two, so equal byte strings of one length give equal words, and the word's memory holds the bytes
/// in order on little-endian machines (every platform Swift builds this package for).
@inline(__always)
func packedWord(_ base: UnsafeRawPointer?, count: Int) -> UInt64 {
    guard let base, count > 0 else { return 0 }
    if count >= 4 {
        let low = UInt64(base.loadUnaligned(as: UInt32.self))
        let high = UInt64(base.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self))
        return low | high << UInt64(8 * (count - 4))
    }
    if count >= 2 {
        let low = UInt64(base.loadUnaligned(as: UInt16.self))
        let high = UInt64(base.loadUnaligned(fromByteOffset: count - 2, as: UInt16.self))
        return low | high << UInt64(8 * (count - 2))
    }
    return UInt64(base.load(as: UInt8.self))
}

/// The element at 0-based `rank` of `values` sorted ascending, by quickselect (Hoare's FIND, 1961); reorders
/// `values`. O(n) expected time, no memory.
func selectRank(_ values: UnsafeMutableBufferPointer<Int>, rank: Int) -> Int {
    var low = 0
    var high = values.count - 1
    while low < high {
        let pivot = values[low + (high - low) / 2]
        var left = low
        var right = high
        while left <= right {
            while values[left] < pivot { left += 1 }
            while values[right] > pivot { right -= 1 }
            if left <= right {
                values.swapAt(left, right)
                left += 1
                right -= 1
            }
        }
        if rank <= right {
            high = right
        } else if rank >= left {
            low = left
        } else {
            return values[rank]
        }
    }
    return values[rank]
}
