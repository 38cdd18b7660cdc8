/// Rule violations counted on the streaming path: per check, the occurrences and the first one; per value
/// class, clean occurrences that break at least one check (they conform or not depending on the column type
/// chosen at the end).
///
/// Merge law: counts add, firsts keep the lower line (then the smaller bytes); the empty tally is the
/// identity. Associative and commutative, so chunk profiles merge in any order.
struct ValueRuleTally: Sendable, Equatable, Codable {
    var violations: [Int]
    var firsts: [FirstSeen?]
    var cleanBreakingByClass: [Int]

    init(ruleCount: Int) {
        violations = [Int](repeating: 0, count: ruleCount)
        firsts = [FirstSeen?](repeating: nil, count: ruleCount)
        cleanBreakingByClass = [Int](repeating: 0, count: ValueClass.count)
    }

    mutating func add(mask: UInt32, count: Int, first: FirstSeen, info: ValueInfo) {
        for index in violations.indices where mask & (1 << UInt32(index)) != 0 {
            violations[index] += count
            firsts[index] = Self.earlier(firsts[index], first)
        }
        if info.flags.isDisjoint(with: .dirty) { cleanBreakingByClass[Int(info.valueClass)] += count }
    }

    /// Adds another tally of the same rules.
    mutating func merge(_ other: ValueRuleTally) {
        for index in violations.indices {
            violations[index] += other.violations[index]
            firsts[index] = other.firsts[index].map { Self.earlier(firsts[index], $0) } ?? firsts[index]
        }
        for valueClass in cleanBreakingByClass.indices {
            cleanBreakingByClass[valueClass] += other.cleanBreakingByClass[valueClass]
        }
    }

    static func earlier(_ current: FirstSeen?, _ candidate: FirstSeen) -> FirstSeen {
        guard let current else { return candidate }
        if candidate.line != current.line { return candidate.line < current.line ? candidate : current }
        return candidate.example.lexicographicallyPrecedes(current.example) ? candidate : current
    }
}
