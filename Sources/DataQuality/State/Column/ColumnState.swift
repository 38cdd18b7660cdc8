/// One column's part of a ``ProfileState``: everything the report needs of the column, as values.
///
/// Made of small values, each with its own coding (keyed: a field added later shifts no other):
/// ``ColumnCounts``, ``NullTokenCounts``, ``ClassHistogram``, ``ColumnMoments``, ``ColumnFirsts``, ``ColumnBounds``,
/// ``ColumnValues`` (the exact value table or the sketches, as compact binary) and the rule file's
/// ``ValueRuleTally`` when the column has value rules. Positions are ``SourcePosition`` codes of the
/// enclosing state's ``ProfileState/sources``.
struct ColumnState: Sendable, Equatable, Codable {
    var counts: ColumnCounts
    var nullTokens: NullTokenCounts
    var classes: ClassHistogram
    var moments: ColumnMoments
    var firsts: ColumnFirsts
    var bounds: ColumnBounds
    var values: ColumnValues
    var ruleTally: ValueRuleTally?
}
