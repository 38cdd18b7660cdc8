import Foundation
import Testing

@testable import DataQuality

/// The merge laws on ``ProfileState``: closed, associative, with an empty identity, identical states merging
/// like any others, and every merge of any split (states re-encoded between merges) giving the one-pass report.
@Suite struct ProfileStateTests {
    /// A state through its coding: encoded, read back.
    private func reencoded(_ state: ProfileState) throws -> ProfileState {
        try ProfileState(decoding: state.encoded(), rules: nil)
    }

    private func report(_ state: ProfileState, source: SourceDescription) throws -> Report {
        try ReportBuilder.report(from: state, policy: ScoringPolicy(), source: source)
    }

    /// Every fixture cut into 2, 3 and 5 parts at seeded random record starts, the parts' states merged two
    /// at a time in a random tree over a shuffled order, each merged state encoded and read back before the
    /// next merge: the report equals the one-pass report (counts exactly, means and deviations to 12 digits).
    @Test(arguments: [2, 3, 5])
    func anySplitInAnyOrderWithReencodingEqualsOnePass(parts: Int) throws {
        var generator = SeededGenerator(seed: UInt64(100 + parts))
        var cutFiles = 0
        for fixture in chunkFixtures {
            let path = chunkRepositoryRoot.appendingPathComponent(fixture).path
            let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
            let probe = try Profiler().profile(bytes: bytes, sourceName: path).source
            let detected = probe.delimiter
            for limit in [100_000, 5] {
                var options = ProfileOptions()
                options.exactDistinctLimit = limit
                options.delimiter = detected
                options.encoding = try TextEncoding(name: probe.encoding)
                let onePass = try Profiler(options: options).profile(bytes: bytes, sourceName: path)
                let candidates = Array(try recordStarts(of: bytes, options: options, delimiter: detected).dropFirst())
                guard candidates.count >= parts - 1 else { continue }
                cutFiles += 1
                var cuts = Array(candidates.shuffled(using: &generator).prefix(parts - 1))
                cuts.sort { $0.offset < $1.offset }
                var pending = try partialProfiles(
                    of: bytes, cuts: cuts, path: path, options: options, delimiter: detected, rowLimit: 100_000
                ).map { try reencoded(try $0.state(rules: nil)) }
                pending.shuffle(using: &generator)
                while pending.count > 1 {
                    let left = pending.remove(at: Int.random(in: 0..<pending.count, using: &generator))
                    let right = pending.remove(at: Int.random(in: 0..<pending.count, using: &generator))
                    pending.append(try reencoded(try left.merged(with: right)))
                }
                let merged = try report(pending[0], source: onePass.source)
                #expect(comparable(merged) == comparable(onePass), "\(fixture), \(parts) parts, limit \(limit)")
            }
        }
        #expect(cutFiles >= chunkFixtures.count)
    }

    /// `a,b` with rows 1,x / 2,y / 1,x (line 4 repeats line 2) / 4,w"v (a stray quote: malformed), read in
    /// one pass; its states' parts are the whole file.
    private let smallFile = "a,b\n1,x\n2,y\n1,x\n4,w\"v\n"

    private func smallState() throws -> (ProfileState, Report) {
        var options = ProfileOptions()
        options.delimiter = UInt8(ascii: ",")
        let profiler = Profiler(options: options)
        let part = try profiler.partialProfile(bytes: Array(smallFile.utf8), sourceName: "small.csv")
        let alone = try profiler.profile(bytes: Array(smallFile.utf8), sourceName: "small.csv")
        return (try part.state(rules: nil), alone)
    }

    /// A state merged with an identical copy of itself: 4 rows + 4 = 8; duplicate rows = its rows (4) - its
    /// malformed rows (1) + its own duplicates (1) = 4 (each well-formed row of the copy repeats an earlier
    /// one); malformed rows 1 + 1 = 2; per column, every value counted twice.
    @Test func identicalStatesMergeLikeAnyOthers() throws {
        let (state, alone) = try smallState()
        #expect(alone.rows == 4)
        #expect(alone.malformedRows == 1)
        #expect(alone.duplicateRows == 1)
        let twice = try report(try state.merged(with: state), source: alone.source)
        #expect(twice.rows == 8)
        #expect(twice.duplicateRows == 4)
        #expect(twice.malformedRows == 2)
        #expect(twice.columns[0].topValues.map(\.value) == ["1", "2"])
        #expect(twice.columns[0].topValues.map(\.count) == [4, 2])
        #expect(twice.columns[0].count == 8)
        // Through the state files too: the library no longer refuses two equal parts (the CLI does).
        let file = PartialProfile(state: state, source: alone.source, name: "small.state")
        #expect(try PartialProfile.merge([file, file]).duplicateRows == 4)
    }

    /// A profiler's state holds its exact tables' storage, not bytes: the snapshot hands the profiler's table
    /// over (no copy), a report built from the state reads that storage in place (``ColumnEvidence``), a merge
    /// copies it first (the merged inputs keep their counts), and the state equals the one read back from a
    /// state file. Column a holds 1 (twice) and 2 (the row of 4 is malformed).
    @Test func exactTablesAreStorageReadInPlaceAndCopiedForMerges() throws {
        let (read, alone) = try smallState()
        // A state read from a file holds bytes; a profiler's snapshot holds storage.
        #expect(read.columns[0].values.exactTable.table == nil)
        var options = ProfileOptions()
        options.delimiter = UInt8(ascii: ",")
        let profiler = try RecordProfiler(options: options, sourceName: "small.csv", header: true)
        PartialProfileSettings(rowPositionLimit: PartialProfile.defaultRowPositionLimit, rowsPartitionedByHash: false)
            .apply(to: profiler)
        // As the stream driver does, the text's start is noted for `encoding_unsure`.
        Array(smallFile.utf8).withUnsafeBytes { profiler.tallies.encoding?.noteStart(of: $0, recordsStart: 0) }
        let reader = CSVRecordReader(
            consumer: profiler, delimiter: UInt8(ascii: ","), quote: options.quote,
            maxFieldBytes: options.maxFieldBytes, startOffset: 0, locatesFaultsExactly: false)
        try Array(smallFile.utf8).withUnsafeBytes { try reader.feed($0) }
        try reader.finish()
        try profiler.finishInput()
        let live = profiler.columns[0].table
        let state = profiler.state(delimiter: UInt8(ascii: ","))
        #expect(state == read)
        let storage = try #require(state.columns[0].values.exactTable.table)
        #expect(storage === live)
        #expect((0..<storage.count).map { storage.value($0) } == [[0x31], [0x32]])
        #expect((0..<storage.count).map { storage[$0].count } == [2, 1])
        let context = ColumnContext.columns(named: state.columnNames, options: options)[0]
        #expect(try ColumnEvidence(state.columns[0], context: context).table === storage)
        let before = state.encoded()
        let merged = try state.merged(with: state).merged(with: state)
        #expect(merged.columns[0].values.exactTable.table !== storage)
        #expect(state.encoded() == before)
        #expect((0..<storage.count).map { storage[$0].count } == [2, 1])
        #expect(try reencoded(state) == state)
        #expect(try report(state, source: alone.source) == alone)
    }

    /// A part that read only blank lines (`a.csv`: two empty lines) comes first by source name; the later part
    /// (`b.csv`: header x,y and the row 1,2) brings the header and the columns: the merge has 1 row, 2 blank
    /// lines and both columns (the old merge of profilers kept the first part's width of 0 and lost them).
    @Test func aPartOfBlankLinesTakesTheColumnsOfTheLaterPart() throws {
        var options = ProfileOptions()
        options.delimiter = UInt8(ascii: ",")
        let profiler = Profiler(options: options)
        let blank = try profiler.partialProfile(bytes: Array("\n\n".utf8), sourceName: "a.csv").state(rules: nil)
        let data = try profiler.partialProfile(bytes: Array("x,y\n1,2\n".utf8), sourceName: "b.csv").state(rules: nil)
        #expect(!blank.header.started)
        #expect(blank.records.blankLines == 2)
        let merged = try blank.merged(with: data)
        #expect(merged.columnNames == ["x", "y"])
        #expect(merged.columns.count == 2)
        let report = try report(merged, source: try profiler.profile(bytes: Array("x,y\n1,2\n".utf8)).source)
        #expect(report.rows == 1)
        #expect(report.blankLines == 2)
        #expect(report.columns.map(\.name) == ["x", "y"])
        #expect(report.columns.map(\.nulls) == [0, 0])
    }

    /// The parts' own merges, on values computed by hand: counts add and lengths keep the extremes; classes
    /// add; integer bounds compare as integers of any length (the earlier part's token on a tie); firsts
    /// keep the earlier line, the earlier part's on a tie, and the first repeat across the parts counts.
    @Test func partsMergeByTheirOwnLaws() {
        var counts = ColumnCounts(nulls: 1, nonNull: 4, whitespace: 2, minLength: 3, maxLength: 5)
        counts.merge(ColumnCounts(nulls: 2, nonNull: 1, whitespace: 0, minLength: 1, maxLength: 4))
        let added: [Int] = [counts.nulls, counts.nonNull, counts.whitespace, counts.minLength, counts.maxLength]
        #expect(added == [3, 5, 2, 1, 5])
        var classes = ClassHistogram(
            all: [Int](repeating: 1, count: ValueClass.count), clean: [Int](repeating: 0, count: ValueClass.count))
        classes.merge(classes)
        #expect(classes.all == [Int](repeating: 2, count: ValueClass.count))
        func bounds(_ minimum: String, _ maximum: String) -> ColumnBounds {
            ColumnBounds(
                integerMin: Array(minimum.utf8), integerMax: Array(maximum.utf8),
                dateMin: [Int](repeating: .max, count: 5),
                dateMax: [Int](repeating: .min, count: 5), temporalMin: TemporalBounds(), temporalMax: TemporalBounds())
        }
        var merged = bounds("-5", "99999999999999999999")
        merged.merge(bounds("-12", "+99999999999999999999"))
        #expect(merged.integerMin == Array("-12".utf8))
        #expect(merged.integerMax == Array("99999999999999999999".utf8))
        var firsts = ColumnFirsts(null: FirstSeen(line: 7, example: [0x61]))
        firsts.merge(
            ColumnFirsts(null: FirstSeen(line: 7, example: [0x62]), repeated: FirstSeen(line: 9, example: [0x63])),
            crossRepeat: FirstSeen(line: 8, example: [0x64]))
        #expect(firsts.null == FirstSeen(line: 7, example: [0x61]))
        #expect(firsts.repeated == FirstSeen(line: 8, example: [0x64]))
    }

    /// The empty state changes nothing, on either side, and two merges associate.
    @Test func emptyIsTheIdentityAndMergingAssociates() throws {
        let (state, alone) = try smallState()
        let empty = ProfileState.empty(matching: state)
        #expect(try state.merged(with: empty).encoded() == state.encoded())
        #expect(try empty.merged(with: state).encoded() == state.encoded())
        #expect(try report(try empty.merged(with: state), source: alone.source) == alone)

        let text = "id,v\n1,a\n2,b\n3,c\n2,b\n3,c\n4,d\n"
        var options = ProfileOptions()
        options.delimiter = UInt8(ascii: ",")
        let parts = try partialProfiles(
            of: Array(text.utf8), cuts: [(offset: 13, line: 4), (offset: 21, line: 6)], path: "t.csv",
            options: options, delimiter: 0x2C, rowLimit: 10
        ).map { try $0.state(rules: nil) }
        let leftFirst = try parts[0].merged(with: parts[1]).merged(with: parts[2])
        let rightFirst = try parts[0].merged(with: try parts[1].merged(with: parts[2]))
        #expect(leftFirst.encoded() == rightFirst.encoded())
        #expect(leftFirst.rows == 6)
        #expect(leftFirst.duplicates.count == 2)
    }

    /// States of other settings or other columns do not merge.
    @Test func otherSettingsOrColumnsAreRefused() throws {
        let (state, _) = try smallState()
        var options = ProfileOptions()
        options.delimiter = UInt8(ascii: ",")
        options.exactDistinctLimit = 7
        let other = try Profiler(options: options).partialProfile(bytes: Array(smallFile.utf8)).state(rules: nil)
        let settings = #expect(throws: ProfileError.self) { try state.merged(with: other) }
        #expect(settings?.message == "the states' settings differ: exact_distinct_limit 100000 vs 7.")
        options.exactDistinctLimit = ProfileOptions().exactDistinctLimit
        let columns = try Profiler(options: options).partialProfile(bytes: Array("a,c\n1,2\n".utf8)).state(rules: nil)
        let refused = #expect(throws: ProfileError.self) { try state.merged(with: columns) }
        #expect(refused?.message == "the states' columns differ: [\"a\", \"b\"] vs [\"a\", \"c\"].")
    }

    /// A state file of format version 1 (the positional binary layout) or 2 (columns without their nulls by
    /// token, value classes before the slash, dotted and 12-hour datetimes) is refused with a sentence saying
    /// what to do.
    @Test(arguments: [1, 2])
    func olderStateFileIsRefused(version: Int) throws {
        let current = try Profiler().partialProfile(bytes: Array("a\n1\n".utf8), sourceName: "p.csv")
        let text = String(decoding: current.encoded, as: UTF8.self)
        #expect(text.contains("\"version\":3"))
        let older = Array(text.replacingOccurrences(of: "\"version\":3", with: "\"version\":\(version)").utf8)
        let refused = #expect(throws: ProfileError.self) { try PartialProfile(decoding: older, name: "old.state") }
        #expect(
            refused?.description
                == "old.state: the state has format version \(version), written by dqcli \(ToolInfo.version), whose layout this dqcli no longer reads: profile the part again with this dqcli."
        )
    }
}
