/// A rule file that cannot be used: unreadable, not YAML, or a rule with a mistake (unknown key, wrong value
/// type, bad regular expression, impossible range, unknown level, type, grade, format or duration).
///
/// Raised before any data is read; `dqcli` exits 64 (EX_USAGE). `description` names the file, the 1-based
/// line and the key path (`columns.price.range`) where they apply.
public struct RuleFileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The rule file's path as given.
    public var path: String
    /// The 1-based line of the mistake, when known.
    public var line: Int?
    /// The dotted key path of the mistake (`dataset.rows.min`), when it is about a key.
    public var key: String?
    /// One sentence explaining the mistake.
    public var message: String

    /// Creates an error.
    public init(path: String, line: Int?, key: String?, message: String) {
        self.path = path
        self.line = line
        self.key = key
        self.message = message
    }

    /// `dq.yml, line 12, key columns.price.range: min 10 is above max 5.`
    public var description: String {
        var location = [path]
        if let line { location.append("line \(line)") }
        if let key { location.append("key \(key)") }
        return location.joined(separator: ", ") + ": " + message
    }
}
