import Foundation
import Testing

/// Fixtures/crafted/hostile.csv through the built dqcli in every output format: markup, Markdown and table
/// syntax in the header and values must come out as text.
@Suite struct HostileInputTests {
    static let fixture = "Fixtures/crafted/hostile.csv"

    /// The header fields, as written in the fixture (read here with a hand-written expectation, not dqcli).
    static let header = [
        "<script>alert(\"h1\")</script>", "\"><img src=x onerror=alert('h2')>", "</style><i>h3</i>", "note|pipe"
    ]

    /// Every element the HTML renderer writes.
    static let allowedElements: Set<String> = [
        "html", "head", "meta", "title", "style", "body", "header", "main", "footer", "section", "div", "h1", "h2",
        "h3", "h4", "p", "dl", "dt", "dd", "span", "ul", "li", "code", "a", "table", "thead", "tbody", "tr", "th",
        "td", "figure", "figcaption", "svg", "rect", "line", "text"
    ]

    private func output(_ format: String) throws -> String {
        let result = try runDQCLI(["profile", Self.fixture, "--format", format, "--color", "never"])
        #expect(result.status == 0, "stderr: \(result.stderrText)")
        return result.stdoutText
    }

    @Test func jsonKeepsEveryStringExactly() throws {
        let report = try JSONParser.parse(Data(try output("json").utf8))
        let names = (report["columns"]?.arrayValue ?? []).compactMap { $0["name"]?.stringValue }
        #expect(names == Self.header)
        let top = (report["columns"]?.arrayValue?[0]["top_values"]?.arrayValue ?? []).compactMap {
            $0["value"]?.stringValue
        }
        #expect(top.first == "<script>alert(\"v1\")</script>")
        let notes = (report["columns"]?.arrayValue?[3]["top_values"]?.arrayValue ?? []).compactMap {
            $0["value"]?.stringValue
        }
        #expect(notes.contains("line one\nline two"))
    }

    @Test func htmlHoldsNoMarkupFromTheData() throws {
        let html = try output("html")
        // Tag names: after escaping, every `<` in the page opens one of our own elements.
        let tags = try Regex("<\\/?([a-zA-Z][a-zA-Z0-9]*)")
        let names = Set(html.matches(of: tags).map { String(html[$0.range].drop { $0 == "<" || $0 == "/" }) })
        #expect(
            names.isSubset(of: Self.allowedElements), "foreign elements: \(names.subtracting(Self.allowedElements))")
        // No event-handler attribute inside any tag.
        let handler = try Regex("<[^>]*\\son[a-z]+\\s*=")
        #expect(html.firstMatch(of: handler) == nil)
        #expect(html.components(separatedBy: "<style>").count == 2)
        #expect(html.components(separatedBy: "</style>").count == 2)
        #expect(!html.contains("<!--"))
        // The hostile strings are there, escaped.
        for escaped in [
            "&lt;script&gt;alert(&quot;h1&quot;)&lt;/script&gt;",
            "&quot;&gt;&lt;img src=x onerror=alert(&#39;h2&#39;)&gt;",
            "&lt;/style&gt;&lt;i&gt;h3&lt;/i&gt;", "&lt;/title&gt;&lt;svg onload=alert(&#39;v4&#39;)&gt;",
            "&amp;lt;b&amp;gt;entity&amp;lt;/b&amp;gt;", "&lt;!-- comment --&gt;"
        ] {
            #expect(html.contains(escaped), "missing \(escaped)")
        }
    }

    @Test func markdownTablesStayTables() throws {
        let markdown = try output("markdown")
        #expect(!markdown.contains("<"))
        // Each table row has as many unescaped pipes as its header row.
        var expectedPipes: Int?
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            guard line.hasPrefix("|") else {
                expectedPipes = nil
                continue
            }
            #expect(line.hasSuffix("|"), "row does not end with a pipe: \(line)")
            var pipes = 0
            var escaped = false
            for character in line {
                if character == "|" && !escaped { pipes += 1 }
                escaped = character == "\\" && !escaped
            }
            if let expectedPipes {
                #expect(pipes == expectedPipes, "row \(line)")
            } else {
                expectedPipes = pipes
            }
        }
        for text in [
            "&lt;script&gt;alert(\"h1\")&lt;/script&gt;", "note\\|pipe", "\"line one⏎line two\"",
            "a\\|b \\`tick\\` \\*star\\* \\_u\\_ \\[l\\](http://x) \\@someone \\#1", "&amp;lt;b&amp;gt;entity"
        ] {
            #expect(markdown.contains(text), "missing \(text)")
        }
    }

    @Test func tableShowsTheHeaderAsVisibleText() throws {
        let table = try output("table")
        #expect(!table.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
        let lines = table.split(separator: "\n")
        #expect(lines.allSatisfy { $0.count <= 80 })
        #expect(lines.contains { $0.hasPrefix("<script>alert") })
        #expect(lines.contains { $0.hasPrefix("note|pipe") })
    }
}
