import Foundation

extension RunMetrics {
    /// The metrics of a saved JSON report (the contract's `dqcli profile --format json` output), for
    /// `dqcli diff`: the report decoded as a ``Report`` (`Codable`), then ``init(report:dataset:runTime:)`` with
    /// run time 0.
    /// - Parameters:
    ///   - data: the JSON text's bytes.
    ///   - dataset: the name to give the run.
    ///   - path: the file's name, for messages.
    /// - Throws: ``ReportReadError`` when the text is not a JSON object, misses a contract key or holds the
    ///   wrong kind of value under one (the message names the key by its path, as `columns.2.nulls`), or is of
    ///   another `schema_version`.
    public init(reportJSON data: Data, dataset: String, path: String) throws {
        let report: Report
        do {
            report = try JSONDecoder().decode(Report.self, from: data)
        } catch let error as DecodingError {
            throw ReportReadError(path: path, message: Self.sentence(error))
        }
        self.init(report: report, dataset: dataset, runTime: 0)
    }

    /// What is wrong with a saved report, as a sentence naming the key's path.
    private static func sentence(_ error: DecodingError) -> String {
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
        default:
            return "not a JSON object."
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
