import Foundation

extension ColumnAccumulator {
    /// The column's state: everything ``merge(_:)`` and the report read, as values (see ``ColumnState``).
    /// - Complexity: O(size of the state): the exact table while under the bound, else the sketches.
    func state() -> ColumnState {
        ColumnState(
            counts: counts, classes: classes, moments: moments, firsts: firsts, bounds: bounds,
            values: isExact
                ? ColumnValues(exactTable: ExactValueTable(copying: table)) : ColumnValues(sketches: sketches),
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

    /// The firsts of each kind.
    var firsts: ColumnFirsts {
        get {
            ColumnFirsts(
                null: firstNull, byClass: classFirst, whitespace: whitespaceFirst, invalidUTF8: invalidFirst,
                controlCharacters: controlFirst, repeated: firstRepeat)
        }
        set {
            firstNull = newValue.null
            classFirst = newValue.byClass
            whitespaceFirst = newValue.whitespace
            invalidFirst = newValue.invalidUTF8
            controlFirst = newValue.controlCharacters
            firstRepeat = newValue.repeated
        }
    }

    /// The bounds; setting them sets the fast path's cached forms too.
    var bounds: ColumnBounds {
        get {
            ColumnBounds(
                integerMin: integerMin, integerMax: integerMax, numberMin: numberMin, numberMax: numberMax,
                dateMin: dateMin, dateMax: dateMax, temporalMin: temporalMin, temporalMax: temporalMax,
                stringMin: streamingStringMin, stringMax: streamingStringMax)
        }
        set {
            streamingStringMin = newValue.stringMin
            streamingStringMax = newValue.stringMax
            streamingStringMinPrefix = streamingStringMin.map { $0.withUnsafeBytes(paddedPrefix) } ?? .max
            streamingStringMaxPrefix = streamingStringMax.map { $0.withUnsafeBytes(paddedPrefix) } ?? 0
            integerMin = newValue.integerMin
            integerMax = newValue.integerMax
            integerMinValue = integerMin.flatMap { Double(String(decoding: $0, as: UTF8.self)) } ?? .infinity
            integerMaxValue = integerMax.flatMap { Double(String(decoding: $0, as: UTF8.self)) } ?? -.infinity
            numberMin = newValue.numberMin
            numberMax = newValue.numberMax
            dateMin = newValue.dateMin
            dateMax = newValue.dateMax
            temporalMin = newValue.temporalMin
            temporalMax = newValue.temporalMax
        }
    }

    /// The sketches past the exact bound (the frequent values are this accumulator's own summary, changed in
    /// place).
    var sketches: ColumnSketches {
        get {
            ColumnSketches(
                distinct: counters.pointee.sketch, frequent: frequent, keyValues: keyValues,
                distributions: distributionSketches)
        }
        set {
            counters.pointee.sketch = newValue.distinct
            keyValues = newValue.keyValues
            distributionSketches = newValue.distributions
        }
    }

    /// Reads a column state into this new, empty accumulator (made with the same settings, or adopting the
    /// state's exact table, which is then read in place).
    /// - Parameter mapPosition: turns the state's position codes into this profile's (nil: the identity).
    /// - Throws: ``StateReadingError`` when the state is damaged or its rules do not match this column's.
    func restore(_ state: ColumnState, mapPosition givenMap: ((Int) -> Int)?) throws {
        let mapPosition = givenMap ?? { $0 }
        let counts = state.counts
        var restored = ColumnCounters()
        restored.nulls = counts.nulls
        restored.nonNull = counts.nonNull
        restored.nonNullDistinct = counts.nonNullDistinct
        restored.whitespaceCount = counts.whitespace
        restored.invalidCount = counts.invalidUTF8
        restored.controlCount = counts.controlCharacters
        restored.minLength = counts.minLength
        restored.maxLength = counts.maxLength
        restored.readsSlashDatesDayFirst = counts.readsSlashDatesDayFirst
        restored.isExact = counts.isExact
        restored.sawRepeat = counts.sawRepeat
        restored.integerMoments = state.moments.integers
        restored.decimalMoments = state.moments.decimals
        func reader(_ data: Data) -> StateReader { StateReader(Array(data), mapPosition: mapPosition) }
        var sketchReader = reader(state.values.distinctSketch)
        restored.sketch = try HyperLogLog(reading: &sketchReader)
        let bounded = [
            counts.nulls, counts.nonNull, counts.whitespace, counts.invalidUTF8, counts.controlCharacters
        ]
        // Past the exact bound the distinct count comes from the registers: they must be there.
        guard bounded.allSatisfy({ (0...StateReader.maximumCount).contains($0) }),
            counts.isExact || restored.sketch.hasRegisters, (0...counts.nonNull).contains(counts.nonNullDistinct),
            restored.integerMoments.count <= counts.nonNull, restored.decimalMoments.count <= counts.nonNull,
            state.classes.isWellFormed,
            (state.classes.all + state.classes.clean).allSatisfy({ (0...StateReader.maximumCount).contains($0) })
        else { throw StateReadingError(offset: 0) }
        counters.pointee = restored
        firstRepeatNeedsSearch = counts.firstRepeatNeedsSearch
        for valueClass in 0..<ValueClass.count {
            classCounts[valueClass] = state.classes.all[valueClass]
            classCounts[ValueClass.count + valueClass] = state.classes.clean[valueClass]
        }
        var tableReader = reader(Data())
        if let storage = state.values.exactTable.table {
            if storage !== table { table.replaceContents(with: storage, mapLine: givenMap) }
        } else {
            tableReader = reader(state.values.exactTable.bytes)
            try table.read(from: &tableReader)
        }
        var frequentReader = reader(state.values.frequentValues)
        try frequent.read(from: &frequentReader)
        var distributionReader = reader(state.values.distributions)
        distributionSketches = try DistributionSketches(reading: &distributionReader)
        keyValues = try state.values.keyValues.map { data in
            var keyReader = reader(data)
            return try DuplicateRowSet(reading: &keyReader)
        }
        guard [tableReader, frequentReader, distributionReader, sketchReader].allSatisfy(\.isAtEnd) else {
            throw StateReadingError(offset: 0)
        }

        let bounds = state.bounds
        streamingStringMin = bounds.stringMin
        streamingStringMax = bounds.stringMax
        streamingStringMinPrefix = streamingStringMin.map { $0.withUnsafeBytes(paddedPrefix) } ?? .max
        streamingStringMaxPrefix = streamingStringMax.map { $0.withUnsafeBytes(paddedPrefix) } ?? 0
        integerMin = bounds.integerMin
        integerMax = bounds.integerMax
        integerMinValue = integerMin.flatMap { Double(String(decoding: $0, as: UTF8.self)) } ?? .infinity
        integerMaxValue = integerMax.flatMap { Double(String(decoding: $0, as: UTF8.self)) } ?? -.infinity
        numberMin = bounds.numberMin
        numberMax = bounds.numberMax
        guard bounds.dateMin.count == 5 && bounds.dateMax.count == 5 else { throw StateReadingError(offset: 0) }
        dateMin = bounds.dateMin
        dateMax = bounds.dateMax
        temporalMin = bounds.temporalMin
        temporalMax = bounds.temporalMax

        let firsts = state.firsts
        guard firsts.byClass.isEmpty || firsts.byClass.count == ValueClass.count else {
            throw StateReadingError(offset: 0)
        }
        firstNull = firsts.null?.mapped(mapPosition)
        classFirst = firsts.byClass.map { $0?.mapped(mapPosition) }
        whitespaceFirst = firsts.whitespace?.mapped(mapPosition)
        invalidFirst = firsts.invalidUTF8?.mapped(mapPosition)
        controlFirst = firsts.controlCharacters?.mapped(mapPosition)
        firstRepeat = firsts.repeated?.mapped(mapPosition)

        guard (state.ruleTally != nil) == (valueRules != nil) else { throw StateReadingError(offset: 0) }
        if let rules = valueRules, var tally = state.ruleTally {
            let ruleCount = rules.tally.violations.count
            guard tally.violations.count == ruleCount, tally.firsts.count == ruleCount,
                tally.cleanBreakingByClass.count == ValueClass.count,
                (tally.violations + tally.cleanBreakingByClass).allSatisfy({ $0 >= 0 })
            else { throw StateReadingError(offset: 0) }
            tally.firsts = tally.firsts.map { $0?.mapped(mapPosition) }
            rules.tally = tally
        }
    }
}
