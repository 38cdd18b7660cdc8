import Foundation

/// Decompresses a stored input on a thread of its own while the caller profiles the text: a bounded producer
/// and consumer of 1 MiB chunks.
///
/// The producer thread reads the stored bytes (from its own duplicate of the descriptor), runs the
/// ``Decompressor`` into one of ``bufferCount`` buffers, and hands each filled buffer over in order; the caller
/// takes them in ``forEachChunk(_:)`` and gives each back once its body returns. The producer waits when every
/// buffer is handed over, so memory stays at ``bufferCount`` chunks plus the decompressor's window. A damage
/// the decompressor finds reaches the caller after every chunk before it; when the caller stops early (its
/// body throws) the producer stops at its next chunk.
final class DecompressionPipeline: @unchecked Sendable {
    /// Buffers in flight: one being filled, one being profiled, and two more so neither side waits on a
    /// chunk-to-chunk jitter.
    static let bufferCount = 4

    /// A filled buffer and the compressed bytes taken when it was handed over.
    private struct Chunk {
        let buffer: UnsafeMutableRawPointer
        let count: Int
        let compressedBytesRead: Int
    }

    /// The producer's stop: the consumer gave up.
    private struct Stopped: Error {}

    private let condition = NSCondition()
    private let allBuffers: [UnsafeMutableRawPointer]
    private var freeBuffers: [UnsafeMutableRawPointer]
    private var filledChunks: [Chunk] = []
    private var isProducerDone = false
    private var producerError: Error?
    private var isStopped = false

    private init() {
        allBuffers = (0..<Self.bufferCount).map { _ in
            UnsafeMutableRawPointer.allocate(byteCount: ByteSource.chunkLength, alignment: 16)
        }
        freeBuffers = allBuffers
    }

    deinit {
        allBuffers.forEach { $0.deallocate() }
    }

    /// Decompresses the stored input that begins with `firstBytes` (already read from `descriptor`) and goes on
    /// with what `descriptor` still holds, calling `body` with each chunk of text, in order, and the compressed
    /// bytes taken so far.
    /// - Throws: ``ProfileError`` `damagedCompressedInput` or `cannotRead` (from the producer), or what `body`
    ///   throws.
    static func forEachChunk(
        compression: Compression, firstBytes: [UInt8], descriptor: Int32, path: String,
        _ body: (UnsafeRawBufferPointer, _ compressedBytesRead: Int) throws -> Void
    ) throws {
        let ownDescriptor = fcntl(descriptor, F_DUPFD_CLOEXEC, 0)
        guard ownDescriptor >= 0 else {
            throw ProfileError(
                code: .cannotRead, message: "cannot read it: \(String(cString: strerror(errno)).lowercased()).",
                path: path)
        }
        let pipeline = DecompressionPipeline()
        let thread = Thread {
            pipeline.produce(
                compression: compression, firstBytes: firstBytes, descriptor: ownDescriptor, path: path)
        }
        thread.start()
        defer { pipeline.stop() }
        while let chunk = try pipeline.nextChunk() {
            try body(UnsafeRawBufferPointer(start: chunk.buffer, count: chunk.count), chunk.compressedBytesRead)
            pipeline.giveBack(chunk.buffer)
        }
    }

    // MARK: - Consumer

    /// The next filled chunk, waiting for it; nil at the end of the text.
    private func nextChunk() throws -> Chunk? {
        condition.lock()
        defer { condition.unlock() }
        while filledChunks.isEmpty && !isProducerDone { condition.wait() }
        if !filledChunks.isEmpty { return filledChunks.removeFirst() }
        if let producerError { throw producerError }
        return nil
    }

    private func giveBack(_ buffer: UnsafeMutableRawPointer) {
        condition.withLock {
            freeBuffers.append(buffer)
            condition.broadcast()
        }
    }

    /// The consumer is done (at the end, or early): a producer still running stops at its next chunk.
    private func stop() {
        condition.withLock {
            isStopped = true
            condition.broadcast()
        }
    }

    // MARK: - Producer

    private func produce(compression: Compression, firstBytes: [UInt8], descriptor: Int32, path: String) {
        let source = ByteSource(fileDescriptor: descriptor, path: path, closesWhenDone: true, decompresses: false)
        defer { source.close() }
        do {
            let decompressor = try Decompressor(compression, path: path)
            var output = try takeFreeBuffer()
            var outputPosition = 0
            let decompress = { (input: UnsafeRawBufferPointer) throws in
                var inputPosition = 0
                while true {
                    try decompressor.decompress(
                        input, from: &inputPosition,
                        into: UnsafeMutableRawBufferPointer(start: output, count: ByteSource.chunkLength),
                        at: &outputPosition)
                    if outputPosition < ByteSource.chunkLength { break }
                    self.handOver(output, count: outputPosition, compressedBytesRead: decompressor.compressedBytesRead)
                    output = try self.takeFreeBuffer()
                    outputPosition = 0
                }
                // A chunk per read, so that a slow pipe's text reaches the profiler as it comes.
                if outputPosition > 0 {
                    self.handOver(output, count: outputPosition, compressedBytesRead: decompressor.compressedBytesRead)
                    output = try self.takeFreeBuffer()
                    outputPosition = 0
                }
            }
            try firstBytes.withUnsafeBytes { try decompress($0) }
            try source.forEachChunk { try decompress($0) }
            try decompressor.finish()
            giveBack(output)
            finishProducing(error: nil)
        } catch is Stopped {
            finishProducing(error: nil)
        } catch {
            finishProducing(error: error)
        }
    }

    private func takeFreeBuffer() throws -> UnsafeMutableRawPointer {
        condition.lock()
        defer { condition.unlock() }
        while freeBuffers.isEmpty && !isStopped { condition.wait() }
        if isStopped { throw Stopped() }
        return freeBuffers.removeLast()
    }

    private func handOver(_ buffer: UnsafeMutableRawPointer, count: Int, compressedBytesRead: Int) {
        condition.withLock {
            filledChunks.append(Chunk(buffer: buffer, count: count, compressedBytesRead: compressedBytesRead))
            condition.broadcast()
        }
    }

    private func finishProducing(error: Error?) {
        condition.withLock {
            isProducerDone = true
            producerError = error
            condition.broadcast()
        }
    }
}
