import Foundation
import Yams

/// Reads a YAML rule file into a ``RuleSet``, rejecting any mistake with its line and key.
///
/// YAML is parsed with Yams (libyaml) into nodes, whose marks give each key's line, so every message can
/// point at the exact place. The layout (README.md shows a full example):
/// ```yaml
/// dataset:
///   name: orders
///   rows: {min: 1, max: 100000}
///   rows_are_events: false
///   max_duplicate_rows: {value: 0, level: warn}
/// columns:
///   id: {type: integer, nullable: false, unique: true}
/// drift:
///   row_count_change: 0.05
/// ```
/// Every rule is written either as its value or as a mapping with `value` (or its own keys for ranges) and
/// `level` (`error` or `warn`).
///
/// - Complexity: O(n) in the file's size.
public struct RuleFileParser: Sendable {
    /// Creates a parser.
    public init() {}

    /// Reads and validates the rule file at `path`.
    /// - Throws: ``RuleFileError`` when the file cannot be read (the message gives the system's reason, such
    ///   as `cannot open the file: no such file or directory.`) or holds a mistake.
    public func parse(fileAt path: String) throws -> RuleSet {
        let bytes: [UInt8]
        do {
            bytes = try ByteSource.contents(ofFileAt: path)
        } catch let error as ProfileError {
            throw RuleFileError(path: path, line: nil, key: nil, message: error.message)
        }
        guard let text = String(bytes: bytes, encoding: .utf8) else {
            throw RuleFileError(path: path, line: nil, key: nil, message: "the rule file is not UTF-8 text.")
        }
        return try parse(text: text, path: path)
    }

    /// Reads and validates rule-file text.
    /// - Parameters:
    ///   - text: the YAML text.
    ///   - path: the name used in messages and recorded in ``RuleSet/path``.
    /// - Throws: ``RuleFileError``.
    public func parse(text: String, path: String) throws -> RuleSet {
        let root: Node?
        do {
            // The basic resolver: every value is read from its text here (`RuleFileReader`), never from the tag Yams
            // resolves, and resolving tags by regular expression was 44% of reading the rule file of a wide file.
            root = try Yams.compose(yaml: text, .basic)
        } catch YamlError.duplicatedKeysInMapping(let duplicates, let context) {
            var locator = RepeatedKeyLocator(text: text)
            throw locator.error(repeating: duplicates.first ?? "", firstKeyAt: context.mark, path: path)
                ?? RuleFileError(
                    path: path, line: context.mark.line, key: duplicates.first,
                    message:
                        "the key `\(duplicates.joined(separator: "`, `"))` is written twice in the same mapping, first on this line."
                )
        } catch let error as YamlError {
            throw Self.syntaxError(error, path: path)
        }
        let reader = RuleFileReader(path: path)
        guard let root else {
            throw reader.fail(nil, nil, "the rule file is empty; it needs at least a `columns` mapping.")
        }
        return try reader.ruleSet(root)
    }

    private static func syntaxError(_ error: YamlError, path: String) -> RuleFileError {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            // Yams ends the context text with a line break and starts the problem with a space: each piece is
            // trimmed, so they join with one space.
            let what = [context?.text, problem].compactMap { $0 }.joined(separator: "\n")
                .split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty }.joined(separator: " ")
            return RuleFileError(path: path, line: mark.line, key: nil, message: "not valid YAML: \(what).")
        default:
            return RuleFileError(path: path, line: nil, key: nil, message: "not valid YAML: \(error).")
        }
    }
}

extension YamlError.Context {
    fileprivate var text: String { description }
}
