import Foundation

extension RunMetrics {
    /// The metrics of a saved JSON report (the contract's `dqcli profile --format json` output), for
    /// `dqcli diff`.
    /// - Parameters:
    ///   - data: the JSON text's bytes.
    ///   - dataset: the name to give the run.
    ///   - path: the file's name, for messages.
    /// - Throws: ``ReportReadError`` when the text is not JSON or misses a contract key.
    public init(reportJSON data: Data, dataset: String, path: String) throws {
        func fail(_ message: String) -> ReportReadError { ReportReadError(path: path, message: message) }
        guard let root = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
            throw fail("not a JSON object.")
        }
        func scores(_ object: Any?, _ key: String) throws -> Scores {
            guard let scores = object as? [String: Any], let completeness = scores["completeness"] as? Double,
                let consistency = scores["consistency"] as? Double, let overall = scores["overall"] as? Double
            else { throw fail("`\(key)` is missing or not a score object.") }
            return Scores(
                completeness: completeness, consistency: consistency, uniqueness: scores["uniqueness"] as? Double,
                overall: overall)
        }
        func grade(_ object: Any?, _ key: String) throws -> Grade {
            guard let text = object as? String, let grade = Grade(rawValue: text) else { throw fail("`\(key)` is not a grade.") }
            return grade
        }
        guard let rows = root["rows"] as? Int, let columnObjects = root["columns"] as? [[String: Any]] else {
            throw fail("`rows` or `columns` is missing; is it a dqcli JSON report?")
        }
        let columns = try columnObjects.map { column -> ColumnMetrics in
            guard let name = column["name"] as? String, let typeText = column["type"] as? String,
                let type = ColumnType(rawValue: typeText), let nulls = column["nulls"] as? Int,
                let distinct = column["distinct"] as? Int
            else { throw fail("a column misses `name`, `type`, `nulls` or `distinct`.") }
            let count = column["count"] as? Int ?? rows
            return ColumnMetrics(
                name: name, type: type, nulls: nulls, nullFraction: count > 0 ? Double(nulls) / Double(count) : 0,
                distinct: distinct, scores: try scores(column["scores"], "columns.\(name).scores"),
                grade: try grade(column["grade"], "columns.\(name).grade"))
        }
        let rules = root["rules"] as? [[String: Any]] ?? []
        self.init(
            dataset: dataset, runTime: 0, source: (root["source"] as? [String: Any])?["path"] as? String ?? path,
            rows: rows, scores: try scores(root["scores"], "scores"), grade: try grade(root["grade"], "grade"),
            duplicateRows: root["duplicate_rows"] as? Int, raggedRows: root["ragged_rows"] as? Int ?? 0,
            malformedRows: root["malformed_rows"] as? Int ?? 0,
            rulesFailed: rules.filter { $0["passed"] as? Bool == false && $0["level"] as? String == "error" }.count,
            rulesWarned: rules.filter { $0["passed"] as? Bool == false && $0["level"] as? String == "warn" }.count,
            columns: columns)
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
