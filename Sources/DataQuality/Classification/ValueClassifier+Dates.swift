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

    /// Recognises a date, datetime or time (the contract's Types) in the trimmed value `t`.
    /// - Returns: whether `t` has one of their shapes; then `info` holds its class (a string when a part is
    ///   out of range), its date keys (both readings of a slash date), seconds, time of day, fraction and zone;
    ///   a slash date of the shape that turns its column day-first sets ``ValueFlags/slashDateDayAbove12``.
    func recogniseTemporal(_ t: UnsafeBufferPointer<UInt8>, into info: inout ValueInfo) -> Bool {
        let count = t.count
        guard let date = datePart(t) else {
            guard let clock = clock(t, from: 0, allowsZone: false), clock.isInRange else { return false }
            info.valueClass = ValueClass.firstTime + UInt8(clock.shape * 2 + (clock.ending == 1 ? 1 : 0))
            setClock(clock, days: 0, dayFirstDays: 0, into: &info)
            return true
        }
        if date.end < count { return recogniseDatetime(t, date, into: &info) }
        switch date.pattern {
        case .iso: return setDate(&info, ValueClass.isoDate, date.year, date.first, date.second)
        case .yearFirstSlash: return setDate(&info, ValueClass.yearFirstSlashDate, date.year, date.first, date.second)
        case .dotted: return setDate(&info, ValueClass.dottedDate, date.year, date.second, date.first)
        case .slash:
            let (year, first, second) = (date.year, date.first, date.second)
            let monthFirst = isRealDate(year, first, second)
            let dayFirst = isRealDate(year, second, first)
            if first > 12 && dayFirst { info.flags.insert(.slashDateDayAbove12) }
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
    }

    /// A datetime: `date`, then `T` (after an ISO date) or a space, then a time of day with its ending.
    private func recogniseDatetime(
        _ t: UnsafeBufferPointer<UInt8>, _ date: (pattern: DatePattern, year: Int, first: Int, second: Int, end: Int),
        into info: inout ValueInfo
    ) -> Bool {
        let separator = t[date.end]
        guard separator == 0x20 || (separator == 0x54 && date.pattern == .iso),
            let clock = clock(t, from: date.end + 1, allowsZone: true)
        else { return false }
        let (year, first, second) = (date.year, date.first, date.second)
        if date.pattern == .slash && first > 12 && isRealDate(year, second, first) {
            info.flags.insert(.slashDateDayAbove12)
        }
        info.valueClass = ValueClass.string
        guard clock.isInRange else { return true }
        // Date kinds as ``ValueClass/firstDatetime`` numbers them.
        let kind: Int
        switch date.pattern {
        case .iso: kind = separator == 0x54 ? 0 : 1
        case .slash:
            switch (isRealDate(year, first, second), isRealDate(year, second, first)) {
            case (true, true): kind = 2
            case (true, false): kind = 3
            case (false, true): kind = 4
            case (false, false): return true
            }
        case .dotted: kind = 5
        case .yearFirstSlash: kind = 6
        }
        if date.pattern == .slash {
            info.dateKey = year * 10000 + first * 100 + second
            info.dayFirstDateKey = year * 10000 + second * 100 + first
        } else {
            // One reading: the day-first key equals the date's own.
            let (month, day) = date.pattern == .dotted ? (second, first) : (first, second)
            guard isRealDate(year, month, day) else { return true }
            info.dateKey = year * 10000 + month * 100 + day
            info.dayFirstDateKey = info.dateKey
        }
        info.valueClass = ValueClass.firstDatetime + UInt8(kind * 12 + clock.shape * 4 + clock.ending)
        // One day count unless the two readings differ (a slash date valid either way).
        let days = Self.days(info.dateKey)
        let dayFirstDays = info.dayFirstDateKey == info.dateKey ? days : Self.days(info.dayFirstDateKey)
        setClock(clock, days: days, dayFirstDays: dayFirstDays, into: &info)
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

    private static func days(_ key: Int) -> Int64 { Int64(daysFromCivil(key / 10000, key / 100 % 100, key % 100)) }

    private func setClock(_ clock: Clock, days: Int64, dayFirstDays: Int64, into info: inout ValueInfo) {
        info.timeOfDay = clock.timeOfDay
        let zoneSeconds = Int64(clock.offsetMinutes * 60)
        info.seconds = days * 86_400 + Int64(clock.timeOfDay) - zoneSeconds
        info.dayFirstSeconds = dayFirstDays * 86_400 + Int64(clock.timeOfDay) - zoneSeconds
        info.fractionStart = clock.fractionStart
        info.fractionCount = clock.fractionCount
        info.zoneStart = clock.zoneStart
    }

    /// A date's pattern as its shape says (a slash date's order is settled by its column).
    enum DatePattern { case iso, slash, dotted, yearFirstSlash }

    /// The date at the start of `t`: `YYYY-MM-DD`, `YYYY/MM/DD`, or `d{1,2}` `/` or `.` `d{1,2}` (the same
    /// separator) and `dddd`; `first` and `second` are its parts in the order written after the year
    /// (month, day for the year-first patterns); `end` is where it ends. The calendar is not checked.
    @inline(__always)
    func datePart(_ t: UnsafeBufferPointer<UInt8>)
        -> (pattern: DatePattern, year: Int, first: Int, second: Int, end: Int)?
    {
        let count = t.count
        guard count >= 8 else { return nil }
        if count >= 10 && (t[4] == 0x2D || t[4] == 0x2F) && t[7] == t[4],
            let year = number(t, 0, 4), let month = number(t, 5, 2), let day = number(t, 8, 2)
        {
            return (t[4] == 0x2D ? .iso : .yearFirstSlash, year, month, day, 10)
        }
        var firstEnd = 0
        while firstEnd < 3 && firstEnd < count && isDigit(t[firstEnd]) { firstEnd += 1 }
        guard firstEnd >= 1 && firstEnd <= 2 else { return nil }
        let separator = t[firstEnd]
        guard separator == 0x2F || separator == 0x2E else { return nil }
        var secondEnd = firstEnd + 1
        while secondEnd < firstEnd + 4 && secondEnd < count && isDigit(t[secondEnd]) { secondEnd += 1 }
        let secondLength = secondEnd - firstEnd - 1
        guard secondLength >= 1 && secondLength <= 2, secondEnd + 5 <= count, t[secondEnd] == separator,
            let year = number(t, secondEnd + 1, 4), let first = number(t, 0, firstEnd),
            let second = number(t, firstEnd + 1, secondLength)
        else { return nil }
        let end = secondEnd + 5
        if end < count && isDigit(t[end]) { return nil }
        return (separator == 0x2F ? .slash : .dotted, year, first, second, end)
    }

    /// A time of day read by ``clock(_:from:allowsZone:)``.
    struct Clock {
        /// 0 `HH:MM:SS`, 1 `HH:MM:SS.F`, 2 `HH:MM`.
        var shape = 2
        /// 0 none, 1 a 12-hour marker, 2 `Z`, 3 an offset.
        var ending = 0
        /// Seconds since midnight, on the 24-hour clock.
        var timeOfDay = 0
        var offsetMinutes = 0
        var fractionStart = 0
        var fractionCount = 0
        /// Where the zone starts (the value's length without one).
        var zoneStart = 0
        /// Hours, minutes, seconds and offset within their ranges.
        var isInRange = true
    }

    /// The time of day from `start` to the end of `t`: `H:MM` or `HH:MM`, optional `:SS` and then `.fraction`,
    /// then a 12-hour marker (` AM`, ` PM`, ` am`, ` pm`) or, where `allowsZone`, `Z` or `±HH:MM`; `nil` when
    /// `t` does not have that shape. Ranges are checked into ``Clock/isInRange``: hours 0 to 23, or 1 to 12
    /// with a marker (`12:xx AM` is 00:xx), minutes and seconds 0 to 59, offsets up to 23:59.
    func clock(_ t: UnsafeBufferPointer<UInt8>, from start: Int, allowsZone: Bool) -> Clock? {
        let count = t.count
        guard start + 4 <= count else { return nil }
        let hourDigits = isDigit(t[start + 1]) ? 2 : 1
        let minutesStart = start + hourDigits + 1
        guard minutesStart + 2 <= count, t[start + hourDigits] == 0x3A, let hours = number(t, start, hourDigits),
            let minutes = number(t, minutesStart, 2)
        else { return nil }
        var clock = Clock()
        var index = minutesStart + 2
        var seconds = 0
        if index + 3 <= count && t[index] == 0x3A, let value = number(t, index + 1, 2) {
            seconds = value
            clock.shape = 0
            index += 3
            if index < count && t[index] == 0x2E {
                var end = index + 1
                while end < count && isDigit(t[end]) { end += 1 }
                guard end > index + 1 else { return nil }
                clock.shape = 1
                clock.fractionStart = index + 1
                clock.fractionCount = end - index - 1
                index = end
            }
        }
        clock.zoneStart = count
        var hour24 = hours
        clock.isInRange = hours <= 23 && minutes <= 59 && seconds <= 59
        if index + 3 == count && t[index] == 0x20
            && ((t[index + 2] == 0x4D && (t[index + 1] == 0x41 || t[index + 1] == 0x50))
                || (t[index + 2] == 0x6D && (t[index + 1] == 0x61 || t[index + 1] == 0x70)))
        {
            clock.ending = 1
            clock.isInRange = clock.isInRange && hours >= 1 && hours <= 12
            hour24 = hours % 12 + (t[index + 1] | 0x20 == 0x70 ? 12 : 0)
            index = count
        } else if allowsZone && index + 1 == count && t[index] == 0x5A {
            clock.ending = 2
            clock.zoneStart = index
            index = count
        } else if allowsZone && index + 6 == count && (t[index] == 0x2B || t[index] == 0x2D) && t[index + 3] == 0x3A,
            let offsetHours = number(t, index + 1, 2), let offsetMinutes = number(t, index + 4, 2)
        {
            clock.ending = 3
            clock.zoneStart = index
            clock.isInRange = clock.isInRange && offsetHours <= 23 && offsetMinutes <= 59
            clock.offsetMinutes = (offsetHours * 60 + offsetMinutes) * (t[index] == 0x2B ? 1 : -1)
            index = count
        }
        guard index == count else { return nil }
        clock.timeOfDay = hour24 * 3600 + minutes * 60 + seconds
        return clock
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
