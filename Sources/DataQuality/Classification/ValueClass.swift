/// What one trimmed, non-null value is recognised as, independent of the rest of its column.
///
/// Two contract rules depend on the whole column and are settled when the column is finished: single
/// letters `t f y n` are booleans only when every non-null value is a boolean, and slash dates
/// `d{1,2}/d{1,2}/dddd` read day-first when any such value's first part is above 12. So those values get
/// classes that keep both readings open. Class numbers are small so per-class counters are plain arrays.
enum ValueClass {
    static let string: UInt8 = 0
    /// A digit string with a leading zero (`0[0-9]+`): a string that a number conversion would damage.
    static let leadingZeroString: UInt8 = 1
    static let finiteInteger: UInt8 = 2
    /// An integer beyond binary64 range.
    static let nonFiniteInteger: UInt8 = 3
    static let finiteDecimal: UInt8 = 4
    /// `inf`, `infinity`, or a decimal beyond binary64 range.
    static let nonFiniteDecimal: UInt8 = 5
    /// `true/false`, `yes/no`: 6 + family x 4 + case (lower, upper, title, mixed).
    static let firstBooleanWord: UInt8 = 6
    /// `t/f`, `y/n`: 14 + family x 2 + case (lower, upper).
    static let firstBooleanLetter: UInt8 = 14
    static let isoDate: UInt8 = 18
    static let dottedDate: UInt8 = 19
    static let yearFirstSlashDate: UInt8 = 20
    /// A slash date that is a real date both month-first and day-first.
    static let slashDateEitherOrder: UInt8 = 21
    static let slashDateMonthFirstOnly: UInt8 = 22
    static let slashDateDayFirstOnly: UInt8 = 23
    /// 24 + separator (T, space) x 9 + shape (HH:MM:SS, HH:MM:SS.F, HH:MM) x 3 + zone (none, Z, offset).
    static let firstDatetime: UInt8 = 24
    /// 42 + shape (HH:MM:SS, HH:MM:SS.F, HH:MM).
    static let firstTime: UInt8 = 42
    static let count = 45

    /// Class numbers whose order is the contract's tie order for formats within booleans, datetimes and times.
    static func isBooleanWord(_ value: UInt8) -> Bool { value >= 6 && value < 14 }
    static func isBooleanLetter(_ value: UInt8) -> Bool { value >= 14 && value < 18 }
    static func isDatetime(_ value: UInt8) -> Bool { value >= 24 && value < 42 }
    static func isTime(_ value: UInt8) -> Bool { value >= 42 && value < 45 }

    /// The format text of a boolean, datetime or time class.
    static func formatName(_ value: UInt8) -> String {
        if isBooleanWord(value) || isBooleanLetter(value) {
            let word = isBooleanWord(value)
            let index = Int(value - (word ? firstBooleanWord : firstBooleanLetter))
            let family = word ? index / 4 : index / 2
            let letterCase = word ? index % 4 : index % 2
            let words = word ? [["true", "false"], ["yes", "no"]][family] : [["t", "f"], ["y", "n"]][family]
            switch letterCase {
            case 0: return words.joined(separator: "/")
            case 1: return words.map { $0.uppercased() }.joined(separator: "/")
            case 2: return words.map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: "/")
            default: return words.joined(separator: "/") + " (mixed case)"
            }
        }
        if isDatetime(value) {
            let index = Int(value - firstDatetime)
            let separator = index / 9 == 0 ? "T" : " "
            let zone = ["", "Z", "+HH:MM"][index % 3]
            return "YYYY-MM-DD" + separator + timeShapes[(index / 3) % 3] + zone
        }
        if isTime(value) { return timeShapes[Int(value - firstTime)] }
        return ""
    }

    private static let timeShapes = ["HH:MM:SS", "HH:MM:SS.F", "HH:MM"]

    /// Date format names in the contract's tie order.
    static let dateFormatNames = ["YYYY-MM-DD", "M/D/YYYY", "D/M/YYYY", "D.M.YYYY", "YYYY/MM/DD"]
}

/// Properties of a value that make it non-conforming whatever its column's type.
struct ValueFlags: OptionSet, Sendable {
    let rawValue: UInt8
    /// Leading or trailing space, tab or U+00A0.
    static let whitespace = ValueFlags(rawValue: 1)
    static let invalidUTF8 = ValueFlags(rawValue: 2)
    /// Bytes 0x00-0x08, 0x0B, 0x0C, 0x0E-0x1F, 0x7F.
    static let controlCharacters = ValueFlags(rawValue: 4)
    /// Set on the first part of a slash date above 12 (the column then reads slash dates day-first).
    static let slashDateDayAbove12 = ValueFlags(rawValue: 8)
    /// The value is null under the null rule.
    static let null = ValueFlags(rawValue: 16)

    static let dirty: ValueFlags = [.whitespace, .invalidUTF8, .controlCharacters]
}
