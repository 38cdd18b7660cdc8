/// The contract's format names of value classes, for the `date_format` rule.
enum ValueFormats {
    /// Date format names in the contract's tie order.
    static let dateNames = ValueClass.dateFormatNames

    /// Every format name a value can have: dates, booleans, datetimes and times.
    static let allNames: Set<String> = {
        var names = Set(dateNames)
        for valueClass in 0..<ValueClass.count {
            let value = UInt8(valueClass)
            if ValueClass.isBooleanWord(value) || ValueClass.isBooleanLetter(value) {
                names.insert(ValueClass.formatName(value))
            }
        }
        for format in 0..<TemporalFormats.count { names.insert(TemporalFormats.name(format)) }
        return names
    }()

    /// The format of a value of `valueClass`, or `nil` for classes without one (strings, numbers) and for
    /// slash dates and datetimes impossible in the column's reading.
    static func name(of valueClass: UInt8, dayFirst: Bool) -> String? {
        switch valueClass {
        case ValueClass.isoDate: return dateNames[0]
        case ValueClass.slashDateEitherOrder: return dateNames[dayFirst ? 2 : 1]
        case ValueClass.slashDateMonthFirstOnly: return dateNames[1]
        case ValueClass.slashDateDayFirstOnly: return dateNames[2]
        case ValueClass.dottedDate: return dateNames[3]
        case ValueClass.yearFirstSlashDate: return dateNames[4]
        default:
            if ValueClass.isBooleanWord(valueClass) || ValueClass.isBooleanLetter(valueClass) {
                return ValueClass.formatName(valueClass)
            }
            if ValueClass.isDatetime(valueClass) || ValueClass.isTime(valueClass) {
                return TemporalFormats.format(of: valueClass, dayFirst: dayFirst).map(TemporalFormats.name)
            }
            return nil
        }
    }

    /// Seconds since the Unix epoch of a date (at midnight) or datetime value; `nil` for other classes and for
    /// slash dates and datetimes impossible in the column's reading.
    static func seconds(of info: ValueInfo, dayFirst: Bool) -> Int64? {
        func day(_ key: Int) -> Int64 { Int64(daysFromCivil(key / 10000, key / 100 % 100, key % 100)) * 86_400 }
        switch info.valueClass {
        case ValueClass.isoDate, ValueClass.dottedDate, ValueClass.yearFirstSlashDate: return day(info.dateKey)
        case ValueClass.slashDateEitherOrder: return day(dayFirst ? info.dayFirstDateKey : info.dateKey)
        case ValueClass.slashDateMonthFirstOnly: return dayFirst ? nil : day(info.dateKey)
        case ValueClass.slashDateDayFirstOnly: return dayFirst ? day(info.dayFirstDateKey) : nil
        default:
            guard ValueClass.isDatetime(info.valueClass),
                TemporalFormats.format(of: info.valueClass, dayFirst: dayFirst) != nil
            else { return nil }
            return dayFirst ? info.dayFirstSeconds : info.seconds
        }
    }
}
