/// Writes CSV cells that a spreadsheet opens as text, never as a formula.
///
/// Quoting follows RFC 4180 (`,` delimiter, `"` quote doubled inside quotes, CRLF record ends): a cell is
/// quoted when it holds a comma, a quote, CR or LF. Formula injection is neutralised as the OWASP "CSV
/// Injection" page recommends (<https://owasp.org/www-community/attacks/CSV_Injection>): a cell that starts
/// with `=`, `+`, `-`, `@`, a tab (0x09) or a carriage return (0x0D) gets a single quote `'` put in front,
/// and is quoted, unless the whole cell is a number (`-12.5`, `+3`, `-1e5`: the contract's integer and
/// decimal grammar without `inf`), which a spreadsheet reads as a number anyway. Spreadsheets show the
/// quote only in the edit line; the cell's text is the value. Other bytes are written as they are.
enum SpreadsheetCSV {
    /// Appends one cell (not its delimiter) to `output`.
    /// - Complexity: O(cell length).
    static func appendCell(_ cell: some Collection<UInt8>, to output: inout [UInt8]) {
        let neutralised = startsLikeFormula(cell)
        let needsQuotes = neutralised || cell.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0D || $0 == 0x0A }
        if !needsQuotes {
            output.append(contentsOf: cell)
            return
        }
        output.append(0x22)
        if neutralised { output.append(0x27) }
        for byte in cell {
            if byte == 0x22 { output.append(0x22) }
            output.append(byte)
        }
        output.append(0x22)
    }

    /// Appends one record: its cells joined by commas, then CRLF.
    static func appendRecord(_ cells: [[UInt8]], to output: inout [UInt8]) {
        for (index, cell) in cells.enumerated() {
            if index > 0 { output.append(0x2C) }
            appendCell(cell, to: &output)
        }
        output.append(contentsOf: [0x0D, 0x0A])
    }

    /// Whether a spreadsheet would run the cell as a formula: it starts with `= + - @`, tab or CR and is
    /// not a whole number.
    static func startsLikeFormula(_ cell: some Collection<UInt8>) -> Bool {
        guard let first = cell.first else { return false }
        switch first {
        case 0x3D, 0x40, 0x09, 0x0D: return true
        case 0x2B, 0x2D: return !isNumber(Array(cell))
        default: return false
        }
    }

    /// `[+-]?(digits)(\.digits*)?([eE][+-]?digits)?` or `[+-]?\.digits([eE][+-]?digits)?`.
    private static func isNumber(_ bytes: [UInt8]) -> Bool {
        func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
        var index = 0
        if index < bytes.count && (bytes[index] == 0x2B || bytes[index] == 0x2D) { index += 1 }
        let integerStart = index
        while index < bytes.count && isDigit(bytes[index]) { index += 1 }
        var digits = index - integerStart
        if index < bytes.count && bytes[index] == 0x2E {
            index += 1
            let fractionStart = index
            while index < bytes.count && isDigit(bytes[index]) { index += 1 }
            digits += index - fractionStart
        }
        guard digits > 0 else { return false }
        if index < bytes.count && (bytes[index] == 0x65 || bytes[index] == 0x45) {
            index += 1
            if index < bytes.count && (bytes[index] == 0x2B || bytes[index] == 0x2D) { index += 1 }
            let exponentStart = index
            while index < bytes.count && isDigit(bytes[index]) { index += 1 }
            if index == exponentStart { return false }
        }
        return index == bytes.count
    }
}
