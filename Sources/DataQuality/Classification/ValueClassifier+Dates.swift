/// Date, datetime and time recognition by the contract's shapes, and the calendar arithmetic they need.
extension ValueClassifier {
    @inline(__always)
    func number(_ t: UnsafeBufferPointer<UInt8>, _ start: Int, _ length: Int) -> Int? {
        var value = 0
        for index in start..<(start + length) {
            let digit = t[index] &- 0x30
            if digit >= 10 { return nil }
            value = value * 10 + Int(digit)
        }
        return value
    }

    func recogniseDate(_ t: UnsafeBufferPointer<UInt8>, into info: inout ValueInfo) -> Bool {
        let count = t.count
        if count == 10, t[4] == 0x2D, t[7] == 0x2D,
            let year = number(t, 0, 4), let month = number(t, 5, 2), let day = number(t, 8, 2)
        {
            return setDate(&info, ValueClass.isoDate, year, month, day)
        }
        if count == 10, t[4] == 0x2F, t[7] == 0x2F,
            let year = number(t, 0, 4), let month = number(t, 5, 2), let day = number(t, 8, 2)
        {
            return setDate(&info, ValueClass.yearFirstSlashDate, year, month, day)
        }
        // d{1,2} sep d{1,2} sep dddd, sep "/" or "."
        guard count >= 8 && count <= 10 else { return false }
        let separator = t[count - 5]
        guard separator == 0x2F || separator == 0x2E, let year = number(t, count - 4, 4) else { return false }
        var firstEnd = 0
        while firstEnd < count - 5 && isDigit(t[firstEnd]) { firstEnd += 1 }
        guard firstEnd >= 1 && firstEnd <= 2 && t[firstEnd] == separator else { return false }
        let secondLength = count - 5 - firstEnd - 1
        guard secondLength >= 1 && secondLength <= 2, let first = number(t, 0, firstEnd),
            let second = number(t, firstEnd + 1, secondLength)
        else { return false }
        if separator == 0x2E {
            return setDate(&info, ValueClass.dottedDate, year, second, first)
        }
        if first > 12 { info.flags.insert(.slashDateDayAbove12) }
        let monthFirst = isRealDate(year, first, second)
        let dayFirst = isRealDate(year, second, first)
        switch (monthFirst, dayFirst) {
        case (true, true): info.valueClass = ValueClass.slashDateEitherOrder
        case (true, false): info.valueClass = ValueClass.slashDateMonthFirstOnly
        case (false, true): info.valueClass = ValueClass.slashDateDayFirstOnly
        case (false, false): info.valueClass = ValueClass.string
        }
        info.dateKey = year * 10000 + first * 100 + second
        info.dayFirstDateKey = year * 10000 + second * 100 + first
        return true
    }

    func setDate(_ info: inout ValueInfo, _ valueClass: UInt8, _ year: Int, _ month: Int, _ day: Int) -> Bool {
        if isRealDate(year, month, day) {
            info.valueClass = valueClass
            info.dateKey = year * 10000 + month * 100 + day
        } else {
            info.valueClass = ValueClass.string
        }
        return true
    }

    func recogniseDatetime(_ t: UnsafeBufferPointer<UInt8>, into info: inout ValueInfo) -> Bool {
        let count = t.count
        guard count >= 16, t[4] == 0x2D, t[7] == 0x2D, t[10] == 0x54 || t[10] == 0x20,
            let year = number(t, 0, 4), let month = number(t, 5, 2), let day = number(t, 8, 2),
            let time = parseTime(t, from: 11)
        else { return false }
        var zone = 0
        var offsetMinutes = 0
        var index = time.end
        if index < count && t[index] == 0x5A {
            zone = 1
            index += 1
        } else if index + 6 == count && (t[index] == 0x2B || t[index] == 0x2D) && t[index + 3] == 0x3A,
            let hours = number(t, index + 1, 2), let minutes = number(t, index + 4, 2)
        {
            guard hours <= 23 && minutes <= 59 else {
                info.valueClass = ValueClass.string
                return true
            }
            zone = 2
            offsetMinutes = (hours * 60 + minutes) * (t[index] == 0x2B ? 1 : -1)
            index += 6
        }
        guard index == count else { return false }
        guard isRealDate(year, month, day) else {
            info.valueClass = ValueClass.string
            return true
        }
        let separator = t[10] == 0x54 ? 0 : 1
        info.valueClass = ValueClass.firstDatetime + UInt8(separator * 9 + time.shape * 3 + zone)
        info.seconds = Int64(daysFromCivil(year, month, day)) * 86_400 + time.seconds - Int64(offsetMinutes * 60)
        info.fractionStart = time.fractionStart
        info.fractionCount = time.fractionCount
        return true
    }

    /// `HH:MM`, optional `:SS` and `.fraction`, at `start`; nil when the shape does not match or a part is
    /// out of range. shape: 0 `HH:MM:SS`, 1 `HH:MM:SS.F`, 2 `HH:MM`.
    func parseTime(_ t: UnsafeBufferPointer<UInt8>, from start: Int)
        -> (shape: Int, seconds: Int64, fractionStart: Int, fractionCount: Int, end: Int)?
    {
        let count = t.count
        guard start + 5 <= count, t[start + 2] == 0x3A, let hours = number(t, start, 2),
            let minutes = number(t, start + 3, 2)
        else { return nil }
        var index = start + 5
        var seconds = 0
        var shape = 2
        var fractionStart = 0
        var fractionCount = 0
        if index + 3 <= count && t[index] == 0x3A, let value = number(t, index + 1, 2) {
            seconds = value
            shape = 0
            index += 3
            if index < count && t[index] == 0x2E {
                var end = index + 1
                while end < count && isDigit(t[end]) { end += 1 }
                if end > index + 1 {
                    shape = 1
                    fractionStart = index + 1
                    fractionCount = end - index - 1
                    index = end
                }
            }
        }
        guard hours <= 23 && minutes <= 59 && seconds <= 59 else { return nil }
        return (shape, Int64(hours * 3600 + minutes * 60 + seconds), fractionStart, fractionCount, index)
    }
}

/// Whether a proleptic Gregorian date exists, years 1 to 9999.
func isRealDate(_ year: Int, _ month: Int, _ day: Int) -> Bool {
    guard year >= 1 && year <= 9999 && month >= 1 && month <= 12 && day >= 1 else { return false }
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
    return day <= days
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
func daysFromCivil(_ year: Int, _ month: Int, _ day: Int) -> Int {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yearOfEra = y - era * 400
    let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
}
