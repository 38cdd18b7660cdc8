extension ColumnAccumulator {
    /// Writes everything ``merge(_:)`` and ``finish(name:index:rows:isKey:thresholds:)`` read, for a partial
    /// profile file (``PartialProfile``).
    /// - Complexity: O(size of the state): the exact table while under the bound, else the sketches.
    func write(to writer: inout StateWriter) {
        let counts = counters.pointee
        for value in [
            counts.nulls, counts.nonNull, counts.nonNullDistinct, counts.whitespaceCount, counts.invalidCount,
            counts.controlCount, counts.minLength, counts.maxLength
        ] {
            writer.int(value)
        }
        writer.bool(counts.readsSlashDatesDayFirst)
        writer.bool(counts.isExact)
        writer.bool(counts.sawRepeat)
        counts.integerMoments.write(to: &writer)
        counts.decimalMoments.write(to: &writer)
        counts.sketch.write(to: &writer)
        writer.ints((0..<(2 * ValueClass.count)).map { classCounts[$0] })
        table.write(to: &writer)
        frequent.write(to: &writer)
        distributionSketches.write(to: &writer)
        writer.bool(keyValues != nil)
        keyValues?.write(to: &writer)
        writer.optionalData(streamingStringMin)
        writer.optionalData(streamingStringMax)

        writer.first(firstNull)
        writer.int(classFirst.count)
        classFirst.forEach { writer.first($0) }
        writer.first(whitespaceFirst)
        writer.first(invalidFirst)
        writer.first(controlFirst)
        writer.first(firstRepeat)

        writer.optionalData(integerMin)
        writer.optionalData(integerMax)
        for bound in [numberMin, numberMax] {
            writer.bool(bound != nil)
            if let bound {
                writer.double(bound.value)
                writer.data(bound.token)
                writer.bool(bound.isIntegerToken)
            }
        }
        writer.ints(dateMin)
        writer.ints(dateMax)
        for bounds in [temporalMin, temporalMax] {
            writer.int(bounds.count)
            for slot in bounds.keys.sorted() {
                let bound = bounds[slot]!
                writer.int(slot)
                writer.int(Int(bound.seconds))
                writer.data(bound.fraction)
                writer.data(bound.display)
            }
        }
        writer.bool(valueRules != nil)
        if let tally = valueRules?.tally {
            writer.ints(tally.violations)
            tally.firsts.forEach { writer.first($0) }
            writer.ints(tally.cleanBreakingByClass)
        }
    }

    /// Reads a state written by ``write(to:)`` into this new, empty accumulator (made with the same settings).
    /// - Throws: ``StateReadingError`` when the state is damaged or its rules do not match this column's.
    func read(from reader: inout StateReader) throws {
        var counts = ColumnCounters()
        counts.nulls = try reader.count()
        counts.nonNull = try reader.count()
        counts.nonNullDistinct = try reader.count()
        counts.whitespaceCount = try reader.count()
        counts.invalidCount = try reader.count()
        counts.controlCount = try reader.count()
        counts.minLength = try reader.int()
        counts.maxLength = try reader.int()
        counts.readsSlashDatesDayFirst = try reader.bool()
        counts.isExact = try reader.bool()
        counts.sawRepeat = try reader.bool()
        counts.integerMoments = try RunningMoments(reading: &reader)
        counts.decimalMoments = try RunningMoments(reading: &reader)
        counts.sketch = try HyperLogLog(reading: &reader)
        // Past the exact bound the distinct count comes from the registers: they must be there.
        guard counts.isExact || counts.sketch.hasRegisters else { throw StateReadingError(offset: 0) }
        guard counts.nonNullDistinct <= counts.nonNull, counts.integerMoments.count <= counts.nonNull,
            counts.decimalMoments.count <= counts.nonNull
        else { throw StateReadingError(offset: 0) }
        counters.pointee = counts
        let classTotals = try reader.counts()
        guard classTotals.count == 2 * ValueClass.count else { throw StateReadingError(offset: 0) }
        for (index, value) in classTotals.enumerated() { classCounts[index] = value }
        try table.read(from: &reader)
        try frequent.read(from: &reader)
        distributionSketches = try DistributionSketches(reading: &reader)
        keyValues = try reader.bool() ? try DuplicateRowSet(reading: &reader) : nil
        streamingStringMin = try reader.optionalData()
        streamingStringMax = try reader.optionalData()
        streamingStringMinPrefix = streamingStringMin.map { $0.withUnsafeBytes(paddedPrefix) } ?? .max
        streamingStringMaxPrefix = streamingStringMax.map { $0.withUnsafeBytes(paddedPrefix) } ?? 0

        firstNull = try reader.first()
        let classFirstCount = try reader.count(limit: ValueClass.count)
        guard classFirstCount == 0 || classFirstCount == ValueClass.count else { throw StateReadingError(offset: 0) }
        classFirst = try (0..<classFirstCount).map { _ in try reader.first() }
        whitespaceFirst = try reader.first()
        invalidFirst = try reader.first()
        controlFirst = try reader.first()
        firstRepeat = try reader.first()

        integerMin = try reader.optionalData()
        integerMax = try reader.optionalData()
        integerMinValue = integerMin.flatMap { Double(String(decoding: $0, as: UTF8.self)) } ?? .infinity
        integerMaxValue = integerMax.flatMap { Double(String(decoding: $0, as: UTF8.self)) } ?? -.infinity
        func numberBound() throws -> NumberBound? {
            guard try reader.bool() else { return nil }
            return NumberBound(value: try reader.double(), token: try reader.data(), isIntegerToken: try reader.bool())
        }
        numberMin = try numberBound()
        numberMax = try numberBound()
        dateMin = try reader.ints()
        dateMax = try reader.ints()
        guard dateMin.count == 5 && dateMax.count == 5 else { throw StateReadingError(offset: 0) }
        func temporalBounds() throws -> TemporalBounds {
            var bounds = TemporalBounds()
            for _ in 0..<(try reader.count(limit: 21)) {
                let slot = try reader.count(limit: 20)
                bounds[slot] = TemporalBound(
                    seconds: Int64(try reader.int()), fraction: try reader.data(), display: try reader.data())
            }
            return bounds
        }
        temporalMin = try temporalBounds()
        temporalMax = try temporalBounds()
        let hasRules = try reader.bool()
        guard hasRules == (valueRules != nil) else { throw StateReadingError(offset: 0) }
        if let rules = valueRules {
            var tally = ValueRuleTally(ruleCount: rules.tally.violations.count)
            tally.violations = try reader.counts()
            guard tally.violations.count == rules.tally.violations.count else { throw StateReadingError(offset: 0) }
            tally.firsts = try tally.violations.indices.map { _ in try reader.first() }
            tally.cleanBreakingByClass = try reader.counts()
            guard tally.cleanBreakingByClass.count == ValueClass.count else { throw StateReadingError(offset: 0) }
            rules.tally = tally
        }
    }
}
