extension Profiler {
    /// Profiles a part of an export in partition mode (see ``PartitionDriver``): records one per line, as
    /// `dqcli rowhash` writes them (or bare base64 records), named by `columnNames`, streamed in 1 MiB chunks.
    /// - Parameters:
    ///   - path: a file of encoded records; `-` reads standard input.
    ///   - columnNames: the column names (`--columns` or `--header-line`).
    /// - Returns: the report; `source.path` is `path` as given; findings name their source file.
    /// - Throws: ``ProfileError`` `cannotRead`, and as ``PartitionDriver/feed(_:)-(UnsafeRawBufferPointer)``.
    /// - Complexity: O(n) time in the input's bytes.
    public func profile(partitionAt path: String, columnNames: PartitionColumnNames) throws -> Report {
        let driver = try PartitionDriver(options: options, sourceName: path, columnNames: columnNames)
        let input = try ByteSource.open(InputLocation(path: path))
        defer { input.close() }
        try input.forEachChunk { try driver.feed($0) }
        return try driver.finish()
    }

    /// Profiles a part of an export in partition mode (as ``profile(partitionAt:columnNames:)``) into a partial
    /// profile, to be merged with the other parts' (``PartialProfile/merge(_:rules:sourceName:)``).
    /// - Parameters: as ``profile(partitionAt:columnNames:)`` and
    ///   ``partialProfile(fileAt:rowPositionLimit:rowsPartitionedByHash:)``.
    /// - Throws: as ``profile(partitionAt:columnNames:)``.
    public func partialProfile(
        partitionAt path: String, columnNames: PartitionColumnNames,
        rowPositionLimit: Int = PartialProfile.defaultRowPositionLimit, rowsPartitionedByHash: Bool = false
    ) throws -> PartialProfile {
        let driver = try PartitionDriver(options: options, sourceName: path, columnNames: columnNames)
        driver.partialProfileSettings = PartialProfileSettings(
            rowPositionLimit: rowPositionLimit, rowsPartitionedByHash: rowsPartitionedByHash)
        let input = try ByteSource.open(InputLocation(path: path))
        defer { input.close() }
        try input.forEachChunk { try driver.feed($0) }
        return try driver.finishPartialProfile()
    }
}
