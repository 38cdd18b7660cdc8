/// The most frequent values of a stream with too many distinct values to count exactly.
///
/// A Misra-Gries summary with batched purges, as in Apache DataSketches' frequent-items sketch (Anderson,
/// Bevan, Lang, Liberty, Rhodes, Thaler, "A High-Performance Algorithm for Identifying Frequent Items in Data
/// Streams", 2017): at most 2 x ``capacity`` counters; when full, the median count is subtracted from every
/// counter and those left at zero or below are dropped. A reported count is a lower bound of the true count
/// and falls short of it by at most ``maximumError`` (the total subtracted), which is at most n / capacity
/// for n values. Memory: 2 x capacity values.
final class FrequentValues {
    let capacity: Int
    private var table = ValueTable()
    /// The most any reported count can fall short of the true count.
    private(set) var maximumError = 0

    init(capacity: Int = 1024) {
        self.capacity = capacity
    }

    /// Counts `amount` more occurrences of a value.
    func insert(_ value: UnsafeRawBufferPointer, hash: UInt64, amount: Int = 1) {
        if let index = table.find(value, hash: hash) {
            table.increment(index, by: amount)
            return
        }
        _ = table.insert(value, hash: hash, count: amount, firstLine: 0, info: ValueInfo())
        if table.count >= 2 * capacity { purge() }
    }

    /// Up to `limit` values with their counts, most frequent first, ties by byte order.
    func top(_ limit: Int) -> [(value: [UInt8], count: Int)] {
        let ranked = table.entries.indices.map { (value: table.value($0), count: table.entries[$0].count) }
        return Array(ranked.sorted { $0.count != $1.count ? $0.count > $1.count : $0.value.lexicographicallyPrecedes($1.value) }.prefix(limit))
    }

    private func purge() {
        let counts = table.entries.map(\.count).sorted()
        let median = counts[counts.count / 2]
        let survivors = ValueTable()
        for index in table.entries.indices where table.entries[index].count > median {
            let entry = table.entries[index]
            table.withValue(index) { bytes in
                _ = survivors.insert(bytes, hash: entry.hash, count: entry.count - median, firstLine: 0, info: entry.info)
            }
        }
        table = survivors
        maximumError += median
    }
}
