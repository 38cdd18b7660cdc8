/// What a column's verdicts are built from: its state and context, with its exact table (read in place when
/// the state holds the table's storage) or its sketches (read from their compact binary). The steps that
/// read it: type choice and conformance (``conformanceJudge()``, ``conformance(_:)``), statistics
/// (``distinctAndTopValues()``, ``bounds(_:dominantRank:dayFirst:variants:)``, ``moments(_:)``), findings
/// (``findings(_:judge:distinct:isKey:mostFrequent:)``); ``profile(name:index:rows:isKey:thresholds:)`` assembles them.
struct ColumnEvidence {
    let state: ColumnState
    let context: ColumnContext
    /// The exact table; nil past the exact bound.
    let table: ValueTable?
    /// The sketches; nil while the column is exact.
    let sketches: ColumnSketches?
    /// The numbers of an exact column under both conventions (``ColumnNumbers``); nil past the exact bound.
    let numbers: ColumnNumbers?
    /// How the column reads its numbers (``adopt(_:)``).
    private(set) var convention = DecimalConvention.pointDecimal
    /// Occurrences per value class, the column's numbers counted by their reading under ``convention``.
    private(set) var classes: ClassHistogram

    /// - Throws: ``StateReadingError`` when the table or the sketches are damaged.
    /// - Complexity: O(1) for a table the state holds in place, else O(size of the table or sketches).
    /// - Parameter recognizer: reads the exact table's values as numbers.
    init(
        _ state: ColumnState, context: ColumnContext, recognizer: NumberFormatRecognizer = NumberFormatRecognizer()
    ) throws {
        self.state = state
        self.context = context
        classes = state.classes
        if state.counts.isExact {
            let table = try state.values.exactTable.readableTable(expectedEntries: context.expectedEntries)
            self.table = table
            numbers = ColumnNumbers(table: table, recognizer: recognizer)
            sketches = nil
        } else {
            table = nil
            numbers = nil
            sketches = try state.values.sketches()
        }
    }

    /// Reads the column's numbers under `convention` (the column's, decided over the whole file). O(readings).
    mutating func adopt(_ convention: DecimalConvention) {
        self.convention = convention
        if let numbers, let table { classes = numbers.histogram(state.classes, table: table, convention: convention) }
        if let written = sketches?.writtenNumbers { classes = written.histogram(state.classes, convention: convention) }
    }

    var isExact: Bool { table != nil }
    var nulls: Int { state.counts.nulls }
    var nonNull: Int { state.counts.nonNull }
    func classCount(_ valueClass: Int) -> Int { classes.all[valueClass] }
    func classCleanCount(_ valueClass: Int) -> Int { classes.clean[valueClass] }
    /// The first value of a value class, if any.
    func firstOfClass(_ valueClass: Int) -> FirstSeen? {
        state.firsts.byClass.isEmpty ? nil : state.firsts.byClass[valueClass]
    }
}
