extension SourceTable {
    /// The report with every finding's position code turned into its line, source file and part-relative flag,
    /// re-sorted in contract order; unchanged when findings do not name sources.
    func resolving(_ report: Report) -> Report {
        guard namesSources else { return report }
        var resolved = report
        resolved.findings = resolve(report.findings)
        for index in resolved.columns.indices {
            resolved.columns[index].findings = resolve(resolved.columns[index].findings)
        }
        return resolved
    }

    private func resolve(_ findings: [Finding]) -> [Finding] {
        findings.map { finding in
            guard let code = finding.firstLine else { return finding }
            var resolved = finding
            let source = SourcePosition.source(of: code)
            resolved.firstLine = SourcePosition.line(of: code)
            resolved.sourceFile = names.indices.contains(source) ? names[source] : nil
            resolved.firstLineIsPartRelative = partRelative.contains(source)
            return resolved
        }.sorted(by: Finding.contractOrder)
    }
}
