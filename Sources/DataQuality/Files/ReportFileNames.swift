/// The names of the reports a run of many inputs writes into one output folder (`--output-dir`): each input's
/// report is named after the input, and the summary is `summary` with the same extension.
public enum ReportFileNames {
    /// The report name of the input at `path`: its last component without a compression suffix (`.gz`,
    /// `.zst`, in any case), then without its extension, then with `fileExtension`: `orders.json` for
    /// `exports/orders.csv.gz` and `json`. Standard input (`-`) is `stdin`. A leading dot starts no extension
    /// (`.hidden.csv` gives `.hidden.json`).
    /// - Parameters:
    ///   - path: the input's path as given, or `-`.
    ///   - fileExtension: the report format's extension without its dot (`json`, `md`, `html`, `txt`).
    /// - Complexity: O(n) in the path's length.
    public static func name(forInput path: String, fileExtension: String) -> String {
        DataFileName(path: path).stem + "." + fileExtension
    }

    /// The summary's name in the output folder: `summary.json` for `json`.
    public static func summaryName(fileExtension: String) -> String {
        "summary." + fileExtension
    }

    /// The report names of the inputs (``name(forInput:fileExtension:)``), in order, checked before anything
    /// is read: no two inputs may share a name, and none may take the summary's. Names are compared exactly
    /// (as on a case-sensitive file system). Give each path once (``InputList`` does).
    /// - Throws: ``ReportNameCollision`` for the first input whose name is taken.
    /// - Complexity: O(n) names of n inputs (with a hash set).
    public static func names(
        forInputs paths: [String], fileExtension: String
    ) throws(ReportNameCollision) -> [String] {
        let summary = summaryName(fileExtension: fileExtension)
        var inputByName: [String: String] = [:]
        var names: [String] = []
        for path in paths {
            let name = name(forInput: path, fileExtension: fileExtension)
            if name == summary {
                throw ReportNameCollision(name: name, earlierInput: nil, input: path)
            }
            if let earlier = inputByName[name] {
                throw ReportNameCollision(name: name, earlierInput: earlier, input: path)
            }
            inputByName[name] = path
            names.append(name)
        }
        return names
    }
}

/// Two inputs would write their reports to one file of the output folder, or an input to the summary's
/// (``ReportFileNames/names(forInputs:fileExtension:)``). Found before anything is read; a usage error
/// (sysexits `EX_USAGE`, 64).
public struct ReportNameCollision: Error, Sendable, Equatable, CustomStringConvertible {
    /// The report name both would write.
    public var name: String
    /// The earlier input, as given; nil when the other file is the summary.
    public var earlierInput: String?
    /// The later input, as given.
    public var input: String

    /// Creates an error.
    public init(name: String, earlierInput: String?, input: String) {
        self.name = name
        self.earlierInput = earlierInput
        self.input = input
    }

    /// One sentence naming both: `a/orders.csv and b/orders.csv.gz would both write their report to
    /// orders.json.`, or `x/summary.csv would write its report to summary.json, the summary's name.`
    public var description: String {
        guard let earlierInput else { return "\(input) would write its report to \(name), the summary's name." }
        return "\(earlierInput) and \(input) would both write their report to \(name)."
    }
}
