import Foundation

extension ColumnAccumulator {
    /// The column's state: everything ``merge(_:)`` and the report read, as values (see ``ColumnState``). The
    /// state takes the exact table over (no copy): the accumulator must not observe or merge afterwards.
    /// - Complexity: O(1) while under the bound (O(entries of the table) when it holds a null, for
    ///   ``nullTokens``), else O(size of the sketches).
    func state() -> ColumnState {
        ColumnState(
            counts: counts, nullTokens: nullTokens, classes: classes, moments: moments, firsts: firsts, bounds: bounds,
            values: isExact
                ? ColumnValues(exactTable: ExactValueTable(owning: table)) : ColumnValues(sketches: sketches),
            ruleTally: valueRules?.tally)
    }

    /// The counters' part of the state.
    var counts: ColumnCounts {
        get {
            let counts = counters.pointee
            return ColumnCounts(
                nulls: counts.nulls, nonNull: counts.nonNull, nonNullDistinct: counts.nonNullDistinct,
                whitespace: counts.whitespaceCount, invalidUTF8: counts.invalidCount,
                controlCharacters: counts.controlCount, minLength: counts.minLength, maxLength: counts.maxLength,
                readsSlashDatesDayFirst: counts.readsSlashDatesDayFirst, isExact: counts.isExact,
                sawRepeat: counts.sawRepeat, firstRepeatNeedsSearch: firstRepeatNeedsSearch)
        }
        set {
            counters.pointee.nulls = newValue.nulls
            counters.pointee.nonNull = newValue.nonNull
            counters.pointee.nonNullDistinct = newValue.nonNullDistinct
            counters.pointee.whitespaceCount = newValue.whitespace
            counters.pointee.invalidCount = newValue.invalidUTF8
            counters.pointee.controlCount = newValue.controlCharacters
            counters.pointee.minLength = newValue.minLength
            counters.pointee.maxLength = newValue.maxLength
            counters.pointee.readsSlashDatesDayFirst = newValue.readsSlashDatesDayFirst
            counters.pointee.isExact = newValue.isExact
            counters.pointee.sawRepeat = newValue.sawRepeat
            firstRepeatNeedsSearch = newValue.firstRepeatNeedsSearch
        }
    }

    /// The nulls by token: while exact those of the table's null entries (each classified again for its token,
    /// once per distinct null value), past the exact bound the tallies. Set only past the exact bound.
    /// - Complexity: O(null tokens); while exact, O(entries of the table) when it holds a null.
    var nullTokens: NullTokenCounts {
        get {
            let texts = classifier.nullTokenTexts
            var result = NullTokenCounts()
            if let tallies = nullTokenTallies {
                for index in texts.indices {
                    result.add(texts[index], count: tallies[index], firstLine: tallies[texts.count + index])
                }
                return result
            }
            // While exact the table holds the non-null distinct values and one entry per distinct null value.
            var nullEntries = table.count - counters.pointee.nonNullDistinct
            var index = 0
            while nullEntries > 0 && index < table.count {
                let entry = table[index]
                if entry.flags.contains(.null) {
                    let token = texts[classifier.nullTokenIndex(of: table.valueBytes(index))]
                    result.add(token, count: entry.count, firstLine: entry.firstLine)
                    nullEntries -= 1
                }
                index += 1
            }
            return result
        }
        set {
            let texts = classifier.nullTokenTexts
            let tallies = nullTokenTallies!
            tallies.update(repeating: 0, count: 2 * texts.count)
            for (token, tally) in newValue.byToken {
                // A state of this column's own classifier names only its tokens.
                let index = texts.firstIndex(of: token)!
                tallies[index] = tally.count
                tallies[texts.count + index] = tally.firstLine
            }
        }
    }

    /// The occurrences per value class.
    var classes: ClassHistogram {
        get {
            ClassHistogram(
                all: (0..<ValueClass.count).map { classCounts[$0] },
                clean: (0..<ValueClass.count).map { classCounts[ValueClass.count + $0] })
        }
        set {
            for valueClass in 0..<ValueClass.count {
                classCounts[valueClass] = newValue.all[valueClass]
                classCounts[ValueClass.count + valueClass] = newValue.clean[valueClass]
            }
        }
    }

    /// The moments of the clean integers and decimals.
    var moments: ColumnMoments {
        get { ColumnMoments(integers: counters.pointee.integerMoments, decimals: counters.pointee.decimalMoments) }
        set {
            counters.pointee.integerMoments = newValue.integers
            counters.pointee.decimalMoments = newValue.decimals
        }
    }

    /// Sets the bounds (a merge's) and the fast path's cached forms of them.
    func setBounds(_ newBounds: ColumnBounds) {
        bounds = newBounds
        streamingStringMinPrefix = bounds.stringMin.map { $0.withUnsafeBytes(paddedPrefix) } ?? .max
        streamingStringMaxPrefix = bounds.stringMax.map { $0.withUnsafeBytes(paddedPrefix) } ?? 0
        integerMinValue = bounds.integerMin.flatMap { Double(String(decoding: $0, as: UTF8.self)) } ?? .infinity
        integerMaxValue = bounds.integerMax.flatMap { Double(String(decoding: $0, as: UTF8.self)) } ?? -.infinity
    }

    /// The sketches past the exact bound (the frequent values are this accumulator's own summary, changed in
    /// place).
    var sketches: ColumnSketches {
        get {
            ColumnSketches(
                distinct: counters.pointee.sketch, frequent: frequent, keyValues: keyValues,
                distributions: distributionSketches, writtenNumbers: writtenNumbers)
        }
        set {
            counters.pointee.sketch = newValue.distinct
            keyValues = newValue.keyValues
            distributionSketches = newValue.distributions
            writtenNumbers = newValue.writtenNumbers
        }
    }
}
