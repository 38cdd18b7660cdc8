import Foundation
import Testing

/// The formats `dqcli profile --help` lists for `--format` (`(values: table, json, ...)`, wrapped or not), so a
/// format added later is covered without editing this test.
private func offeredFormats() throws -> [String] {
    let help = try runDQCLI(["profile", "--help"]).stdoutText.split(whereSeparator: \.isWhitespace)
        .joined(separator: " ")
    guard let option = help.range(of: "--format <format>"),
        let start = help[option.upperBound...].range(of: "(values: "),
        let end = help[start.upperBound...].firstIndex(where: { $0 == ";" || $0 == ")" })
    else { return [] }
    return help[start.upperBound..<end].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
}

/// Values a redacted report may keep: numbers, dates and times, booleans and null tokens.
private func mayStay(_ value: String) -> Bool {
    let trimmed = value.trimmingCharacters(in: CharacterSet(charactersIn: " \t"))
    if Double(trimmed) != nil { return true }
    if !trimmed.isEmpty && trimmed.unicodeScalars.allSatisfy({ "0123456789/.:-+TZ ".unicodeScalars.contains($0) }) {
        return true
    }
    if ["true", "false", "yes", "no"].contains(trimmed.lowercased()) { return true }
    return nullTokens.contains(trimmed)
}

/// pandas' default null tokens, which the report's options list (they are the caller's, not the data's).
private let nullTokens = [
    "#N/A N/A", "#N/A", "#NA", "-1.#IND", "-1.#QNAN", "-NaN", "-nan", "1.#IND", "1.#QNAN", "<NA>", "N/A", "NA",
    "NULL", "NaN", "None", "n/a", "nan", "null"
]

/// The string values of a simple CSV fixture (no quoted delimiters or line breaks): every field of every
/// record after the header, with and without surrounding quotes and spaces, and every record's text; only
/// those of three or more characters that are not column names and may not stay.
private func stringValues(of path: String) throws -> Set<String> {
    let text = String(decoding: try Data(contentsOf: fixtureURL(path)), as: UTF8.self)
    let lines = text.split(omittingEmptySubsequences: true, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
        .map(String.init)
    guard let header = lines.first else { return [] }
    let names = Set(header.split(separator: ",", omittingEmptySubsequences: false).map(String.init))
    var values = Set<String>()
    for line in lines.dropFirst() {
        values.insert(line)
        for field in line.split(separator: ",", omittingEmptySubsequences: false).map(String.init) {
            values.insert(field)
            values.insert(field.trimmingCharacters(in: CharacterSet(charactersIn: "\"")))
            values.insert(field.trimmingCharacters(in: .whitespaces))
        }
    }
    return values.filter { $0.unicodeScalars.count >= 3 && !names.contains($0) && !mayStay($0) }
}

/// A value as the formats may write it: as is, JSON-escaped, HTML-escaped, Markdown-table-escaped (only `|`,
/// or as the Markdown report escapes text).
private func writtenForms(of value: String) -> [String] {
    var json = ""
    for scalar in value.unicodeScalars {
        switch scalar {
        case "\"": json += "\\\""
        case "\\": json += "\\\\"
        case "\n": json += "\\n"
        case "\r": json += "\\r"
        case "\t": json += "\\t"
        default:
            json += scalar.value < 0x20 ? String(format: "\\u%04x", scalar.value) : String(scalar)
        }
    }
    let html = value.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
        .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
        .replacingOccurrences(of: "'", with: "&#39;")
    let markdown = value.replacingOccurrences(of: "|", with: "\\|")
    // MarkdownReportRenderer's escaping: & < > as references, a backslash before \ ` * _ [ ] | ~ # $ @.
    var markdownReport = ""
    for character in value {
        switch character {
        case "&": markdownReport += "&amp;"
        case "<": markdownReport += "&lt;"
        case ">": markdownReport += "&gt;"
        case "\\", "`", "*", "_", "[", "]", "|", "~", "#", "$", "@": markdownReport += "\\" + String(character)
        default: markdownReport.append(character)
        }
    }
    return [value, json, html, markdown, markdownReport]
}

/// A report's text as a C string, for ``occurs(_:in:)``.
private func cString(_ bytes: some Collection<UInt8>) -> [CChar] {
    precondition(!bytes.contains(0), "a report holds a NUL byte, which would end the search early")
    return bytes.map { CChar(bitPattern: $0) } + [0]
}

/// Whether the UTF-8 bytes of `needle` occur in `haystack` (a ``cString(_:)``), by the C library's `strstr`:
/// the tests below look for thousands of values in reports of hundreds of kilobytes, and `String.contains` in
/// a debug build took minutes for it.
private func occurs(_ needle: String, in haystack: [CChar]) -> Bool {
    needle.withCString { strstr(haystack, $0) != nil }
}

@Suite struct RedactionTests {
    static let fixtures = [
        "Fixtures/crafted/redaction.csv", "Fixtures/real/penguins.csv", "Fixtures/real/flights-sample.csv"
    ]

    @Test func helpOffersTableAndJSON() throws {
        let formats = try offeredFormats()
        #expect(formats.contains("table") && formats.contains("json"), "formats: \(formats)")
    }

    /// Without --redact the same check finds the values (so the check can fail); with it, none is left.
    @Test(arguments: fixtures)
    func noStringValueAppearsInAnyRedactedFormat(_ fixture: String) throws {
        let values = try stringValues(of: fixture)
        #expect(values.count >= 10, "\(fixture): only \(values.count) values to look for")
        for format in try offeredFormats() {
            let plain = try runDQCLI(["profile", fixture, "--format", format, "--color", "never"])
            #expect(plain.status == 0, "\(fixture) \(format): \(plain.stderrText)")
            if format != "table" {
                let plainOutput = cString(plain.stdout)
                #expect(
                    values.contains { writtenForms(of: $0).contains { occurs($0, in: plainOutput) } },
                    "\(fixture): the plain \(format) report shows no value")
            }

            let redacted = try runDQCLI(["profile", fixture, "--format", format, "--color", "never", "--redact"])
            #expect(redacted.status == 0, "\(fixture) \(format): \(redacted.stderrText)")
            var output = redacted.stdoutText + redacted.stderrText
            for token in nullTokens { output = output.replacingOccurrences(of: "\"\(token)\"", with: "") }
            // The format's own words (`FINDING` holds the airport code `IND`) show in the report of a file
            // without strings too: those are not leaks.
            let template = cString(
                try runDQCLI(
                    ["profile", "-", "--format", format, "--color", "never", "--redact"],
                    stdin: Data("n\n1\n2\n".utf8)
                ).stdout)
            let outputBytes = cString(output.utf8)
            let leaked = values.filter { value in
                writtenForms(of: value).contains { occurs($0, in: outputBytes) && !occurs($0, in: template) }
            }.sorted()
            #expect(leaked.isEmpty, "\(fixture) \(format): redacted output holds \(leaked.prefix(10))")
        }
    }

    /// A rule that breaks names its first breaking value in `example` and in its message; with --redact both are
    /// shapes, in the report and in the `rule failed` lines on standard error. Words of the rule file (allowed
    /// values, patterns) are not the data's and may stay.
    @Test func ruleExamplesAreRedactedInEveryFormatAndOnStandardError() throws {
        let fixture = "Fixtures/rules/every-rule.csv"
        let ruleText = String(
            decoding: try Data(contentsOf: fixtureURL("Fixtures/rules/every-rule.yml")), as: UTF8.self)
        let values = try stringValues(of: fixture).filter { !ruleText.contains($0) }
        #expect(values.contains("pending") && values.contains("Maximiliana"))
        let check = ["check", fixture, "--rules", "Fixtures/rules/every-rule.yml", "--color", "never"]
        let plain = try runDQCLI(check + ["--format", "json"])
        #expect(plain.status == 1)
        #expect(plain.stdoutText.contains("\"example\": \"pending\"") && plain.stderrText.contains("`Maximiliana`"))
        for format in try offeredFormats() {
            let redacted = try runDQCLI(check + ["--format", format, "--redact"])
            #expect(redacted.status == 1, "\(format): \(redacted.stderrText)")
            let output = redacted.stdoutText + redacted.stderrText
            let leaked = values.filter { value in writtenForms(of: value).contains(where: output.contains) }.sorted()
            #expect(leaked.isEmpty, "\(format): redacted output holds \(leaked)")
        }
        let json = try runDQCLI(check + ["--format", "json", "--redact"])
        #expect(json.stdoutText.contains("\"example\": \"aaaaaaa\""))
        #expect(json.stderrText.contains("1 value with a length outside 2...10, first at line 9: `Aaaaaaaaaaa`."))
    }

    @Test func redactedJSONRecordsTheOptionAndShowsShapes() throws {
        let result = try runDQCLI(["profile", "Fixtures/crafted/redaction.csv", "--format", "json", "--redact"])
        let report = try JSONParser.parse(result.stdout)
        #expect(report["options"]?["redacted"] == .bool(true))
        let customer = try walk(report, "columns.customer").get()
        // Hand-shaped: "Zelda Quorn" twice (lines 2 and 8) is the top value; min and max in byte order.
        #expect(
            customer["top_values"]?.arrayValue?.first == .object(["value": .string("Aaaaa Aaaaa"), "count": .int(2)]))
        #expect(customer["min"] == .string("Aaa Aaaaa"))
        #expect(customer["max"] == .string("Aaaa Aaaaaaa"))
        #expect(try walk(report, "columns.amount.max").get() == .double(12.5))
        #expect(try walk(report, "columns.joined.max").get() == .string("2021-03-11"))
        let plain = try JSONParser.parse(
            try runDQCLI(["profile", "Fixtures/crafted/redaction.csv", "--format", "json"]).stdout)
        #expect(plain["options"]?["redacted"] == .bool(false))
    }
}
