/// Where a record starts when a profile reads records of several source files (partition mode, merged states):
/// one `Int` holding the source's index and the 1-based line, so the profiling code keeps comparing plain
/// integers.
///
/// A position code is `sourceIndex << 40 | line`: lines up to 2^40 - 1 (about 1.1e12) and up to 2^23 sources.
/// Codes order as (source index, line); a profile assigns indexes in the order of its sources' names
/// (``RecordProfiler/sources``), so that order is (source name, line). Source index 0 with a plain line is
/// the code of a line of a single input: a profile of one file never sees the difference.
enum SourcePosition {
    /// Bits of a code that hold the line.
    static let lineBits = 40
    /// The largest line a code holds.
    static let lineMask = (1 << lineBits) - 1

    /// The code of line `line` (1-based) of source `source` (0-based index).
    static func code(source: Int, line: Int) -> Int {
        source << lineBits | (line & lineMask)
    }

    /// The source index of a code.
    static func source(of code: Int) -> Int { code >> lineBits }

    /// The line of a code.
    static func line(of code: Int) -> Int { code & lineMask }
}

/// The sources a profile's position codes point into.
struct SourceTable: Sendable, Equatable, Codable {
    /// Source names by index.
    var names: [String]
    /// Indexes of sources whose lines count records within a part (records given without source lines).
    var partRelative: Set<Int> = []
    /// Whether findings name their source file (partition mode, merged states); false for one plain input.
    var namesSources = false

    /// The index of `name`, added when new.
    mutating func index(of name: String, partRelative isPartRelative: Bool = false) -> Int {
        if let found = names.firstIndex(of: name) { return found }
        names.append(name)
        if isPartRelative { partRelative.insert(names.count - 1) }
        return names.count - 1
    }
}
