#!/usr/bin/env python3
"""Prints which folder of Sources/DataQuality uses which, and fails on a cycle.

For every Swift file under the source root, the script finds the names it uses that are declared in another
folder: types (class, struct, enum, protocol, actor, typealias, at any nesting) and top-level functions,
constants and variables. A folder is the first path component under the root (State/Sketches counts as
State); a file directly in the root is a room of its own, named by its file name. Comments and the text of
string literals are ignored (the code inside a string interpolation counts), and so are names after a dot
(members and enum cases), names the file itself declares (its own types, functions, generic parameters) and
names declared in more than one folder (the use cannot be resolved without a compiler).

Output: one line per folder with the folders it uses and, for each, the names that make the dependency (up to
five, then a count); then every cycle, as the strongly connected components of the folder graph (Tarjan, 1972)
with one closed path through each, and the pairs of folders that use each other. Exit status: 0 without a
cycle, 1 with one, 2 on a usage error.

    scripts/folder-dependencies.py [SOURCE_ROOT]    default: Sources/DataQuality beside this script's folder
    scripts/folder-dependencies.py --self-test      checks the script on small synthetic trees
"""

import io
import os
import re
import sys
import tempfile
import unittest

IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
KEYWORDS = {
    "as", "associatedtype", "break", "case", "catch", "class", "continue", "default", "defer", "deinit", "do",
    "else", "enum", "extension", "fallthrough", "false", "for", "func", "guard", "if", "import", "in", "init",
    "inout", "is", "let", "nil", "operator", "protocol", "repeat", "return", "self", "Self", "static", "struct",
    "subscript", "super", "switch", "throw", "throws", "true", "try", "typealias", "var", "where", "while",
    "actor", "await", "async", "some", "any",
}
TYPE_DECLARATION = re.compile(
    r"\b(?:class|struct|enum|protocol|actor|typealias|associatedtype)\s+([A-Za-z_][A-Za-z0-9_]*)")
FUNCTION_DECLARATION = re.compile(r"\bfunc\s+([A-Za-z_][A-Za-z0-9_]*)")
VALUE_DECLARATION = re.compile(r"\b(?:let|var)\s+([A-Za-z_][A-Za-z0-9_]*)")
CASE_LINE = re.compile(r"\bcase\s+([^\n:]*)")
GENERIC_PARAMETERS = re.compile(r"\b(?:func|init|struct|class|enum|actor|typealias)\b[^<{(=\n]*<([^<>]*)>")


def code_only(text):
    """`text` with comments removed and string literals emptied; the code of interpolations is kept.

    Handles nested block comments, single-line, multi-line and raw (`#"..."#`) strings, and `\\(...)`
    interpolations (with their own nested strings and parentheses). Line breaks are kept, so line numbers hold.
    """
    output = []
    index = 0
    length = len(text)

    def skip_string(start, hashes, multiline):
        """Reads the literal from `start` (after its opening quotes) to its end; returns the end index and the
        code of its interpolations."""
        closing = ('"""' if multiline else '"') + "#" * hashes
        escape = "\\" + "#" * hashes
        position = start
        code = []
        while position < length:
            if text.startswith(closing, position):
                return position + len(closing), code
            if text.startswith(escape, position):
                after = position + len(escape)
                if after < length and text[after] == "(":
                    depth = 1
                    cursor = after + 1
                    piece_start = cursor
                    while cursor < length and depth > 0:
                        character = text[cursor]
                        if character == '"':
                            # A string inside the interpolation: skip it whole.
                            code.append(text[piece_start:cursor])
                            inner_multiline = text.startswith('"""', cursor)
                            cursor, inner_code = skip_string(cursor + (3 if inner_multiline else 1), 0, inner_multiline)
                            code.extend(inner_code)
                            piece_start = cursor
                            continue
                        if character == "(":
                            depth += 1
                        elif character == ")":
                            depth -= 1
                        cursor += 1
                    code.append(" " + text[piece_start:cursor - 1] + " ")
                    position = cursor
                    continue
                position = after + 1
                continue
            if text[position] == "\n":
                code.append("\n")
            position += 1
        return position, code

    while index < length:
        if text.startswith("//", index):
            end = text.find("\n", index)
            index = length if end < 0 else end
            continue
        if text.startswith("/*", index):
            depth = 1
            cursor = index + 2
            while cursor < length and depth > 0:
                if text.startswith("/*", cursor):
                    depth += 1
                    cursor += 2
                elif text.startswith("*/", cursor):
                    depth -= 1
                    cursor += 2
                else:
                    if text[cursor] == "\n":
                        output.append("\n")
                    cursor += 1
            index = cursor
            continue
        hashes = 0
        while index + hashes < length and text[index + hashes] == "#":
            hashes += 1
        if index + hashes < length and text[index + hashes] == '"':
            quote = index + hashes
            multiline = text.startswith('"""', quote)
            index, code = skip_string(quote + (3 if multiline else 1), hashes, multiline)
            output.append('""')
            output.extend(code)
            continue
        output.append(text[index])
        index += 1
    return "".join(output)


def enum_cases(code):
    """Names declared by `case` (enum cases), item by item: `case a, b(Int), c = 3`; a `case X.y` pattern
    declares nothing."""
    names = set()
    for items in CASE_LINE.findall(code):
        depth = 0
        item = ""
        for character in items + ",":
            if character in "([":
                depth += 1
            elif character in ")]":
                depth -= 1
            if character == "," and depth == 0:
                match = re.match(r"\s*([A-Za-z_][A-Za-z0-9_]*)\s*(.?)", item)
                if match and match.group(1) not in KEYWORDS and match.group(2) != ".":
                    names.add(match.group(1))
                item = ""
            else:
                item += character
    return names


def top_level_declarations(code):
    """Functions, constants and variables declared outside any braces and visible to other files (not private
    or fileprivate)."""
    names = set()
    depth = 0
    for line in code.split("\n"):
        if depth == 0:
            stripped = re.sub(r"^\s*(?:@\w+(?:\([^)]*\))?\s*)*", "", line)
            if not re.match(r"(?:private|fileprivate)\b", stripped):
                stripped = re.sub(r"^(?:public|internal|package)\s+", "", stripped)
                match = FUNCTION_DECLARATION.match(stripped) or VALUE_DECLARATION.match(stripped)
                if match:
                    names.add(match.group(1))
        depth += line.count("{") - line.count("}")
    return names


class SourceFile:
    def __init__(self, path, folder, text):
        self.path = path
        self.folder = folder
        self.code = code_only(text)
        self.types = set(TYPE_DECLARATION.findall(self.code))
        self.globals = top_level_declarations(self.code)
        self.functions = set(FUNCTION_DECLARATION.findall(self.code))
        self.values = set(VALUE_DECLARATION.findall(self.code)) | enum_cases(self.code)
        self.generic_parameters = set()
        for parameters in GENERIC_PARAMETERS.findall(self.code):
            for parameter in parameters.split(","):
                match = IDENTIFIER.match(parameter.strip())
                if match:
                    self.generic_parameters.add(match.group(0))

    def used_names(self):
        """Identifiers that are not keywords and do not follow a dot."""
        used = set()
        for match in IDENTIFIER.finditer(self.code):
            name = match.group(0)
            if name in KEYWORDS:
                continue
            before = self.code[:match.start()].rstrip()
            if before.endswith(".") and not before.endswith(".."):
                continue
            used.add(name)
        return used


def folder_of(root, path):
    return os.path.relpath(path, root).split(os.sep)[0]


def read_tree(root):
    files = []
    for directory, _, names in os.walk(root):
        for name in sorted(names):
            if name.endswith(".swift"):
                path = os.path.join(directory, name)
                with open(path, encoding="utf-8") as handle:
                    files.append(SourceFile(os.path.relpath(path, root), folder_of(root, path), handle.read()))
    return files


def folder_graph(files):
    """{folder: {used folder: sorted names}} from the declarations and uses of `files`."""
    types = {}
    globals_ = {}
    for file in files:
        for name in file.types:
            types.setdefault(name, set()).add(file.folder)
        for name in file.globals:
            globals_.setdefault(name, set()).add(file.folder)
    graph = {file.folder: {} for file in files}
    for file in files:
        local = file.types | file.functions | file.values | file.generic_parameters
        for name in file.used_names():
            if name in local:
                continue
            folders = set(types.get(name, ()))
            if name in globals_:
                folders |= globals_[name]
            if len(folders) != 1:
                continue
            (folder,) = folders
            if folder == file.folder:
                continue
            graph[file.folder].setdefault(folder, set()).add(name)
    return {folder: {used: sorted(names) for used, names in uses.items()} for folder, uses in graph.items()}


def strongly_connected_components(graph):
    """Tarjan's algorithm; components of more than one folder (or a folder using itself), sorted."""
    index_of = {}
    low = {}
    stack = []
    on_stack = set()
    components = []
    counter = [0]

    def visit(node):
        index_of[node] = low[node] = counter[0]
        counter[0] += 1
        stack.append(node)
        on_stack.add(node)
        for successor in sorted(graph.get(node, {})):
            if successor not in index_of:
                visit(successor)
                low[node] = min(low[node], low[successor])
            elif successor in on_stack:
                low[node] = min(low[node], index_of[successor])
        if low[node] == index_of[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                components.append(sorted(component))

    sys.setrecursionlimit(10000)
    for node in sorted(graph):
        if node not in index_of:
            visit(node)
    return sorted(components)


def cycle_through(graph, component):
    """One closed path through the component's first folder (breadth-first, so the shortest)."""
    members = set(component)
    start = component[0]
    paths = {start: [start]}
    queue = [start]
    while queue:
        node = queue.pop(0)
        for successor in sorted(graph[node]):
            if successor not in members:
                continue
            if successor == start:
                return paths[node] + [start]
            if successor not in paths:
                paths[successor] = paths[node] + [successor]
                queue.append(successor)
    return [start]


def describe(names):
    shown = ", ".join(names[:5])
    return shown + (f" and {len(names) - 5} more" if len(names) > 5 else "")


def report(graph, output):
    output.write("Folder dependencies (folder -> folders it uses: names that make the dependency):\n")
    for folder in sorted(graph):
        uses = graph[folder]
        if not uses:
            output.write(f"{folder} -> (nothing)\n")
            continue
        output.write(f"{folder} ->\n")
        for used in sorted(uses):
            output.write(f"    {used}: {describe(uses[used])}\n")
    components = strongly_connected_components(graph)
    if not components:
        output.write("No cycle.\n")
        return 0
    output.write(f"{len(components)} cycle(s) (strongly connected folders):\n")
    for component in components:
        path = cycle_through(graph, component)
        output.write(f"  {' <-> '.join(component)}; for example {' -> '.join(path)}\n")
        for source, target in zip(path, path[1:]):
            output.write(f"    {source} -> {target}: {describe(graph[source][target])}\n")
    pairs = [
        (one, other) for one in sorted(graph) for other in sorted(graph[one]) if one < other and one in graph[other]
    ]
    if pairs:
        output.write("Folders that use each other:\n")
        for one, other in pairs:
            output.write(f"  {one} <-> {other}\n")
            output.write(f"    {one} -> {other}: {describe(graph[one][other])}\n")
            output.write(f"    {other} -> {one}: {describe(graph[other][one])}\n")
    return 1


def main(arguments):
    if arguments == ["--self-test"]:
        suite = unittest.defaultTestLoader.loadTestsFromTestCase(SelfTest)
        result = unittest.TextTestRunner(stream=sys.stdout, verbosity=1).run(suite)
        return 0 if result.wasSuccessful() else 1
    if len(arguments) > 1 or (arguments and arguments[0].startswith("-")):
        sys.stderr.write("usage: folder-dependencies.py [SOURCE_ROOT] | --self-test\n")
        return 2
    default = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Sources", "DataQuality")
    root = arguments[0] if arguments else default
    if not os.path.isdir(root):
        sys.stderr.write(f"folder-dependencies.py: {root} is not a folder.\n")
        return 2
    return report(folder_graph(read_tree(root)), sys.stdout)


class SelfTest(unittest.TestCase):
    def graph_of(self, files):
        with tempfile.TemporaryDirectory() as root:
            for path, text in files.items():
                os.makedirs(os.path.dirname(os.path.join(root, path)), exist_ok=True)
                with open(os.path.join(root, path), "w", encoding="utf-8") as handle:
                    handle.write(text)
            return folder_graph(read_tree(root))

    def report_of(self, graph):
        """The exit status and text of ``report``."""
        output = io.StringIO()
        return report(graph, output), output.getvalue()

    def test_use_of_a_type_is_an_edge_and_nested_folders_count_as_their_top_folder(self):
        graph = self.graph_of({
            "State/Sketches/Sketch.swift": "struct Sketch {}\n",
            "Folding/Fold.swift": "final class Fold { var sketch = Sketch() }\n",
        })
        self.assertEqual(graph, {"State": {}, "Folding": {"State": ["Sketch"]}})

    # (what the case shows, files, the folder whose uses are checked, the uses expected)
    USE_CASES = [
        (
            "comments and the text of strings make no edge",
            {
                "A/Alpha.swift": "struct Alpha {}\n",
                "B/Beta.swift": (
                    "// Alpha in a line comment\n/* Alpha /* nested */ Alpha */\n/// Alpha in a doc comment\n"
                    "let text = \"Alpha\"\nlet raw = #\"Alpha \\(Alpha) \"quoted\" \"#\n"
                    "let block = \"\"\"\n    Alpha \"quoted\" Alpha\n    \"\"\"\nstruct Beta {}\n"
                ),
            },
            "B", {},
        ),
        (
            "code inside an interpolation is an edge",
            {
                "A/Alpha.swift": "enum Alpha { static let count = 3 }\n",
                "B/Beta.swift": 'let text = "count \\(String(describing: "x \\(1)") + "\\(Alpha.count)")"\n',
            },
            "B", {"A": ["Alpha"]},
        ),
        (
            "members after a dot, generic parameters, enum cases and the file's own functions make no edge",
            {
                "A/Alpha.swift": "struct Alpha {}\nfunc helper() {}\nstruct Value {}\n",
                "B/Beta.swift": (
                    "struct Beta<Value> { let kind = Kind.Alpha; func run() { self.helper() } }\n"
                    "extension Beta { func helper() {} func other() { helper() } }\nenum Kind { case Alpha }\n"
                ),
            },
            "B", {},
        ),
        (
            "a call of a free function is an edge",
            {
                "A/Dates.swift": "func daysFromCivil(_ year: Int) -> Int { year }\n",
                "B/Use.swift": "struct Use { let days = daysFromCivil(2024) }\n",
            },
            "B", {"A": ["daysFromCivil"]},
        ),
        (
            "a name declared in two folders is not resolved",
            {
                "A/One.swift": "struct One { struct Entry {} }\n",
                "B/Two.swift": "struct Two { struct Entry {} }\n",
                "C/Three.swift": "let entry: Entry? = nil\n",
            },
            "C", {},
        ),
    ]

    def test_uses(self):
        for behaviour, files, folder, expected in self.USE_CASES:
            with self.subTest(behaviour):
                self.assertEqual(self.graph_of(files)[folder], expected)

    def test_a_cycle_is_found_and_reported_with_exit_status_one(self):
        graph = self.graph_of({
            "A/Alpha.swift": "struct Alpha { let beta: Beta }\n",
            "B/Beta.swift": "struct Beta { let gamma: Gamma }\n",
            "C/Gamma.swift": "struct Gamma { let alpha: [Alpha] }\n",
            "D/Delta.swift": "struct Delta { let alpha: Alpha }\n",
            "Top.swift": "struct Top { let delta: Delta }\n",
        })
        self.assertEqual(strongly_connected_components(graph), [["A", "B", "C"]])
        self.assertEqual(cycle_through(graph, ["A", "B", "C"]), ["A", "B", "C", "A"])
        self.assertEqual(graph["Top.swift"], {"D": ["Delta"]})
        status, text = self.report_of(graph)
        self.assertEqual(status, 1)
        self.assertIn("  A <-> B <-> C; for example A -> B -> C -> A\n", text)
        self.assertIn("    C -> A: Alpha\n", text)
        self.assertNotIn("Folders that use each other", text)

    def test_a_pair_of_folders_is_listed_both_ways_and_no_cycle_exits_zero(self):
        alpha = "struct Alpha { let beta: Beta? }\n"
        cases = [
            (alpha, 1, "Folders that use each other:\n  A <-> B\n    A -> B: Beta\n    B -> A: Alpha\n"),
            ("struct Alpha {}\n", 0, "A -> (nothing)\nB ->\n    A: Alpha\nNo cycle.\n"),
        ]
        for alpha_text, expected_status, expected_end in cases:
            with self.subTest(expected_status=expected_status):
                beta_text = "struct Beta { let alpha: Alpha? }\n"
                graph = self.graph_of({"A/Alpha.swift": alpha_text, "B/Beta.swift": beta_text})
                status, text = self.report_of(graph)
                self.assertEqual(status, expected_status)
                self.assertTrue(text.endswith(expected_end), text)

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
