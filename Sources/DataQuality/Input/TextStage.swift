/// The contract's step "the text is decoded", between decompression and the input-prefix decision: takes an
/// input's stored bytes in pieces, holds the first ones until the encoding is decided
/// (``TextEncoding/reading(firstBytes:given:)``), and hands on the text: the stored bytes themselves for UTF-8,
/// else their UTF-8 decoding by a ``TextDecoder`` on a thread of its own (``DecodingPipeline``), with
/// ``offsets`` to translate offsets in it back.
///
/// Memory: the first ``InputPrefix/minimumLength`` stored bytes until the decision, then the pipeline's.
/// Not `Sendable`: one thread feeds it.
final class TextStage {
    private let given: TextEncoding?
    private let sourceName: String
    private var held: [UInt8] = []
    /// The decoding of a text that is not UTF-8.
    private var pipeline: DecodingPipeline?
    /// The encoding, once decided.
    private(set) var encoding: TextEncoding?
    /// Whether ``encoding`` was detected rather than named by a mark or the caller.
    private(set) var isDetected = false

    /// The translation of offsets in the text into stored offsets; nil while the text is the stored bytes.
    var offsets: StoredOffsetMap? { pipeline?.offsets }

    /// - Parameters:
    ///   - given: the encoding named by the caller (``ProfileOptions/encoding``), nil to detect it.
    ///   - sourceName: the input's name, for errors.
    init(given: TextEncoding?, sourceName: String) {
        self.given = given
        self.sourceName = sourceName
    }

    deinit {
        pipeline?.stop()
    }

    /// Takes the next stored piece and calls `text` with what of the text it completes.
    /// - Throws: ``ProfileError`` `notCSV` when the stored bytes of a text to decode are not a CSV (a UTF-8 text
    ///   is checked by the input-prefix decision), or what `text` throws.
    /// - Complexity: O(piece length).
    func feed(_ piece: UnsafeRawBufferPointer, _ text: (UnsafeRawBufferPointer) throws -> Void) throws {
        if let pipeline {
            try pipeline.feed(piece, text)
        } else if encoding != nil {
            try text(piece)
        } else {
            held.append(contentsOf: piece)
            if held.count >= InputPrefix.minimumLength { try decide(text) }
        }
    }

    /// Ends the input: decides the encoding of a short input and ends the decoding.
    /// - Throws: as ``feed(_:_:)``.
    func finish(_ text: (UnsafeRawBufferPointer) throws -> Void) throws {
        if encoding == nil { try decide(text) }
        try pipeline?.finish(text)
    }

    private func decide(_ text: (UnsafeRawBufferPointer) throws -> Void) throws {
        let stored = held
        held = []
        let chosen = stored.withUnsafeBytes { TextEncoding.reading(firstBytes: $0, given: given) }
        encoding = chosen.encoding
        isDetected = chosen.isDetected
        if chosen.encoding == .utf8 {
            try stored.withUnsafeBytes { try text($0) }
            return
        }
        // Not a CSV is decided on the stored bytes, before decoding.
        if let kind = stored.withUnsafeBytes({ NotCSVKind(firstBytes: $0, isNamedUTF16: given?.isUTF16 ?? false) }) {
            throw ProfileError(.notCSV(kind), path: sourceName)
        }
        // A UTF-8 byte order mark is the mark in every encoding but UTF-16: it is handed on as it is.
        let markLength =
            chosen.encoding.isSingleByte && stored.starts(with: ByteOrderMark.utf8.bytes)
            ? ByteOrderMark.utf8.bytes.count : 0
        if markLength > 0 { try ByteOrderMark.utf8.bytes.withUnsafeBytes { try text($0) } }
        let pipeline = DecodingPipeline(encoding: chosen.encoding, storedStart: markLength)
        self.pipeline = pipeline
        try stored.withUnsafeBytes { try pipeline.feed(UnsafeRawBufferPointer(rebasing: $0[markLength...]), text) }
    }
}
