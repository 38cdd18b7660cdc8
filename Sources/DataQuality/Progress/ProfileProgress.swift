import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// How far a profile has got: what a progress callback receives.
public struct ProfileProgress: Sendable, Equatable {
    /// Which reading of the input: 1 profiles it; 2 re-reads it to write the failing rows
    /// (``InvalidRowsRequest``).
    public var pass: Int
    /// Bytes of the input read so far in this pass (BOM included); in pass 1 of a gzip or zstd input, its
    /// compressed bytes, as ``totalBytes`` counts them.
    public var bytesRead: Int
    /// The input's size in bytes when known (a regular file); `nil` for standard input or a pipe.
    public var totalBytes: Int?
    /// Data records read so far in this pass (the header not counted), in both passes.
    public var rows: Int
    /// Seconds since this pass started.
    public var elapsedSeconds: Double
    /// True for the last call of a pass, made once its input is read.
    public var isFinished: Bool

    /// Creates a progress value.
    public init(pass: Int, bytesRead: Int, totalBytes: Int?, rows: Int, elapsedSeconds: Double, isFinished: Bool) {
        self.pass = pass
        self.bytesRead = bytesRead
        self.totalBytes = totalBytes
        self.rows = rows
        self.elapsedSeconds = elapsedSeconds
        self.isFinished = isFinished
    }

    /// Bytes per second so far; `nil` before any time has passed.
    public var bytesPerSecond: Double? {
        elapsedSeconds > 0 ? Double(bytesRead) / elapsedSeconds : nil
    }

    /// Seconds left at the rate so far; `nil` when the size or the rate is unknown.
    public var secondsLeft: Double? {
        guard let totalBytes, let rate = bytesPerSecond, rate > 0 else { return nil }
        return Double(Swift.max(0, totalBytes - bytesRead)) / rate
    }
}

/// A progress callback: called on the profiling thread, so it should return quickly. The library never
/// prints; the caller decides what to show.
public typealias ProgressHandler = @Sendable (ProfileProgress) -> Void

/// Calls a ``ProgressHandler`` at most once per interval while a pass reads its input.
///
/// Readers report what they read as deltas (``advance(bytes:rows:)``), from one thread or from the workers
/// of a parallel profile; a lock makes the totals exact and the calls one at a time. The first report comes
/// at once (so even a small input shows a line), later ones only when the interval has passed since the
/// last, and ``finish(rows:)`` reports once more. Cost: one lock and one monotonic clock read per chunk read
/// (1 MiB, or less from a pipe), nothing per record.
final class ProgressTracker: @unchecked Sendable {
    private let handler: ProgressHandler
    private let pass: Int
    private let totalBytes: Int?
    private let interval: Duration
    private let clock = ContinuousClock()
    private let lock = NSLock()
    private var start: ContinuousClock.Instant
    private var lastReport: ContinuousClock.Instant?
    private var bytesRead = 0
    private var rows = 0

    init(handler: @escaping ProgressHandler, pass: Int, totalBytes: Int?, interval: Duration) {
        self.handler = handler
        self.pass = pass
        self.totalBytes = totalBytes
        self.interval = interval
        start = clock.now
    }

    /// Adds what was read since the last call and reports if the interval has passed since the last report
    /// (or nothing was reported yet).
    func advance(bytes: Int, rows: Int) {
        lock.withLock {
            bytesRead += bytes
            self.rows += rows
            let now = clock.now
            if let lastReport, now - lastReport < interval { return }
            lastReport = now
            handler(progress(at: now, isFinished: false))
        }
    }

    /// Starts the pass over (a parallel attempt fell back to one pass): totals and clock back to zero.
    func restart() {
        lock.withLock {
            bytesRead = 0
            rows = 0
            start = clock.now
            lastReport = nil
        }
    }

    /// Reports the end of the pass with its final totals (the readers' running counts may miss the last
    /// record, counted when the input ends, and a byte-order mark read apart).
    func finish(bytes: Int, rows: Int) {
        lock.withLock {
            bytesRead = bytes
            self.rows = rows
            handler(progress(at: clock.now, isFinished: true))
        }
    }

    private func progress(at now: ContinuousClock.Instant, isFinished: Bool) -> ProfileProgress {
        let elapsed = now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        return ProfileProgress(
            pass: pass, bytesRead: bytesRead, totalBytes: totalBytes, rows: rows, elapsedSeconds: seconds,
            isFinished: isFinished)
    }
}
