import ArgumentParser
import DataQuality
import Foundation

/// The options of a run over many inputs (`profile` and `check` with several FILEs, folders or patterns).
struct ManyInputArguments: ParsableArguments {
    @Flag(help: "Search the folders given as FILE in their subfolders too.")
    var recursive = false

    @Option(
        help: ArgumentHelp(
            "Write one report per input into DIR, named after it (orders.csv.gz -> orders.json), and summary.FORMAT.",
            valueName: "DIR"))
    var outputDir: String?

    @Flag(help: "The inputs are parts of one dataset: one report of them all (the same header required).")
    var combine = false

    @Option(
        help: ArgumentHelp(
            "A folder of rule files: NAME.yml checks the inputs of the dataset NAME (their file name without extension and date stamp).",
            valueName: "DIR"))
    var rulesDir: String?

    /// Whether an option of a run over many inputs was given.
    var isGiven: Bool { recursive || outputDir != nil || combine || rulesDir != nil }

    /// The inputs `files` name, or nil when they name one file (or `-`, or nothing) by themselves and no option
    /// of a run over many inputs is given: then the command runs as it does for one file.
    /// - Throws: the exit of an ``InputListError`` (64 for `-` twice, 66 for an argument that names no input),
    ///   with one `dqcli:` line.
    func inputList(_ files: [String]) throws -> InputList? {
        try Self.inputList(files, recursive: recursive, optionGiven: isGiven)
    }

    /// ``inputList(_:)`` for a command with its own options: `optionGiven` says whether one of its options of a
    /// run over many inputs is given.
    static func inputList(_ files: [String], recursive: Bool, optionGiven: Bool) throws -> InputList? {
        if !optionGiven && (files.isEmpty || files == ["-"]) { return nil }
        do {
            let list = try InputList(arguments: files.isEmpty ? ["-"] : files, recursive: recursive)
            return !optionGiven && list.namesOneFile ? nil : list
        } catch {
            switch error.code {
            case .usage: throw ValidationError(MessageText.escaped(error.description))
            case .noInput: throw Profile.fail(error.description, exitCode: 66)  // EX_NOINPUT
            }
        }
    }

    /// The rule set of each dataset in `--rules-dir`: every `NAME.yml` or `NAME.yaml` file in it, keyed by NAME.
    /// - Throws: exit 64 for a folder that cannot be read or a rule file with a mistake.
    func rulesByDataset() throws -> [String: RuleSet]? {
        guard let rulesDir else { return nil }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: rulesDir)
        } catch {
            throw ValidationError("--rules-dir \(MessageText.escaped(rulesDir)): the folder cannot be read.")
        }
        var rules: [String: RuleSet] = [:]
        for name in names.sorted() {
            let url = URL(fileURLWithPath: name)
            guard ["yml", "yaml"].contains(url.pathExtension), !name.hasPrefix(".") else { continue }
            let path = (rulesDir as NSString).appendingPathComponent(name)
            rules[url.deletingPathExtension().lastPathComponent] = try GovernanceArguments.loadRules(at: path)
        }
        return rules
    }
}
