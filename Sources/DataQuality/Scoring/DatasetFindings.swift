/// The dataset's findings, from a state (contract, "Dataset findings"): byte order mark, a detected encoding
/// in doubt, invalid UTF-8, blank and repeated column names, blank lines, ragged, malformed and unterminated
/// rows, duplicate rows (or why they were not checked), an encoding other than UTF-8, no data; in the
/// contract's order.
enum DatasetFindings {
    /// - Parameters:
    ///   - state: the profile state.
    ///   - byteOrderMark: whether the input began with a byte order mark.
    ///   - encoding: the encoding the text was read in (``SourceDescription/encoding``).
    ///   - encodingIsNamed: whether the caller named it (``ProfileOptions/encoding``): then it is not in doubt.
    ///   - bytes: the input's size in bytes (0 makes the `no_data` message say the file is empty).
    ///   - duplicateRows: the duplicate rows when they were checked and are known, else nil.
    /// - Complexity: O(columns + findings).
    static func of(
        _ state: ProfileState, byteOrderMark: Bool, encoding: String, encodingIsNamed: Bool, bytes: Int,
        duplicateRows: Int?
    ) -> [Finding] {
        let records = state.records
        var findings: [Finding] = []
        func add(_ kind: FindingKind, _ count: Int, _ first: RecordSeen?) {
            guard count > 0, let first else { return }
            findings.append(
                Finding(
                    kind: kind, count: count, example: first.example, firstLine: first.line,
                    byteOffset: first.byteOffset))
        }
        if byteOrderMark {
            findings.append(Finding(kind: .byteOrderMark, count: 1, example: nil, firstLine: 1, byteOffset: 0))
        }
        if !encodingIsNamed, let unsure = encodingUnsure(records.encoding, encoding: encoding) {
            findings.append(unsure)
        }
        add(.invalidUTF8, records.invalidUTF8, records.invalidFirst)
        findings += columnNameFindings(state.header)
        add(.blankLine, records.blankLines, records.blankFirst)
        add(.raggedRow, records.ragged, records.raggedFirst)
        add(.malformedRow, records.malformed, records.malformedFirst)
        add(.unterminatedQuote, records.unterminated, records.unterminatedFirst)
        if duplicateRows != nil { add(.duplicateRow, state.duplicates.count, state.duplicates.first) }
        if state.duplicates.isUnknown {
            findings.append(
                Finding(
                    kind: .duplicatesNotChecked, count: 1, example: nil, firstLine: nil, hint: .mergedDuplicatesUnknown)
            )
        } else if duplicateRows == nil {
            findings.append(Finding(kind: .duplicatesNotChecked, count: 1, example: nil, firstLine: nil))
        }
        if encoding != TextEncoding.utf8.name {
            findings.append(Finding(kind: .nonUTF8Encoding, count: 1, example: encoding, firstLine: nil))
        }
        if records.rows == 0 {
            let why =
                bytes == 0
                ? "the file is empty"
                : (records.recordsSeen == 0 ? "the file has no records" : "the file has no data rows")
            findings.append(Finding(kind: .noData, count: 1, example: nil, firstLine: nil, message: why))
        }
        findings.sort(by: Finding.contractOrder)
        return findings
    }

    /// The contract's `encoding_unsure` for a detected encoding: read as UTF-8 after an ASCII window while no
    /// complete multi-byte UTF-8 sequence occurs anywhere, the values that are not UTF-8 (example
    /// `windows-1252`); read as windows-1252, the values whose stored bytes hold such a sequence (example
    /// `utf-8`). Nil otherwise, and for a UTF-16 text (a byte order mark named it).
    private static func encodingUnsure(_ evidence: EncodingEvidence?, encoding: String) -> Finding? {
        guard let evidence else { return nil }
        let affected: (count: Int, first: RecordSeen?, wouldRead: TextEncoding)
        switch encoding {
        case TextEncoding.utf8.name:
            guard evidence.windowIsASCII == true, evidence.multibyteValues == 0, !evidence.multibyteElsewhere
            else { return nil }
            affected = (evidence.invalidValues, evidence.invalidFirst, .windows1252)
        case TextEncoding.windows1252.name:
            affected = (evidence.multibyteValues, evidence.multibyteFirst, .utf8)
        default:
            return nil
        }
        guard affected.count > 0, let first = affected.first else { return nil }
        return Finding(
            kind: .encodingUnsure, count: affected.count, example: affected.wouldRead.name, firstLine: first.line,
            byteOffset: first.byteOffset)
    }

    /// Blank column names (only spaces and tabs) and repeated ones (each after its first), when the input
    /// has a header.
    private static func columnNameFindings(_ header: HeaderState) -> [Finding] {
        guard let headerLine = header.line else { return [] }
        let namesRaw = header.namesRaw
        let trimmed = namesRaw.map { name in
            name.drop { $0 == 0x20 || $0 == 0x09 }.reversed().drop { $0 == 0x20 || $0 == 0x09 }
        }
        let blank = trimmed.indices.filter { trimmed[$0].isEmpty }
        var seenNames = Set<[UInt8]>()
        var repeated: [Int] = []
        for index in namesRaw.indices where !trimmed[index].isEmpty {
            if !seenNames.insert(namesRaw[index]).inserted { repeated.append(index) }
        }
        var findings: [Finding] = []
        if let first = blank.first {
            findings.append(
                Finding(
                    kind: .blankName, count: blank.count, example: decodeText(namesRaw[first]), firstLine: headerLine,
                    byteOffset: header.byteOffset, columns: blank))
        }
        if let first = repeated.first {
            findings.append(
                Finding(
                    kind: .duplicateName, count: repeated.count, example: decodeText(namesRaw[first]),
                    firstLine: headerLine, byteOffset: header.byteOffset, columns: repeated))
        }
        return findings
    }
}
