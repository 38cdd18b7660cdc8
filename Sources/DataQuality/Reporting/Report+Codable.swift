// `Codable` for the report and the types it holds, with the contract's snake_case keys
// (`docs/report-contract.md`, `schema_version` 2).
//
// Decoding reads what `dqcli profile --format json` (``JSONReportRenderer``) writes, so that
// `JSONDecoder().decode(Report.self, from: json)` gives back the report the library made, and
// `JSONReportRenderer().render(decoded)` gives back `json` byte for byte. Encoding (in
// `Rendering/JSONReportRenderer+Encodable.swift`) writes the renderer's tree
// (the same keys and values; `JSONEncoder` chooses its own key order and number spelling), so the two cannot
// drift apart.
//
// What JSON cannot say, and how decoding fills it in:
// - ``SourceDescription/delimiterAlternative`` and ``SourceDescription/preambleHint`` are not in the report:
//   they decode as `nil`.
// - A number's spelling (`1` or `1.0`) is not visible through `Decoder`. A whole number as `min`/`max` of a
//   `decimal` column decodes as ``BoundValue/integer(_:)`` (what an integer token gives) when the column's
//   `type_counts` has integer tokens, else as ``BoundValue/decimal(_:)``: a decimal column holding both integer
//   tokens and a whole decimal token such as `5.0` or `3e1` as its bound reads that bound back as an integer.
//   Rule and drift values decode by what their rule or drift kind measures.
// - Distributions on the date, datetime and time scales are written as ISO 8601 text rounded to the
//   microsecond: they decode to that microsecond. Their scale comes from the column type, their count from the
//   histogram's counts, their estimate flag from `quantiles_are_estimate` (one flag for both distributions).

/// A JSON object key that is not known in advance (`type_counts`, `formats`, `malformed_causes`).
struct JSONMemberKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }

    init(_ text: String) { stringValue = text }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

extension JSONValue: Encodable {
    func encode(to encoder: any Encoder) throws {
        switch self {
        case .null:
            var container = encoder.singleValueContainer()
            try container.encodeNil()
        case .bool(let value):
            var container = encoder.singleValueContainer()
            try container.encode(value)
        case .integer(let value):
            var container = encoder.singleValueContainer()
            try container.encode(value)
        case .number(let value):
            var container = encoder.singleValueContainer()
            if value.isFinite { try container.encode(value) } else { try container.encodeNil() }
        case .string(let value):
            var container = encoder.singleValueContainer()
            try container.encode(value)
        case .array(let elements):
            var container = encoder.unkeyedContainer()
            for element in elements { try container.encode(element) }
        case .object(let members):
            var container = encoder.container(keyedBy: JSONMemberKey.self)
            for member in members { try container.encode(member.value, forKey: JSONMemberKey(member.key)) }
        }
    }
}

extension KeyedDecodingContainer {
    /// The object at `key` as (key, value) pairs, keys in Unicode scalar order (how the contract's objects
    /// with data-defined keys are written).
    fileprivate func decodeMembers<Value: Decodable>(_ type: Value.Type, forKey key: Key) throws -> [(String, Value)] {
        let object = try nestedContainer(keyedBy: JSONMemberKey.self, forKey: key)
        return try object.allKeys
            .sorted { $0.stringValue.unicodeScalars.lexicographicallyPrecedes($1.stringValue.unicodeScalars) }
            .map { ($0.stringValue, try object.decode(Value.self, forKey: $0)) }
    }

    /// A one-character string read as a Latin-1 byte (the contract's `delimiter` and `quote`).
    fileprivate func decodeLatin1Byte(forKey key: Key) throws -> UInt8 {
        let text = try decode(String.self, forKey: key)
        guard text.unicodeScalars.count == 1, let scalar = text.unicodeScalars.first, scalar.value <= 0xFF else {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: self, debugDescription: "`\(key.stringValue)` is not one Latin-1 character.")
        }
        return UInt8(scalar.value)
    }
}

extension Grade: Codable, CustomStringConvertible {
    /// The letter, `A` to `F`.
    public var description: String { rawValue }
}

extension ColumnType: Codable {}
extension FindingKind: Codable {}

extension Report: Codable {
    private enum Key: String, CodingKey {
        case schemaVersion = "schema_version"
        case source, options, rows
        case blankLines = "blank_lines"
        case commentLines = "comment_lines"
        case raggedRows = "ragged_rows"
        case malformedRows = "malformed_rows"
        case malformedCauses = "malformed_causes"
        case duplicateRows = "duplicate_rows"
        case scores, grade, findings, columns
    }

    /// Reads a report in the contract's JSON.
    /// - Throws: `DecodingError` when a contract key is missing or has the wrong type, or `schema_version` is
    ///   none of ``readableSchemaVersions`` (a report of schema_version 1 reads with the keys 2 added absent). The addition `malformed_causes` may be absent; the governed run's additions
    ///   (`invalid_rows`, `options.invalid_rows_include_nulls`, `options.rules`, `rules`, `drift`) are ignored:
    ///   decode a ``CheckedReport`` to read them.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        let version = try container.decode(Int.self, forKey: .schemaVersion)
        guard Report.readableSchemaVersions.contains(version) else {
            throw DecodingError.dataCorruptedError(
                forKey: .schemaVersion, in: container,
                debugDescription:
                    "schema_version \(version) is not one this library reads (\(Report.readableSchemaVersions.lowerBound) to \(Report.readableSchemaVersions.upperBound))."
            )
        }
        self.init(
            source: try container.decode(SourceDescription.self, forKey: .source),
            options: try container.decode(ReportOptions.self, forKey: .options),
            rows: try container.decode(Int.self, forKey: .rows),
            blankLines: try container.decode(Int.self, forKey: .blankLines),
            raggedRows: try container.decode(Int.self, forKey: .raggedRows),
            malformedRows: try container.decode(Int.self, forKey: .malformedRows),
            duplicateRows: try container.decodeIfPresent(Int.self, forKey: .duplicateRows),
            scores: try container.decode(Scores.self, forKey: .scores),
            grade: try container.decode(Grade.self, forKey: .grade),
            findings: try container.decode([Finding].self, forKey: .findings),
            columns: try container.decode([ColumnProfile].self, forKey: .columns),
            malformedCauses: container.contains(.malformedCauses)
                ? Dictionary(uniqueKeysWithValues: try container.decodeMembers(Int.self, forKey: .malformedCauses))
                : [:])
        commentLines = try container.decodeIfPresent(Int.self, forKey: .commentLines) ?? 0
    }
}

extension SourceDescription: Codable {
    private enum Key: String, CodingKey {
        case path, bytes, delimiter
        case delimiterDetected = "delimiter_detected"
        case quote, header, encoding, bom, compression
        case compressedBytes = "compressed_bytes"
        case skippedLines = "skipped_lines"
        case separatorLine = "sep_line"
    }

    /// Reads a report's `source` object; `delimiterAlternative` and `preambleHint` are not in it and read as
    /// `nil`; the keys of schema_version 2 (`compression`, `compressed_bytes`, `skipped_lines`, `sep_line`) may be
    /// absent.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        self.init(
            path: try container.decode(String.self, forKey: .path),
            bytes: try container.decode(Int.self, forKey: .bytes),
            delimiter: try container.decodeLatin1Byte(forKey: .delimiter),
            quote: try container.decodeLatin1Byte(forKey: .quote),
            header: try container.decode(Bool.self, forKey: .header),
            encoding: try container.decode(String.self, forKey: .encoding),
            byteOrderMark: try container.decode(Bool.self, forKey: .bom),
            delimiterWasDetected: try container.decodeIfPresent(Bool.self, forKey: .delimiterDetected) ?? false,
            compression: try container.decodeIfPresent(String.self, forKey: .compression).map {
                guard let compression = Compression(rawValue: $0) else {
                    throw DecodingError.dataCorruptedError(
                        forKey: .compression, in: container, debugDescription: "\($0) is not gzip or zstd.")
                }
                return compression
            },
            compressedBytes: try container.decodeIfPresent(Int.self, forKey: .compressedBytes))
        skippedLines = try container.decodeIfPresent(Int.self, forKey: .skippedLines) ?? 0
        separatorLine = try container.decodeIfPresent(Bool.self, forKey: .separatorLine) ?? false
    }
}

extension ReportOptions: Codable {
    private enum Key: String, CodingKey {
        case nullValues = "null_values"
        case keys
        case gradeThresholds = "grade_thresholds"
        case duplicates
        case maxFieldBytes = "max_field_bytes"
        case exactDistinctLimit = "exact_distinct_limit"
        case redacted
        case rowsAreEvents = "rows_are_events"
        case encoding
        case linesToSkip = "skip_lines"
        case commentByte = "comment"
        case decimalMark = "decimal_mark"
    }

    private enum ThresholdKey: String, CodingKey {
        case a = "A"
        case b = "B"
        case c = "C"
        case d = "D"
    }

    /// Reads a report's `options` object (`invalid_rows_include_nulls` and `rules` belong to a
    /// ``CheckedReport``).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        let thresholds = try container.nestedContainer(keyedBy: ThresholdKey.self, forKey: .gradeThresholds)
        self.init(
            nullValues: try container.decode([String].self, forKey: .nullValues),
            keys: try container.decode([String].self, forKey: .keys),
            gradeThresholds: GradeThresholds(
                a: try thresholds.decode(Double.self, forKey: .a), b: try thresholds.decode(Double.self, forKey: .b),
                c: try thresholds.decode(Double.self, forKey: .c), d: try thresholds.decode(Double.self, forKey: .d)),
            duplicates: try container.decode(Bool.self, forKey: .duplicates),
            maxFieldBytes: try container.decode(Int.self, forKey: .maxFieldBytes),
            exactDistinctLimit: try container.decode(Int.self, forKey: .exactDistinctLimit),
            redacted: try container.decodeIfPresent(Bool.self, forKey: .redacted) ?? false,
            rowsAreEvents: try container.decodeIfPresent(Bool.self, forKey: .rowsAreEvents) ?? false,
            encoding: try container.decodeIfPresent(String.self, forKey: .encoding),
            linesToSkip: try container.decodeIfPresent(Int.self, forKey: .linesToSkip) ?? 0,
            commentByte: try container.decodeIfPresent(String.self, forKey: .commentByte) == nil
                ? nil : try container.decodeLatin1Byte(forKey: .commentByte))
        decimalMark = try container.decodeIfPresent(String.self, forKey: .decimalMark).flatMap(DecimalMark.init)
    }
}

extension Scores: Codable {
    private enum Key: String, CodingKey {
        case completeness, consistency, uniqueness, overall
    }

    /// Reads a `scores` object (`uniqueness` may be null).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        self.init(
            completeness: try container.decode(Double.self, forKey: .completeness),
            consistency: try container.decode(Double.self, forKey: .consistency),
            uniqueness: try container.decodeIfPresent(Double.self, forKey: .uniqueness),
            overall: try container.decode(Double.self, forKey: .overall))
    }
}

extension Finding: Codable {
    private enum Key: String, CodingKey {
        case kind, count, example
        case firstLine = "first_line"
        case byteOffset = "byte_offset"
        case sourceFile = "source_file"
        case firstLineIsPartRelative = "first_line_is_part_relative"
        case message
        case dominantFormat = "dominant_format"
        case formats, columns, rule
    }

    /// Reads a finding; `formats` comes back sorted by format (Unicode scalar order), as it is written; a
    /// `message` that words a ``ReportHint`` reads back as that hint.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        let message = try container.decodeIfPresent(String.self, forKey: .message)
        let hint = message.flatMap(ReportHint.init(commandLineText:))
        self.init(
            kind: try container.decode(FindingKind.self, forKey: .kind),
            count: try container.decode(Int.self, forKey: .count),
            example: try container.decodeIfPresent(String.self, forKey: .example),
            firstLine: try container.decodeIfPresent(Int.self, forKey: .firstLine),
            byteOffset: try container.decodeIfPresent(Int.self, forKey: .byteOffset),
            message: hint == nil ? message : nil,
            dominantFormat: try container.decodeIfPresent(String.self, forKey: .dominantFormat),
            formats: container.contains(.formats)
                ? try container.decodeMembers(Int.self, forKey: .formats).map { (format: $0.0, count: $0.1) } : nil,
            columns: try container.decodeIfPresent([Int].self, forKey: .columns),
            rule: try container.decodeIfPresent(String.self, forKey: .rule), hint: hint)
        sourceFile = try container.decodeIfPresent(String.self, forKey: .sourceFile)
        firstLineIsPartRelative = try container.decodeIfPresent(Bool.self, forKey: .firstLineIsPartRelative) ?? false
    }
}

extension ColumnProfile: Codable {
    private enum Key: String, CodingKey {
        case name, index, type, count, nulls, distinct
        case nullTokens = "null_tokens"
        case nullsExpected = "nulls_expected"
        case distinctIsEstimate = "distinct_is_estimate"
        case typeCounts = "type_counts"
        case typeMismatches = "type_mismatches"
        case whitespaceIssues = "whitespace_issues"
        case min, max, mean, stddev
        case minLength = "min_length"
        case maxLength = "max_length"
        case topValues = "top_values"
        case valuesTruncated = "values_truncated"
        case scores, grade, findings, format, unit, conforming
        case quantilesAreEstimate = "quantiles_are_estimate"
        case quantiles, histogram
        case lengthQuantiles = "length_quantiles"
        case lengthHistogram = "length_histogram"
    }

    private enum QuantileKey: String, CodingKey {
        case p25, median, p75
    }

    private enum BinKey: String, CodingKey {
        case lower, upper, count
    }

    /// Reads a column profile: `min` and `max` by the column's type (see ``BoundValue``), `type_counts` in the
    /// contract's type order, the distributions on the scale of the column's type.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        let type = try container.decode(ColumnType.self, forKey: .type)
        let typeCounts = try container.nestedContainer(keyedBy: JSONMemberKey.self, forKey: .typeCounts)
        let hasIntegerTokens = typeCounts.contains(JSONMemberKey(ColumnType.integer.rawValue))
        let isEstimate = try container.decodeIfPresent(Bool.self, forKey: .quantilesAreEstimate) ?? false
        self.init(
            name: try container.decode(String.self, forKey: .name),
            index: try container.decode(Int.self, forKey: .index),
            type: type,
            count: try container.decode(Int.self, forKey: .count),
            nulls: try container.decode(Int.self, forKey: .nulls),
            distinct: try container.decode(Int.self, forKey: .distinct),
            distinctIsEstimate: try container.decode(Bool.self, forKey: .distinctIsEstimate),
            format: try container.decodeIfPresent(String.self, forKey: .format),
            typeCounts: try ColumnType.allCases.compactMap { counted in
                try typeCounts.decodeIfPresent(Int.self, forKey: JSONMemberKey(counted.rawValue)).map { (counted, $0) }
            },
            typeMismatches: try container.decode(Int.self, forKey: .typeMismatches),
            whitespaceIssues: try container.decode(Int.self, forKey: .whitespaceIssues),
            min: try Self.decodeBound(type, hasIntegerTokens: hasIntegerTokens, in: container, forKey: .min),
            max: try Self.decodeBound(type, hasIntegerTokens: hasIntegerTokens, in: container, forKey: .max),
            mean: try container.decodeIfPresent(Double.self, forKey: .mean),
            stddev: try container.decodeIfPresent(Double.self, forKey: .stddev),
            minLength: try container.decodeIfPresent(Int.self, forKey: .minLength),
            maxLength: try container.decodeIfPresent(Int.self, forKey: .maxLength),
            topValues: try container.decode([ValueCount].self, forKey: .topValues),
            scores: try container.decode(Scores.self, forKey: .scores),
            grade: try container.decode(Grade.self, forKey: .grade),
            findings: try container.decode([Finding].self, forKey: .findings),
            conforming: try container.decode(Int.self, forKey: .conforming),
            valueDistribution: try DistributionScale(valuesOf: type).flatMap { scale in
                try Self.decodeDistribution(
                    scale, wholeNumbers: type == .integer || type == .date, isEstimate: isEstimate, in: container,
                    quantilesKey: .quantiles, histogramKey: .histogram)
            },
            lengthDistribution: try Self.decodeDistribution(
                .length, wholeNumbers: true, isEstimate: isEstimate, in: container, quantilesKey: .lengthQuantiles,
                histogramKey: .lengthHistogram),
            nullTokens: try Self.decodeNullTokens(in: container),
            nullsExpected: try container.decodeIfPresent(Bool.self, forKey: .nullsExpected) ?? false,
            valuesTruncated: try container.decodeIfPresent(Bool.self, forKey: .valuesTruncated) ?? false)
        unit = try container.decodeIfPresent(String.self, forKey: .unit)
    }

    /// `null_tokens` in UTF-8 byte order of the tokens; empty when absent (reports written before it).
    private static func decodeNullTokens(in container: KeyedDecodingContainer<Key>) throws -> [(
        token: String, count: Int
    )] {
        guard container.contains(.nullTokens) else { return [] }
        let tokens = try container.nestedContainer(keyedBy: JSONMemberKey.self, forKey: .nullTokens)
        return try tokens.allKeys.map { (token: $0.stringValue, count: try tokens.decode(Int.self, forKey: $0)) }
            .sorted { $0.token.utf8.lexicographicallyPrecedes($1.token.utf8) }
    }

    /// `min` or `max`: a number or a text. Integer columns: an integer, or its digits as a string beyond 64
    /// bits. Decimal columns: digits as a string as in integer columns; a whole number as an integer token when
    /// the column has integer tokens (`hasIntegerTokens`); else a decimal.
    private static func decodeBound(
        _ type: ColumnType, hasIntegerTokens: Bool, in container: KeyedDecodingContainer<Key>, forKey key: Key
    ) throws -> BoundValue? {
        guard try container.decodeNil(forKey: key) == false else { return nil }
        switch type {
        case .integer, .decimal:
            if let digits = try? container.decode(String.self, forKey: key) { return .bigInteger(digits) }
            if type == .integer || hasIntegerTokens, let integer = try? container.decode(Int64.self, forKey: key) {
                return .integer(integer)
            }
            return .decimal(try container.decode(Double.self, forKey: key))
        default:
            return .text(try container.decode(String.self, forKey: key))
        }
    }

    /// A distribution from its quantiles object and histogram array, or `nil` when they are null.
    private static func decodeDistribution(
        _ scale: DistributionScale, wholeNumbers: Bool, isEstimate: Bool, in container: KeyedDecodingContainer<Key>,
        quantilesKey: Key, histogramKey: Key
    ) throws -> Distribution? {
        guard container.contains(quantilesKey), try container.decodeNil(forKey: quantilesKey) == false else {
            return nil
        }
        var zoned = false
        func value<K: CodingKey>(_ object: KeyedDecodingContainer<K>, _ key: K) throws -> Double {
            switch scale {
            case .number, .length:
                return try object.decode(Double.self, forKey: key)
            case .date, .datetime, .time:
                let text = try object.decode(String.self, forKey: key)
                guard let parsed = scale.value(text) else {
                    throw DecodingError.dataCorruptedError(
                        forKey: key, in: object, debugDescription: "`\(text)` is not a \(scale.rawValue) value.")
                }
                zoned = zoned || parsed.zoned
                return parsed.value
            }
        }
        let quantiles = try container.nestedContainer(keyedBy: QuantileKey.self, forKey: quantilesKey)
        var binsContainer = try container.nestedUnkeyedContainer(forKey: histogramKey)
        var bins: [HistogramBin] = []
        while !binsContainer.isAtEnd {
            let bin = try binsContainer.nestedContainer(keyedBy: BinKey.self)
            bins.append(
                HistogramBin(
                    lower: try value(bin, .lower), upper: try value(bin, .upper),
                    count: try bin.decode(Int.self, forKey: .count)))
        }
        let p25 = try value(quantiles, .p25)
        let median = try value(quantiles, .median)
        let p75 = try value(quantiles, .p75)
        let span = (bins.last?.upper ?? 0) - (bins.first?.lower ?? 0)
        return Distribution(
            scale: scale, zoned: zoned, count: bins.reduce(0) { $0 + $1.count }, p25: p25, median: median, p75: p75,
            histogram: bins, isEstimate: isEstimate,
            binPerWholeNumber: wholeNumbers && span < Double(Distribution.maximumBins))
    }
}

extension DistributionScale {
    /// The scale of the value distribution of a column of `type`, or `nil` for types without one.
    init?(valuesOf type: ColumnType) {
        switch type {
        case .integer, .decimal: self = .number
        case .date: self = .date
        case .datetime: self = .datetime
        case .time: self = .time
        case .empty, .boolean, .string, .unknown: return nil
        }
    }

    /// The number a report text of this scale stands for (the inverse of ``text(_:zoned:)`` for dates,
    /// datetimes and times, to the microsecond), and whether it carried a `Z`; `nil` when it is not such a text.
    func value(_ text: String) -> (value: Double, zoned: Bool)? {
        let bytes = Array(text.utf8)
        func number(_ range: Range<Int>) -> Int64? {
            guard range.upperBound <= bytes.count, !range.isEmpty else { return nil }
            var value: Int64 = 0
            for byte in bytes[range] {
                guard byte >= 0x30 && byte <= 0x39 else { return nil }
                value = value * 10 + Int64(byte - 0x30)
            }
            return value
        }
        /// Microseconds since midnight of `HH:MM:SS[.ffffff]` starting at `start`, and where it ends.
        func clock(_ start: Int) -> (microseconds: Int64, end: Int)? {
            guard let hours = number(start..<(start + 2)), let minutes = number((start + 3)..<(start + 5)),
                let seconds = number((start + 6)..<(start + 8)), bytes[start + 2] == 0x3A, bytes[start + 5] == 0x3A
            else { return nil }
            var end = start + 8
            var fraction: Int64 = 0
            if end < bytes.count, bytes[end] == 0x2E {
                var digits = 0
                end += 1
                while end < bytes.count, bytes[end] >= 0x30 && bytes[end] <= 0x39, digits < 6 {
                    fraction = fraction * 10 + Int64(bytes[end] - 0x30)
                    digits += 1
                    end += 1
                }
                guard digits > 0 else { return nil }
                for _ in digits..<6 { fraction *= 10 }
            }
            return ((hours * 3600 + minutes * 60 + seconds) * 1_000_000 + fraction, end)
        }
        switch self {
        case .number, .length:
            return nil
        case .time:
            guard let time = clock(0), time.end == bytes.count else { return nil }
            return (Double(time.microseconds) / 1_000_000, false)
        case .date, .datetime:
            guard bytes.count >= 10, bytes[4] == 0x2D, bytes[7] == 0x2D, let year = number(0..<4),
                let month = number(5..<7), let day = number(8..<10)
            else { return nil }
            let days = Int64(daysFromCivil(Int(year), Int(month), Int(day)))
            if bytes.count == 10 { return self == .date ? (Double(days), false) : nil }
            guard bytes[10] == 0x54, bytes.count >= 19, let time = clock(11) else { return nil }
            let zoned = time.end == bytes.count - 1 && bytes[time.end] == 0x5A
            guard time.end == bytes.count || zoned else { return nil }
            let seconds = Double(days * 86_400_000_000 + time.microseconds) / 1_000_000
            return (self == .date ? seconds / 86_400 : seconds, zoned)
        }
    }
}
