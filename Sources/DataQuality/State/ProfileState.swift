import Foundation

/// The mergeable state of a profile: what one pass over a part of an input leaves, as a value. Merging two
/// states gives the state of both parts (``merged(with:)``); a report is built from a state
/// (``ReportBuilder/report(from:policy:source:)``); a state file (``PartialProfile``) carries one.
///
/// It holds the settings that must match for a merge, the sources its positions point into, the header, the
/// record counts and firsts (``RecordTallies``), the duplicate rows (``DuplicateRowsState``) and one
/// ``ColumnState`` per column. Each part is a small value with its own keyed coding, so a field added later
/// shifts no other. Memory: the exact value tables (at most the exact-distinct bound per column), the kept
/// row set, or 16 KiB of sketches per sketched column.
///
/// Merge laws: merging is closed (state and state give a state), associative, and has an identity
/// (``empty(matching:)``); identical states merge like any others. Counts are exact; sketched columns'
/// estimates stay within their stated errors, and means and deviations agree to about 1e-15 relative.
public struct ProfileState: Sendable, Equatable, Codable {
    var settings: Settings
    var sources: SourceTable
    var header: HeaderState
    var records: RecordTallies
    var duplicates: DuplicateRowsState
    var columns: [ColumnState]
    /// The rule file the state was made with (its digest is in the settings); not part of the coding: a
    /// decoded state is given its rule file again (``init(decoding:rules:)``).
    var rules: RuleSet?

    enum CodingKeys: String, CodingKey {
        case settings, sources, header, records, duplicates, columns
    }

    /// Data records in the state.
    public var rows: Int { records.rows }
    /// The column names, in order (none before a first record).
    public var columnNames: [String] { header.namesRaw.map { decodeText($0) } }

    /// Whether the state saw nothing at all: no record and no blank line.
    var isEmpty: Bool { !header.started && records.recordsSeen == 0 && records.blankLines == 0 }

    /// The state of nothing read, with the settings and rule file of `state`: merging it with any state of
    /// those settings gives that state.
    public static func empty(matching state: ProfileState) -> ProfileState {
        ProfileState(
            settings: state.settings, sources: SourceTable(names: []), header: HeaderState(),
            records: RecordTallies(), duplicates: DuplicateRowsState(), columns: [], rules: state.rules)
    }

    /// Merges two states into the state of both parts, in either order (see ``merging(_:)``).
    /// - Throws: ``ProfileError`` `invalidState` when the settings or the columns differ, or a state holds
    ///   impossible values.
    /// - Complexity: O(size of both states).
    public func merged(with other: ProfileState) throws -> ProfileState {
        try Self.merging([self, other])
    }

    /// Merges states into the state of all their parts, in any order: parts are taken in order of their first
    /// record (by source name, then line; the given order on ties), and states that read nothing change
    /// nothing.
    /// - Parameter states: at least one state.
    /// - Throws: ``ProfileError`` `invalidState` when the settings or the columns differ, or a state holds
    ///   impossible values.
    /// - Complexity: O(total size of the states).
    public static func merging(_ states: [ProfileState]) throws -> ProfileState {
        guard let first = states.first else {
            throw ProfileError(code: .invalidState, message: "no states to merge.")
        }
        var table = first.sources
        // Each state's map from its own position codes to the table's.
        var maps: [(Int) -> Int] = [{ $0 }]
        for state in states.dropFirst() {
            let differences = first.settings.differences(from: state.settings)
            guard differences.isEmpty else {
                throw ProfileError(
                    code: .invalidState,
                    message: "the states' settings differ: \(differences.joined(separator: ", ")).")
            }
            let (union, fromTable, fromState) = table.union(state.sources)
            maps = maps.map { map in { fromTable(map($0)) } } + [fromState]
            table = union
        }
        let named = states.first { $0.header.started }
        for state in states where state.header.started && state.header.namesRaw != named!.header.namesRaw {
            throw ProfileError(
                code: .invalidState,
                message: "the states' columns differ: \(named!.columnNames) vs \(state.columnNames).")
        }
        let parts = try states.indices.map { try states[$0].remapped(into: table, by: maps[$0]) }
        let ordered = parts.enumerated().filter { !$0.element.isEmpty }.sorted { lhs, rhs in
            lhs.element.orderPosition != rhs.element.orderPosition
                ? lhs.element.orderPosition < rhs.element.orderPosition : lhs.offset < rhs.offset
        }.map(\.element)
        guard var merged = ordered.first else { return parts[0] }
        do {
            for state in ordered { try state.checkPlausible() }
            for state in ordered.dropFirst() { try merged.merge(state) }
            return merged
        } catch is StateReadingError {
            throw ProfileError(code: .invalidState, message: "a state holds impossible values.")
        }
    }

    /// Merges the state of a later part of the same input (same settings, columns and source table), by the
    /// laws of the parts: ``HeaderState``, ``RecordTallies``, ``DuplicateRows``, ``ColumnState``.
    /// - Throws: ``StateReadingError`` when a table, sketch or row set is damaged.
    private mutating func merge(_ later: ProfileState) throws {
        let options = settings.options(rules: rules)
        var laterRecords = later.records
        if header.merge(later.header) {
            // Both parts read the header (partitions given a header line, files each with their header): the
            // whole input has it once.
            laterRecords = laterRecords.removingHeader(
                fault: try later.header.faultKind(), isInvalidUTF8: later.header.isInvalidUTF8)
        }
        records.merge(laterRecords)
        var rows = try DuplicateRows(duplicates, checksDuplicates: options.checksDuplicates)
        let laterRows = try DuplicateRows(later.duplicates, checksDuplicates: options.checksDuplicates)
        let earlierRows = rows
        rows.merge(laterRows, checksDuplicates: options.checksDuplicates, keepsRows: true) { _ in
            earlierRows.firstRepeat(across: laterRows)
        }
        duplicates = rows.state
        if columns.isEmpty {
            columns = later.columns
        } else if !later.columns.isEmpty {
            let contexts = ColumnContext.columns(named: columnNames, options: options)
            for index in columns.indices { try columns[index].merge(later.columns[index], context: contexts[index]) }
        }
    }

    /// Where the state's part starts: its first data record or blank line, else its header; nothing read
    /// sorts last.
    var orderPosition: Int { records.firstPosition ?? header.line ?? Int.max }

    /// The same state with its positions pointing into `table`, `mapPosition` turning its own codes into
    /// codes of `table`, and its columns put at the indexes `layout` gives (the identity when nil).
    /// - Throws: ``ProfileError`` `invalidState` when the state holds impossible values (``checkPlausible()``).
    func remapped(into table: SourceTable, layout: [Int]? = nil, by mapPosition: @escaping (Int) -> Int) throws
        -> ProfileState
    {
        if table == sources && layout == nil { return self }
        do {
            try checkPlausible()
            return try mapped(into: table, layout: layout, by: mapPosition)
        } catch is StateReadingError {
            throw ProfileError(code: .invalidState, message: "the state holds impossible values.")
        }
    }

    private func mapped(into table: SourceTable, layout: [Int]?, by mapPosition: @escaping (Int) -> Int) throws
        -> ProfileState
    {
        let width = header.namesRaw.count
        let layout = layout ?? Array(0..<width)
        guard layout.count == width, Set(layout) == Set(0..<width) else { throw StateReadingError(offset: 0) }
        var copy = self
        copy.sources = table
        for (index, target) in layout.enumerated() { copy.header.namesRaw[target] = header.namesRaw[index] }
        copy.header.line = header.line.map(mapPosition)
        copy.records = records.mapped(mapPosition)
        copy.duplicates.first = duplicates.first?.mapped(mapPosition)
        if duplicates.keptRows != nil {
            let rows = try DuplicateRows(duplicates, checksDuplicates: true, mapPosition: mapPosition)
            copy.duplicates.keptRows = rows.state.keptRows
        }
        let contexts = ColumnContext.columns(named: columnNames, options: settings.options(rules: rules))
        for (index, target) in layout.enumerated() where header.started {
            copy.columns[target] = try columns[index].mapped(mapPosition, context: contexts[index])
        }
        return copy
    }

    /// Checks that the state holds possible values: one column state per column once started, a known header
    /// fault, counts within range, and each column's checks (``ColumnState/checkPlausible(_:)``).
    /// - Throws: ``StateReadingError`` otherwise.
    func checkPlausible() throws {
        guard columns.count == (header.started ? header.namesRaw.count : 0),
            [
                records.rows, records.recordsSeen, records.blankLines, records.commentLines ?? 0, records.ragged,
                records.malformed, records.unterminated, records.invalidUTF8, duplicates.count
            ]
            .allSatisfy({ (0...StateReader.maximumCount).contains($0) })
        else { throw StateReadingError(offset: 0) }
        _ = try header.faultKind()
        _ = try DuplicateRows(duplicates, checksDuplicates: true)
        let contexts = ColumnContext.columns(named: columnNames, options: settings.options(rules: rules))
        for (column, context) in zip(columns, contexts) { try column.checkPlausible(context) }
    }
}

extension SourceTable {
    /// The sources of two profiles as one table: the names in order (a name's part-relative sources stay
    /// apart, the receiver's first), and for each profile the map from its position codes to the table's.
    func union(_ other: SourceTable) -> (SourceTable, (Int) -> Int, (Int) -> Int) {
        if self == other { return (self, { $0 }, { $0 }) }
        struct Entry {
            var name: String
            var partRelative: Bool
            var owner: Int
            var index: Int
        }
        let entries = [self, other].enumerated().flatMap { owner, table in
            table.names.indices.map {
                Entry(name: table.names[$0], partRelative: table.partRelative.contains($0), owner: owner, index: $0)
            }
        }
        var table = SourceTable(names: [])
        var maps: [[Int: Int]] = [[:], [:]]
        let sorted = entries.enumerated().sorted { lhs, rhs in
            lhs.element.name != rhs.element.name ? lhs.element.name < rhs.element.name : lhs.offset < rhs.offset
        }.map(\.element)
        for entry in sorted {
            let shared =
                entry.partRelative
                ? nil : table.names.indices.first { table.names[$0] == entry.name && !table.partRelative.contains($0) }
            let target = shared ?? table.names.count
            if shared == nil {
                table.names.append(entry.name)
                if entry.partRelative { table.partRelative.insert(target) }
            }
            maps[entry.owner][entry.index] = target
        }
        table.namesSources =
            namesSources || other.namesSources || Set(table.names).count > 1 || !table.partRelative.isEmpty
        func mapper(_ map: [Int: Int]) -> (Int) -> Int {
            { code in
                let source = SourcePosition.source(of: code)
                return SourcePosition.code(source: map[source] ?? source, line: SourcePosition.line(of: code))
            }
        }
        return (table, mapper(maps[0]), mapper(maps[1]))
    }
}
