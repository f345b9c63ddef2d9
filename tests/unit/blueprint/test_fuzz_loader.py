"""Fuzzing the loader: whatever the file holds, only our own error type comes out.

`load_blueprint(path)` must return a Blueprint or raise BlueprintError, whose every
problem has a file, a French and an English message taken from the catalogues (no
placeholder left unfilled) and a position inside the file. Two strategies feed it
mutants of the contract blueprint (tests/blueprints/contract):

- structural: the parsed contract (often with some of its datasets, indicators,
  filters, relations and pages left out) with keys dropped, renamed or added, values
  replaced by odd scalars, lists, mappings or other words of the contract, list items
  duplicated (sometimes as YAML aliases), types swapped, subtrees moved or nested
  deeply, then written back with `yaml.safe_dump`'s representer;
- textual: the YAML text with words, characters and lines deleted, inserted,
  replaced or moved, tabs, tags (`!!python/object`, `!include`, explicit scalar
  tags), anchors and aliases, very long lines, deep flow nesting, other encodings.

Each mutant is written next to a copy of the contract's `data/` and `agreements/`,
so that the checks which read data files and agreements run too. A few inputs known
to be hard (typed scalars that cannot be read, nesting deeper than Python's stack,
file names longer than the system allows, a billion laughs) are tested one by one.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import shutil
import string
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from datacites_proto import Blueprint, BlueprintError, load_blueprint
from datacites_proto.i18n.catalog import CATALOGUES

CONTRACT_DIR = Path(__file__).resolve().parents[2] / "blueprints" / "contract"
CONTRACT_TEXT = (CONTRACT_DIR / "blueprint.yaml").read_text(encoding="utf-8")
CONTRACT = yaml.safe_load(CONTRACT_TEXT)

# 2,200 mutants in all; the whole file takes 25-35 s on two cores, most of it in
# PyYAML's pure-Python parser, which the loader uses to know where every value is.
STRUCTURAL_EXAMPLES = 1000
TEXTUAL_EXAMPLES = 1200
FUZZ = settings(
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

Loc = tuple[Any, ...]
# `yaml.safe_dump`, with libyaml's emitter when PyYAML has it: the same safe representer,
# eight times faster, which leaves the time to the loader.
SAFE_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


# --------------------------------------------------------------------------- vocabulary


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield str(key)
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _columns() -> list[str]:
    names = []
    for path in sorted((CONTRACT_DIR / "data").glob("*.csv")):
        header = path.read_text(encoding="utf-8").splitlines()[0]
        names += next(csv.reader([header], delimiter=";" if ";" in header else ","))
    return names


# Words a blueprint is made of: every string of the contract, its keys, the column
# names of its data and the names of components. Mutants built from them get past
# validation more often, so that the later checks (references, governance) run.
VOCABULARY = sorted(
    set(_strings(CONTRACT))
    | set(_columns())
    | {
        # components
        *("csv", "parquet", "geojson", "excel", "sql", "datagouv", "opendatasoft"),
        *("kpi", "line", "bar", "area", "heatmap", "histogram", "map", "table", "text"),
        *("feedback", "feedback_summary", "points", "hexagons", "choropleth", "shapes"),
        *("date_range", "select", "multiselect", "range", "toggle"),
        # keys the contract does not use
        *("include", "relations", "key", "geometry", "lon", "lat", "column", "sheet"),
        *("url", "table", "query", "dataset", "resource", "portal", "series", "sort"),
        *("access", "team", "public", "restricted", "shared", "open", "personal"),
        *("min", "max", "enum", "required", "unique", "formula", "where", "measure"),
        *("questions", "choices", "center", "zoom", "height", "radius", "color", "size"),
        # expressions, breakdowns, paths
        *("count(*)", "count(count)", "sum(channel_id)", "mean(zone)", "max(count)"),
        *("share(status = 'vacant')", "share(count > 'a')", "count_distinct(*)"),
        *("zone like 'c%'", "count between 1 and 'x'", "x in (1, 'a', true)", "a is null"),
        *("not (count >= 0) or zone != 'centre'", "sites.site_name = 'x'", "nope.x = 1"),
        *("chargers / population * 1000", "footfall / footfall", "-(-chargers)", "1 / 0"),
        *("day(start_datetime)", "hour_of_day(count)", "week(sites.site_name)", "fortnight(x)"),
        *("sites.site_name", "channels.site_id", "measures.nope", "visits.device_hash"),
        *("measures.channel_id -> channels.channel_id", "sites.site_id -> sites.site_id"),
        *("data/iris.geojson", "data/*.csv", "data", "agreements", "data/visits.csv"),
        *("agreements/flux-vision.yaml", "blueprint.yaml", "../outside.csv", "/etc/passwd"),
        *("${PG_URL}", "sqlite:///x.db", "postgresql://u:p@h/db", "https://x.fr?token=abc"),
    }
)
KEYS = sorted({k for k in VOCABULARY if re.fullmatch(r"[a-z_]+", k)})

# Values that have broken parsers before.
ODD_TEXTS = [
    *("", " ", "\t", "\n\n", "~", "null", "yes", "off", "0x1F", "0o17", "1_000", "1e400"),
    *(".inf", "-.nan", "29233", "01001", "2A004", "2026-02-30", "24:00", "${}", "${X"),
    *("C:\\data\\x.csv", "~/x.csv", "data/../../x", "data/\x00.csv", "NUL", "a/" * 200),
    *("\u200b", "e\u0301", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "\u202eevil", "\ufeff", "\x85", "\u2028", "ǅİß🙂"),
    *("'", '"', "'; drop table x; --", "{name}", "{0}", "%s", "{{x}}", "*", "&a", "<<"),
    *("!!python/object:os.system", "a" * 1000, "é" * 300, "x" * 300 + ".csv"),
]
HUGE_NUMBERS = [2**63, -(2**63) - 1, 10**400, -(10**400), 2**64 - 1, 10**19]

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.sampled_from(HUGE_NUMBERS),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20),
    st.sampled_from(ODD_TEXTS),
    st.sampled_from(VOCABULARY),
    st.sampled_from(VOCABULARY),  # twice as likely: the contract's own words
    st.dates(min_value=dt.date(1, 1, 1)),
    st.datetimes(),
)
keys = st.one_of(
    st.sampled_from(KEYS),
    st.text(max_size=12),
    st.integers(-3, 3),
    st.booleans(),
)
values = st.recursive(
    scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(keys, children, max_size=4),
    max_leaves=8,
)


# --------------------------------------------------------------------------- the oracle


PYDANTIC_ENGLISH = r"Input should|Value error,|Field required|Extra inputs are not permitted"


def _placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def assert_only_our_error(path: Path) -> None:
    """`load_blueprint(path)` returns a Blueprint or raises a well-formed BlueprintError."""
    try:
        blueprint = load_blueprint(path)
    except BlueprintError as error:
        assert_well_formed(error, path)
    else:
        assert isinstance(blueprint, Blueprint)
    # Anything else propagates and fails the example.


def assert_well_formed(error: BlueprintError, path: Path) -> None:
    assert error.problems, "a BlueprintError carries at least one problem"
    text = str(error)
    assert text.strip()
    assert "Traceback" not in text
    assert "Traceback" not in error.render("en", snippet=True)
    raw = path.read_bytes()
    text_lines = re.split(r"\r\n|[\n\r\x85\u2028\u2029]", raw.decode("utf-8", "replace"))
    n_lines = max(raw.count(b"\n"), len(text_lines)) + 1
    for problem in error.problems:
        assert problem.file, problem
        for lang in ("fr", "en"):
            catalogue = CATALOGUES[lang]
            assert problem.code in catalogue, f"{problem.code!r} missing from {lang}.py"
            missing = _placeholders(catalogue[problem.code]) - set(problem.params)
            assert not missing, f"{problem.code}: no value for {missing} ({lang})"
            message = problem.message(lang)
            assert message.strip(), problem
        # pydantic's own English must not leak into the French message.
        assert not re.search(PYDANTIC_ENGLISH, problem.message("fr")), problem.message("fr")
        if problem.line is not None:
            assert problem.line >= 1, problem
            if problem.file == path.name:
                assert problem.line <= n_lines, problem
        if problem.col is not None:
            assert problem.col >= 1, problem


# --------------------------------------------------------------------------- the project


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with the contract's data and agreements; mutants are written into it."""
    root = tmp_path_factory.mktemp("fuzz")
    for folder in ("data", "agreements"):
        shutil.copytree(CONTRACT_DIR / folder, root / folder)
    return root


@pytest.fixture(scope="module", autouse=True)
def _inside_project(project: Path) -> Iterator[None]:
    # Problems name files relative to the working folder: the mutant is `blueprint.yaml`.
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(project)
        patch.delenv("DATACITES_LANG", raising=False)
        yield


def test_the_contract_itself_loads(project: Path) -> None:
    path = project / "blueprint.yaml"
    path.write_text(CONTRACT_TEXT, encoding="utf-8")
    assert isinstance(load_blueprint(path), Blueprint)


# --------------------------------------------------------------------------- structural mutations


def _nodes(tree: Any, here: Loc = ()) -> Iterator[tuple[Loc, Any]]:
    yield here, tree
    if isinstance(tree, dict):
        for key, item in tree.items():
            yield from _nodes(item, (*here, key))
    elif isinstance(tree, list):
        for i, item in enumerate(tree):
            yield from _nodes(item, (*here, i))


def _copy(tree: Any) -> Any:
    """A deep copy of plain data (faster than copy.deepcopy, which the loop would feel)."""
    if isinstance(tree, dict):
        return {key: _copy(item) for key, item in tree.items()}
    if isinstance(tree, list):
        return [_copy(item) for item in tree]
    return tree


def _get(tree: Any, loc: Loc) -> Any:
    for step in loc:
        tree = tree[step]
    return tree


def _set(tree: Any, loc: Loc, value: Any) -> Any:
    if not loc:
        return value
    _get(tree, loc[:-1])[loc[-1]] = value
    return tree


def _pick(data: st.DataObject, tree: Any, kind: type | None = None, root: bool = False) -> Loc:
    locs = [
        loc
        for loc, value in _nodes(tree)
        if (root or loc) and (kind is None or isinstance(value, kind))
    ]
    return data.draw(st.sampled_from(locs)) if locs else ()


def drop(tree: Any, data: st.DataObject) -> Any:
    loc = _pick(data, tree)
    if loc:
        del _get(tree, loc[:-1])[loc[-1]]
    return tree


def replace(tree: Any, data: st.DataObject) -> Any:
    return _set(tree, _pick(data, tree), data.draw(values))


def add_key(tree: Any, data: st.DataObject) -> Any:
    loc = _pick(data, tree, dict, root=True)
    target = _get(tree, loc)
    if isinstance(target, dict):
        target[data.draw(keys)] = data.draw(values)
    return tree


def rename_key(tree: Any, data: st.DataObject) -> Any:
    """A typo in a key: a letter dropped, doubled or changed, or the case changed."""
    loc = _pick(data, tree)
    parent = _get(tree, loc[:-1]) if loc else None
    if not isinstance(parent, dict) or not isinstance(loc[-1], str) or not loc[-1]:
        return tree
    key = loc[-1]
    i = data.draw(st.integers(0, len(key) - 1))
    new = data.draw(
        st.sampled_from(
            [
                key[:i] + key[i + 1 :],
                key[:i] + key[i] + key[i:],
                key[:i] + "é" + key[i + 1 :],
                key.upper(),
                key.replace("_", "-"),
                key + " ",
            ]
        )
    )
    items = [(new if k == key else k, v) for k, v in parent.items()]
    parent.clear()
    parent.update(items)
    return tree


def duplicate(tree: Any, data: st.DataObject) -> Any:
    """A list item twice: sometimes the same object, which YAML writes as an alias."""
    loc = _pick(data, tree, list, root=True)
    target = _get(tree, loc)
    if isinstance(target, list) and target:
        item = data.draw(st.sampled_from(target))
        same = data.draw(st.booleans())
        target.insert(data.draw(st.integers(0, len(target))), item if same else _copy(item))
    return tree


def _swapped(value: Any, how: int) -> Any:
    if isinstance(value, dict):
        pairs = [[k, v] for k, v in value.items()]
        return [list(value.values()), pairs, list(value), str(value), None][how % 5]
    if isinstance(value, list):
        return [dict(enumerate(value)), value[0] if value else None, str(value), {}, len(value)][
            how % 5
        ]
    if isinstance(value, str):
        return [[value], {value: value}, len(value), value == "", f"{value}.5"][how % 5]
    if isinstance(value, bool):
        return [str(value).lower(), int(value), [value], {"value": value}, None][how % 5]
    if isinstance(value, (int, float)):
        return [str(value), [value], {"value": value}, value * 2, -value][how % 5]
    return [str(value), [value], {"value": value}, 0, ""][how % 5]


def reword(tree: Any, data: st.DataObject) -> Any:
    """A text replaced by another word of blueprints: often still valid, wrong further on."""
    loc = _pick(data, tree, str)
    return _set(tree, loc, data.draw(st.sampled_from(VOCABULARY))) if loc else tree


def swap_type(tree: Any, data: st.DataObject) -> Any:
    loc = _pick(data, tree)
    return _set(tree, loc, _swapped(_get(tree, loc), data.draw(st.integers(0, 4))))


def deep_nest(tree: Any, data: st.DataObject) -> Any:
    loc = _pick(data, tree)
    value = _get(tree, loc)
    depth = data.draw(st.integers(1, 40))
    as_list = data.draw(st.booleans())
    for _ in range(depth):
        value = [value] if as_list else {"type": value}
    return _set(tree, loc, value)


def graft(tree: Any, data: st.DataObject) -> Any:
    """A subtree moved where it does not belong (a page among datasets, …)."""
    source = _pick(data, tree)
    target = _pick(data, tree)
    if source[: len(target)] == target:  # never put a node inside itself
        return tree
    return _set(tree, target, _copy(_get(tree, source)))


def prune(tree: Any, data: st.DataObject) -> Any:
    """At most half of the datasets, indicators, filters, relations and pages kept."""
    if not isinstance(tree, dict):
        return tree
    for section in ("datasets", "indicators", "filters", "relations", "pages"):
        items = tree.get(section)
        if isinstance(items, (dict, list)) and items:
            keep = data.draw(
                st.sets(
                    st.integers(0, len(items) - 1),
                    min_size=1 if section == "pages" else 0,
                    max_size=(len(items) + 1) // 2,
                ),
                label=f"{section} kept",
            )
            listed = list(items.items()) if isinstance(items, dict) else items
            kept = [item for i, item in enumerate(listed) if i in keep]
            tree[section] = dict(kept) if isinstance(items, dict) else kept
    return tree


MUTATIONS: list[Callable[[Any, st.DataObject], Any]] = [
    drop,
    replace,
    reword,
    reword,
    add_key,
    rename_key,
    duplicate,
    swap_type,
    deep_nest,
    graft,
]


@settings(FUZZ, max_examples=STRUCTURAL_EXAMPLES)
@given(data=st.data())
def test_structural_mutants_raise_only_blueprint_errors(project: Path, data: st.DataObject) -> None:
    tree = _copy(CONTRACT)
    # Most mutants start from a smaller blueprint: as varied, and faster to read.
    if data.draw(st.sampled_from([True, True, True, False]), label="pruned"):
        tree = prune(tree, data)
    for _ in range(data.draw(st.integers(1, 3), label="mutations")):
        mutate = data.draw(st.sampled_from(MUTATIONS), label="mutation")
        tree = mutate(tree, data)
    text = yaml.dump(
        tree,
        Dumper=SAFE_DUMPER,
        allow_unicode=data.draw(st.booleans(), label="allow_unicode"),
        default_flow_style=data.draw(st.sampled_from([False, None, True]), label="flow"),
        sort_keys=False,
        width=data.draw(st.sampled_from([80, 20, 10**6]), label="width"),
    )
    path = project / "blueprint.yaml"
    path.write_text(text, encoding="utf-8")
    assert_only_our_error(path)


# --------------------------------------------------------------------------- textual mutations

LINES = CONTRACT_TEXT.splitlines(keepends=True)
TAGS = [
    "!!python/object:os.system ",
    '!!python/object/apply:os.system ["echo hi"] ',
    "!!python/name:os.system ",
    "!!python/module:os ",
    "!include ",
    "!custom ",
    "!<tag:yaml.org,2002:python/none> ",
    *("!!str ", "!!int ", "!!float ", "!!bool ", "!!null ", "!!timestamp ", "!!binary "),
    *("!!map ", "!!seq ", "!!set ", "!!omap ", "!!pairs ", "!!merge "),
]
INSERTS = [
    *(":", ": ", "-", "- ", "[", "]", "{", "}", ",", "'", '"', "#", "|", ">", "?", "!"),
    *("&a ", "*a", "*b", "<<: *a\n", "&a [1, 2]", "\t", "\n", "\n\n", "  ", "\\"),
    *("%YAML 1.1\n", "%TAG ! tag:x.fr,2000:\n", "---\n", "...\n", "--- |\n"),
    *("\x00", "\x07", "\x1b", "\x85", "\ufeff", "\u2028", "\u00a0", "\ud7ff", "é"),
    *("datacites: 2\n", "include: [nope]\n", "include: [../x.yaml]\n", "pages: []\n"),
    *("? [a, b]\n: c\n", "{a: 1}: 2\n", "null: 1\n", "1: 2\n", "[a]: b\n"),
]


WORD = re.compile(r"[^\W\d]\w*(?:\.\w+)?|\d+")


@st.composite
def textual_mutants(draw: st.DrawFn) -> tuple[str, str]:
    lines = list(LINES)
    for _ in range(draw(st.integers(1, 4), label="mutations")):
        op = draw(
            st.sampled_from(
                [
                    "word",
                    "word",
                    "word",
                    "delete_chars",
                    "insert",
                    "replace_char",
                    "delete_line",
                    "duplicate_line",
                    "swap_lines",
                    "indent",
                    "tab",
                    "tag",
                    "anchor_alias",
                    "long_line",
                    "deep_flow",
                ]
            ),
            label="op",
        )
        i = draw(st.integers(0, len(lines) - 1), label="line") if lines else 0
        line = lines[i] if lines else ""
        if op == "word" and WORD.search(line):
            # A word changed into another: the YAML stays readable, the blueprint does not.
            words = list(WORD.finditer(line))
            word = words[draw(st.integers(0, len(words) - 1))]
            other = draw(st.sampled_from(VOCABULARY) | st.sampled_from(ODD_TEXTS[:40]))
            lines[i] = line[: word.start()] + other + line[word.end() :]
        elif op == "delete_chars" and line:
            start = draw(st.integers(0, len(line) - 1))
            lines[i] = line[:start] + line[start + draw(st.integers(1, 20)) :]
        elif op == "insert":
            pos = draw(st.integers(0, len(line)))
            piece = draw(st.sampled_from(INSERTS) | st.text(max_size=8))
            lines[i : i + 1] = [line[:pos] + piece + line[pos:]]
        elif op == "replace_char" and line:
            pos = draw(st.integers(0, len(line) - 1))
            char = draw(st.characters(exclude_categories=["Cs"]))
            lines[i] = line[:pos] + char + line[pos + 1 :]
        elif op == "delete_line" and lines:
            del lines[i]
        elif op == "duplicate_line" and lines:
            lines.insert(draw(st.integers(0, len(lines))), line)
        elif op == "swap_lines" and lines:
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "indent" and line:
            shift = draw(st.integers(-4, 4))
            lines[i] = " " * shift + line if shift >= 0 else line[min(-shift, len(line)) :]
        elif op == "tab" and line:
            indent = len(line) - len(line.lstrip(" "))
            lines[i] = line[: draw(st.integers(0, indent))] + "\t" + line[indent:]
        elif op == "tag" and ": " in line:
            head, tail = line.split(": ", 1)
            lines[i] = f"{head}: {draw(st.sampled_from(TAGS))}{tail}"
        elif op == "anchor_alias" and ": " in line:
            head, tail = line.split(": ", 1)
            lines[i] = f"{head}: &a {tail}"
            j = draw(st.integers(0, len(lines) - 1))
            if ": " in lines[j] and j != i:
                head, _ = lines[j].split(": ", 1)
                lines[j] = f"{head}: {draw(st.sampled_from(['*a', '*a ', '*zz', '&a x']))}\n"
        elif op == "long_line":
            size = draw(st.sampled_from([200, 2000, 10_000]))
            body = draw(st.sampled_from(["x", "é", "a ", "'", "-", "{}"])) * size
            where = draw(st.sampled_from(["value", "key", "line"]))
            if where == "value" and ": " in line:
                head, _ = line.split(": ", 1)
                lines[i] = f"{head}: {body}\n"
            elif where == "key":
                lines.insert(i, f"{body}: 1\n")
            else:
                lines.insert(i, body + "\n")
        elif op == "deep_flow" and ": " in line:
            depth = draw(st.sampled_from([10, 50, 150]))
            opening, closing = draw(st.sampled_from([("[", "]"), ("{a: ", "}")]))
            head, _ = line.split(": ", 1)
            lines[i] = f"{head}: {opening * depth}1{closing * depth}\n"
    encoding = draw(
        st.sampled_from(["utf-8"] * 8 + ["utf-8-sig", "cp1252", "utf-16"]),
        label="encoding",
    )
    return "".join(lines), encoding


@settings(FUZZ, max_examples=TEXTUAL_EXAMPLES)
@given(mutant=textual_mutants())
def test_textual_mutants_raise_only_blueprint_errors(
    project: Path, mutant: tuple[str, str]
) -> None:
    text, encoding = mutant
    path = project / "blueprint.yaml"
    path.write_bytes(text.encode(encoding, errors="replace"))
    assert_only_our_error(path)


# --------------------------------------------------------------------------- known hard inputs


@pytest.mark.parametrize(
    "value",
    [
        "!!int abc",
        "!!float abc",
        "!!float",
        "!!bool maybe",
        "!!timestamp yesterday",
        "!!binary '@@@'",
        "!!binary /w==",  # bytes that are not UTF-8 text
        "[" * 1000 + "]" * 1000,
        "{a: " * 1000 + "1" + "}" * 1000,
    ],
    ids=lambda value: value if len(value) < 20 else f"{value[:4]}…x{len(value)}",
)
def test_odd_values_of_the_title(project: Path, value: str) -> None:
    """Explicit scalar tags with values they cannot read; nesting deeper than Python's stack."""
    path = project / "blueprint.yaml"
    path.write_text(
        CONTRACT_TEXT.replace("title: Cœur de ville vivant", f"title: {value}"), encoding="utf-8"
    )
    assert_only_our_error(path)


LONG_NAME = "é" * 300  # 600 bytes: more than a file name may have


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("path: data/sites.csv", f"path: data/{LONG_NAME}.csv"),
        ("path: data/shops.csv", f"path: data/{LONG_NAME}/*.csv"),
        ("agreement: agreements/flux-vision.yaml", f"agreement: agreements/{LONG_NAME}.yaml"),
        ("geojson: data/iris.geojson", f"geojson: data/{LONG_NAME}.geojson"),
        ("datacites: 1", f"datacites: 1\ninclude: [{LONG_NAME}.yaml]"),
    ],
    ids=["source", "glob", "agreement", "geojson", "include"],
)
def test_overlong_file_names(project: Path, old: str, new: str) -> None:
    """The system refuses the name (ENAMETOOLONG): the blueprint is wrong, not the loader."""
    path = project / "blueprint.yaml"
    assert CONTRACT_TEXT.count(old) == 1
    path.write_text(CONTRACT_TEXT.replace(old, new), encoding="utf-8")
    assert_only_our_error(path)


def test_billion_laughs_is_refused(project: Path) -> None:
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 10)]
    path = project / "blueprint.yaml"
    path.write_text("\n".join(lines) + "\n" + CONTRACT_TEXT, encoding="utf-8")
    with pytest.raises(BlueprintError) as raised:
        load_blueprint(path)
    assert_well_formed(raised.value, path)
    assert "yaml_too_big" in [p.code for p in raised.value.problems]
