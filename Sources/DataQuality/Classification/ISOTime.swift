/// ISO 8601 dates and datetimes as seconds since 1970-01-01T00:00:00Z, for rule limits, freshness and `--now`.
///
/// Accepts `YYYY-MM-DD` and `YYYY-MM-DD` + `T` or space + `HH:MM`, optional `:SS` and `.fraction` (dropped),
/// optional `Z` or `±HH:MM`; a datetime without a zone is read as UTC. Calendar dates are checked (years 0001
/// to 9999). Days come from Howard Hinnant's `days_from_civil` (``daysFromCivil(_:_:_:)``).
public enum ISOTime {
    /// Seconds since the Unix epoch, or `nil` when `text` is not such a date or datetime.
    /// - Parameter endOfDay: for a date without a time, give its last second (23:59:59) instead of midnight.
    public static func seconds(_ text: String, endOfDay: Bool = false) -> Int64? {
        let bytes = Array(text.utf8)
        func digits(_ start: Int, _ count: Int) -> Int? {
            guard start + count <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[start..<(start + count)] {
                guard byte >= 0x30 && byte <= 0x39 else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            return value
        }
        guard bytes.count >= 10, bytes[4] == 0x2D, bytes[7] == 0x2D, let year = digits(0, 4), let month = digits(5, 2),
            let day = digits(8, 2), isRealDate(year, month, day)
        else { return nil }
        let days = Int64(daysFromCivil(year, month, day))
        if bytes.count == 10 { return days * 86_400 + (endOfDay ? 86_399 : 0) }
        guard bytes[10] == 0x54 || bytes[10] == 0x20, let hours = digits(11, 2), bytes.count >= 16, bytes[13] == 0x3A,
            let minutes = digits(14, 2), hours <= 23, minutes <= 59
        else { return nil }
        var index = 16
        var seconds = 0
        if index < bytes.count && bytes[index] == 0x3A {
            guard let value = digits(index + 1, 2), value <= 59 else { return nil }
            seconds = value
            index += 3
            if index < bytes.count && bytes[index] == 0x2E {
                index += 1
                let start = index
                while index < bytes.count && bytes[index] >= 0x30 && bytes[index] <= 0x39 { index += 1 }
                guard index > start else { return nil }
            }
        }
        var offset = 0
        if index < bytes.count {
            if bytes[index] == 0x5A && index + 1 == bytes.count {
                index += 1
            } else if bytes[index] == 0x2B || bytes[index] == 0x2D, index + 6 == bytes.count, bytes[index + 3] == 0x3A,
                let offsetHours = digits(index + 1, 2), let offsetMinutes = digits(index + 4, 2), offsetHours <= 23,
                offsetMinutes <= 59
            {
                offset = (offsetHours * 60 + offsetMinutes) * 60 * (bytes[index] == 0x2D ? -1 : 1)
                index += 6
            } else {
                return nil
            }
        }
        return days * 86_400 + Int64(hours * 3600 + minutes * 60 + seconds - offset)
    }

    /// `YYYY-MM-DDTHH:MM:SSZ` for seconds since the Unix epoch.
    public static func text(_ seconds: Int64) -> String {
        let days = Int(seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400)
        let within = Int(seconds - Int64(days) * 86_400)
        let (year, month, day) = civil(fromDays: days)
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return
            "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(within / 3600, 2)):\(pad(within / 60 % 60, 2)):\(pad(within % 60, 2))Z"
    }

    /// Howard Hinnant's `civil_from_days`: the proleptic Gregorian date of a day count since 1970-01-01.
    static func civil(fromDays days: Int) -> (year: Int, month: Int, day: Int) {
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
