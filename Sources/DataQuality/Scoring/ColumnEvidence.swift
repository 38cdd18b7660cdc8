/// What a column's verdicts are built from: its state and context, with its exact table (read in place when
/// the state holds the table's storage) or its sketches (read from their compact binary). The steps that
/// read it: type choice and conformance (``conformanceJudge()``, ``conformance(_:)``), statistics
/// (``distinctAndTopValues()``, ``bounds(_:dominantRank:dayFirst:variants:)``, ``moments(_:)``), findings
/// (``findings(_:judge:distinct:isKey:)``); ``profile(name:index:rows:isKey:thresholds:)`` assembles them.
struct ColumnEvidence {
    let state: ColumnState
    let context: ColumnContext
    /// The exact table; nil past the exact bound.
    let table: ValueTable?
    /// The sketches; nil while the column is exact.
    let sketches: ColumnSketches?

    /// - Throws: ``StateReadingError`` when the table or the sketches are damaged.
    /// - Complexity: O(1) for a table the state holds in place, else O(size of the table or sketches).
    init(_ state: ColumnState, context: ColumnContext) throws {
        self.state = state
        self.context = context
        if state.counts.isExact {
            table = try state.values.exactTable.readableTable(expectedEntries: context.expectedEntries)
            sketches = nil
        } else {
            table = nil
            sketches = try state.values.sketches()
        }
    }

    var isExact: Bool { table != nil }
    var nulls: Int { state.counts.nulls }
    var nonNull: Int { state.counts.nonNull }
    func classCount(_ valueClass: Int) -> Int { state.classes.all[valueClass] }
    func classCleanCount(_ valueClass: Int) -> Int { state.classes.clean[valueClass] }
    /// The first value of a value class, if any.
    func firstOfClass(_ valueClass: Int) -> FirstSeen? {
        state.firsts.byClass.isEmpty ? nil : state.firsts.byClass[valueClass]
    }
}
