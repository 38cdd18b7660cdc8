import Foundation

extension RunMetrics {
    /// The metrics of a saved JSON report (the contract's `dqcli profile --format json` output), for
    /// `dqcli diff`: the report and its rule results decoded as a ``CheckedReport`` (`Codable`), then
    /// ``init(_:dataset:runTime:)`` with run time 0.
    /// - Parameters:
    ///   - data: the JSON text's bytes.
    ///   - dataset: the name to give the run.
    ///   - path: the file's name, for messages.
    /// - Throws: ``ReportReadError`` when the text is not valid JSON (the message says where the parser
    ///   stopped), is not a JSON object, misses a contract key or holds the wrong kind of value under one (the
    ///   message names the key by its path, as `columns.2.nulls`), or is of another `schema_version`.
    public init(reportJSON data: Data, dataset: String, path: String) throws {
        let checked: CheckedReport
        do {
            checked = try JSONDecoder().decode(CheckedReport.self, from: data)
        } catch let error as DecodingError {
            throw ReportReadError(path: path, message: Self.sentence(error, data: data))
        }
        self.init(checked, dataset: dataset, runTime: 0)
    }

    /// The metrics of the saved JSON report in the file at `path`, as ``init(reportJSON:dataset:path:)``.
    /// - Throws: ``ProfileError`` `cannotRead` with the system's reason when the file cannot be read
    ///   (`cannot open the file: no such file or directory.`), else as ``init(reportJSON:dataset:path:)``.
    /// - Complexity: O(n) in the file's size, which it holds in memory.
    public init(reportAt path: String, dataset: String) throws {
        let bytes = try ByteSource.contents(ofFileAt: path)
        try self.init(reportJSON: Data(bytes), dataset: dataset, path: path)
    }

    /// What is wrong with a saved report, as a sentence naming the key's path, or where the JSON parser
    /// stopped in `data` when it is not JSON.
    private static func sentence(_ error: DecodingError, data: Data) -> String {
        func path(_ codingPath: [any CodingKey]) -> String {
            "`" + codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".") + "`"
        }
        switch error {
        case .keyNotFound(let key, let context):
            return "\(path(context.codingPath + [key])) is missing; is it a dqcli JSON report?"
        case .typeMismatch(_, let context) where !context.codingPath.isEmpty,
            .valueNotFound(_, let context) where !context.codingPath.isEmpty:
            return "\(path(context.codingPath)) does not hold what a dqcli JSON report holds there."
        case .dataCorrupted(let context) where !context.codingPath.isEmpty:
            return context.debugDescription
        case .dataCorrupted:
            return "not valid JSON" + parserReason(data) + "."
        default:
            return "not a JSON object."
        }
    }
}

extension RunMetrics {
    /// `: invalid value around character 1` (Foundation's JSON parser's description, its first letter in
    /// lower case, without a final full stop), or nothing when the parser gives no description.
    private static func parserReason(_ data: Data) -> String {
        do {
            _ = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
            return ""
        } catch {
            guard var reason = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String, !reason.isEmpty
            else {
                return ""
            }
            if reason.hasSuffix(".") { reason.removeLast() }
            return ": " + reason.prefix(1).lowercased() + reason.dropFirst()
        }
    }
}

/// A saved report that cannot be read for `dqcli diff`.
public struct ReportReadError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file's path.
    public var path: String
    /// What is wrong.
    public var message: String

    /// `old.json: not a JSON object.`
    public var description: String { "\(path): \(message)" }
}
