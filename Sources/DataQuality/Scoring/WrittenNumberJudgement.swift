/// A number column past its exact bound judged from its ``WrittenNumbers`` (the facts kept instead of the
/// table): the same verdicts, formats, mixed values, bounds and moments as ``NumberJudgement`` gives an exact
/// column, summed per group instead of per distinct value. O(groups).
extension WrittenNumbers {
    /// `classes` with the values read as numbers under `convention` moved from the class the classifier gave
    /// them to the class of their reading, and under comma-decimal the plain decimals without a reading moved
    /// to strings (as ``ColumnNumbers/histogram(_:table:convention:)`` does for an exact column).
    func histogram(_ classes: ClassHistogram, convention: DecimalConvention) -> ClassHistogram {
        var adjusted = classes
        func move(_ count: Int, clean: Int, from given: UInt8, to read: UInt8) {
            guard given != read else { return }
            adjusted.all[Int(given)] -= count
            adjusted.all[Int(read)] += count
            adjusted.clean[Int(given)] -= clean
            adjusted.clean[Int(read)] += clean
        }
        for (key, facts) in groups[Int(convention.rawValue)] {
            move(facts.count, clean: key.isClean ? facts.count : 0, from: key.givenClass, to: key.readClass)
        }
        if convention == .commaDecimal {
            move(
                decimalsWithoutCommaReading.count, clean: cleanDecimalsWithoutCommaReading,
                from: ValueClass.finiteDecimal,
                to: ValueClass.string)
        }
        return adjusted
    }
}

extension NumberJudgement {
    /// The conforming numbers' moments and least and greatest of a column past its exact bound.
    struct PastTheBound {
        var moments = RunningMoments()
        var least: NumberBound?
        var greatest: NumberBound?

        mutating func take(_ moments: RunningMoments, _ least: NumberBound?, _ greatest: NumberBound?) {
            self.moments.merge(moments)
            if let least, self.least.map({ least.value < $0.value }) ?? true { self.least = least }
            if let greatest, self.greatest.map({ greatest.value > $0.value }) ?? true { self.greatest = greatest }
        }
    }

    /// Judges an integer or decimal column past its exact bound under `convention`, from its written numbers and
    /// the schema_version 1 facts of its plain numbers (`state`). O(groups).
    init(written: WrittenNumbers, state: ColumnState, convention: DecimalConvention, judge: ConformanceJudge) {
        self.convention = convention
        verdicts = []
        typealias Item = (
            number: RecognizedNumber, count: Int, clean: Int, first: FirstSeen?, facts: WrittenNumbers.Facts?,
            plainSlot: Int?
        )
        var fitting: [Item] = []
        var mismatch: FirstSeen?
        func dummy(_ format: NumberFormat, neutral: Bool) -> RecognizedNumber {
            RecognizedNumber(isInteger: true, value: 0, format: format, isGroupingNeutral: neutral)
        }
        // In a fixed order, so that moments add up alike in every run (a dictionary's order changes per process).
        let groups = written.groups[Int(convention.rawValue)].sorted { $0.key.precedes($1.key) }
        for (key, facts) in groups {
            guard judge.fits(Int(key.readClass)) else {
                mismatch = mismatch.earlier(facts.first)
                continue
            }
            fitting.append(
                (
                    dummy(key.format, neutral: key.isGroupingNeutral), facts.count, key.isClean ? facts.count : 0,
                    facts.first, facts, nil
                ))
        }
        mismatch = mismatch.earlier(written.firstNonNumber[Int(convention.rawValue)])
        let plainClasses =
            convention == .pointDecimal
            ? [ValueClass.finiteInteger, ValueClass.finiteDecimal] : [ValueClass.finiteInteger]
        if convention == .commaDecimal { mismatch = mismatch.earlier(written.decimalsWithoutCommaReading.first) }
        for (slot, valueClass) in plainClasses.enumerated() {
            let all = state.classes.all[Int(valueClass)]
            guard all > 0 else { continue }
            let first = state.firsts.byClass.isEmpty ? nil : state.firsts.byClass[Int(valueClass)]
            guard judge.fits(Int(valueClass)) else {
                mismatch = mismatch.earlier(first)
                continue
            }
            let neutral = written.neutralPlain[slot]
            let neutralClean = written.neutralPlainClean[slot]
            if neutral.count > 0 {
                fitting.append(
                    (dummy(NumberFormat(), neutral: true), neutral.count, neutralClean, neutral.first, neutral, slot))
            }
            if all > neutral.count {
                fitting.append(
                    (
                        dummy(NumberFormat(), neutral: false), all - neutral.count,
                        state.classes.clean[Int(valueClass)] - neutralClean, written.firstNonNeutralPlain[slot], nil,
                        slot
                    ))
            }
        }
        for valueClass in 0..<ValueClass.count
        where !WrittenNumbers.takes(UInt8(valueClass)) && state.classes.all[valueClass] > 0 && !judge.fits(valueClass) {
            mismatch = mismatch.earlier(state.firsts.byClass.isEmpty ? nil : state.firsts.byClass[valueClass])
        }
        mismatchFirst = mismatch
        pastTheBound = PastTheBound()
        guard !fitting.isEmpty else { return }
        let dominant = ColumnNumbers.dominantFormat(fitting.map { ($0.number, $0.count) })
        self.dominant = dominant
        var past = PastTheBound()
        let allPlainConform = dominant == NumberFormat()
        for item in fitting {
            formatCounts[item.number.format, default: 0] += item.count
            guard item.number.isIn(dominant) else {
                mixed += item.count
                mixedClean += item.clean
                if let first = item.first { mixedFirst = ColumnEvidence.earlier(mixedFirst, first) }
                continue
            }
            if item.plainSlot != nil && allPlainConform { continue }
            if let facts = item.facts { past.take(facts.moments, facts.least, facts.greatest) }
        }
        if allPlainConform {
            let integers =
                state.classes.all[Int(ValueClass.finiteInteger)] > 0 && judge.fits(Int(ValueClass.finiteInteger))
            if integers {
                past.take(
                    state.moments.integers, state.bounds.integerMin.map(Self.integerBound),
                    state.bounds.integerMax.map(Self.integerBound))
            }
            if convention == .pointDecimal && state.classes.all[Int(ValueClass.finiteDecimal)] > 0
                && judge.fits(Int(ValueClass.finiteDecimal))
            {
                past.take(state.moments.decimals, state.bounds.numberMin, state.bounds.numberMax)
            }
        }
        pastTheBound = past
    }

    /// A plain integer token as a bound.
    private static func integerBound(_ token: [UInt8]) -> NumberBound {
        let negative = token.first == 0x2D
        var value = 0.0
        for byte in token where byte &- 0x30 < 10 { value = value * 10 + Double(byte &- 0x30) }
        return NumberBound(value: negative ? -value : value, token: token, isIntegerToken: true)
    }
}
