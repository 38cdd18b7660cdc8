extension ColumnState {
    /// Merges the state of the same column in the part of the input that comes after this one's, so the result
    /// is the state of both parts read in one pass: each part merges by its own law (``ColumnCounts``,
    /// ``NullTokenCounts``, ``ClassHistogram``, ``ColumnMoments``, ``ColumnFirsts``, ``ColumnBounds``, ``ValueRuleTally``); exact
    /// tables add counts value by value and switch to sketches past the exact bound, sketches merge by their
    /// own laws (``ColumnSketches``), a part with sketches switches the other to sketches first.
    ///
    /// Every exact figure of the merged column equals the one-pass figure; past the exact bound the distinct
    /// estimate is identical too (registers merge by maximum) and the frequent values stay within their stated
    /// error. Mean and deviation merge by Chan et al. (1979), to about 1e-15 relative.
    /// - Throws: ``StateReadingError`` when a table or sketch of either state is damaged.
    /// - Complexity: O(size of both states).
    mutating func merge(_ later: ColumnState, context: ColumnContext) throws {
        var later = later
        let hadOwnRepeat = firsts.repeated != nil
        var union: ValueTable?
        var crossRepeat: FirstSeen?
        if counts.isExact && later.counts.isExact {
            let mine = try values.exactTable.copiedTable(expectedEntries: context.expectedEntries)
            let theirs = try later.values.exactTable.readableTable(expectedEntries: context.expectedEntries)
            crossRepeat = mine.firstRepeat(across: theirs)
            counts.nonNullDistinct += mine.formUnion(theirs)
            union = mine
        }
        firsts.merge(later.firsts, crossRepeat: crossRepeat)
        counts.merge(later.counts)
        nullTokens.merge(later.nullTokens)
        counts.sawRepeat = firsts.repeated != nil
        classes.merge(later.classes)
        moments.merge(later.moments)
        if let union {
            bounds.merge(later.bounds)
            values.exactTable = ExactValueTable(owning: union)
            if counts.nonNullDistinct > context.exactDistinctLimit { try switchToSketches(context) }
        } else {
            try switchToSketches(context)
            try later.switchToSketches(context)
            bounds.merge(later.bounds)
            var sketches = try values.sketches()
            if sketches.merge(try later.values.sketches(), hadOwnRepeat: hadOwnRepeat) {
                counts.firstRepeatNeedsSearch = true
            }
            values = ColumnValues(sketches: sketches)
        }
        if let theirs = later.ruleTally { ruleTally?.merge(theirs) }
    }

    /// Drops the exact table for sketches seeded from it, keeping what was counted (as the accumulator does
    /// when a column passes its exact bound): the streaming string bounds start from its clean values, and the
    /// rule tally takes in its values.
    /// - Throws: ``StateReadingError`` when the table is damaged.
    mutating func switchToSketches(_ context: ColumnContext) throws {
        guard counts.isExact else { return }
        let table = try values.exactTable.readableTable(expectedEntries: context.expectedEntries)
        var widened = bounds
        let sketches = ColumnSketches(
            seedingFrom: table, classifier: context.classifier, tracksKeyValues: context.isKey,
            frequent: FrequentValues()
        ) { widened.widenStringBounds(with: Array($0)) }
        bounds = widened
        if let rules = context.valueRules, ruleTally != nil {
            rules.absorb(
                table, classifier: context.classifier, dayFirst: counts.readsSlashDatesDayFirst, into: &ruleTally!)
        }
        values = ColumnValues(sketches: sketches)
        counts.isExact = false
    }

    /// The same state with its positions turned by `mapPosition` (into another source table).
    /// - Throws: ``StateReadingError`` when the exact table is damaged.
    /// - Complexity: O(bytes of the exact table).
    func mapped(_ mapPosition: @escaping (Int) -> Int, context: ColumnContext) throws -> ColumnState {
        var copy = self
        copy.firsts = firsts.mapped(mapPosition)
        copy.nullTokens = nullTokens.mapped(mapPosition)
        copy.values.exactTable = ExactValueTable(
            owning: try values.exactTable.copiedTable(
                expectedEntries: context.expectedEntries, mapPosition: mapPosition))
        copy.ruleTally = ruleTally?.mapped(mapPosition)
        copy.values.writtenNumbers = values.writtenNumbers?.mapped(mapPosition)
        return copy
    }

    /// Checks that the state holds possible values: counts within range, nulls by token that add up to the nulls, distinct values at most the non-null
    /// values, one class entry per value class, readable tables and sketches (registers past the exact bound),
    /// and a rule tally exactly when the column has value rules, of their size.
    /// - Throws: ``StateReadingError`` otherwise.
    func checkPlausible(_ context: ColumnContext) throws {
        let bounded = [counts.nulls, counts.nonNull, counts.whitespace, counts.invalidUTF8, counts.controlCharacters]
        let sketches = try values.sketches()
        _ = try values.exactTable.readableTable(expectedEntries: context.expectedEntries)
        // Past the exact bound the distinct count comes from the registers: they must be there.
        guard bounded.allSatisfy({ (0...StateReader.maximumCount).contains($0) }),
            counts.isExact || sketches.distinct.hasRegisters,
            nullTokens.addsUp(to: counts.nulls),
            (0...counts.nonNull).contains(counts.nonNullDistinct),
            moments.integers.count <= counts.nonNull, moments.decimals.count <= counts.nonNull,
            classes.isWellFormed,
            (classes.all + classes.clean).allSatisfy({ (0...StateReader.maximumCount).contains($0) }),
            bounds.dateMin.count == 5 && bounds.dateMax.count == 5,
            firsts.byClass.isEmpty || firsts.byClass.count == ValueClass.count,
            (ruleTally != nil) == (context.valueRules != nil)
        else { throw StateReadingError(offset: 0) }
        if let rules = context.valueRules, let tally = ruleTally {
            let ruleCount = rules.tally.violations.count
            let readings = [tally.reading(.pointDecimal), tally.reading(.commaDecimal)]
            guard
                readings.allSatisfy({ reading in
                    reading.violations.count == ruleCount && reading.firsts.count == ruleCount
                        && reading.cleanBreakingByClass.count == ValueClass.count
                        && (reading.violations + reading.cleanBreakingByClass).allSatisfy({ $0 >= 0 })
                })
            else { throw StateReadingError(offset: 0) }
        }
    }
}
