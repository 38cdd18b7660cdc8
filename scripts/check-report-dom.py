#!/usr/bin/env python3
"""Check the DOM that Chromium built from a dqcli HTML report (its --dump-dom output).

Usage: check-report-dom.py DOM.html [--expect-text TEXT ...] [--expect-element TAG.CLASS=COUNT ...]

Fails (exit 1, one line per problem) when the DOM holds an element dqcli never writes (script, img, iframe,
object, embed, link, base, form, input, ...), an event-handler attribute (on*), a javascript: URL, or more
than the one <style> element of the report; when an --expect-text string is not found, whole, in one
text node (so a hostile value rendered as text, not as markup); and when the DOM does not hold exactly COUNT
elements TAG whose class attribute lists CLASS (`svg.trend=1`; `TAG=COUNT` counts every TAG). Python's
html.parser only: no packages. Used for the profile report and for the history and diff pages.
"""
import argparse
import sys
from html.parser import HTMLParser

# Every element the HTML renderers write (Sources/DataQuality/Rendering/HTMLReportRenderer.swift and
# HistoryHTMLRenderer.swift).
ALLOWED = {
    "html", "head", "meta", "title", "style", "body", "header", "main", "footer", "section", "div", "h1", "h2",
    "h3", "h4", "p", "dl", "dt", "dd", "span", "ul", "li", "code", "a", "table", "thead", "tbody", "tr", "th",
    "td", "figure", "figcaption", "svg", "rect", "line", "text", "polyline", "circle",
}


class Collector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []
        self.texts = []
        self.styles = 0
        self.elements = []

    def handle_starttag(self, tag, attrs):
        classes = next((value or "" for name, value in attrs if name == "class"), "").split()
        self.elements.append((tag, classes))
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
    parser.add_argument("--expect-element", action="append", default=[])
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
    for expectation in args.expect_element:
        selector, _, wanted = expectation.partition("=")
        tag, _, css_class = selector.partition(".")
        found = sum(1 for name, classes in collector.elements if name == tag and (not css_class or css_class in classes))
        if found != int(wanted):
            problems.append(f"{found} elements {selector}, expected {wanted}")
    for problem in problems:
        print(f"{args.dom}: {problem}")
    if problems:
        sys.exit(1)
    print(
        f"{args.dom}: ok ({len(args.expect_text)} texts and {len(args.expect_element)} element counts found,"
        " no foreign element or attribute)"
    )


if __name__ == "__main__":
    main()
