#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension ChunkPlanner {
    /// Quote parity with a comment byte: the quotes of a line that begins with the comment byte are no quoting, so
    /// they do not count. Whether a line is a comment line depends here only on its first byte, not on the
    /// quote state before it, so each region is counted on its own as without a comment byte (a line that
    /// begins with the comment byte inside a quoted field is data, and its quotes should count: the chunks then
    /// do not meet, and the caller reads the file in one pass).
    struct CommentLines: Sendable {
        /// Where a byte stands in its line.
        struct LineState {
            /// Whether the byte begins a line (its line's first byte decides whether the line is a comment).
            var atStart: Bool
            /// Whether the line the byte is in began with the comment byte.
            var isComment = false
        }

        let descriptor: Int32
        let comment: UInt8
        /// Where records begin: a line starts there.
        let bodyStart: Int

        /// The state of the byte at `offset`: whether a line starts there, else whether its line began with the
        /// comment byte (found by reading back to the line's start). Nil when the file cannot be read.
        /// - Complexity: O(length of the line before `offset`).
        func lineState(at offset: Int) -> LineState? {
            if offset <= bodyStart { return LineState(atStart: true) }
            let blockLength = 1 << 12
            let block = UnsafeMutableRawPointer.allocate(byteCount: blockLength + 1, alignment: 8)
            defer { block.deallocate() }
            var blockEnd = offset
            var next: UInt8?  // the byte after the block (the byte at `offset` for the first block)
            if pread(descriptor, block, 1, off_t(offset)) == 1 { next = block.load(as: UInt8.self) }
            while blockEnd > bodyStart {
                let blockStart = max(bodyStart, blockEnd - blockLength)
                guard pread(descriptor, block, blockEnd - blockStart, off_t(blockStart)) == blockEnd - blockStart else {
                    return nil
                }
                for index in stride(from: blockEnd - blockStart - 1, through: 0, by: -1) {
                    let byte = block.load(fromByteOffset: index, as: UInt8.self)
                    if byte == 0x0A || (byte == 0x0D && next != 0x0A) {
                        if blockStart + index + 1 == offset { return LineState(atStart: true) }
                        var first: UInt8 = 0
                        guard pread(descriptor, &first, 1, off_t(blockStart + index + 1)) == 1 else { return nil }
                        return LineState(atStart: false, isComment: first == comment)
                    }
                    next = byte
                }
                blockEnd = blockStart
            }
            var first: UInt8 = 0
            guard pread(descriptor, &first, 1, off_t(bodyStart)) == 1 else { return nil }
            return LineState(atStart: false, isComment: first == comment)
        }

        /// Quote bytes outside lines that begin with the comment byte, and line endings (LF, and CR not followed
        /// by LF), in `[from, to)` of a file of `end` bytes. Nil when the file cannot be read.
        /// - Complexity: O(`to - from`), one byte at a time (only runs with a comment byte do).
        func countRegion(from: Int, to: Int, end: Int, quote: UInt8) -> Tally? {
            guard var line = lineState(at: from) else { return nil }
            var tally = Tally()
            let bufferLength = 1 << 20
            let buffer = UnsafeMutableRawPointer.allocate(byteCount: bufferLength + 1, alignment: 8)
            defer { buffer.deallocate() }
            var position = from
            while position < to {
                // One byte more than the region when the file has it, to see whether a final CR precedes an LF.
                let counted = min(bufferLength, to - position)
                let read = pread(descriptor, buffer, counted + (position + counted < end ? 1 : 0), off_t(position))
                if read < counted { return nil }
                for index in 0..<counted {
                    let byte = buffer.load(fromByteOffset: index, as: UInt8.self)
                    if line.atStart {
                        line.isComment = byte == comment
                        line.atStart = false
                    }
                    if byte == quote {
                        if !line.isComment { tally.quotes += 1 }
                    } else if byte == 0x0A {
                        tally.lineEndings += 1
                        line.atStart = true
                    } else if byte == 0x0D && ChunkPlanner.loneCarriageReturn(buffer, index, read) == 1 {
                        tally.lineEndings += 1
                        line.atStart = true
                    }
                }
                position += counted
            }
            return tally
        }
    }
}
