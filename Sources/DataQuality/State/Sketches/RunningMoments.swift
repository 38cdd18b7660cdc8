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
        guard delta.isFinite else {
            // Values of opposite sign near the ends of binary64: their difference overflows. The mean still
            // exists (a weighted sum); the sum of squared deviations does not fit binary64.
            mean = mean * (Double(count - 1) / Double(count)) + value / Double(count)
            squaredDeviations = .infinity
            return
        }
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
        let otherShare = Double(other.count) / Double(total)
        let delta = other.mean - mean
        if delta.isFinite {
            // The weight first: delta times a count could overflow where delta times a fraction cannot.
            mean += delta * otherShare
        } else {
            // Means of opposite sign near the ends of binary64: their difference overflows, a weighted sum does not.
            mean = mean * (1 - otherShare) + other.mean * otherShare
        }
        // delta^2 n1 n2 / n, as (delta sqrt(n1 n2 / n))^2 so it overflows only when the result does.
        let scaled = (delta / 2) * (Double(count) * otherShare).squareRoot()
        squaredDeviations += other.squaredDeviations + 4 * scaled * scaled
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

extension RunningMoments: Codable {}
