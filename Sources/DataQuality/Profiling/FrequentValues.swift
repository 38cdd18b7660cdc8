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
    private let table: ValueTable
    /// The most any reported count can fall short of the true count.
    private(set) var maximumError = 0

    /// The capacity every column uses (a partial profile's setting).
    static let defaultCapacity = 1024

    init(capacity: Int = FrequentValues.defaultCapacity) {
        self.capacity = capacity
        table = ValueTable(expectedEntries: 2 * capacity)
    }

    /// Counts `amount` more occurrences of a value.
    func insert(_ value: UnsafeRawBufferPointer, hash: UInt64, amount: Int = 1) {
        let index = table.find(value, hash: hash)
        if index >= 0 {
            table.entryPointer(index).pointee.count += amount
            return
        }
        table.insert(value, hash: hash, count: amount, firstLine: 0, number: 0, scalarLength: 0, valueClass: 0, flags: [])
        if table.count >= 2 * capacity { purge() }
    }

    /// Adds another summary's counters (Agarwal et al., "Mergeable summaries", 2012: merged Misra-Gries
    /// summaries keep the same error bound).
    func merge(_ other: FrequentValues) {
        for index in other.table.indices {
            insert(other.table.valueBytes(index), hash: other.table.hash(index), amount: other.table[index].count)
        }
        maximumError += other.maximumError
    }

    /// Up to `limit` values with their counts, most frequent first, ties by byte order.
    func top(_ limit: Int) -> [(value: [UInt8], count: Int)] {
        let ranked = table.indices.map { (value: table.value($0), count: table[$0].count) }
        return Array(
            ranked.sorted { $0.count != $1.count ? $0.count > $1.count : $0.value.lexicographicallyPrecedes($1.value) }
                .prefix(limit))
    }

    private func purge() {
        let median = table.countAtRank(table.count / 2)
        table.purge(subtracting: median)
        maximumError += median
    }
}

extension FrequentValues {
    /// The counters (value and count) and the error bound.
    func write(to writer: inout StateWriter) {
        writer.int(maximumError)
        writer.int(table.count)
        for index in table.indices {
            writer.data(table.valueBytes(index))
            writer.int(table[index].count)
        }
    }

    /// Reads counters into this (empty) summary.
    func read(from reader: inout StateReader) throws {
        maximumError = try reader.count()
        let entries = try reader.count(limit: 2 * capacity)
        for _ in 0..<entries {
            let value = try reader.data()
            let count = try reader.count()
            _ = value.withUnsafeBytes { raw in
                table.insert(raw, hash: stableHash64(raw), count: count, firstLine: 0, number: 0, scalarLength: 0, valueClass: 0, flags: [])
            }
        }
    }
}
