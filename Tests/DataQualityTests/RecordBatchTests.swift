import Testing

@testable import DataQuality

/// Well-formed records are observed in batches, a column at a time; ragged and malformed records are not
/// batched. The dataset's firsts and counts must still follow reading order. Expected values by hand.
@Suite struct RecordBatchTests {
    /// Lines 1 to 82 (header `id,v`): a good row of invalid UTF-8 (line 4) and a good duplicate row (line 5)
    /// wait in the batch when ragged rows with invalid UTF-8 that repeat each other come (lines 6 and 7);
    /// then 73 good rows cross the 64-record batch boundary, and the last two lines repeat earlier rows.
    private static var input: [UInt8] {
        var bytes = Array("id,v\nr1,x\nr2,x\nr3,".utf8) + [0xFF] + Array("\nr1,x\nq,".utf8) + [0xFE]
        bytes += Array(",z\nq,".utf8) + [0xFE] + Array(",z\n".utf8)
        for number in 4...76 { bytes += Array("r\(number),y\n".utf8) }
        bytes += Array("r70,y\nr1,x\n".utf8)
        return bytes
    }

    @Test func firstsAndCountsFollowReadingOrder() throws {
        // Read as UTF-8: detection would read bytes without a valid multi-byte UTF-8 sequence as windows-1252.
        var options = ProfileOptions()
        options.encoding = .utf8
        let report = try Profiler(options: options).profile(bytes: Self.input)
        #expect(report.rows == 81)
        func finding(_ kind: FindingKind) -> Finding? { report.findings.first { $0.kind == kind } }
        // Lines 4, 6 and 7; the first is the batched row, read before the ragged rows.
        #expect(finding(.invalidUTF8)?.count == 3)
        #expect(finding(.invalidUTF8)?.firstLine == 4)
        #expect(finding(.invalidUTF8)?.byteOffset == 15)
        // Lines 5 (of 2), 7 (of 6), 81 (of 74, `r70,y`) and 82 (of 2).
        #expect(report.duplicateRows == 4)
        #expect(finding(.duplicateRow)?.firstLine == 5)
        #expect(finding(.duplicateRow)?.byteOffset == 20)
        #expect(finding(.duplicateRow)?.example == "r1,x")
        #expect(finding(.raggedRow)?.count == 2)
        #expect(finding(.raggedRow)?.firstLine == 6)
        // The id column holds the 79 good rows' values: r1 to r76.
        #expect(report.columns[0].distinct == 76)
        #expect(report.columns[1].distinct == 3)
    }

    /// A record read through the rows-of-strings entry point goes through the same batch.
    @Test func rowsOfStringsGiveTheSameCounts() throws {
        var rows = [["r1", "x"], ["r2", "x"], ["r1", "x"], ["q", "x", "z"], ["q", "x", "z"]]
        for number in 3...80 { rows.append(["r\(number)", "y"]) }
        rows.append(["r70", "y"])
        let report = try Profiler().profile(rows: rows, columnNames: ["id", "v"])
        #expect(report.rows == 84)
        #expect(report.duplicateRows == 3)
        #expect(report.findings.first { $0.kind == .duplicateRow }?.firstLine == 4)
        #expect(report.findings.first { $0.kind == .raggedRow }?.firstLine == 5)
        #expect(report.columns[0].distinct == 80)
    }

    /// A batch is full at 1 MiB of records however few it holds, and a slot that grew for a long record is
    /// given back when the batch is emptied: the 64 slots then take 64 x (4096 bytes + 64 fields x 16 bytes).
    @Test func longRecordsDoNotPinMemory() {
        let batch = RecordBatch(capacity: 64)
        let defaultSlots = 64 * (4096 + 64 * 16)
        #expect(batch.slotBytes == defaultSlots)
        let fields = RecordBuffer()
        let long = [UInt8](repeating: 0x61, count: 600_000)
        for _ in 0..<2 {
            fields.append(long)
            batch.append(
                fields, line: 2, byteOffset: 0, fingerprint: RowFingerprint(low: 1, high: 0),
                rawText: UnsafeRawBufferPointer(start: nil, count: 0), isComplete: true, keepsText: false)
        }
        #expect(batch.count == 2)
        #expect(batch.heldBytes == 2 * 600_008)
        #expect(batch.isFull)
        #expect(batch.slotBytes > 1_200_000)
        batch.removeAll()
        #expect(batch.slotBytes == defaultSlots)
        #expect(!batch.isFull)
    }

    /// Records of 600 KB fields, a batch of two at a time: counts as for short records.
    @Test func longRecordsGiveTheSameCounts() throws {
        let first = String(repeating: "a", count: 600_000)
        let second = String(repeating: "b", count: 600_000)
        let text = "id,blob\n1,\(first)\n2,\(second)\n1,\(first)\n3,\(second)\n"
        let report = try Profiler().profile(bytes: Array(text.utf8))
        #expect(report.rows == 4)
        #expect(report.duplicateRows == 1)
        #expect(report.findings.first { $0.kind == .duplicateRow }?.firstLine == 4)
        #expect(report.columns[0].distinct == 3)
        #expect(report.columns[1].distinct == 2)
    }
}
