#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A HyperLogLog distinct-count sketch over 64-bit hashes.
///
/// Precision p = 14: 16 384 one-byte registers (16 KiB), relative standard error 1.04 / sqrt(2^14) = 0.81 %
/// (Flajolet, Fusy, Gandouet, Meunier, "HyperLogLog: the analysis of a near-optimal cardinality estimation
/// algorithm", 2007). The estimate uses Ertl's improved raw estimator, which needs no bias-correction tables
/// and stays unbiased from small to large counts (O. Ertl, "New cardinality estimation algorithms for
/// HyperLogLog sketches", 2017, arXiv:1702.01284, Algorithm 6). Registers merge by maximum, so sketches of
/// parts combine exactly into the sketch of the whole.
struct HyperLogLog: Sendable, Equatable {
    static let precision = 14
    static let registerCount = 1 << precision
    private var registers: [UInt8]

    init() {
        registers = [UInt8](repeating: 0, count: Self.registerCount)
    }

    /// A placeholder holding no registers, for state that has no sketch yet; use ``init()`` before inserting.
    init(empty: ()) {
        registers = []
    }

    /// Adds a value by its 64-bit hash (XXH3). O(1).
    @inline(__always)
    mutating func insert(hash: UInt64) {
        let index = Int(hash >> UInt64(64 - Self.precision))
        let rest = hash << UInt64(Self.precision)
        let rank = UInt8(min(rest.leadingZeroBitCount, 64 - Self.precision) + 1)
        if rank > registers[index] { registers[index] = rank }
    }

    /// Merges another sketch (register-wise maximum).
    mutating func merge(_ other: HyperLogLog) {
        for index in 0..<Self.registerCount where other.registers[index] > registers[index] {
            registers[index] = other.registers[index]
        }
    }

    /// The estimated number of distinct hashes inserted.
    var estimate: Double {
        let q = 64 - Self.precision
        let m = Double(Self.registerCount)
        var histogram = [Double](repeating: 0, count: q + 2)
        for register in registers { histogram[Int(register)] += 1 }
        if histogram[0] == m { return 0 }
        var z = m * Self.tau(1 - histogram[q + 1] / m)
        for k in stride(from: q, through: 1, by: -1) {
            z = 0.5 * (z + histogram[k])
        }
        z += m * Self.sigma(histogram[0] / m)
        let alphaInfinity = 1 / (2 * log(2.0))
        return alphaInfinity * m * m / z
    }

    private static func sigma(_ value: Double) -> Double {
        if value == 1 { return .infinity }
        var x = value
        var y = 1.0
        var z = value
        while true {
            x *= x
            let previous = z
            z += x * y
            y += y
            if z == previous { return z }
        }
    }

    private static func tau(_ value: Double) -> Double {
        if value == 0 || value == 1 { return 0 }
        var x = value
        var y = 1.0
        var z = 1 - value
        while true {
            x = x.squareRoot()
            let previous = z
            y *= 0.5
            z -= (1 - x) * (1 - x) * y
            if z == previous { return z / 3 }
        }
    }
}

extension HyperLogLog {
    /// False for the placeholder of ``init(empty:)``.
    var hasRegisters: Bool { !registers.isEmpty }
    /// The bytes of the registers (none for a placeholder).
    var allocatedBytes: Int { registers.count }

    /// The registers, one byte each (none for a placeholder).
    func write(to writer: inout StateWriter) { writer.data(registers) }

    init(reading reader: inout StateReader) throws {
        let registers = try reader.data()
        guard registers.isEmpty || registers.count == Self.registerCount,
            registers.allSatisfy({ Int($0) <= 64 - Self.precision + 1 })
        else { throw StateReadingError(offset: 0) }
        self.registers = registers
    }
}
