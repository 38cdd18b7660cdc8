// The encoding half of the report types' `Codable`: each writes the tree ``JSONReportRenderer`` makes (the
// contract's keys and values), so the renderer and `JSONEncoder` cannot drift apart. The decoding half sits
// beside each type (`Reporting/Report+Codable.swift`, `Governance/CheckedReport.swift`).

extension Report {
    /// Writes the contract's keys and values (those of ``JSONReportRenderer``, which also fixes the key order
    /// and number spelling: use it for report files).
    public func encode(to encoder: any Encoder) throws {
        try JSONReportRenderer().jsonValue(of: CheckedReport(report: self)).encode(to: encoder)
    }
}

extension SourceDescription {
    /// Writes the report's `source` object.
    public func encode(to encoder: any Encoder) throws {
        try JSONReportRenderer.json(self).encode(to: encoder)
    }
}

extension ReportOptions {
    /// Writes the report's `options` object.
    public func encode(to encoder: any Encoder) throws {
        try JSONReportRenderer.json(self).encode(to: encoder)
    }
}

extension Scores {
    /// Writes a `scores` object.
    public func encode(to encoder: any Encoder) throws {
        try JSONReportRenderer.json(self).encode(to: encoder)
    }
}

extension Finding {
    /// Writes a finding (its present optional keys only).
    public func encode(to encoder: any Encoder) throws {
        try JSONReportRenderer.json(self).encode(to: encoder)
    }
}

extension ColumnProfile {
    /// Writes a column profile.
    public func encode(to encoder: any Encoder) throws {
        try JSONReportRenderer.json(self).encode(to: encoder)
    }
}

extension CheckedReport {
    /// Writes the report's keys and values as ``JSONReportRenderer`` does (which also fixes the key order and
    /// number spelling: use it for report files).
    public func encode(to encoder: any Encoder) throws {
        try JSONReportRenderer().jsonValue(of: self).encode(to: encoder)
    }
}
