import Yams

/// The walk over a rule file's node tree: the shapes of values (mappings, numbers, ranges, rules with a
/// level), each failure naming the path, line and key.
struct RuleFileReader {
    let path: String

    func fail(_ node: Node?, _ key: String?, _ message: String) -> RuleFileError {
        RuleFileError(path: path, line: node?.mark?.line, key: key, message: message)
    }

    func mapping(_ node: Node, _ key: String?) throws -> [(key: String, keyNode: Node, value: Node)] {
        guard case .mapping(let mapping) = node else {
            throw fail(node, key, "expected a mapping (`name: value` lines), found \(describe(node)).")
        }
        var seen = Set<String>()
        var result: [(key: String, keyNode: Node, value: Node)] = []
        for (keyNode, value) in mapping {
            guard case .scalar(let scalar) = keyNode else {
                throw fail(keyNode, key, "mapping keys must be plain text.")
            }
            let name = scalar.string
            let full = key.map { "\($0).\(name)" } ?? name
            if !seen.insert(name).inserted {
                throw fail(keyNode, full, "the key is written twice in the same mapping.")
            }
            result.append((name, keyNode, value))
        }
        return result
    }

    func checkKeys(
        _ entries: [(key: String, keyNode: Node, value: Node)], allowed: [String], _ parent: String?
    ) throws {
        for entry in entries where !allowed.contains(entry.key) {
            let full = parent.map { "\($0).\(entry.key)" } ?? entry.key
            throw fail(
                entry.keyNode, full, "unknown key `\(entry.key)`; expected one of: \(allowed.joined(separator: ", ")).")
        }
    }

    func describe(_ node: Node) -> String {
        switch node {
        case .scalar(let scalar): return "`\(scalar.string)`"
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }

    /// A scalar's text as the rule file wrote it (`5`, not `5.0`), for messages.
    func written(_ node: Node) -> String {
        node.scalar?.string ?? describe(node)
    }

    func text(_ node: Node, _ key: String) throws -> String {
        guard case .scalar(let scalar) = node else { throw fail(node, key, "expected text, found \(describe(node)).") }
        return scalar.string
    }

    func integer(_ node: Node, _ key: String, minimum: Int = 0) throws -> Int {
        guard case .scalar(let scalar) = node, let value = Int(scalar.string) else {
            throw fail(node, key, "expected a whole number, found \(describe(node)).")
        }
        guard value >= minimum else { throw fail(node, key, "must be at least \(minimum), found \(value).") }
        return value
    }

    func number(_ node: Node, _ key: String) throws -> Double {
        guard case .scalar(let scalar) = node, let value = Double(scalar.string), value.isFinite else {
            throw fail(node, key, "expected a number, found \(describe(node)).")
        }
        return value
    }

    func fraction(_ node: Node, _ key: String) throws -> Double {
        let value = try number(node, key)
        guard (0...1).contains(value) else {
            throw fail(node, key, "must be a fraction in 0...1, found \(written(node)).")
        }
        return value
    }

    func boolean(_ node: Node, _ key: String) throws -> Bool {
        guard case .scalar(let scalar) = node else {
            throw fail(node, key, "expected true or false, found \(describe(node)).")
        }
        switch scalar.string.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: throw fail(node, key, "expected true or false, found `\(scalar.string)`.")
        }
    }

    func grade(_ node: Node, _ key: String) throws -> Grade {
        let value = try text(node, key)
        guard let grade = Grade(rawValue: value.uppercased()) else {
            throw fail(node, key, "unknown grade `\(value)`; expected A, B, C, D or F.")
        }
        return grade
    }

    /// A rule written as its value or as `{value: ..., level: ...}`.
    func rule<Value>(_ node: Node, _ key: String, _ read: (Node, String) throws -> Value) throws -> RuleLimit<Value> {
        let line = node.mark?.line ?? 0
        if case .mapping = node {
            let entries = try mapping(node, key)
            try checkKeys(entries, allowed: ["value", "level"], key)
            guard let value = entries.first(where: { $0.key == "value" }) else {
                throw fail(node, key, "a rule written as a mapping needs `value` (and optionally `level`).")
            }
            return RuleLimit(try read(value.value, key + ".value"), level: try level(entries, key), line: line)
        }
        return RuleLimit(try read(node, key), level: .error, line: line)
    }

    func level(_ entries: [(key: String, keyNode: Node, value: Node)], _ key: String) throws -> RuleLevel {
        guard let entry = entries.first(where: { $0.key == "level" }) else { return .error }
        let value = try text(entry.value, key + ".level")
        guard let level = RuleLevel(rawValue: value) else {
            throw fail(entry.value, key + ".level", "unknown level `\(value)`; expected error or warn.")
        }
        return level
    }

    /// A `{min, max, level}` mapping; at least one end; min <= max.
    func range<Bound: Comparable & Sendable>(
        _ node: Node, _ key: String, _ read: (Node, String) throws -> Bound
    ) throws -> RuleLimit<RuleRange<Bound>> {
        let entries = try mapping(node, key)
        try checkKeys(entries, allowed: ["min", "max", "level"], key)
        let minimumNode = entries.first { $0.key == "min" }?.value
        let maximumNode = entries.first { $0.key == "max" }?.value
        let minimum = try minimumNode.map { try read($0, key + ".min") }
        let maximum = try maximumNode.map { try read($0, key + ".max") }
        if minimum == nil && maximum == nil { throw fail(node, key, "a range needs `min`, `max` or both.") }
        if let minimum, let maximum, let minimumNode, let maximumNode, minimum > maximum {
            throw fail(node, key, "impossible range: min \(written(minimumNode)) is above max \(written(maximumNode)).")
        }
        return RuleLimit(
            RuleRange(min: minimum, max: maximum), level: try level(entries, key), line: node.mark?.line ?? 0)
    }
}
