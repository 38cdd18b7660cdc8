import Foundation

/// A column's exact value table inside a ``ColumnValues``: the table's storage itself (a ``ValueTable`` that
/// nothing changes once it is here), or, for a state read from a file, the table's bytes until a merge or the
/// report builder reads them. Bytes are made only when a state is encoded or compared, so a profiler's
/// snapshot costs no copy of the table (``ColumnAccumulator/state()`` hands it over) and the report built
/// from the state reads that storage in place (``ColumnEvidence``).
///
/// Thread safety: the storage is never changed once here (a merge changes a copy,
/// ``copiedTable(expectedEntries:mapPosition:)``), so sharing it across threads is safe.
struct ExactValueTable: @unchecked Sendable {
    private let storage: ValueTable?
    private let encodedBytes: Data

    /// A table handed to the state (a finished column's, a merge's union, a copy with other positions) that
    /// nothing else changes: it is not copied, and nothing may change it afterwards.
    init(owning table: ValueTable) {
        storage = table
        encodedBytes = Data()
    }

    /// A table as ``ValueTable/write(to:)`` lays it out; read (and checked) when a merge or the report builder
    /// needs it (``copiedTable(expectedEntries:mapPosition:)``, ``readableTable(expectedEntries:)``).
    init(bytes: Data) {
        storage = nil
        encodedBytes = bytes
    }

    /// The snapshotted storage; nil for a table given as bytes.
    var table: ValueTable? { storage }

    /// The table in ``ValueTable/write(to:)``'s layout.
    /// - Complexity: O(entries and bytes of the table).
    var bytes: Data {
        guard let storage else { return encodedBytes }
        var writer = StateWriter()
        storage.write(to: &writer)
        return Data(writer.bytes)
    }
}

extension ExactValueTable {
    /// A new table holding this one's entries (to change: the storage itself is never changed), their first
    /// lines turned by `mapPosition` when given.
    /// - Parameter expectedEntries: the most entries the new table expects (``ValueTable/init(expectedEntries:)``).
    /// - Throws: ``StateReadingError`` when the bytes of a table read from a file are damaged.
    /// - Complexity: O(bytes of the table).
    func copiedTable(expectedEntries: Int, mapPosition: ((Int) -> Int)? = nil) throws -> ValueTable {
        let copy = ValueTable(expectedEntries: expectedEntries)
        if let storage {
            copy.replaceContents(with: storage, mapLine: mapPosition)
            return copy
        }
        var reader = StateReader(Array(encodedBytes), mapPosition: mapPosition ?? { $0 })
        try copy.read(from: &reader)
        guard reader.isAtEnd else { throw StateReadingError(offset: 0) }
        return copy
    }

    /// The table to read (never to change): the storage in place, or the bytes read into a new table.
    /// - Throws: ``StateReadingError`` when the bytes of a table read from a file are damaged.
    func readableTable(expectedEntries: Int) throws -> ValueTable {
        try storage ?? copiedTable(expectedEntries: expectedEntries)
    }
}

extension ExactValueTable: Equatable {
    static func == (lhs: ExactValueTable, rhs: ExactValueTable) -> Bool {
        (lhs.storage != nil && lhs.storage === rhs.storage) || lhs.bytes == rhs.bytes
    }
}

extension ExactValueTable: Codable {
    /// Coded as one binary blob (base64 in JSON), the layout of ``ValueTable/write(to:)``.
    init(from decoder: any Decoder) throws {
        self.init(bytes: try decoder.singleValueContainer().decode(Data.self))
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(bytes)
    }
}
