import Yams

/// Finds where a key that Yams reports as repeated is written the second time, and its dotted key path.
///
/// Yams stops at a mapping with a repeated key, giving only the position of the key's first occurrence. The
/// locator renames that occurrence in the text (so the mapping composes), repeats this while Yams reports
/// more repeated keys, then walks the composed tree to the mapping holding the first renamed key: the next
/// key of the same name in that mapping is the repeat.
///
/// - Complexity: O(n × r) in the text's size n and the number r of repeated keys.
struct RepeatedKeyLocator {
    var lines: [[Unicode.Scalar]]
    /// The original name of each renamed key, by its position.
    var renamed: [Position: String] = [:]

    struct Position: Hashable {
        var line: Int
        var column: Int

        init(_ mark: Mark) {
            line = mark.line
            column = mark.column
        }
    }

    init(text: String) {
        lines = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map(Array.init)
    }

    /// The error naming the repeat's line and key path, or nil when the repeat cannot be located.
    /// - Parameters:
    ///   - name: the repeated key, as Yams reports it.
    ///   - first: the position of its first occurrence, as Yams reports it.
    mutating func error(repeating name: String, firstKeyAt first: Mark, path: String) -> RuleFileError? {
        var reported = (name: name, mark: first)
        while rename(reported.name, at: reported.mark) {
            do {
                guard let root = try Yams.compose(yaml: text),
                    let (line, key) = secondOccurrence(of: Position(first), in: root, under: nil)
                else { return nil }
                return RuleFileError(
                    path: path, line: line, key: key,
                    message: "the key `\(name)` is written twice in the same mapping; first on line \(first.line).")
            } catch YamlError.duplicatedKeysInMapping(let duplicates, let context) {
                guard let next = duplicates.first else { return nil }
                reported = (next, context.mark)
            } catch {
                return nil
            }
        }
        return nil
    }

    private var text: String {
        lines.map { String(String.UnicodeScalarView($0)) }.joined(separator: "\n")
    }

    /// Prefixes the key at `mark` with a name no rule file uses, remembering `name` as its original name;
    /// false when the mark is outside the text or already renamed.
    private mutating func rename(_ name: String, at mark: Mark) -> Bool {
        let position = Position(mark)
        guard renamed[position] == nil, lines.indices.contains(mark.line - 1),
            lines[mark.line - 1].indices.contains(mark.column - 1)
        else { return false }
        lines[mark.line - 1].insert(
            contentsOf: "dqcli-repeated-key-\(renamed.count)-".unicodeScalars, at: mark.column - 1)
        renamed[position] = name
        return true
    }

    /// The line and dotted path of the key after the renamed key at `target`, in the mapping holding it.
    private func secondOccurrence(of target: Position, in node: Node, under parent: String?) -> (Int, String)? {
        switch node {
        case .mapping(let mapping):
            let keys = mapping.map(\.key)
            let names = keys.map { key in key.mark.flatMap { renamed[Position($0)] } ?? key.string }
            for (index, key) in keys.enumerated() {
                guard let mark = key.mark, Position(mark) == target, let name = names[index] else { continue }
                guard let next = names[(index + 1)...].firstIndex(of: name), let line = keys[next].mark?.line
                else { return nil }
                return (line, parent.map { "\($0).\(name)" } ?? name)
            }
            for (key, value) in mapping {
                let name = key.mark.flatMap { renamed[Position($0)] } ?? key.string ?? ""
                if let found = secondOccurrence(of: target, in: value, under: parent.map { "\($0).\(name)" } ?? name) {
                    return found
                }
            }
            return nil
        case .sequence(let sequence):
            for item in sequence {
                if let found = secondOccurrence(of: target, in: item, under: parent) { return found }
            }
            return nil
        case .scalar, .alias:
            return nil
        }
    }
}
