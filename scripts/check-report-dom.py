#!/usr/bin/env python3
"""Check the DOM that Chromium built from a dqcli HTML report (its --dump-dom output).

Usage: check-report-dom.py DOM.html [--expect-text TEXT ...]

Fails (exit 1, one line per problem) when the DOM holds an element dqcli never writes (script, img, iframe,
object, embed, link, base, form, input, ...), an event-handler attribute (on*), a javascript: URL, or more
than the one <style> element of the report; and when an --expect-text string is not found, whole, in one
text node (so a hostile value rendered as text, not as markup). Python's html.parser only: no packages.
"""
import argparse
import sys
from html.parser import HTMLParser

# Every element the HTML renderer writes (Sources/DataQuality/Reporting/HTMLReportRenderer.swift).
ALLOWED = {
    "html", "head", "meta", "title", "style", "body", "header", "main", "footer", "section", "div", "h1", "h2",
    "h3", "h4", "p", "dl", "dt", "dd", "span", "ul", "li", "code", "a", "table", "thead", "tbody", "tr", "th",
    "td", "figure", "figcaption", "svg", "rect", "line", "text",
}


class Collector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []
        self.texts = []
        self.styles = 0

    def handle_starttag(self, tag, attrs):
        if tag not in ALLOWED:
            self.problems.append(f"unexpected element <{tag}>")
        if tag == "style":
            self.styles += 1
        for name, value in attrs:
            if name.lower().startswith("on"):
                self.problems.append(f"event-handler attribute {name} on <{tag}>")
            if value and value.strip().lower().startswith("javascript:"):
                self.problems.append(f"javascript: URL in {name} on <{tag}>")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_data(self, data):
        self.texts.append(data)

    def handle_comment(self, data):
        self.problems.append(f"unexpected comment <!--{data}-->")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dom")
    parser.add_argument("--expect-text", action="append", default=[])
    args = parser.parse_args()
    with open(args.dom, encoding="utf-8") as handle:
        collector = Collector()
        collector.feed(handle.read())
        collector.close()
    problems = list(collector.problems)
    if collector.styles != 1:
        problems.append(f"{collector.styles} <style> elements, expected 1")
    for text in args.expect_text:
        if not any(text in node for node in collector.texts):
            problems.append(f"text not found in any text node: {text!r}")
    for problem in problems:
        print(f"{args.dom}: {problem}")
    if problems:
        sys.exit(1)
    print(f"{args.dom}: ok ({len(args.expect_text)} texts found, no foreign element or attribute)")


if __name__ == "__main__":
    main()
