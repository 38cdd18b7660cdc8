/// The report builder's part of a ``Distribution`` (the model is in Reporting/): made from a state's weighted values.
extension Distribution {
    /// The distribution of `values`, or nil when there are none.
    /// - Parameter wholeNumbers: whether every value is a whole number (integers, days, lengths): a range of
    ///   at most ``maximumBins`` whole numbers then gets one bin per number.
    static func of(
        _ values: WeightedValues, scale: DistributionScale, zoned: Bool = false, wholeNumbers: Bool, isEstimate: Bool
    ) -> Distribution? {
        guard !values.isEmpty, let p25 = values.quantile(0.25), let median = values.quantile(0.5),
            let p75 = values.quantile(0.75)
        else { return nil }
        var bins = maximumBins
        let binPerWholeNumber = wholeNumbers && values.maximum - values.minimum < Double(maximumBins)
        if binPerWholeNumber { bins = Int(values.maximum - values.minimum) + 1 }
        return Distribution(
            scale: scale, zoned: zoned, count: values.total, p25: p25, median: median, p75: p75,
            histogram: values.histogram(bins: bins), isEstimate: isEstimate, binPerWholeNumber: binPerWholeNumber)
    }
}
