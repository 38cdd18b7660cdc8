extension QualityCheck {
    /// The dataset name of the file at `path` (issue 15, item 4: one input or many), so that each day's file of
    /// one export shares a history: the file's name without its compression suffix (`.gz`,
    /// `.zst`, any case), its extension, and a trailing date stamp after `-`, `_` or `.`. `orders-2026-11-29.csv.gz`
    /// and `orders_20261129.csv` are both `orders`; `-` is `stdin`.
    ///
    /// A date stamp is a calendar date from 1900 to 2099 written `2026-11-29`, `2026_11_29`, `2026.11.29` or
    /// `20261129` (``RuleSuggester``'s date pattern), ending the name and not part of a longer run of digits.
    /// A name that is only a date keeps it. A rule file's `dataset.name` and a given name win over this one
    /// (``dataset(forPath:)``). `suggest` writes the file's own name, with a comment asking for an undated one.
    /// - Complexity: O(n) in the path's length.
    public static func undatedDataset(forPath path: String) -> String {
        let stem = DataFileName(path: path).stem
        // Every date stamp holds 8 digits: a stem with fewer holds none, and the pattern's search is skipped.
        guard stem.utf8.count(where: { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) >= 8,
            let stamp = stem.matches(of: RuleSuggester.datePattern).last?.output.date,
            stamp.endIndex == stem.endIndex, stamp.startIndex != stem.startIndex
        else { return stem }
        let separator = stem.index(before: stamp.startIndex)
        guard "-_.".contains(stem[separator]), separator != stem.startIndex else { return stem }
        return String(stem[..<separator])
    }
}
