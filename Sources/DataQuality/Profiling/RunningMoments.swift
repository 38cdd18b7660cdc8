/// Count, mean and sum of squared deviations of a stream of numbers, in one pass.
///
/// Welford's update (B. P. Welford, 1962) per value; two states merge with Chan, Golub and LeVeque's
/// pairwise formula (1979), so parts of a file combine into the moments of the whole.
struct RunningMoments: Sendable, Equatable {
    private(set) var count = 0
    private(set) var mean = 0.0
    private(set) var squaredDeviations = 0.0

    @inline(__always)
    mutating func add(_ value: Double) {
        count += 1
        let delta = value - mean
        mean += delta / Double(count)
        squaredDeviations += delta * (value - mean)
    }

    mutating func merge(_ other: RunningMoments) {
        guard other.count > 0 else { return }
        guard count > 0 else {
            self = other
            return
        }
        let total = count + other.count
        let delta = other.mean - mean
        // The weight first: delta times a count could overflow where delta times a fraction cannot.
        mean += delta * (Double(other.count) / Double(total))
        squaredDeviations += other.squaredDeviations + delta * delta * Double(count) * Double(other.count) / Double(total)
        count = total
    }

    /// Sample standard deviation (n - 1); nil when fewer than 2 values or not finite.
    var sampleStandardDeviation: Double? {
        guard count >= 2 else { return nil }
        let value = (squaredDeviations / Double(count - 1)).squareRoot()
        return value.isFinite ? value : nil
    }
}

/// A sum of doubles with Neumaier's compensation (an improved Kahan summation, 1974): the error does not
/// grow with the number of terms.
struct CompensatedSum {
    private(set) var sum = 0.0
    private var compensation = 0.0

    mutating func add(_ value: Double) {
        let next = sum + value
        if abs(sum) >= abs(value) {
            compensation += (sum - next) + value
        } else {
            compensation += (value - next) + sum
        }
        sum = next
    }

    var total: Double { sum + compensation }
}
