/// The shape of a text: what a value looks like without what it says.
///
/// Rule, per Unicode scalar: an upper-case or title-case letter becomes `A`; any other letter (lower case,
/// or a script without case) becomes `a`; a decimal digit of any script becomes `9`; an ASCII space or
/// printable ASCII punctuation (`!"#$%&'()*+,-./:;<=>?@[\]^_`{|}~`) is kept; everything else (control
/// characters, tab, other spaces such as U+00A0, non-ASCII punctuation and symbols, combining marks, the
/// U+FFFD that replaces invalid UTF-8) becomes `_`. So `Zoë Müller 42` becomes `Aaa Aaaaaa 99`,
/// `ann.lee@mail.example` becomes `aaa.aaa@aaaa.aaaaaaa`, and the length in scalars is kept. A value made
/// only of ASCII punctuation and spaces (`---`) has no letter or digit to hide and is kept as it is.
public enum ValueShape {
    /// The shape of `text`, scalar by scalar.
    /// - Complexity: O(n) in the text's scalars.
    public static func of(_ text: String) -> String {
        var shape = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            shape.append(shapeScalar(scalar))
        }
        return String(shape)
    }

    private static func shapeScalar(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        let properties = scalar.properties
        switch properties.generalCategory {
        case .uppercaseLetter, .titlecaseLetter: return "A"
        case .lowercaseLetter, .modifierLetter, .otherLetter: return "a"
        case .decimalNumber: return "9"
        default:
            if scalar.value >= 0x20 && scalar.value < 0x7F { return scalar }
            return "_"
        }
    }
}

extension Report {
    /// A copy of the report with every raw string from the data replaced by its shape (``ValueShape``), for
    /// sharing a report without sharing the data. Apply it before any renderer: every format then shows the
    /// redacted values.
    ///
    /// Fields replaced by their shapes:
    /// - every column's ``ColumnProfile/topValues`` values (their counts stay);
    /// - ``ColumnProfile/min`` and ``ColumnProfile/max`` of `string` columns;
    /// - the ``Finding/example`` of every dataset and column finding (record texts and values), except
    ///   `blank_name` and `duplicate_name`, whose examples are column names.
    ///
    /// Kept as they are: column names, the source path, the options (null tokens and key names are the
    /// caller's, not the data's), counts, scores, numbers (numeric `min`, `max`, `mean`, `stddev`), dates,
    /// times and datetimes (`min`, `max` of those columns, already rewritten as ISO 8601), format names,
    /// and messages. ``ReportOptions/redacted`` becomes true (JSON `options.redacted`).
    ///
    /// A field added to ``Report`` later that holds strings from the data must be added here.
    /// - Complexity: O(size of the report).
    public func redacted() -> Report {
        var copy = self
        copy.options.redacted = true
        copy.findings = findings.map(Self.redacted)
        copy.columns = columns.map { column in
            var column = column
            column.topValues = column.topValues.map { ValueCount(value: ValueShape.of($0.value), count: $0.count) }
            if column.type == .string {
                column.min = column.min.map(Self.redacted)
                column.max = column.max.map(Self.redacted)
            }
            column.findings = column.findings.map(Self.redacted)
            return column
        }
        return copy
    }

    private static func redacted(_ finding: Finding) -> Finding {
        if finding.kind == .blankName || finding.kind == .duplicateName { return finding }
        var finding = finding
        finding.example = finding.example.map(ValueShape.of)
        return finding
    }

    private static func redacted(_ bound: BoundValue) -> BoundValue {
        if case .text(let text) = bound { return .text(ValueShape.of(text)) }
        return bound
    }
}
