extension ColumnAccumulator {
    /// Folds in the accumulator of the part of the input that comes right after this one's, so that the result
    /// is the accumulator of both parts read in one pass: counts add, firsts keep the earlier part's, bounds
    /// keep the extreme (the earlier part's on ties), exact tables add counts value by value, sketches merge
    /// register by register. `later` may be changed (a table it still holds is turned into sketches when
    /// this one has none) and must not be used afterwards.
    ///
    /// Every exact figure of the merged column equals the one-pass figure; past the exact bound the distinct
    /// estimate is identical too (HyperLogLog registers merge by maximum) and the frequent values stay within
    /// their stated error. Mean and deviation merge by Chan et al. (1979), to about 1e-15 relative.
    /// - Complexity: O(distinct values of `later`).
    func merge(_ later: ColumnAccumulator) {
        let mine = counters
        let theirs = later.counters
        let hadOwnRepeat = firstRepeat != nil
        // The earliest of both parts' own first repeats and the first repeat across them (parts of several
        // files need not come one after the other).
        firstRepeat = firstRepeat.earlier(later.firstRepeat).earlier(crossRepeat(later))
        mine.pointee.sawRepeat = firstRepeat != nil
        mine.pointee.nulls += theirs.pointee.nulls
        mine.pointee.nonNull += theirs.pointee.nonNull
        mine.pointee.whitespaceCount += theirs.pointee.whitespaceCount
        mine.pointee.invalidCount += theirs.pointee.invalidCount
        mine.pointee.controlCount += theirs.pointee.controlCount
        mine.pointee.readsSlashDatesDayFirst =
            mine.pointee.readsSlashDatesDayFirst || theirs.pointee.readsSlashDatesDayFirst
        mine.pointee.minLength = min(mine.pointee.minLength, theirs.pointee.minLength)
        mine.pointee.maxLength = max(mine.pointee.maxLength, theirs.pointee.maxLength)
        mine.pointee.integerMoments.merge(theirs.pointee.integerMoments)
        mine.pointee.decimalMoments.merge(theirs.pointee.decimalMoments)
        for index in 0..<(2 * ValueClass.count) { classCounts[index] += later.classCounts[index] }

        firstNull = firstNull.earlier(later.firstNull)
        if classFirst.isEmpty {
            classFirst = later.classFirst
        } else if !later.classFirst.isEmpty {
            for index in 0..<ValueClass.count { classFirst[index] = classFirst[index].earlier(later.classFirst[index]) }
        }
        whitespaceFirst = whitespaceFirst.earlier(later.whitespaceFirst)
        invalidFirst = invalidFirst.earlier(later.invalidFirst)
        controlFirst = controlFirst.earlier(later.controlFirst)

        mergeBounds(later)
        mergeValues(later, hadOwnRepeat: hadOwnRepeat)
        // After mergeValues: a switch to sketches there moves each table into its own tally first.
        if let rules = valueRules, let theirs = later.valueRules { rules.tally.merge(theirs.tally) }
    }

    /// The first repeat across the parts, when both tables are exact: for each non-null value both hold, the
    /// later of its two first occurrences; the earliest of those.
    private func crossRepeat(_ later: ColumnAccumulator) -> FirstSeen? {
        guard isExact && later.isExact else { return nil }
        var first: FirstSeen?
        for index in later.table.indices {
            let entry = later.table[index]
            if entry.flags.contains(.null) { continue }
            let found = table.find(later.table.valueBytes(index), hash: later.table.hash(index))
            guard found >= 0 else { continue }
            let line = max(entry.firstLine, table[found].firstLine)
            if first.map({ line < $0.line }) ?? true {
                first = FirstSeen(
                    line: line, example: Array(later.table.valueBytes(index).prefix(FirstSeen.exampleBytes)))
            }
        }
        return first
    }

    private func mergeBounds(_ later: ColumnAccumulator) {
        if let theirs = later.integerMin {
            let replace =
                integerMin.map { mine in
                    theirs.withUnsafeBytes { t in mine.withUnsafeBytes { m in compareIntegerTokens(t, m) < 0 } }
                } ?? true
            if replace {
                integerMin = theirs
                integerMinValue = later.integerMinValue
            }
        }
        if let theirs = later.integerMax {
            let replace =
                integerMax.map { mine in
                    theirs.withUnsafeBytes { t in mine.withUnsafeBytes { m in compareIntegerTokens(t, m) > 0 } }
                } ?? true
            if replace {
                integerMax = theirs
                integerMaxValue = later.integerMaxValue
            }
        }
        if let theirs = later.numberMin, numberMin.map({ theirs.value < $0.value }) ?? true { numberMin = theirs }
        if let theirs = later.numberMax, numberMax.map({ theirs.value > $0.value }) ?? true { numberMax = theirs }
        for format in 0..<5 {
            dateMin[format] = min(dateMin[format], later.dateMin[format])
            dateMax[format] = max(dateMax[format], later.dateMax[format])
        }
        for slot in 0..<21 {
            if let theirs = later.temporalMin[slot],
                temporalMin[slot].map({ TemporalBound.precedes(theirs, $0) }) ?? true
            {
                temporalMin[slot] = theirs
            }
            if let theirs = later.temporalMax[slot],
                temporalMax[slot].map({ TemporalBound.precedes($0, theirs) }) ?? true
            {
                temporalMax[slot] = theirs
            }
        }
    }

    private func mergeValues(_ later: ColumnAccumulator, hadOwnRepeat: Bool) {
        if isExact && later.isExact {
            for index in later.table.indices {
                let entry = later.table[index]
                let found = table.find(later.table.valueBytes(index), hash: later.table.hash(index))
                if found >= 0 {
                    let kept = table.entryPointer(found)
                    kept.pointee.count += entry.count
                    // Parts of several files need not come one after the other: the earlier first occurrence.
                    if entry.firstLine < kept.pointee.firstLine { kept.pointee.firstLine = entry.firstLine }
                } else {
                    table.insert(copyOf: index, from: later.table)
                    if !entry.flags.contains(.null) { counters.pointee.nonNullDistinct += 1 }
                }
            }
            if counters.pointee.nonNullDistinct > exactDistinctLimit { switchToSketches() }
            return
        }
        switchToSketches()
        later.switchToSketches()
        counters.pointee.sketch.merge(later.counters.pointee.sketch)
        frequent.merge(later.frequent)
        if let mine = keyValues, let theirs = later.keyValues {
            // A key value of the later part that this part holds too is a repeat whose line the sketches do not
            // keep: when this part had none of its own, the first repeat must be found by reading again.
            if !hadOwnRepeat && mine.countShared(with: theirs) > 0 { firstRepeatNeedsSearch = true }
            mine.formUnion(theirs)
        }
        distributionSketches.merge(later.distributionSketches)
        if let theirs = later.streamingStringMin,
            streamingStringMin.map({ theirs.lexicographicallyPrecedes($0) }) ?? true
        {
            streamingStringMin = theirs
            streamingStringMinPrefix = later.streamingStringMinPrefix
        }
        if let theirs = later.streamingStringMax,
            streamingStringMax.map({ $0.lexicographicallyPrecedes(theirs) }) ?? true
        {
            streamingStringMax = theirs
            streamingStringMaxPrefix = later.streamingStringMaxPrefix
        }
    }
}
