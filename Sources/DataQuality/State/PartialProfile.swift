import CXXHash
import Foundation

/// The mergeable state of a profile of one part of an input, as a file: what `dqcli profile --state-out`
/// writes and `dqcli merge` reads.
///
/// One line of compact JSON (UTF-8): `format` (`"dqcli-partial-profile"`), `version` (``formatVersion``),
/// `tool`, `settings` (everything that must be equal for two states to merge: dialect, null tokens, keys,
/// grade thresholds, duplicate checking, strictness, field limit, exact-distinct bound, rule file digest and
/// the sketches' parameters), `source` (path, bytes, encoding, byte-order mark), `sources` (the names that
/// findings' positions point into, and whether their lines are part-relative), `columns` (names), `rows`,
/// `rows_partitioned_by_hash`, `first_record`, `state_digest` (XXH3-64 of the state's bytes, so any change to
/// it is refused), and `state`: base64 (RFC 4648) of the ``ProfileState``'s keyed JSON (``ProfileState/encoded()``:
/// counters, firsts and bounds as keyed values; exact value tables, HyperLogLog registers, quantile sketches,
/// frequent-value counters and row sets as compact binary blobs). Memory and size: the exact tables (at most
/// the exact-distinct bound per column) plus the row set (at most the row-position limit, 16 bytes per row
/// plus its first record) plus 16 KiB per sketched column. Version 1 (a positional binary layout) and version 2
/// (whose columns lack their nulls by token, ``NullTokenCounts``, and whose value classes come before the slash,
/// dotted and 12-hour datetimes) are refused.
///
/// Merging (``merge(_:rules:sourceName:)``) is exact: any split of an input into consecutive parts, merged in any order,
/// gives the report of one pass, provided every part kept its row set (at most
/// ``defaultRowPositionLimit`` distinct rows by default) or all parts were partitioned by row hash.
public struct PartialProfile: Sendable {
    /// The version this build writes and the newest it reads.
    public static let formatVersion = 3
    /// The format's name in the `format` key.
    public static let formatName = "dqcli-partial-profile"
    /// Distinct rows up to which a state carries its row hashes (16 bytes each, plus each row's first line,
    /// byte offset and 100-scalar example), so that parts merge their duplicate counts exactly.
    public static let defaultRowPositionLimit = 100_000

    /// The state's JSON line, without a line ending.
    public let encoded: [UInt8]
    let envelope: Envelope

    /// Reads a state file's bytes.
    /// - Parameter name: the file's name, for errors.
    /// - Throws: ``ProfileError`` `invalidState` when the bytes are not a state, or a state of a newer
    ///   format version.
    public init(decoding bytes: [UInt8], name: String) throws {
        var text = bytes
        while let last = text.last, last == 0x0A || last == 0x0D { text.removeLast() }
        let envelope: Envelope
        do {
            envelope = try JSONDecoder().decode(Envelope.self, from: Data(text))
        } catch {
            throw ProfileError(.notPartialProfile(reason: Self.describe(error)), path: name)
        }
        guard envelope.format == Self.formatName else {
            throw ProfileError(
                code: .invalidState, message: "not a dqcli partial profile: format is \"\(envelope.format)\".",
                path: name)
        }
        guard envelope.version >= 1, envelope.rows >= 0, envelope.settings.gradeThresholds.count == 4 else {
            throw ProfileError(
                code: .invalidState,
                message: "not a dqcli partial profile: its version, rows or grade thresholds are impossible.",
                path: name)
        }
        guard envelope.version <= Self.formatVersion else {
            throw ProfileError(
                code: .invalidState,
                message:
                    "the state has format version \(envelope.version), written by \(envelope.tool.name) \(envelope.tool.version); this dqcli reads versions up to \(Self.formatVersion): merge with a newer dqcli.",
                path: name)
        }
        guard envelope.version == Self.formatVersion else {
            throw ProfileError(
                code: .invalidState,
                message:
                    "the state has format version \(envelope.version), written by \(envelope.tool.name) \(envelope.tool.version), whose layout this dqcli no longer reads: profile the part again with this dqcli.",
                path: name)
        }
        guard let binary = Data(base64Encoded: envelope.state) else {
            throw ProfileError(code: .invalidState, message: "the state's \"state\" is not base64.", path: name)
        }
        guard Self.digest(of: binary) == envelope.stateDigest else {
            throw ProfileError(
                code: .invalidState,
                message: "the state is damaged: its \"state\" does not match its \"state_digest\".",
                path: name)
        }
        self.envelope = envelope
        self.encoded = text
        self.name = name
        self.sourceDescription = nil
    }

    /// The name errors give for this state (a file path, or `-`).
    public let name: String
    /// The whole source of the part, when it was profiled in this process (a state read from a file carries
    /// only part of it): what a combined report lists in its `sources`.
    var sourceDescription: SourceDescription?

    /// Data records in this part.
    public var rows: Int { envelope.rows }
    /// The part's column names, in its order.
    public var columnNames: [String] { envelope.columns }

    /// The state this file carries.
    /// - Parameter rules: the rule file the state was made with, nil when made without (see
    ///   ``merge(_:rules:sourceName:)`` for the checks).
    /// - Throws: ``ProfileError`` `invalidState` when the state does not read back.
    public func state(rules: RuleSet?) throws -> ProfileState {
        do {
            return try ProfileState(decoding: Array(Data(base64Encoded: envelope.state) ?? Data()), rules: rules)
        } catch {
            throw ProfileError(
                code: .invalidState, message: "the state is damaged (its state does not read back).", path: name)
        }
    }

    /// XXH3-64 of the binary state, 16 hexadecimal digits: any change to the state is refused.
    static func digest(of binary: Data) -> String {
        let hash = binary.withUnsafeBytes { dataquality_xxh3_64($0.baseAddress, $0.count) }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    private static func describe(_ error: Error) -> String {
        switch error {
        case DecodingError.dataCorrupted(let context): return context.debugDescription
        case DecodingError.keyNotFound(let key, _): return "the key \"\(key.stringValue)\" is missing."
        case DecodingError.typeMismatch(_, let context):
            return "\(context.codingPath.map(\.stringValue).joined(separator: ".")) has the wrong type."
        case DecodingError.valueNotFound(_, let context):
            return "\(context.codingPath.map(\.stringValue).joined(separator: ".")) is null."
        default: return "\(error)"
        }
    }
}

/// What must be equal for two partial profiles to merge.
struct Settings: Codable, Equatable {
    var delimiter: String
    var quote: String
    var nullValues: [String]
    var keys: [String]
    var gradeThresholds: [Double]
    var duplicates: Bool
    var strict: Bool
    var maxFieldBytes: Int
    var exactDistinctLimit: Int
    /// The comment byte as a one-character string; nil for none (and in states written before it was kept).
    var comment: String?
    /// The encoding named (``ProfileOptions/encoding``, canonical name); nil when none was (and in states written
    /// before it was kept).
    var encoding: String?

    /// The decimal mark given for every column (`.` or `,`); nil when each column decides (and in states written
    /// before it was kept).
    var decimalMark: String?
    /// XXH3-64 of the rule file's bytes, hexadecimal; nil without a rule file.
    var rulesDigest: String?
    var hyperLogLogPrecision: Int
    var quantileSketchK: Int
    var frequentValuesCapacity: Int

    enum CodingKeys: String, CodingKey {
        case delimiter, quote, keys, duplicates, strict, comment, encoding
        case nullValues = "null_values"
        case gradeThresholds = "grade_thresholds"
        case maxFieldBytes = "max_field_bytes"
        case exactDistinctLimit = "exact_distinct_limit"
        case rulesDigest = "rules_digest"
        case decimalMark = "decimal_mark"
        case hyperLogLogPrecision = "hyperloglog_precision"
        case quantileSketchK = "quantile_sketch_k"
        case frequentValuesCapacity = "frequent_values_capacity"
    }

    init(options: ProfileOptions, delimiter: UInt8) {
        self.delimiter = String(decoding: [delimiter], as: UTF8.self)
        quote = String(decoding: [options.quote], as: UTF8.self)
        nullValues = options.uniqueNullValues
        keys = options.uniqueKeys
        let thresholds = options.gradeThresholds
        gradeThresholds = [thresholds.a, thresholds.b, thresholds.c, thresholds.d]
        duplicates = options.checksDuplicates
        strict = options.strict
        maxFieldBytes = options.maxFieldBytes
        exactDistinctLimit = options.exactDistinctLimit
        comment = options.commentByte.map { String(decoding: [$0], as: UTF8.self) }
        encoding = options.encoding?.name
        decimalMark = options.decimalMark?.rawValue
        rulesDigest = options.rules.flatMap { Self.digest(ofFileAt: $0.path) }
        hyperLogLogPrecision = HyperLogLog.precision
        quantileSketchK = QuantileSketch.defaultK
        frequentValuesCapacity = FrequentValues.defaultCapacity
    }

    /// XXH3-64 of a file's bytes as 16 hexadecimal digits; nil when it cannot be read.
    static func digest(ofFileAt path: String) -> String? {
        FileManager.default.contents(atPath: path).map(PartialProfile.digest(of:))
    }

    /// The profile options these settings stand for (with `rules`, checked against `rulesDigest` by the caller).
    func options(rules: RuleSet?) -> ProfileOptions {
        var options = ProfileOptions()
        options.delimiter = delimiter.utf8.first
        options.quote = quote.utf8.first ?? UInt8(ascii: "\"")
        options.nullValues = nullValues
        options.keys = keys
        options.gradeThresholds = GradeThresholds(
            a: gradeThresholds[0], b: gradeThresholds[1], c: gradeThresholds[2], d: gradeThresholds[3])
        options.checksDuplicates = duplicates
        options.strict = strict
        options.maxFieldBytes = maxFieldBytes
        options.exactDistinctLimit = exactDistinctLimit
        options.commentByte = comment?.utf8.first
        options.encoding = encoding.flatMap { try? TextEncoding(name: $0) }
        options.decimalMark = decimalMark.flatMap(DecimalMark.init)
        options.rules = rules
        return options
    }

    /// Each setting that differs, as `name: mine vs theirs`.
    func differences(from other: Settings) -> [String] {
        let mine = Self.flattened(self)
        let theirs = Self.flattened(other)
        return mine.indices.compactMap { index in
            mine[index].value == theirs[index].value
                ? nil : "\(mine[index].key) \(mine[index].value) vs \(theirs[index].value)"
        }
    }

    private static func flattened(_ settings: Settings) -> [(key: String, value: String)] {
        [
            ("delimiter", "\"\(settings.delimiter)\""), ("quote", "\"\(settings.quote)\""),
            ("null_values", "\(settings.nullValues)"), ("keys", "\(settings.keys)"),
            ("grade_thresholds", "\(settings.gradeThresholds)"), ("duplicates", "\(settings.duplicates)"),
            ("strict", "\(settings.strict)"), ("max_field_bytes", "\(settings.maxFieldBytes)"),
            ("exact_distinct_limit", "\(settings.exactDistinctLimit)"),
            ("comment", settings.comment.map { "\"\($0)\"" } ?? "none"),
            ("encoding", settings.encoding ?? "none"),
            ("decimal_mark", settings.decimalMark.map { "\"\($0)\"" } ?? "none"),
            ("rules_digest", settings.rulesDigest ?? "none"),
            ("hyperloglog_precision", "\(settings.hyperLogLogPrecision)"),
            ("quantile_sketch_k", "\(settings.quantileSketchK)"),
            ("frequent_values_capacity", "\(settings.frequentValuesCapacity)")
        ]
    }
}

/// The JSON line of a state file.
struct Envelope: Codable {
    struct Tool: Codable {
        var name: String
        var version: String
    }

    struct Source: Codable {
        var path: String
        var bytes: Int
        var header: Bool
        var encoding: String
        var byteOrderMark: Bool
        var delimiterWasDetected: Bool
        /// The lines asked to be skipped, those skipped, and whether a `sep=` line was read: nil in states
        /// written before they were kept (read as none).
        var linesToSkip: Int?
        var skippedLines: Int?
        var separatorLine: Bool?

        enum CodingKeys: String, CodingKey {
            case path, bytes, header, encoding
            case byteOrderMark = "byte_order_mark"
            case delimiterWasDetected = "delimiter_was_detected"
            case linesToSkip = "lines_to_skip"
            case skippedLines = "skipped_lines"
            case separatorLine = "sep_line"
        }
    }

    struct SourceName: Codable {
        var name: String
        var linesArePartRelative: Bool

        enum CodingKeys: String, CodingKey {
            case name
            case linesArePartRelative = "lines_are_part_relative"
        }
    }

    var format: String
    var version: Int
    var tool: Tool
    var settings: Settings
    var source: Source
    var sources: [SourceName]
    var namesSources: Bool
    var columns: [String]
    var rows: Int
    var rowsPartitionedByHash: Bool
    /// Where the part's first data record or blank line is, else its header (an index into `sources` and a
    /// line): orders parts.
    var firstRecord: Position?
    var state: String
    /// XXH3-64 of the binary state (before base64), hexadecimal.
    var stateDigest: String

    struct Position: Codable {
        var source: Int
        var line: Int
    }

    enum CodingKeys: String, CodingKey {
        case format, version, tool, settings, source, sources, columns, rows, state
        case namesSources = "names_sources"
        case rowsPartitionedByHash = "rows_partitioned_by_hash"
        case firstRecord = "first_record"
        case stateDigest = "state_digest"
    }
}
