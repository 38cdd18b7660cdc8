import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Removes this process's temporary files when a signal ends it, then lets the signal end it.
///
/// ``install(signals:)`` blocks the signals in the calling thread, which every thread started later inherits,
/// and starts one thread that waits for them with `sigwait`. So no signal handler ever runs: the cleanup is
/// ordinary code on its own thread, and may take the registry's lock (see ``TemporaryFileRegistry``). When a
/// signal arrives that thread takes the lock for good (no temporary file is created, renamed or removed after
/// it), unlinks every temporary file still registered (the `.NAME.XXXXXX.dqtmp` files of
/// ``AtomicOutputFile``), restores the signal's default action and raises it again, so the process dies of the
/// signal: a shell reports 128 + N (130 for SIGINT, 143 for SIGTERM, 129 for SIGHUP).
///
/// The copy of standard input that `--invalid-rows` makes needs no cleanup: it is unlinked as soon as it is
/// created and read back through its descriptor. The history database is SQLite's: an interrupted transaction
/// is rolled back from its journal the next time the database is opened.
public enum InterruptCleanup {
    /// The signals a command line tool is ended by: hang-up, interrupt (Ctrl-C), termination.
    public static let terminatingSignals: [Int32] = [SIGHUP, SIGINT, SIGTERM]

    /// Installs the cleanup for `signals`. Call it once, first thing in `main`, before any other thread starts
    /// (a thread started earlier keeps the signals unblocked and would die of them without the cleanup). A
    /// signal that is ignored when it is called (as `nohup` ignores SIGHUP) stays ignored.
    /// - Parameter signals: the signals to clean up after (default ``terminatingSignals``).
    public static func install(signals: [Int32] = terminatingSignals) {
        let caught = signals.filter { !isIgnored($0) }
        guard !caught.isEmpty else { return }
        var blocked = signalSet(caught)
        pthread_sigmask(SIG_BLOCK, &blocked, nil)
        let watcher = Thread {
            var waited = signalSet(caught)
            var received: Int32 = 0
            while sigwait(&waited, &received) != 0 {}
            TemporaryFileRegistry.shared.removeAllForExit()
            _ = signal(received, SIG_DFL)
            var raised = signalSet([received])
            pthread_sigmask(SIG_UNBLOCK, &raised, nil)
            _ = raise(received)
            _exit(128 + received)  // not reached: the default action of the signals above ends the process
        }
        watcher.start()
    }

    /// Whether `signal`'s action is to ignore it.
    private static func isIgnored(_ signal: Int32) -> Bool {
        var action = sigaction()
        guard sigaction(signal, nil, &action) == 0 else { return false }
        #if canImport(Darwin)
            let handler = action.__sigaction_u.__sa_handler
        #else
            let handler = action.__sigaction_handler.sa_handler
        #endif
        return unsafeBitCast(handler, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self)
    }

    private static func signalSet(_ signals: [Int32]) -> sigset_t {
        var set = sigset_t()
        sigemptyset(&set)
        for signal in signals { sigaddset(&set, signal) }
        return set
    }
}

/// The temporary files this process has created and not yet renamed into place or removed, for
/// ``InterruptCleanup``.
///
/// One per process (``shared``): the library's only global mutable state, kept because a signal ends the
/// whole process whichever thread made the file. A lock guards it. Creating a temporary file and registering
/// it happen under one hold of the lock, as do renaming or unlinking it and forgetting it, so the cleanup
/// never misses a file that exists nor unlinks a path that was renamed into place.
final class TemporaryFileRegistry: @unchecked Sendable {
    static let shared = TemporaryFileRegistry()

    private let lock = NSLock()
    /// Guarded by `lock`.
    private var paths: Set<String> = []

    /// Runs `body` holding the lock, with the registered paths to add to or remove from.
    func withLock<Value>(_ body: (inout Set<String>) throws -> Value) rethrows -> Value {
        lock.lock()
        defer { lock.unlock() }
        return try body(&paths)
    }

    /// Takes the lock and never gives it back, then unlinks every registered file: the process is ending.
    func removeAllForExit() {
        lock.lock()
        for path in paths { _ = unlink(path) }
    }
}
