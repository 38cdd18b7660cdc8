/// Translates byte offsets in the UTF-8 decoding of an input (what the reader parses) into offsets in its
/// stored bytes (what the contract's findings, errors and failing rows name): exact, by checkpoints, never by a
/// ratio.
///
/// ``TextDecoder`` adds a checkpoint where each character other than ASCII starts and where each run of ASCII
/// after one starts; inside a run every ASCII character takes ``storedBytesPerASCII`` stored bytes. An offset
/// inside a character's UTF-8 bytes maps to the character's first stored byte.
///
/// Memory: one checkpoint (17 bytes) per character other than ASCII since the oldest offset still to translate;
/// the reader lets go of those before each record's end (``forget(before:)``).
/// Not `Sendable`: the thread that parses uses it.
final class StoredOffsetMap {
    struct Checkpoint {
        let decoded: Int
        let stored: Int
        /// Whether a run of ASCII characters starts here (else one character other than ASCII).
        let startsASCIIRun: Bool
    }

    /// Stored bytes per ASCII character: 2 in UTF-16, 1 in a single-byte encoding.
    let storedBytesPerASCII: Int
    private var checkpoints: [Checkpoint]
    /// The index of the first checkpoint still needed.
    private var firstKept = 0

    /// - Parameters:
    ///   - storedBytesPerASCII: as ``storedBytesPerASCII``.
    ///   - decodedStart, storedStart: the offsets of the first character decoded, where an ASCII run is assumed.
    init(storedBytesPerASCII: Int, decodedStart: Int = 0, storedStart: Int = 0) {
        self.storedBytesPerASCII = storedBytesPerASCII
        checkpoints = [Checkpoint(decoded: decodedStart, stored: storedStart, startsASCIIRun: true)]
    }

    /// A character other than ASCII starts at these offsets.
    @inline(__always)
    func addCharacter(decoded: Int, stored: Int) {
        checkpoints.append(Checkpoint(decoded: decoded, stored: stored, startsASCIIRun: false))
    }

    /// A run of ASCII characters starts at these offsets.
    @inline(__always)
    func addASCIIRun(decoded: Int, stored: Int) {
        checkpoints.append(Checkpoint(decoded: decoded, stored: stored, startsASCIIRun: true))
    }

    /// The stored offset of the character that holds the decoded byte at `offset` (at or after the last
    /// ``forget(before:)``).
    /// - Complexity: O(log checkpoints).
    func storedOffset(of offset: Int) -> Int {
        var low = firstKept
        var high = checkpoints.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if checkpoints[middle].decoded <= offset { low = middle } else { high = middle - 1 }
        }
        let checkpoint = checkpoints[low]
        guard checkpoint.startsASCIIRun else { return checkpoint.stored }
        return checkpoint.stored + storedBytesPerASCII * max(0, offset - checkpoint.decoded)
    }

    /// Takes the checkpoints added so far, leaving none (a decoder on another thread hands them to the map the
    /// reader uses: ``append(_:)``).
    func takeCheckpoints() -> [Checkpoint] {
        defer {
            checkpoints = []
            firstKept = 0
        }
        return Array(checkpoints[firstKept...])
    }

    /// Adds checkpoints taken from another map (``takeCheckpoints()``), in order, after this map's.
    func append(_ taken: [Checkpoint]) {
        checkpoints.append(contentsOf: taken)
    }

    /// No offset before `offset` will be translated again: lets go of the checkpoints before the one that
    /// covers it.
    /// - Complexity: amortised O(1) per checkpoint let go of.
    func forget(before offset: Int) {
        while firstKept + 1 < checkpoints.count && checkpoints[firstKept + 1].decoded <= offset { firstKept += 1 }
        if firstKept >= 4096 && firstKept * 2 >= checkpoints.count {
            checkpoints.removeFirst(firstKept)
            firstKept = 0
        }
    }
}
