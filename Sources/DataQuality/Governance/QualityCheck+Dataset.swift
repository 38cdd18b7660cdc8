extension QualityCheck {
    /// The dataset name a run of the file at `path` stores and names in its messages: the rule file's, else
    /// ``datasetName``, else the file's name without its extension (``RuleSuggester/datasetName(forPath:)``).
    /// Known before the run, so a message about a history that cannot be opened can name the dataset too.
    public func dataset(forPath path: String) -> String {
        rules?.dataset.name ?? datasetName ?? RuleSuggester.datasetName(forPath: path)
    }
}
