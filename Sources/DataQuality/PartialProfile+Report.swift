import Foundation

/// The state file's ties to the report: made from a state and the description of the input it profiled, and
/// merged with other state files into the report of the whole input. Beside the facade, above State/ and
/// Scoring/ (the report builder), which it composes.
extension PartialProfile {
    /// The state file of `state`, a profile of the input `source` describes.
    init(state: ProfileState, source: SourceDescription, linesToSkip: Int = 0, name: String = "-") {
        let bytes = state.encoded()
        let envelope = Envelope(
            format: Self.formatName, version: Self.formatVersion,
            tool: Envelope.Tool(name: "dqcli", version: ToolInfo.version), settings: state.settings,
            source: Envelope.Source(
                path: source.path, bytes: source.bytes, header: source.header, encoding: source.encoding,
                byteOrderMark: source.byteOrderMark, delimiterWasDetected: source.delimiterWasDetected,
                linesToSkip: linesToSkip, skippedLines: source.skippedLines, separatorLine: source.separatorLine),
            sources: state.sources.names.indices.map {
                Envelope.SourceName(
                    name: state.sources.names[$0], linesArePartRelative: state.sources.partRelative.contains($0))
            },
            namesSources: state.sources.namesSources, columns: state.columnNames, rows: state.rows,
            rowsPartitionedByHash: state.duplicates.rowsPartitionedByHash,
            firstRecord: state.orderPosition == Int.max
                ? nil
                : Envelope.Position(
                    source: SourcePosition.source(of: state.orderPosition),
                    line: SourcePosition.line(of: state.orderPosition)),
            state: Data(bytes).base64EncodedString(), stateDigest: Self.digest(of: Data(bytes)))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        self.encoded = Array((try? encoder.encode(envelope)) ?? Data())
        self.envelope = envelope
        self.name = name
        self.sourceDescription = source
    }

    /// Merges partial profiles into the report of the whole input.
    ///
    /// Parts are put in order of their first record (source name, then line), so the result does not depend
    /// on the order given; columns are aligned by name and occurrence (a part's second `name` column with the
    /// other parts' second `name`). Duplicate rows are exact when every part carries its row hashes or every
    /// part was partitioned by row hash; otherwise `duplicate_rows` is null and a `duplicates_not_checked`
    /// finding says how to get the exact count.
    /// - Parameters:
    ///   - parts: at least one state.
    ///   - rules: the rule file the states were made with (its digest must match), nil when made without.
    ///   - sourceName: `source.path` of the report; nil uses the parts' common path, or `N parts` when they
    ///     differ.
    /// - Returns: the report; `source.bytes` is the parts' sum.
    /// - Throws: ``ProfileError`` `invalidState` naming the state and the difference when settings,
    ///   encodings (``ProfileError/Problem/encodingsDiffer(encoding:firstPart:firstEncoding:)``: the encoding is
    ///   decided once per run) or columns differ, a state is damaged, or the rule file does not match.
    /// - Complexity: O(total size of the states); memory: the states' tables and row sets.
    public static func merge(_ parts: [PartialProfile], rules: RuleSet? = nil, sourceName: String? = nil) throws
        -> Report
    {
        try merge(parts, rules: rules, sourceName: sourceName, sourceOrder: nil)
    }

    /// ``merge(_:rules:sourceName:)`` with the sources (the names findings point into) in `sourceOrder` (names
    /// not in it after, in name order), so findings sort by that order and then line: a combined run's files
    /// in the order given. Nil orders the sources by name.
    static func merge(
        _ parts: [PartialProfile], rules: RuleSet?, sourceName: String?, sourceOrder: [String]?
    ) throws -> Report {
        guard let first = parts.first else {
            throw ProfileError(code: .invalidState, message: "no partial profiles to merge.")
        }
        // The encoding is decided once per run; a part named or detected otherwise is of another run.
        let encoding = first.envelope.source.encoding
        if let other = parts.first(where: { $0.envelope.source.encoding != encoding }) {
            throw ProfileError(
                .encodingsDiffer(
                    encoding: other.envelope.source.encoding, firstPart: first.name, firstEncoding: encoding),
                path: other.name)
        }
        let settings = first.envelope.settings
        for part in parts.dropFirst() {
            let differences = settings.differences(from: part.envelope.settings)
            if !differences.isEmpty {
                throw ProfileError(
                    code: .invalidState,
                    message:
                        "its settings differ from \(first.name)'s: \(differences.joined(separator: ", ")); profile every part with the same options.",
                    path: part.name)
            }
        }
        if let digest = settings.rulesDigest {
            guard let rules else {
                throw ProfileError(.rulesMissing, path: first.name)
            }
            guard Settings.digest(ofFileAt: rules.path) == digest else {
                throw ProfileError(
                    code: .invalidState,
                    message: "\(rules.path) is not the rule file the states were made with (its digest differs).",
                    path: first.name)
            }
        } else if let rules {
            throw ProfileError(.rulesNotExpected(path: rules.path), path: first.name)
        }
        let options = settings.options(rules: rules)
        do {
            try options.validate()
        } catch let error as ProfileError {
            throw ProfileError(
                code: .invalidState, message: "its settings are impossible: \(error.message)", path: first.name)
        }

        // Sources, in name order; part-relative sources stay apart per part.
        struct SourceKey: Hashable, Comparable {
            var rank: Int
            var name: String
            var part: Int
            static func < (lhs: SourceKey, rhs: SourceKey) -> Bool {
                (lhs.rank, lhs.name, lhs.part) < (rhs.rank, rhs.name, rhs.part)
            }
        }
        let rankOfName = Dictionary((sourceOrder ?? []).enumerated().map { ($1, $0) }, uniquingKeysWith: min)
        func key(_ source: Envelope.SourceName, part: Int) -> SourceKey {
            SourceKey(
                rank: rankOfName[source.name] ?? Int.max, name: source.name,
                part: source.linesArePartRelative ? part : -1)
        }
        let keys = Set(parts.indices.flatMap { index in parts[index].envelope.sources.map { key($0, part: index) } })
            .sorted()
        let globalIndex = Dictionary(uniqueKeysWithValues: keys.enumerated().map { ($0.element, $0.offset) })
        var sources = SourceTable(names: keys.map(\.name))
        sources.partRelative = Set(keys.indices.filter { keys[$0].part >= 0 })
        sources.namesSources =
            parts.contains { $0.envelope.namesSources } || Set(keys.map(\.name)).count > 1
            || !sources.partRelative.isEmpty

        // Parts in order of their first record; empty parts last; equal positions by their bytes.
        func sortKey(_ index: Int) -> (Int, [UInt8]) {
            let part = parts[index]
            guard let position = part.envelope.firstRecord, part.envelope.sources.indices.contains(position.source)
            else {
                return (Int.max, part.encoded)
            }
            let source = globalIndex[key(part.envelope.sources[position.source], part: index)]!
            return (SourcePosition.code(source: source, line: position.line), part.encoded)
        }
        let order = parts.indices.map { ($0, sortKey($0)) }.sorted { lhs, rhs in
            lhs.1.0 != rhs.1.0 ? lhs.1.0 < rhs.1.0 : lhs.1.1.lexicographicallyPrecedes(rhs.1.1)
        }.map(\.0)

        // Columns by (name, occurrence), in the first part's order that has columns.
        func occurrences(_ names: [String]) -> [String: [Int]] {
            var found: [String: [Int]] = [:]
            for (index, name) in names.enumerated() { found[name, default: []].append(index) }
            return found
        }
        let reference = order.map { parts[$0] }.first { !$0.envelope.columns.isEmpty }
        let referenceColumns = reference?.envelope.columns ?? []
        let referenceOccurrences = occurrences(referenceColumns)

        var states: [ProfileState] = []
        for index in order {
            let part = parts[index]
            var layout: [Int]?
            if !part.envelope.columns.isEmpty {
                let mine = occurrences(part.envelope.columns)
                for (name, positions) in referenceOccurrences where (mine[name]?.count ?? 0) < positions.count {
                    throw ProfileError(
                        code: .invalidState,
                        message:
                            "column \"\(name)\"\(positions.count > 1 ? " (occurrence \((mine[name]?.count ?? 0) + 1))" : "") of \(reference!.name) is missing from this part; merge parts of one table only.",
                        path: part.name)
                }
                var mapping = [Int](repeating: 0, count: part.envelope.columns.count)
                for (name, positions) in mine {
                    guard let targets = referenceOccurrences[name], targets.count >= positions.count else {
                        throw ProfileError(
                            code: .invalidState,
                            message: "column \"\(name)\" is not in \(reference!.name); merge parts of one table only.",
                            path: part.name)
                    }
                    for (occurrence, position) in positions.enumerated() { mapping[position] = targets[occurrence] }
                }
                layout = mapping
            }
            let localToGlobal = part.envelope.sources.map { globalIndex[key($0, part: index)]! }
            var state = try part.state(rules: rules)
            guard state.columnNames == part.envelope.columns, state.rows == part.envelope.rows else {
                throw ProfileError(
                    code: .invalidState, message: "the state is damaged (its state does not match its envelope).",
                    path: part.name)
            }
            do {
                state = try state.remapped(into: sources, layout: layout) { code in
                    let local = SourcePosition.source(of: code)
                    let global = localToGlobal.indices.contains(local) ? localToGlobal[local] : local
                    return SourcePosition.code(source: global, line: SourcePosition.line(of: code))
                }
            } catch let error as ProfileError {
                throw ProfileError(code: error.code, message: error.message, path: part.name)
            }
            // Row hashes follow a part's own column order: parts in another order cannot meet on them.
            if let layout, layout != Array(layout.indices), settings.duplicates {
                state.duplicates.isUnknown = true
                state.duplicates.keptRows = nil
            }
            states.append(state)
        }
        let merged = try ProfileState.merging(states)
        let firstSource = parts[order[0]].envelope.source
        let paths = Set(parts.map(\.envelope.source.path))
        // The merged input starts with the first part's bytes.
        let prefix = InputPrefix(
            byteOrderMark: firstSource.byteOrderMark ? .utf8 : nil,
            delimiter: settings.delimiter.utf8.first ?? DelimiterSniffer.fallback,
            delimiterWasDetected: firstSource.delimiterWasDetected)
        var source = SourceDescription(
            path: sourceName ?? (paths.count == 1 ? paths.first! : "\(parts.count) parts"),
            bytes: parts.reduce(0) { $0 + $1.envelope.source.bytes }, prefix: prefix, options: options,
            header: firstSource.header,
            encoding: encoding)
        // The merged input starts with the first part's preamble.
        source.skippedLines = firstSource.skippedLines ?? 0
        source.separatorLine = firstSource.separatorLine ?? false
        var report = try ReportBuilder.report(from: merged, policy: ScoringPolicy(options: options), source: source)
        report.options.linesToSkip = firstSource.linesToSkip ?? 0
        return report
    }
}
