/// What one trimmed, non-null value is recognised as, independent of the rest of its column.
///
/// Two contract rules depend on the whole column and are settled when the column is finished: single
/// letters `t f y n` are booleans only when every non-null value is a boolean, and slash dates
/// `d{1,2}/d{1,2}/dddd` (alone or as a datetime's date) read day-first when any such value's first part is
/// above 12 and it is a real date read day-first. So those values get classes that keep both readings open. Class numbers are small so per-class counters are plain arrays.
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
    /// The first of ``booleanWords``: `true/false`, `yes/no`, numbered from it by family x 4 + case (lower,
    /// upper, title, mixed).
    static let firstBooleanWord: UInt8 = 6
    /// The first of ``booleanLetters``: `t/f`, `y/n`, numbered from it by family x 2 + case (lower, upper).
    static let firstBooleanLetter: UInt8 = 14
    static let isoDate: UInt8 = 18
    static let dottedDate: UInt8 = 19
    static let yearFirstSlashDate: UInt8 = 20
    /// A slash date that is a real date both month-first and day-first.
    static let slashDateEitherOrder: UInt8 = 21
    static let slashDateMonthFirstOnly: UInt8 = 22
    static let slashDateDayFirstOnly: UInt8 = 23
    /// The first of ``datetimes``, numbered from it by date kind x 12 + time shape x 4 + ending: date kinds ISO
    /// with `T`, ISO with a space, then with a space a slash date valid in either order, valid month-first only,
    /// valid day-first only, a dotted date, a year-first slash date (``datetimeDateKinds``); time shapes
    /// `HH:MM:SS`, `HH:MM:SS.F`, `HH:MM` (one or two hour digits); endings none, a 12-hour marker, `Z`, an
    /// offset (``TemporalFormats`` numbers the formats the same way).
    static let firstDatetime: UInt8 = 24
    /// The number of date kinds a datetime can start with.
    static let datetimeDateKinds = 7
    /// The first of ``times``, numbered from it by time shape x 2 + 12-hour marker (0 without, 1 with).
    static let firstTime: UInt8 = firstDatetime + UInt8(datetimeDateKinds * 12)
    /// The number of classes: every class number is below it.
    static let count = Int(firstTime) + 6

    /// The classes of the boolean words, in the contract's tie order of their formats.
    static var booleanWords: Range<UInt8> { firstBooleanWord..<firstBooleanLetter }
    /// The classes of the boolean letters, in the contract's tie order of their formats.
    static var booleanLetters: Range<UInt8> { firstBooleanLetter..<isoDate }
    /// The classes of dates, `isoDate` to `slashDateDayFirstOnly`.
    static var dates: Range<UInt8> { isoDate..<firstDatetime }
    /// The classes of datetimes, in the contract's tie order of their formats.
    static var datetimes: Range<UInt8> { firstDatetime..<firstTime }
    /// The classes of times, in the contract's tie order of their formats.
    static var times: Range<UInt8> { firstTime..<UInt8(count) }

    static func isBooleanWord(_ value: UInt8) -> Bool { value >= firstBooleanWord && value < firstBooleanLetter }
    static func isBooleanLetter(_ value: UInt8) -> Bool { value >= firstBooleanLetter && value < isoDate }
    static func isDatetime(_ value: UInt8) -> Bool { value >= firstDatetime && value < firstTime }
    static func isTime(_ value: UInt8) -> Bool { value >= firstTime && value < UInt8(count) }

    /// The rank of a boolean class's format in the contract's tie order: the eight words first (family x 4 +
    /// case), then the letters, numbered as words after them (8 + family x 4 + case).
    /// - Parameter value: a class of ``booleanWords`` or ``booleanLetters``.
    /// - Returns: 0 to 7 for the words, 8, 9, 12 and 13 for the letters.
    static func booleanFormatRank(_ value: UInt8) -> Int {
        if isBooleanWord(value) { return Int(value - firstBooleanWord) }
        let index = Int(value - firstBooleanLetter)
        return booleanWords.count + index / 2 * 4 + index % 2
    }

    /// The format text of a boolean class.
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
        return ""
    }

    /// Date format names in the contract's tie order.
    static let dateFormatNames = ["YYYY-MM-DD", "M/D/YYYY", "D/M/YYYY", "D.M.YYYY", "YYYY/MM/DD"]
}

/// Properties of a value that make it non-conforming whatever its column's type.
struct ValueFlags: OptionSet, Sendable {
    let rawValue: UInt8
    /// Leading or trailing space, tab or U+00A0.
    static let whitespace = ValueFlags(rawValue: 1)
    static let invalidUTF8 = ValueFlags(rawValue: 2)
    /// U+0000-U+0008, U+000B, U+000C, U+000E-U+001F, U+007F and the C1 controls U+0080-U+009F.
    static let controlCharacters = ValueFlags(rawValue: 4)
    /// Set on a slash date, alone or as a datetime's date (by shape: the time of day is not checked), whose first
    /// part is above 12 and that is a real date read day-first (the column then reads slash dates day-first).
    static let slashDateDayAbove12 = ValueFlags(rawValue: 8)
    /// The value is null under the null rule.
    static let null = ValueFlags(rawValue: 16)
    /// The value's bytes hold a complete, valid multi-byte UTF-8 sequence (a null value's token does).
    static let multibyteUTF8 = ValueFlags(rawValue: 32)

    static let dirty: ValueFlags = [.whitespace, .invalidUTF8, .controlCharacters]
}
