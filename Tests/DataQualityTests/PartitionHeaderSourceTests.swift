import Testing

@testable import DataQuality

/// Partition mode's header comes from the caller, not a file: its findings name that source in words, not by a
/// command line's flag.
@Suite struct PartitionHeaderSourceTests {
    /// Names `a,a` repeat `a`: the duplicate-name finding is on line 1 of `columns given` (or `header line
    /// given`), with no input records at all; it lists the repeat, column 1.
    @Test(arguments: [
        (PartitionColumnNames.names(["a", "a"]), "columns given"), (.headerLine("a,a"), "header line given")
    ])
    func headerFindingNamesTheGivenHeader(columnNames: PartitionColumnNames, source: String) throws {
        var options = ProfileOptions()
        options.delimiter = UInt8(ascii: ",")
        let profiler = try PartitionDriver(options: options, sourceName: "part", columnNames: columnNames)
        let report = try profiler.finish()
        let finding = try #require(report.findings.first { $0.kind == .duplicateName })
        #expect(finding.sourceFile == source)
        #expect(finding.firstLine == 1)
        #expect(finding.columns == [1])
    }
}
