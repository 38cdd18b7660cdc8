/// Rule violations counted on the streaming path: per check, the occurrences and the first one; per value
/// class, clean occurrences that break at least one check (they conform or not depending on the column type
/// chosen at the end).
///
/// A number range judges a value as its column reads numbers, and the column's convention is known only at the
/// end: the fields judge the range under point-decimal, and ``commaDecimal`` (kept when the rules hold a number
/// range) counts the same under comma-decimal; ``reading(_:)`` gives the tally under the column's convention.
///
/// Merge law: counts add, firsts keep the lower line (then the smaller bytes), under each convention; the empty
/// tally is the identity. Associative and commutative, so chunk profiles merge in any order.
struct ValueRuleTally: Sendable, Equatable, Codable {
    var violations: [Int]
    var firsts: [FirstSeen?]
    var cleanBreakingByClass: [Int]
    /// The counts with the number range judged under comma-decimal; nil without a number range (then both
    /// conventions count alike).
    var commaDecimal: Counts?

    /// One convention's counts.
    struct Counts: Sendable, Equatable, Codable {
        var violations: [Int]
        var firsts: [FirstSeen?]
        var cleanBreakingByClass: [Int]
    }

    /// - Parameter judgesNumberRange: whether one of the checks is a number range (``commaDecimal`` is kept).
    init(ruleCount: Int, judgesNumberRange: Bool = false) {
        violations = [Int](repeating: 0, count: ruleCount)
        firsts = [FirstSeen?](repeating: nil, count: ruleCount)
        cleanBreakingByClass = [Int](repeating: 0, count: ValueClass.count)
        if judgesNumberRange {
            commaDecimal = Counts(violations: violations, firsts: firsts, cleanBreakingByClass: cleanBreakingByClass)
        }
    }

    /// Counts `count` occurrences of a value breaking the checks of `mask` (`commaDecimalMask` under
    /// comma-decimal; nil: the same).
    mutating func add(mask: UInt32, commaDecimalMask: UInt32? = nil, count: Int, first: FirstSeen, info: ValueInfo) {
        Self.add(mask, count, first, info, &violations, &firsts, &cleanBreakingByClass)
        if var comma = commaDecimal {
            commaDecimal = nil  // the arrays are then mutated in place, not copied
            Self.add(
                commaDecimalMask ?? mask, count, first, info, &comma.violations, &comma.firsts,
                &comma.cleanBreakingByClass)
            commaDecimal = comma
        }
    }

    private static func add(
        _ mask: UInt32, _ count: Int, _ first: FirstSeen, _ info: ValueInfo, _ violations: inout [Int],
        _ firsts: inout [FirstSeen?], _ cleanBreakingByClass: inout [Int]
    ) {
        guard mask != 0 else { return }
        for index in violations.indices where mask & (1 << UInt32(index)) != 0 {
            violations[index] += count
            firsts[index] = Self.earlier(firsts[index], first)
        }
        if info.flags.isDisjoint(with: .dirty) { cleanBreakingByClass[Int(info.valueClass)] += count }
    }

    /// Adds another tally of the same rules.
    mutating func merge(_ other: ValueRuleTally) {
        let theirs = Counts(
            violations: other.violations, firsts: other.firsts, cleanBreakingByClass: other.cleanBreakingByClass)
        Self.merge(&violations, &firsts, &cleanBreakingByClass, theirs)
        // A state file written before the comma-decimal counts were kept holds only the point-decimal ones.
        if var comma = commaDecimal {
            commaDecimal = nil
            Self.merge(&comma.violations, &comma.firsts, &comma.cleanBreakingByClass, other.commaDecimal ?? theirs)
            commaDecimal = comma
        }
    }

    private static func merge(
        _ violations: inout [Int], _ firsts: inout [FirstSeen?], _ cleanBreakingByClass: inout [Int], _ other: Counts
    ) {
        for index in violations.indices {
            violations[index] += other.violations[index]
            firsts[index] = other.firsts[index].map { Self.earlier(firsts[index], $0) } ?? firsts[index]
        }
        for valueClass in cleanBreakingByClass.indices {
            cleanBreakingByClass[valueClass] += other.cleanBreakingByClass[valueClass]
        }
    }

    /// The tally with the number range judged under `convention`.
    func reading(_ convention: DecimalConvention) -> ValueRuleTally {
        guard convention == .commaDecimal, let commaDecimal else { return self }
        var tally = ValueRuleTally(ruleCount: 0)
        tally.violations = commaDecimal.violations
        tally.firsts = commaDecimal.firsts
        tally.cleanBreakingByClass = commaDecimal.cleanBreakingByClass
        return tally
    }

    /// The same tally with every first's position turned by `mapPosition`.
    func mapped(_ mapPosition: (Int) -> Int) -> ValueRuleTally {
        var copy = self
        copy.firsts = firsts.map { $0?.mapped(mapPosition) }
        copy.commaDecimal?.firsts = commaDecimal?.firsts.map { $0?.mapped(mapPosition) } ?? []
        return copy
    }

    static func earlier(_ current: FirstSeen?, _ candidate: FirstSeen) -> FirstSeen {
        guard let current else { return candidate }
        if candidate.line != current.line { return candidate.line < current.line ? candidate : current }
        return candidate.example.lexicographicallyPrecedes(current.example) ? candidate : current
    }
}
