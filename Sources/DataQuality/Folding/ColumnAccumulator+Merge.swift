extension ColumnAccumulator {
    /// Folds in the accumulator of the part of the input that comes right after this one's, so that the result
    /// is the accumulator of both parts read in one pass, by the laws of the column state's parts
    /// (``ColumnState/merge(_:context:)``, whose pieces this shares: the parts' own merges,
    /// ``ValueTable/formUnion(_:)``, ``ValueTable/firstRepeat(across:)``, ``ColumnSketches``); the exact table
    /// grows in place. `later` may be changed (a table it still holds is turned into sketches when this one
    /// has none) and must not be used afterwards.
    /// - Complexity: O(distinct values of `later`).
    func merge(_ later: ColumnAccumulator) {
        let hadOwnRepeat = firsts.repeated != nil
        firsts.merge(
            later.firsts, crossRepeat: isExact && later.isExact ? table.firstRepeat(across: later.table) : nil)
        var mergedCounts = counts
        mergedCounts.merge(later.counts)
        mergedCounts.sawRepeat = firsts.repeated != nil
        counts = mergedCounts
        var mergedClasses = classes
        mergedClasses.merge(later.classes)
        classes = mergedClasses
        var mergedMoments = moments
        mergedMoments.merge(later.moments)
        moments = mergedMoments
        if isExact && later.isExact {
            setBounds(bounds.merging(later.bounds))
            counters.pointee.nonNullDistinct += table.formUnion(later.table)
            if counters.pointee.nonNullDistinct > exactDistinctLimit { switchToSketches() }
        } else {
            switchToSketches()
            later.switchToSketches()
            setBounds(bounds.merging(later.bounds))
            var mine = sketches
            if mine.merge(later.sketches, hadOwnRepeat: hadOwnRepeat) { firstRepeatNeedsSearch = true }
            sketches = mine
        }
        // After the switch to sketches: it moves each table into its own tally first.
        if let rules = valueRules, let theirs = later.valueRules { rules.tally.merge(theirs.tally) }
    }
}
