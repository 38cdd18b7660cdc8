import Foundation

/// Runs a ``TextDecoder`` on a thread of its own while the caller parses, as ``DecompressionPipeline`` runs
/// decompression: the caller hands over stored pieces and takes back their UTF-8, in order, and the offset
/// checkpoints of each decoded piece move to ``offsets``, the map the caller's reader translates with, before
/// its text is given out.
///
/// At most ``maximumInFlight`` pieces are handed over and not yet taken back, so memory stays at those
/// pieces, their decodings (up to 3 bytes per stored byte) and their checkpoints.
final class DecodingPipeline: @unchecked Sendable {
    /// Pieces handed over and not yet taken back: one being decoded, one waiting, one being parsed.
    static let maximumInFlight = 3

    private struct Decoded {
        let text: [UInt8]
        let checkpoints: [StoredOffsetMap.Checkpoint]
    }

    /// The translation of offsets in the text given out so far (used by the caller's thread only).
    let offsets: StoredOffsetMap
    private let condition = NSCondition()
    /// Stored pieces waiting for the decoder; nil ends the input.
    private var waiting: [[UInt8]?] = []
    private var decoded: [Decoded] = []
    private var inFlight = 0
    private var isDecoderDone = false
    private var isStopped = false

    /// Starts the decoder's thread.
    /// - Parameters:
    ///   - encoding: UTF-16 of either order, or a single-byte encoding (not UTF-8).
    ///   - storedStart: the stored offset of the first byte handed over (the text's offsets start there too).
    init(encoding: TextEncoding, storedStart: Int = 0) {
        offsets = StoredOffsetMap(
            storedBytesPerASCII: encoding.isUTF16 ? 2 : 1, decodedStart: storedStart, storedStart: storedStart)
        let thread = Thread { [self] in decode(with: TextDecoder(encoding: encoding, storedStart: storedStart)) }
        thread.start()
    }

    /// Hands over the next stored piece, and calls `text` with the decodings ready (waiting while too many
    /// pieces are in flight).
    /// - Throws: what `text` throws (the pipeline then stops).
    func feed(_ piece: UnsafeRawBufferPointer, _ text: (UnsafeRawBufferPointer) throws -> Void) throws {
        condition.withLock {
            waiting.append(Array(piece))
            inFlight += 1
            condition.broadcast()
        }
        try giveOut(text, untilAllTaken: false)
    }

    /// Ends the input and calls `text` with every decoding left, the decoder's last bytes included.
    /// - Throws: what `text` throws.
    func finish(_ text: (UnsafeRawBufferPointer) throws -> Void) throws {
        condition.withLock {
            waiting.append(nil)
            condition.broadcast()
        }
        try giveOut(text, untilAllTaken: true)
    }

    /// Stops the decoder's thread (at the end, or when the caller gives up).
    func stop() {
        condition.withLock {
            isStopped = true
            condition.broadcast()
        }
    }

    private func giveOut(_ text: (UnsafeRawBufferPointer) throws -> Void, untilAllTaken: Bool) throws {
        while true {
            condition.lock()
            while decoded.isEmpty && (untilAllTaken ? !isDecoderDone : inFlight >= Self.maximumInFlight) {
                condition.wait()
            }
            if decoded.isEmpty {
                condition.unlock()
                return
            }
            let next = decoded.removeFirst()
            condition.unlock()
            offsets.append(next.checkpoints)
            do {
                if !next.text.isEmpty { try next.text.withUnsafeBytes { try text($0) } }
            } catch {
                stop()
                throw error
            }
            condition.withLock {
                inFlight -= 1
                condition.broadcast()
            }
        }
    }

    private func decode(with decoder: TextDecoder) {
        while true {
            condition.lock()
            while waiting.isEmpty && !isStopped { condition.wait() }
            if isStopped {
                condition.unlock()
                return
            }
            let piece = waiting.removeFirst()
            condition.unlock()
            var text: [UInt8] = []
            if let piece {
                piece.withUnsafeBytes { decoder.decode($0) { text.append(contentsOf: $0) } }
            } else {
                decoder.finish { text.append(contentsOf: $0) }
            }
            let result = Decoded(text: text, checkpoints: decoder.offsets.takeCheckpoints())
            condition.withLock {
                decoded.append(result)
                if piece == nil {
                    // The end's decoding is counted in flight too, so that the caller takes it.
                    inFlight += 1
                    isDecoderDone = true
                }
                condition.broadcast()
            }
            if piece == nil { return }
        }
    }
}
