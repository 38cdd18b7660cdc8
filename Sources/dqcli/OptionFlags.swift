import DataQuality

extension ProfileOption {
    /// How the command line names the setting: its flag (`--max-field-bytes`), or the command whose output an
    /// input should be (`dqcli rowhash`).
    var commandLineWords: String {
        switch self {
        case .delimiter: "--delimiter"
        case .quote: "--quote"
        case .linesToSkip: "--skip-lines"
        case .commentByte: "--comment"
        case .encoding: "--encoding"
        case .keys: "--key"
        case .maxFieldBytes: "--max-field-bytes"
        case .exactDistinctLimit: "--exact-distinct-limit"
        case .maximumThreads: "--threads"
        case .gradeThresholds: "--grade-thresholds"
        case .sourceName: "--source-name"
        case .columnNames: "--columns"
        case .headerLine: "--header-line"
        case .rules: "--rules"
        case .rowHasher: "dqcli rowhash"
        case .partialProfileState: "dqcli profile --state-out"
        }
    }
}

extension ProfileError {
    /// ``description`` with the command line's words for settings: `--max-field-bytes must be a whole number,
    /// at least 1 (bytes).`
    var commandLineDescription: String {
        description(naming: \.commandLineWords)
    }
}
