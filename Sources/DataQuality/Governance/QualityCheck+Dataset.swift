extension QualityCheck {
    /// The dataset name a run of the file at `path` stores and names in its messages: the rule file's, else
    /// ``datasetName``, else the file's name without its compression suffix, extension and trailing date stamp
    /// (``undatedDataset(forPath:)``), as for each of many inputs: a nightly `orders-2026-11-29.csv` is the
    /// dataset `orders`, so its runs share one history and drift. Known before the run, so a message about a
    /// history that cannot be opened can name the dataset too.
    public func dataset(forPath path: String) -> String {
        rules?.dataset.name ?? datasetName ?? Self.undatedDataset(forPath: path)
    }
}
