/// A setting of the library's API that an error can name: an option of ``ProfileOptions``, a parameter of
/// partition mode or merging, or the type whose output an input should be. A ``ProfileError`` names it by
/// this value, so that each caller words it its own way: a Swift caller reads the property's name
/// (``description``), a command line its flag.
public enum ProfileOption: String, Sendable, Equatable, CaseIterable, CustomStringConvertible {
    /// ``ProfileOptions/delimiter``.
    case delimiter
    /// ``ProfileOptions/quote``.
    case quote
    /// ``ProfileOptions/linesToSkip``.
    case linesToSkip
    /// ``ProfileOptions/commentByte``.
    case commentByte
    /// The text encoding an input is read in (the contract's encoding rule): named by the advice for text that
    /// looks like UTF-16 without a byte order mark (``NotCSVKind/utf16WithoutByteOrderMark(bigEndian:nulPercent:window:)``).
    case encoding
    /// ``ProfileOptions/keys``.
    case keys
    /// ``ProfileOptions/maxFieldBytes``.
    case maxFieldBytes
    /// ``ProfileOptions/exactDistinctLimit``.
    case exactDistinctLimit
    /// ``ProfileOptions/maximumThreads``.
    case maximumThreads
    /// ``ProfileOptions/gradeThresholds``.
    case gradeThresholds
    /// The `sourceName` given to ``RowHasher``.
    case sourceName
    /// ``PartitionColumnNames/names(_:)``, the column names given to partition mode.
    case columnNames
    /// ``PartitionColumnNames/headerLine(_:)``, the header line given to partition mode.
    case headerLine
    /// The rule set given to ``PartialProfile/merge(_:rules:sourceName:)``.
    case rules
    /// ``RowHasher``, which writes the row-hashed records partition mode reads.
    case rowHasher
    /// ``PartialProfile/encoded``, the state a partial profile is written as.
    case partialProfileState

    /// The Swift name: `maxFieldBytes`, `PartitionColumnNames.names`, `RowHasher`.
    public var description: String {
        switch self {
        case .columnNames: "PartitionColumnNames.names"
        case .headerLine: "PartitionColumnNames.headerLine"
        case .rowHasher: "RowHasher"
        case .partialProfileState: "PartialProfile.encoded"
        default: rawValue
        }
    }
}
