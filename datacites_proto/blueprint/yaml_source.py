"""Safe YAML loading that remembers where every key and value was written."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from datacites_proto.errors import Loc, Problem
from datacites_proto.i18n import Msg

# Only the tags a plain, safe YAML document can carry; anything else (!!python/object,
# custom !tags) is refused before a single value is built.
SAFE_TAGS = {
    "tag:yaml.org,2002:" + name
    for name in (
        "str",
        "int",
        "float",
        "bool",
        "null",
        "timestamp",
        "map",
        "seq",
        "merge",
        "binary",
    )
}
MERGE_TAG = "tag:yaml.org,2002:merge"
# Aliases can make a tiny file expand exponentially ("billion laughs"); no blueprint
# needs this many nodes.
MAX_NODES = 200_000
# Refused before parsing: PyYAML's node tree costs ~20 times the text (a 50 MB file took
# 1.1 GB). The biggest shipped blueprint is under 50 KB; data belongs in data files.
MAX_BYTES = 2 * 1024 * 1024
_MEGABYTE = 1024 * 1024

# `icon: :material/home:` unquoted: YAML reads the last colon as a key's (Streamlit's own
# docs write the name in Python strings, so people copy it bare).
_UNQUOTED_ICON = re.compile(r"^\s*(-\s+)?icon:\s*:material/")

# PyYAML's problem texts (or the context they were found in), mapped to our message codes;
# the first that matches wins, so a precise text comes before a general one.
_SYNTAX_CODES = {
    "found character '\\t' that cannot start any token": "yaml_tab",
    "found character '": "yaml_bad_start_character",
    "mapping values are not allowed here": "yaml_mapping_values",
    "could not find expected ':'": "yaml_expected_colon",
    "found unexpected end of stream": "yaml_unexpected_end",
    "expected ',' or '}'": "yaml_flow_mapping_separator",
    "expected ',' or ']'": "yaml_flow_sequence_separator",
    "expected <block end>, but found '-'": "yaml_dash_in_mapping",
    "expected <block end>, but found '<scalar>'": "yaml_text_after_value",
    "expected <block end>, but found": "yaml_bad_indent",
    "while scanning an anchor": "yaml_bad_anchor",
    "while scanning an alias": "yaml_bad_anchor",
    "while scanning a block scalar": "yaml_bad_block_scalar",
    "found undefined alias": "yaml_undefined_alias",
    "found duplicate anchor": "yaml_duplicate_anchor",
    "expected a single document in the stream": "yaml_several_documents",
    "found unknown escape character": "yaml_bad_escape",
    "found unexpected ':'": "yaml_mapping_values",
}


@dataclass(frozen=True)
class NodePos:
    """Where a value (and, inside a mapping, its key) starts; 1-based."""

    line: int
    col: int
    key_line: int | None = None
    key_col: int | None = None
    quoted: bool = False


@dataclass
class YamlDocument:
    """A parsed YAML file: plain Python data plus the position of every node."""

    path: Path
    display: str
    text: str
    data: Any = None
    positions: dict[Loc, NodePos] = field(default_factory=dict)

    def position(self, loc: Loc, *, key: bool = False) -> NodePos | None:
        """The position of `loc`, or of its nearest written ancestor."""
        for end in range(len(loc), -1, -1):
            pos = self.positions.get(tuple(loc[:end]))
            if pos is not None:
                if key and end == len(loc) and pos.key_line is not None:
                    return NodePos(pos.key_line, pos.key_col or 1)
                return pos
        return None

    def is_written(self, loc: Loc) -> bool:
        return tuple(loc) in self.positions

    def snippet(self, line: int | None, col: int | None, context: int = 2) -> str | None:
        """At most `context` + 1 lines of the file ending at `line`, with a caret under `col`."""
        if line is None:
            return None
        lines = self.text.splitlines()
        if not 1 <= line <= len(lines):
            return None
        first = max(1, line - context)
        width = len(str(line))
        out = [f"  {n:>{width}} | {lines[n - 1]}" for n in range(first, line + 1)]
        if col is not None:
            out.append("  " + " " * width + " | " + " " * (col - 1) + "^")
        return "\n".join(out)

    def problem(
        self, code: str, loc: Loc, *, key: bool = False, offset: int | None = None, **kw: Any
    ) -> Problem:
        """A Problem located at `loc` (plus `offset` characters into a one-line scalar)."""
        pos = self.position(loc, key=key)
        line = col = None
        if pos is not None:
            line, col = pos.line, pos.col
            if offset is not None and not key:
                line, col = self._shift(pos, offset)
        return Problem(
            code=code,
            file=self.display,
            line=line,
            col=col,
            loc=tuple(loc),
            snippet=self.snippet(line, col),
            **kw,
        )

    def _shift(self, pos: NodePos, offset: int) -> tuple[int, int]:
        # Expressions are one-line scalars in practice; a block scalar starts on the next line.
        lines = self.text.splitlines()
        rest = lines[pos.line - 1][pos.col - 1 :] if pos.line <= len(lines) else ""
        if rest.startswith(("|", ">")) and pos.line < len(lines):
            # Each body line holds its text plus one newline (a space when folded).
            first = lines[pos.line]
            indent = len(first) - len(first.lstrip(" "))
            line_no = pos.line + 1
            while line_no <= len(lines):
                body = lines[line_no - 1][indent:]
                if offset <= len(body) or line_no == len(lines):
                    return line_no, indent + offset + 1
                offset -= len(body) + 1
                line_no += 1
        return pos.line, pos.col + offset + (1 if pos.quoted else 0)


class YamlProblems(Exception):
    """Raised by `parse_yaml` with every problem found in the file."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("; ".join(p.code for p in problems))


def _syntax_problem(exc: yaml.YAMLError, doc: YamlDocument) -> Problem:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    text = getattr(exc, "problem", None) or str(exc)
    context = getattr(exc, "context", None) or ""
    code = next(
        (c for k, c in _SYNTAX_CODES.items() if text.startswith(k) or context.startswith(k)),
        "yaml_syntax",
    )
    opened = getattr(exc, "context_mark", None)
    if code in ("yaml_unexpected_end", "yaml_expected_colon") and opened is not None:
        # Where the quote or bracket opened, or the key that lacks its colon: PyYAML notices
        # only on a later line.
        mark = opened
    line = mark.line + 1 if mark is not None else None
    col = mark.column + 1 if mark is not None else None
    params: dict[str, Any] = {"detail": text}
    if code in ("yaml_flow_mapping_separator", "yaml_flow_sequence_separator"):
        params["open_line"] = opened.line + 1 if opened is not None else line
        if mark is not None:
            line, col = _missing_separator(doc.text, mark.line, mark.column)
    elif code == "yaml_bad_start_character":
        found = re.match(r"found character '(.+?)' that", text)
        params["char"] = found.group(1) if found else "?"
    lines = doc.text.splitlines()
    if line is not None and 0 < line <= len(lines) and _UNQUOTED_ICON.match(lines[line - 1]):
        code, params = "yaml_icon_needs_quotes", {"detail": text}
    return Problem(
        code=code,
        params=params,
        file=doc.display,
        line=line,
        col=col,
        snippet=doc.snippet(line, col),
    )


def _missing_separator(text: str, line: int, column: int) -> tuple[int, int]:
    """Where a comma (or the closing bracket) is missing in a flow collection, 1-based.

    PyYAML stops on the token after the gap: on the next line when an item ends a line
    without its comma (`{a: 1⏎ b: 2}` reads `1 b` as one value, then trips on `:`). When
    nothing but that value's continuation precedes the token on its line, the gap is at
    the end of the previous written line.
    """
    lines = text.splitlines()
    before = lines[line][:column] if line < len(lines) else ""
    if any(c in before for c in ",{[") or not any(_written(x) for x in lines[:line]):
        return line + 1, column + 1
    previous = next(n for n in range(line - 1, -1, -1) if _written(lines[n]))
    content = _without_comment(lines[previous]).rstrip()
    return previous + 1, len(content) + 1


def _written(line: str) -> bool:
    return bool(_without_comment(line).strip())


def _without_comment(line: str) -> str:
    # A `#` starts a comment at the line's start or after a space (not inside `a#b`).
    return re.split(r"(?:^|\s)#", line, maxsplit=1)[0]


class _Builder:
    """Turns a composed node tree into Python values, refusing what is not safe."""

    def __init__(self, doc: YamlDocument) -> None:
        self.doc = doc
        self.problems: list[Problem] = []
        self.count = 0
        self.scalars = yaml.SafeLoader("")  # used only to construct plain scalars
        self.active: set[int] = set()
        self.built: set[int] = set()  # nodes already built once: seeing one again is an alias
        self.aliases = False  # True once an alias was expanded

    def fail(self, code: str, node: yaml.Node, **params: Any) -> None:
        line, col = node.start_mark.line + 1, node.start_mark.column + 1
        self.problems.append(
            Problem(
                code=code,
                params=params,
                file=self.doc.display,
                line=line,
                col=col,
                snippet=self.doc.snippet(line, col),
            )
        )

    def build(self, node: yaml.Node, loc: Loc, key_node: yaml.Node | None = None) -> Any:
        self.count += 1
        if id(node) in self.built:
            self.aliases = True
        self.built.add(id(node))
        if self.count > MAX_NODES:
            raise _TooBig(node)
        quoted = isinstance(node, yaml.ScalarNode) and node.style in ("'", '"')
        self.doc.positions.setdefault(
            loc,
            NodePos(
                node.start_mark.line + 1,
                node.start_mark.column + 1,
                key_node.start_mark.line + 1 if key_node is not None else None,
                key_node.start_mark.column + 1 if key_node is not None else None,
                quoted,
            ),
        )
        if node.tag not in SAFE_TAGS:
            self.fail("yaml_unsafe_tag", node, tag=node.tag.replace("tag:yaml.org,2002:", "!!"))
            return None
        if id(node) in self.active:
            self.fail("yaml_recursive_alias", node)
            return None
        self.active.add(id(node))
        try:
            if isinstance(node, yaml.MappingNode):
                return self._mapping(node, loc)
            if isinstance(node, yaml.SequenceNode):
                return [self.build(item, (*loc, i)) for i, item in enumerate(node.value)]
            try:
                return self.scalars.construct_object(node, deep=True)
            except yaml.constructor.ConstructorError as exc:
                self.fail("yaml_bad_scalar", node, detail=exc.problem or str(exc))
                return None
            except Exception:  # `!!int abc`, `!!bool maybe`: PyYAML raises anything
                self.fail(
                    "yaml_bad_scalar", node, detail=f"{node.tag.split(':')[-1]} {node.value!r}"
                )
                return None
        finally:
            self.active.discard(id(node))

    def _merged_pairs(self, node: yaml.MappingNode) -> Iterator[tuple[yaml.Node, yaml.Node, bool]]:
        """Key/value pairs, with `<<: *anchor` merges expanded (explicit keys win)."""
        for key_node, value_node in node.value:
            if key_node.tag == MERGE_TAG:
                sources = (
                    value_node.value if isinstance(value_node, yaml.SequenceNode) else [value_node]
                )
                for source in sources:
                    if not isinstance(source, yaml.MappingNode):
                        self.fail("yaml_bad_merge", source)
                        continue
                    for pair in self._merged_pairs(source):
                        yield pair[0], pair[1], True
            else:
                yield key_node, value_node, False

    def _key(self, key_node: yaml.Node, loc: Loc) -> tuple[bool, Any]:
        """Build a mapping key; (False, None) when it is not a usable key (already reported)."""
        if not isinstance(key_node, yaml.ScalarNode):
            self.fail("yaml_complex_key", key_node)
            return False, None
        before = len(self.problems)
        key = self.build(key_node, (*loc, "<key>"))
        self.doc.positions.pop((*loc, "<key>"), None)
        if len(self.problems) > before:
            return False, None  # e.g. an unsafe tag on the key: one message is enough
        if key is None or isinstance(key, (list, dict)):
            self.fail("yaml_complex_key", key_node)
            return False, None
        return True, key

    def _mapping(self, node: yaml.MappingNode, loc: Loc) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        seen: dict[Any, yaml.Node] = {}
        pairs = list(self._merged_pairs(node))
        # Explicit keys win over merged ones wherever they are written.
        explicit = {
            key_node.value
            for key_node, _, merged in pairs
            if not merged and isinstance(key_node, yaml.ScalarNode)
        }
        for key_node, value_node, merged in pairs:
            if merged and isinstance(key_node, yaml.ScalarNode) and key_node.value in explicit:
                continue
            ok, key = self._key(key_node, loc)
            if not ok:
                continue
            if key in seen:
                if not merged:
                    first = seen[key].start_mark.line + 1
                    self.fail("yaml_duplicate_key", key_node, key=key, first_line=first)
                continue  # a later merge never overrides an earlier one
            seen[key] = key_node
            result[key] = self.build(value_node, (*loc, key), key_node)
        return result


class _TooBig(Exception):
    def __init__(self, node: yaml.Node) -> None:
        self.node = node


def _compose(text: str) -> yaml.Node | None:
    """The node tree: libyaml's composer when present (6 times faster on a big file), and
    PyYAML's own for a broken file, whose problem texts our message codes are mapped from."""
    fast = getattr(yaml, "CSafeLoader", None)
    if fast is not None:
        try:
            return yaml.compose(text, Loader=fast)
        except yaml.YAMLError:
            pass
    return yaml.compose(text, Loader=yaml.SafeLoader)


def parse_yaml(text: str, path: Path, display: str | None = None) -> YamlDocument:
    """Parse `text` safely; raise YamlProblems listing every problem with its position."""
    doc = YamlDocument(path=path, display=display or str(path), text=text)
    if len(text) > MAX_BYTES:
        raise YamlProblems([too_large(doc.display, len(text.encode("utf-8")))])
    try:
        root = _compose(text)
    except yaml.YAMLError as exc:
        raise YamlProblems([_syntax_problem(exc, doc)]) from None
    except RecursionError:
        raise YamlProblems([Problem("yaml_too_deep", {}, file=doc.display)]) from None
    if root is None:
        doc.data = None
        return doc
    builder = _Builder(doc)
    try:
        doc.data = builder.build(root, ())
    except _TooBig as big:
        # Blame aliases only when some were expanded; a long plain file just has too many values.
        code = "yaml_too_big" if builder.aliases else "yaml_too_many_nodes"
        builder.fail(code, big.node, limit=MAX_NODES)
    except RecursionError:
        builder.fail("yaml_too_deep", root)
    if builder.problems:
        raise YamlProblems(builder.problems)
    return doc


def _megabytes(size: int) -> Msg:
    """A size in megabytes with one decimal, rounded up (so that it never equals the limit)."""
    tenths = -(-size * 10 // _MEGABYTE)
    return Msg("size_megabytes", {"whole": tenths // 10, "tenth": tenths % 10})


def too_large(display: str, size: int) -> Problem:
    """The problem of a blueprint or fragment file over MAX_BYTES."""
    params = {"path": display, "size": _megabytes(size), "limit": _megabytes(MAX_BYTES)}
    return Problem("blueprint_file_too_large", params, file=display)


def read_yaml_file(path: Path, display: str | None = None) -> YamlDocument:
    """Read and parse a YAML file, reporting unreadable files as located problems."""
    display = display or str(path)
    try:
        # Never more than the limit in memory, whatever the file's size says.
        with path.open("rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
            size = max(len(raw), os.fstat(handle.fileno()).st_size)
    except FileNotFoundError:
        raise YamlProblems([Problem("file_not_found", {"path": display}, file=display)]) from None
    except OSError as exc:
        raise YamlProblems(
            [Problem("file_unreadable", {"path": display, "detail": exc.strerror}, file=display)]
        ) from None
    if len(raw) > MAX_BYTES:
        raise YamlProblems([too_large(display, size)])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise YamlProblems([Problem("yaml_not_utf8", {}, file=display, line=line)]) from None
    return parse_yaml(text, path, display)
