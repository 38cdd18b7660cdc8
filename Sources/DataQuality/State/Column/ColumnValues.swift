import Foundation

/// A column's distinct values: the exact value table while the column is under its exact bound, else its
/// sketches (HyperLogLog registers, frequent values, quantile sketches, a key column's value fingerprints).
/// The exact table is its storage itself (``ExactValueTable``), the sketches compact binary blobs (``StateWriter``'s
/// layout of their own type); coded, each is one blob, not one JSON object per value.
///
/// Merge law: exact tables add counts value by value (and switch to sketches past the bound); sketches merge
/// by their own laws (``ColumnState/merge(_:context:)``, ``ColumnSketches``).
struct ColumnValues: Sendable, Equatable, Codable {
    /// The exact table (empty past the exact bound); its entries' first lines are position codes.
    var exactTable: ExactValueTable
    /// ``HyperLogLog``'s registers (empty while exact).
    var distinctSketch: Data
    /// ``FrequentValues``' counters.
    var frequentValues: Data
    /// ``DistributionSketches``' quantile sketches by slot.
    var distributions: Data
    /// A key column's value fingerprints past the exact bound (``DuplicateRowSet``); nil otherwise.
    var keyValues: Data?
    /// Past the exact bound, the column's numbers as people write them (``WrittenNumbers``); nil while exact
    /// and in state files written before they were kept.
    var writtenNumbers: WrittenNumbers? = nil
}
