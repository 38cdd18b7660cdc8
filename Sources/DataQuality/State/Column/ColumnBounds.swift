/// A column's bounds, by type, kept whatever type the column ends up with (the report picks one set at the
/// end): integer tokens, numbers, dates per format, datetimes and times per class, and the streaming string
/// bounds of a column past its exact bound.
///
/// Merge law (``merge(_:)``): each bound keeps the extreme, the earlier part's on ties.
struct ColumnBounds: Sendable, Equatable, Codable {
    var integerMin: [UInt8]?
    var integerMax: [UInt8]?
    var numberMin: NumberBound?
    var numberMax: NumberBound?
    /// yyyymmdd per date format; Int.max and Int.min without a date of that format.
    var dateMin: [Int]
    var dateMax: [Int]
    var temporalMin: TemporalBounds
    var temporalMax: TemporalBounds
    var stringMin: [UInt8]?
    var stringMax: [UInt8]?
}

extension ColumnBounds {
    /// No bound yet.
    init() {
        self.init(
            dateMin: [Int](repeating: Int.max, count: 5), dateMax: [Int](repeating: Int.min, count: 5),
            temporalMin: TemporalBounds(), temporalMax: TemporalBounds())
    }

    /// Keeps each extreme of both parts (the earlier part's on ties).
    mutating func merge(_ later: ColumnBounds) {
        if let theirs = later.integerMin,
            integerMin.map({ mine in
                theirs.withUnsafeBytes { t in mine.withUnsafeBytes { m in compareIntegerTokens(t, m) < 0 } }
            }) ?? true
        {
            integerMin = theirs
        }
        if let theirs = later.integerMax,
            integerMax.map({ mine in
                theirs.withUnsafeBytes { t in mine.withUnsafeBytes { m in compareIntegerTokens(t, m) > 0 } }
            }) ?? true
        {
            integerMax = theirs
        }
        if let theirs = later.numberMin, numberMin.map({ theirs.value < $0.value }) ?? true { numberMin = theirs }
        if let theirs = later.numberMax, numberMax.map({ theirs.value > $0.value }) ?? true { numberMax = theirs }
        for format in dateMin.indices {
            dateMin[format] = min(dateMin[format], later.dateMin[format])
            dateMax[format] = max(dateMax[format], later.dateMax[format])
        }
        for slot in 0..<TemporalBounds.slotCount {
            if let theirs = later.temporalMin[slot],
                temporalMin[slot].map({ TemporalBound.precedes(theirs, $0) }) ?? true
            {
                temporalMin[slot] = theirs
            }
            if let theirs = later.temporalMax[slot],
                temporalMax[slot].map({ TemporalBound.precedes($0, theirs) }) ?? true
            {
                temporalMax[slot] = theirs
            }
        }
        if let theirs = later.stringMin { widenStringBounds(with: theirs) }
        if let theirs = later.stringMax { widenStringBounds(with: theirs) }
    }

    /// Both parts' bounds (see ``merge(_:)``).
    func merging(_ later: ColumnBounds) -> ColumnBounds {
        var merged = self
        merged.merge(later)
        return merged
    }

    /// Widens the streaming string bounds to take `value` (a clean value of a column past its exact bound).
    mutating func widenStringBounds(with value: [UInt8]) {
        if stringMin.map({ value.lexicographicallyPrecedes($0) }) ?? true { stringMin = value }
        if stringMax.map({ $0.lexicographicallyPrecedes(value) }) ?? true { stringMax = value }
    }
}

/// A datetime or time bound: the instant, its fraction digits, and its ISO 8601 text.
struct TemporalBound: Sendable, Equatable, Codable {
    var seconds: Int64
    var fraction: [UInt8]
    var display: [UInt8]

    /// Orders by instant, then fraction (as a number), then text (the contract's order).
    static func precedes(_ lhs: TemporalBound, _ rhs: TemporalBound) -> Bool {
        if lhs.seconds != rhs.seconds { return lhs.seconds < rhs.seconds }
        let order = lhs.fraction.withUnsafeBytes { left in
            rhs.fraction.withUnsafeBytes { right in compareFractionDigits(left, right) }
        }
        if order != 0 { return order < 0 }
        return lhs.display.lexicographicallyPrecedes(rhs.display)
    }
}

/// The datetime and time bounds of a column, one slot per format (``TemporalFormats``: datetimes 0...71, times
/// 72...77; a slash datetime valid in either order is bounded in both readings): a dictionary's interface over an
/// array allocated at the first bound, so a value past the exact bound costs no hashing.
struct TemporalBounds: Sendable, Equatable {
    static let slotCount = TemporalFormats.count
    private var bounds: [TemporalBound?] = []

    subscript(slot: Int) -> TemporalBound? {
        get { bounds.isEmpty ? nil : bounds[slot] }
        set {
            if bounds.isEmpty {
                guard newValue != nil else { return }
                bounds = Array(repeating: nil, count: Self.slotCount)
            }
            bounds[slot] = newValue
        }
    }

    /// The slots holding a bound, ascending.
    var keys: [Int] { bounds.indices.filter { bounds[$0] != nil } }
    /// The number of slots holding a bound.
    var count: Int { bounds.reduce(0) { $0 + ($1 == nil ? 0 : 1) } }
    /// The bytes of the slots and of the bounds' texts (none before a first bound).
    var allocatedBytes: Int {
        bounds.count * MemoryLayout<TemporalBound?>.stride
            + bounds.reduce(0) { $0 + ($1.map { $0.fraction.count + $0.display.count } ?? 0) }
    }
}

extension TemporalBounds: Codable {
    /// The 78 slots (null where none), or no slots before a first bound; any other count is refused.
    init(from decoder: Decoder) throws {
        let slots = try [TemporalBound?](from: decoder)
        guard slots.isEmpty || slots.count == Self.slotCount else {
            throw DecodingError.dataCorrupted(
                DecodingError.Context(
                    codingPath: decoder.codingPath, debugDescription: "temporal bounds: \(Self.slotCount) slots."))
        }
        bounds = slots
    }

    func encode(to encoder: Encoder) throws { try bounds.encode(to: encoder) }
}

/// A numeric bound and the token it came from (integers are reported exactly).
struct NumberBound: Sendable, Equatable, Codable {
    var value: Double
    var token: [UInt8]
    var isIntegerToken: Bool
}
