/// One slot per task, each written once by the thread that ran the task, read when all are done: how work
/// spread over threads hands back its results in order.
final class ResultSlots<Value: Sendable>: @unchecked Sendable {
    private let lock = PthreadMutex()
    private var slots: [Value?]

    /// `count` empty slots.
    init(count: Int) { slots = Array(repeating: nil, count: count) }

    /// Fills slot `index`.
    func store(_ value: Value, at index: Int) { lock.withLock { slots[index] = value } }

    /// Every slot's value, in order; call once all are filled.
    var values: [Value] { lock.withLock { slots.map { $0! } } }
}
