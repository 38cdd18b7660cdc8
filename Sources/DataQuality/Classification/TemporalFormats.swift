/// The contract's datetime and time formats, numbered in its tie order, and the formats of the datetime and
/// time classes of ``ValueClass``.
///
/// A datetime format is its date pattern with its separator (``datePatterns``: `YYYY-MM-DD` with `T`, then
/// with a space, `M/D/YYYY`, `D/M/YYYY`, `D.M.YYYY`, `YYYY/MM/DD` with a space), its time shape (seconds,
/// seconds and a fraction, minutes only) and its ending (none, a 12-hour marker, `Z`, an offset), numbered
/// pattern x 12 + shape x 4 + ending; a time format is numbered after them, ``firstTime`` + shape x 2 +
/// 12-hour marker. So a smaller number is the earlier format in the tie order (date pattern, `T` before
/// space, seconds before none, no fraction before a fraction, no zone before `Z` before an offset, 24-hour
/// before 12-hour: a 12-hour marker comes before `Z`, as the contract's order of zone kinds first and the
/// 12-hour marker last gives).
enum TemporalFormats {
    /// The date patterns with their separator, in the tie order.
    static let datePatterns = ["YYYY-MM-DDT", "YYYY-MM-DD ", "M/D/YYYY ", "D/M/YYYY ", "D.M.YYYY ", "YYYY/MM/DD "]
    /// The first time format.
    static let firstTime = 72
    /// The number of datetime and time formats.
    static let count = 78

    /// The format's name as the contract writes it (`YYYY-MM-DDTHH:MM:SSZ`, `M/D/YYYY H:MM AM`, `HH:MM:SS.F`).
    /// - Parameter format: 0..<``count``.
    static func name(_ format: Int) -> String {
        if format >= firstTime {
            let index = format - firstTime
            return timeName(shape: index / 2, twelveHour: index % 2 == 1)
        }
        let ending = format % 4
        return datePatterns[format / 12] + timeName(shape: format / 4 % 3, twelveHour: ending == 1)
            + ["", "", "Z", "+HH:MM"][ending]
    }

    private static func timeName(shape: Int, twelveHour: Bool) -> String {
        (twelveHour ? "H:MM" : "HH:MM") + [":SS", ":SS.F", ""][shape] + (twelveHour ? " AM" : "")
    }

    /// Whether values of the format carry a zone (`Z` or an offset), so their instants are UTC.
    static func isZoned(_ format: Int) -> Bool { format < firstTime && format % 4 >= 2 }

    /// The formats a datetime or time class can be read in: its month-first and day-first readings (equal
    /// unless the class is a slash datetime; `nil` where the class is no datetime in that reading).
    /// - Parameter valueClass: a class of ``ValueClass/datetimes`` or ``ValueClass/times``.
    static func readings(of valueClass: UInt8) -> (monthFirst: Int?, dayFirst: Int?) {
        if ValueClass.isTime(valueClass) {
            let format = firstTime + Int(valueClass - ValueClass.firstTime)
            return (format, format)
        }
        let index = Int(valueClass - ValueClass.firstDatetime)
        let time = index % 12
        // Date kinds: ISO T, ISO space, slash either order, month-first only, day-first only, dotted, year-first.
        switch index / 12 {
        case 0: return (time, time)
        case 1: return (12 + time, 12 + time)
        case 2: return (24 + time, 36 + time)
        case 3: return (24 + time, nil)
        case 4: return (nil, 36 + time)
        case 5: return (48 + time, 48 + time)
        default: return (60 + time, 60 + time)
        }
    }

    /// The format of a datetime or time class in a column that reads slash dates day-first or not; `nil` when
    /// the class is impossible in that order (then its values are strings).
    static func format(of valueClass: UInt8, dayFirst: Bool) -> Int? {
        let readings = readings(of: valueClass)
        return dayFirst ? readings.dayFirst : readings.monthFirst
    }
}

extension TemporalFormats {
    /// The contract's ISO text of a clean datetime or time value: `YYYY-MM-DDTHH:MM:SS[.F][zone]` (the date in
    /// the reading asked for) or `HH:MM:SS[.F]`, on the 24-hour clock, seconds filled in, the fraction and
    /// the zone as written.
    /// - Parameters:
    ///   - info: the value's classification (``ValueClassifier/classify(_:)``).
    ///   - raw: the value's bytes (clean: no surrounding whitespace).
    ///   - dayFirst: read a slash date day-first.
    static func isoText(_ info: ValueInfo, _ raw: UnsafeRawBufferPointer, dayFirst: Bool) -> [UInt8] {
        var result: [UInt8] = []
        func append(_ value: Int, width: Int) {
            var digits: [UInt8] = []
            var rest = value
            for _ in 0..<width {
                digits.append(UInt8(0x30 + rest % 10))
                rest /= 10
            }
            result.append(contentsOf: digits.reversed())
        }
        if ValueClass.isDatetime(info.valueClass) {
            let key = dayFirst ? info.dayFirstDateKey : info.dateKey
            append(key / 10000, width: 4)
            result.append(0x2D)
            append(key / 100 % 100, width: 2)
            result.append(0x2D)
            append(key % 100, width: 2)
            result.append(0x54)
        }
        append(info.timeOfDay / 3600, width: 2)
        result.append(0x3A)
        append(info.timeOfDay / 60 % 60, width: 2)
        result.append(0x3A)
        append(info.timeOfDay % 60, width: 2)
        if info.fractionCount > 0 {
            result.append(0x2E)
            result.append(contentsOf: raw[info.fractionStart..<(info.fractionStart + info.fractionCount)])
        }
        if ValueClass.isDatetime(info.valueClass) && info.zoneStart < raw.count {
            result.append(contentsOf: raw[info.zoneStart...])
        }
        return result
    }
}
