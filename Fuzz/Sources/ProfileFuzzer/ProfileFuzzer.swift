import Foundation

@testable import DataQuality

/// libFuzzer's entry point: profiles the input three ways and stops the process (a crash libFuzzer records,
/// with the input) when a report breaks a law of ``ReportInvariants`` or the three ways disagree:
///
/// 1. one pass over the bytes in memory (``Profiler/profile(bytes:sourceName:)``), the reference;
/// 2. the same bytes as a temporary file cut into 2...4 record-aligned chunks, profiled in parallel and merged
///    (``ParallelFileDriver``), when the planner trusts its cuts (it returns nil otherwise);
/// 3. the bytes fed to a ``ByteStreamDriver`` in pieces of 1 to 7 bytes;
/// 4. the bytes stored in another encoding (``FuzzCase/decodingCase``: windows-1252 or ISO-8859-2 named, UTF-16LE
///    named without a mark, UTF-16BE with its mark), one pass against pieces of 1 to 7 bytes, so the decoding
///    stage and its stored offsets are cut anywhere;
/// 5. the bytes as a two-member gzip file (``FuzzCase/gzipped``) profiled from the file, decompressed while it
///    is read: the one-pass outcome but for the source's compression and compressed bytes.
///
/// Errors (under `strict`) must be the same error in all three. Options come from the first bytes (``FuzzCase``).
@_cdecl("LLVMFuzzerTestOneInput")
public func profileFuzzerTestOneInput(_ start: UnsafePointer<UInt8>?, _ count: Int) -> Int32 {
    let input = UnsafeRawBufferPointer(start: start, count: start == nil ? 0 : count)
    var fuzzCase = FuzzCase(input)
    if let keyColumn = fuzzCase.keyColumn {
        // The key must name a column: take the name the reference run gives that column.
        var withoutKey = fuzzCase.options
        withoutKey.strict = false
        if let names = try? Profiler(options: withoutKey).profile(bytes: fuzzCase.data).columns.map(\.name),
            !names.isEmpty
        {
            fuzzCase.options.keys = [names[keyColumn % names.count]]
        }
    }
    let path = FuzzFile.path
    let onePass = Outcome { try Profiler(options: fuzzCase.options).profile(bytes: fuzzCase.data, sourceName: path) }
    if case .report(let report) = onePass {
        let invariants = ReportInvariants(report: report, options: fuzzCase.options)
        if !invariants.violations.isEmpty {
            fail("the report breaks its laws:\n" + invariants.violations.joined(separator: "\n"))
        }
        _ = TableReportRenderer(width: 80, color: false).render(report)
        _ = TableReportRenderer(width: 40, color: true).render(report.redacted())
    }

    let streamed = streamedOutcome(fuzzCase.data, options: fuzzCase.options, seed: fuzzCase.pieceSeed, path: path)
    if streamed != onePass {
        fail("streaming in 1...7-byte pieces differs from one pass:\n\(streamed.differences(from: onePass))")
    }

    FuzzFile.write(fuzzCase.data)
    let policy = ChunkingPolicy(parts: fuzzCase.parts, minimumBytesPerPart: 1)
    let chunked: Outcome? = {
        do {
            return try ParallelFileDriver.profile(path: path, options: fuzzCase.options, policy: policy).map(
                Outcome.report)
        } catch {
            return .error(String(describing: error))
        }
    }()
    if let chunked, !chunked.agrees(withOnePass: onePass) {
        fail("\(fuzzCase.parts) chunks differ from one pass:\n\(chunked.differences(from: onePass))")
    }

    FuzzFile.write(fuzzCase.gzipped)
    var decompressed = Outcome { try Profiler(options: fuzzCase.options).profile(fileAt: path) }
    if case .report(var report) = decompressed {
        if report.source.compression != .gzip { fail("the gzip file was not read as gzip: \(report.source)") }
        report.source.compression = nil
        report.source.compressedBytes = nil
        decompressed = .report(report)
    }
    if decompressed != onePass {
        fail("the gzip file differs from one pass:\n\(decompressed.differences(from: onePass))")
    }

    let decoding = fuzzCase.decodingCase
    let decodedOnePass = Outcome {
        try Profiler(options: decoding.options).profile(bytes: decoding.data, sourceName: path)
    }
    if case .report(let report) = decodedOnePass {
        let invariants = ReportInvariants(report: report, options: decoding.options)
        if !invariants.violations.isEmpty {
            fail("the decoded report breaks its laws:\n" + invariants.violations.joined(separator: "\n"))
        }
    }
    let decodedStreamed = streamedOutcome(
        decoding.data, options: decoding.options, seed: fuzzCase.pieceSeed, path: path)
    if decodedStreamed != decodedOnePass {
        fail(
            "decoding in 1...7-byte pieces differs from one pass:\n\(decodedStreamed.differences(from: decodedOnePass))"
        )
    }
    return 0
}

/// `data` fed to a ``ByteStreamDriver`` in pieces of 1 to 7 bytes, their sizes drawn from `seed`.
func streamedOutcome(_ data: [UInt8], options: ProfileOptions, seed: UInt64, path: String) -> Outcome {
    Outcome {
        let profiler = try ByteStreamDriver(options: options, sourceName: path)
        var sizes = SplitMix64(state: seed)
        var offset = 0
        while offset < data.count {
            let length = min(Int.random(in: 1...7, using: &sizes), data.count - offset)
            try data[offset..<(offset + length)].withUnsafeBytes { try profiler.feed($0) }
            offset += length
        }
        return try profiler.finish()
    }
}

/// Prints the reason and aborts, so libFuzzer saves the input as a crash.
private func fail(_ reason: String) -> Never {
    FileHandle.standardError.write(Data(("ProfileFuzzer: " + reason + "\n").utf8))
    abort()
}

/// A profile's result: the report, or the thrown error's text.
enum Outcome: Equatable {
    case report(Report)
    case error(String)

    init(_ body: () throws -> Report) {
        do {
            self = .report(try body())
        } catch {
            self = .error(String(describing: error))
        }
    }

    /// Whether a chunked run's outcome (self) agrees with the one-pass outcome: equal, except the estimates
    /// (top values of sketched columns, sketched distributions: they depend on where the sketches compacted,
    /// within their stated error), means within 1e-12 relative to the column's largest magnitude
    /// (Fixtures/fuzz/mean-of-cancelling-huge-integers), deviations within 1e-12 relative times their
    /// condition number (the merge adds partial moments in another order; issue 3 asks 1e-12, which a column
    /// whose mean is far larger than its deviation cannot meet in binary64:
    /// Fixtures/fuzz/deviation-of-large-values-with-small-spread),
    /// and nothing else.
    func agrees(withOnePass onePass: Outcome) -> Bool {
        guard case .report(var chunked) = self, case .report(var reference) = onePass,
            chunked.columns.count == reference.columns.count
        else { return self == onePass }
        for index in chunked.columns.indices {
            Self.dropEstimates(&chunked.columns[index], &reference.columns[index])
            // A mean of values that cancel (huge integers of both signs) is only as good as eps x the largest
            // magnitude once it is streamed (columns past the exact bound): compare relative to that.
            let magnitude =
                [reference.columns[index].min, reference.columns[index].max].compactMap(Self.number)
                .map(abs).max() ?? 0
            let meanConditioning =
                reference.columns[index].mean.map { 1 + magnitude / max(abs($0), .leastNormalMagnitude) } ?? 1
            if Self.close(chunked.columns[index].mean, reference.columns[index].mean, conditioning: meanConditioning) {
                chunked.columns[index].mean = reference.columns[index].mean
            }
            // The deviation's relative condition number is about 1 + (mean / deviation)^2: rounding the
            // partial means (magnitude |mean|) moves the merged sum of squares by eps x mean^2 per merge.
            let conditioning = reference.columns[index].mean.flatMap { mean in
                reference.columns[index].stddev.map { deviation in 1 + (mean / deviation) * (mean / deviation) }
            }
            if let conditioning,
                Self.close(chunked.columns[index].stddev, reference.columns[index].stddev, conditioning: conditioning)
            {
                chunked.columns[index].stddev = reference.columns[index].stddev
            }
        }
        return chunked == reference
    }

    private static func number(_ bound: BoundValue?) -> Double? {
        switch bound {
        case .integer(let value)?: Double(value)
        case .decimal(let value)?: value
        case .bigInteger(let digits)?: Double(digits)
        default: nil
        }
    }

    /// Within 1e-12 relative, times the value's condition number.
    private static func close(_ left: Double?, _ right: Double?, conditioning: Double) -> Bool {
        guard let left, let right else { return false }
        return abs(left - right) <= 1e-12 * conditioning * max(abs(left), abs(right))
    }

    /// Clears the estimates of both sides: top values and distributions of sketched columns (whose values depend
    /// on where the sketches compacted). Whether a distribution is an estimate depends only on the column's
    /// distinct count, so a side with an estimate where the other has none is a difference.
    private static func dropEstimates(_ chunked: inout ColumnProfile, _ reference: inout ColumnProfile) {
        if chunked.distinctIsEstimate { chunked.topValues = [] }
        if reference.distinctIsEstimate { reference.topValues = [] }
        if chunked.valueDistribution?.isEstimate == true && reference.valueDistribution?.isEstimate == true {
            chunked.valueDistribution = nil
            reference.valueDistribution = nil
        }
        if chunked.lengthDistribution?.isEstimate == true && reference.lengthDistribution?.isEstimate == true {
            chunked.lengthDistribution = nil
            reference.lengthDistribution = nil
        }
    }

    /// Both sides in full (JSON renderings, or error texts), for the crash message.
    func differences(from other: Outcome) -> String {
        "\(text)\nvs one pass:\n\(other.text)"
    }

    private var text: String {
        switch self {
        case .report(let report): JSONReportRenderer().render(report)
        case .error(let error): "error: " + error
        }
    }
}

/// The temporary file the chunked run reads: one per process, rewritten for each input.
enum FuzzFile {
    static let path = FileManager.default.temporaryDirectory
        .appendingPathComponent("dq-fuzz-\(ProcessInfo.processInfo.processIdentifier).csv").path

    /// Removes the file when the process exits (libFuzzer ends with `exit`).
    private static let removalAtExit: Void = { atexit { unlink(FuzzFile.path) } }()

    static func write(_ bytes: [UInt8]) {
        removalAtExit
        guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else {
            fail("cannot write \(path)")
        }
    }
}
