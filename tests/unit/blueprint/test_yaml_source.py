"""Safe YAML loading: positions, located problems, snippets and every refusal."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import pytest

from datacites_proto.blueprint.yaml_source import (
    MAX_BYTES,
    MAX_NODES,
    NodePos,
    YamlDocument,
    YamlProblems,
    parse_yaml,
    read_yaml_file,
)
from datacites_proto.errors import Problem


def parse(text: str) -> YamlDocument:
    return parse_yaml(text, Path("blueprint.yaml"), "blueprint.yaml")


def problems_of(text: str) -> list[Problem]:
    with pytest.raises(YamlProblems) as caught:
        parse(text)
    return caught.value.problems


def only_problem(text: str) -> Problem:
    problems = problems_of(text)
    assert len(problems) == 1, [(p.code, p.line) for p in problems]
    return problems[0]


def column_of(text: str, line: int, needle: str) -> int:
    """The 1-based column of `needle` on 1-based `line` of `text`."""
    index = text.splitlines()[line - 1].index(needle)
    return index + 1


def caret_column(snippet: str) -> int:
    """The column (1-based, in the source line) the snippet's caret points at."""
    *source_lines, caret = snippet.splitlines()
    prefix = source_lines[-1].index("| ") + 2
    return caret.index("^") - prefix + 1


NESTED = """\
service:
  id: coeur-de-ville
  title: "Cœur de ville"
datasets:
  shops:
    source: {type: csv, path: 'data/shops.csv'}
    columns:
      - local_id
      - {name: status, type: string}
indicators:
  vacancy:
    description: |
      Part des locaux vacants.
      Mise à jour chaque mois.
    where: >-
      status = 'vacant'
"""


class TestPositions:
    def test_root_is_line_one(self) -> None:
        doc = parse(NESTED)
        assert doc.positions[()] == NodePos(1, 1)

    def test_key_and_value_of_a_block_mapping(self) -> None:
        doc = parse(NESTED)
        pos = doc.positions[("service", "id")]
        assert (pos.key_line, pos.key_col) == (2, 3)
        assert (pos.line, pos.col) == (2, column_of(NESTED, 2, "coeur"))
        assert not pos.quoted

    def test_nested_mapping_value_starts_on_next_line(self) -> None:
        doc = parse(NESTED)
        pos = doc.positions[("datasets", "shops")]
        assert (pos.key_line, pos.key_col) == (5, 3)
        assert (pos.line, pos.col) == (6, 5)

    def test_flow_mapping(self) -> None:
        doc = parse(NESTED)
        source = doc.positions[("datasets", "shops", "source")]
        assert (source.key_line, source.key_col) == (6, 5)
        assert (source.line, source.col) == (6, column_of(NESTED, 6, "{"))
        tag = doc.positions[("datasets", "shops", "source", "type")]
        assert (tag.key_line, tag.key_col) == (6, column_of(NESTED, 6, "type"))
        assert (tag.line, tag.col) == (6, column_of(NESTED, 6, "csv"))

    def test_quoted_scalars_start_at_their_quote(self) -> None:
        doc = parse(NESTED)
        double = doc.positions[("service", "title")]
        assert (double.line, double.col, double.quoted) == (3, column_of(NESTED, 3, '"'), True)
        single = doc.positions[("datasets", "shops", "source", "path")]
        assert (single.line, single.col, single.quoted) == (6, column_of(NESTED, 6, "'"), True)
        assert doc.data["datasets"]["shops"]["source"]["path"] == "data/shops.csv"

    def test_block_list_items_and_maps_inside_lists(self) -> None:
        doc = parse(NESTED)
        first = doc.positions[("datasets", "shops", "columns", 0)]
        assert (first.line, first.col) == (8, column_of(NESTED, 8, "local_id"))
        assert first.key_line is None
        second_name = doc.positions[("datasets", "shops", "columns", 1, "name")]
        assert (second_name.key_line, second_name.key_col) == (9, column_of(NESTED, 9, "name"))
        assert (second_name.line, second_name.col) == (9, column_of(NESTED, 9, "status"))

    def test_flow_sequence_items(self) -> None:
        text = "users: [commerçants, 'élus', \"habitants\"]\n"
        doc = parse(text)
        cols = [doc.positions[("users", i)].col for i in range(3)]
        assert cols == [
            column_of(text, 1, "commerçants"),
            column_of(text, 1, "'"),
            column_of(text, 1, '"'),
        ]
        assert [doc.positions[("users", i)].quoted for i in range(3)] == [False, True, True]

    def test_block_scalars_start_at_their_indicator(self) -> None:
        doc = parse(NESTED)
        literal = doc.positions[("indicators", "vacancy", "description")]
        assert (literal.line, literal.col) == (12, column_of(NESTED, 12, "|"))
        folded = doc.positions[("indicators", "vacancy", "where")]
        assert (folded.line, folded.col) == (15, column_of(NESTED, 15, ">"))
        vacancy = doc.data["indicators"]["vacancy"]
        assert vacancy["description"] == "Part des locaux vacants.\nMise à jour chaque mois.\n"
        assert vacancy["where"] == "status = 'vacant'"

    def test_position_of_key(self) -> None:
        doc = parse(NESTED)
        pos = doc.position(("datasets", "shops", "source"), key=True)
        assert pos is not None
        assert (pos.line, pos.col) == (6, 5)

    def test_unwritten_location_falls_back_to_nearest_ancestor(self) -> None:
        doc = parse(NESTED)
        assert (
            doc.position(("datasets", "shops", "missing", 3))
            == doc.positions[("datasets", "shops")]
        )
        assert doc.is_written(("datasets", "shops"))
        assert not doc.is_written(("datasets", "shops", "missing"))

    def test_values_are_plain_python(self) -> None:
        doc = parse("n: 12\nx: 1.5\nb: true\nd: 2026-10-01\nnothing: null\ncode: '01001'\n")
        assert doc.data["n"] == 12
        assert doc.data["x"] == 1.5
        assert doc.data["b"] is True
        assert str(doc.data["d"]) == "2026-10-01"
        assert doc.data["nothing"] is None
        assert doc.data["code"] == "01001"

    def test_empty_document(self) -> None:
        assert parse("").data is None
        assert parse("# only a comment\n").data is None


PROBLEM_TEXT = """\
indicators:
  footfall:
    measure: sum(cont)
    where: "kind = 'x' and surfac > 3"
    share: 'surfac > 3'
    literal: |
      surfac > 3
    folded: >-
        surfac > 3
    several: |
      status = 'vacant'
      and surfac > 3
    wrapped: >
      status = 'vacant'
      and surfac > 3
"""


class TestProblemOffsets:
    def locate(self, key: str, offset: int | None) -> Problem:
        doc = parse(PROBLEM_TEXT)
        return doc.problem("unknown_column", ("indicators", "footfall", key), offset=offset)

    def test_without_offset_points_at_the_value(self) -> None:
        problem = self.locate("measure", None)
        assert (problem.line, problem.col) == (3, column_of(PROBLEM_TEXT, 3, "sum"))
        assert problem.file == "blueprint.yaml"
        assert problem.loc == ("indicators", "footfall", "measure")

    def test_plain_scalar(self) -> None:
        problem = self.locate("measure", len("sum("))
        assert (problem.line, problem.col) == (3, column_of(PROBLEM_TEXT, 3, "cont"))

    def test_double_quoted_scalar_skips_the_quote(self) -> None:
        offset = "kind = 'x' and surfac > 3".index("surfac")
        problem = self.locate("where", offset)
        assert (problem.line, problem.col) == (4, column_of(PROBLEM_TEXT, 4, "surfac"))

    def test_single_quoted_scalar_skips_the_quote(self) -> None:
        problem = self.locate("share", 0)
        assert (problem.line, problem.col) == (5, column_of(PROBLEM_TEXT, 5, "surfac"))

    def test_literal_block_scalar_starts_on_the_next_line(self) -> None:
        problem = self.locate("literal", 0)
        assert (problem.line, problem.col) == (7, column_of(PROBLEM_TEXT, 7, "surfac"))
        problem = self.locate("literal", len("surfac "))
        assert (problem.line, problem.col) == (7, column_of(PROBLEM_TEXT, 7, ">"))

    def test_folded_block_scalar_with_deeper_indent(self) -> None:
        problem = self.locate("folded", len("surfac "))
        assert (problem.line, problem.col) == (9, column_of(PROBLEM_TEXT, 9, ">"))

    def test_offset_on_the_second_line_of_a_literal_block(self) -> None:
        offset = "status = 'vacant'\nand surfac > 3".index("surfac")
        problem = self.locate("several", offset)
        assert (problem.line, problem.col) == (12, column_of(PROBLEM_TEXT, 12, "surfac"))

    def test_offset_on_the_second_line_of_a_folded_block(self) -> None:
        offset = "status = 'vacant' and surfac > 3".index("surfac")
        problem = self.locate("wrapped", offset)
        assert (problem.line, problem.col) == (15, column_of(PROBLEM_TEXT, 15, "surfac"))

    def test_offset_is_ignored_for_a_key(self) -> None:
        doc = parse(PROBLEM_TEXT)
        problem = doc.problem("x", ("indicators", "footfall", "measure"), key=True, offset=5)
        assert (problem.line, problem.col) == (3, 5)

    def test_params_and_suggestions_are_kept(self) -> None:
        doc = parse(PROBLEM_TEXT)
        problem = doc.problem(
            "unknown_column",
            ("indicators", "footfall", "measure"),
            offset=4,
            params={"name": "cont"},
            suggestions=("count",),
        )
        assert problem.params == {"name": "cont"}
        assert problem.suggestions == ("count",)


class TestSnippets:
    def test_at_most_three_lines_and_a_caret(self) -> None:
        doc = parse(PROBLEM_TEXT)
        problem = doc.problem("x", ("indicators", "footfall", "where"), offset=15)
        assert problem.snippet is not None
        lines = problem.snippet.splitlines()
        assert len(lines) == 4
        assert [line.split("|")[0].strip() for line in lines[:3]] == ["2", "3", "4"]
        assert lines[2].endswith(PROBLEM_TEXT.splitlines()[3])
        assert caret_column(problem.snippet) == problem.col == column_of(PROBLEM_TEXT, 4, "surfac")

    def test_first_line_has_no_lines_before(self) -> None:
        doc = parse("datacites: 2\nservice: {}\n")
        problem = doc.problem("x", ("datacites",))
        assert problem.snippet is not None
        lines = problem.snippet.splitlines()
        assert len(lines) == 2
        assert lines[0].endswith("datacites: 2")
        assert caret_column(problem.snippet) == column_of("datacites: 2", 1, "2")

    def test_caret_in_a_block_scalar(self) -> None:
        doc = parse(PROBLEM_TEXT)
        problem = doc.problem("x", ("indicators", "footfall", "literal"), offset=7)
        assert problem.snippet is not None
        assert problem.snippet.splitlines()[-2].endswith("surfac > 3")
        assert caret_column(problem.snippet) == column_of(PROBLEM_TEXT, 7, ">")

    def test_line_numbers_are_right_aligned(self) -> None:
        text = "".join(f"k{i}: {i}\n" for i in range(1, 12))
        doc = parse(text)
        problem = doc.problem("x", ("k10",))
        assert problem.snippet is not None
        lines = problem.snippet.splitlines()
        assert [line.split("|")[0] for line in lines[:3]] == ["   8 ", "   9 ", "  10 "]
        assert caret_column(problem.snippet) == column_of(text, 10, " 10") + 1

    def test_no_snippet_without_a_line(self) -> None:
        doc = parse("a: 1\n")
        assert doc.snippet(None, None) is None
        assert doc.snippet(99, 1) is None
        assert doc.snippet(0, 1) is None


UNSAFE = [
    ("!!python/object:os.system {}", "!!python/object:os.system"),
    ("!!python/object/apply:os.system ['echo hi']", "!!python/object/apply:os.system"),
    ("!!python/object/new:os.system ['echo hi']", "!!python/object/new:os.system"),
    ("!!python/name:os.system", "!!python/name:os.system"),
    ("!!python/module:os", "!!python/module:os"),
    ("!!python/tuple [1, 2]", "!!python/tuple"),
    ("!foo bar", "!foo"),
    ("!<tag:example.com,2026:thing> x", "tag:example.com,2026:thing"),
    ("!!set {a, b}", "!!set"),
]


class TestUnsafeTags:
    @pytest.mark.parametrize(("value", "tag"), UNSAFE)
    def test_refused_with_position(self, value: str, tag: str) -> None:
        text = f"datacites: 1\nservice:\n  id: {value}\n"
        problem = only_problem(text)
        assert problem.code == "yaml_unsafe_tag"
        assert problem.params["tag"] == tag
        assert (problem.line, problem.col) == (3, 7)
        assert problem.snippet is not None

    def test_tag_on_a_key_is_refused(self) -> None:
        problems = problems_of("!!python/name:os.system : 1\n")
        assert problems[0].code == "yaml_unsafe_tag"
        assert (problems[0].line, problems[0].col) == (1, 1)

    def test_nothing_is_executed(self, tmp_path: Path) -> None:
        created = tmp_path / "pwned"
        opened = tmp_path / "opened"
        blueprint = tmp_path / "blueprint.yaml"
        blueprint.write_text(
            f"a: !!python/object/apply:os.system ['touch {created}']\n"
            f"b: !!python/object/apply:subprocess.check_call [['touch', '{created}']]\n"
            f"c: !!python/object/apply:builtins.open ['{opened}', 'w']\n"
            "d: !!python/object/new:builtins.exit [3]\n",
            encoding="utf-8",
        )
        with pytest.raises(YamlProblems) as caught:
            read_yaml_file(blueprint)
        assert [p.code for p in caught.value.problems] == ["yaml_unsafe_tag"] * 4
        assert [p.line for p in caught.value.problems] == [1, 2, 3, 4]
        assert not created.exists()
        assert not opened.exists()

    def test_nothing_is_executed_through_the_loader(self, tmp_path: Path) -> None:
        from datacites_proto.blueprint.loader import inspect_blueprint

        created = tmp_path / "pwned"
        blueprint = tmp_path / "blueprint.yaml"
        blueprint.write_text(
            f"datacites: !!python/object/apply:os.system ['touch {created}']\n", encoding="utf-8"
        )
        result = inspect_blueprint(blueprint)
        assert [p.code for p in result.problems] == ["yaml_unsafe_tag"]
        assert not created.exists()

    def test_safe_explicit_tags_are_accepted(self) -> None:
        doc = parse("a: !!str 12\nb: !!int '7'\nc: !!float '1.5'\n")
        assert doc.data == {"a": "12", "b": 7, "c": 1.5}


class TestDuplicateKeys:
    def test_top_level(self) -> None:
        problem = only_problem("a: 1\nb: 2\na: 3\n")
        assert problem.code == "yaml_duplicate_key"
        assert problem.params["key"] == "a"
        assert problem.params["first_line"] == 1
        assert (problem.line, problem.col) == (3, 1)
        assert "1" in problem.message("en")

    def test_nested(self) -> None:
        text = "datasets:\n  shops:\n    title: A\n    key: id\n    title: B\n"
        problem = only_problem(text)
        assert problem.code == "yaml_duplicate_key"
        assert problem.params == {"key": "title", "first_line": 3}
        assert (problem.line, problem.col) == (5, 5)

    def test_in_flow_mapping(self) -> None:
        problem = only_problem("source: {type: csv, path: a.csv, type: excel}\n")
        assert problem.code == "yaml_duplicate_key"
        assert problem.params["first_line"] == 1
        assert problem.line == 1

    def test_every_duplicate_is_reported(self) -> None:
        problems = problems_of("a: 1\nb: 2\na: 3\nb: 4\n")
        assert [(p.params["key"], p.params["first_line"], p.line) for p in problems] == [
            ("a", 1, 3),
            ("b", 2, 4),
        ]


class TestMergeKeys:
    def test_explicit_key_after_the_merge_wins(self) -> None:
        doc = parse("base: &base {x: 1, y: 2}\nuse:\n  <<: *base\n  y: 3\n")
        assert doc.data["use"] == {"x": 1, "y": 3}

    def test_explicit_key_before_the_merge_wins(self) -> None:
        doc = parse("base: &base {x: 1, y: 2}\nuse:\n  y: 3\n  <<: *base\n")
        assert doc.data["use"] == {"x": 1, "y": 3}

    def test_explicit_key_position_is_its_own(self) -> None:
        doc = parse("base: &base {x: 1, y: 2}\nuse:\n  y: 3\n  <<: *base\n")
        assert doc.positions[("use", "y")].line == 3
        merged = doc.positions[("use", "x")]
        assert (merged.line, merged.key_line) == (1, 1)

    def test_list_of_anchors_earlier_wins(self) -> None:
        text = "a: &a {x: 1, z: 1}\nb: &b {x: 2, w: 2}\nuse:\n  <<: [*a, *b]\n  y: 3\n"
        assert parse(text).data["use"] == {"x": 1, "z": 1, "w": 2, "y": 3}

    def test_merging_a_scalar_is_refused(self) -> None:
        problem = only_problem("s: &s 12\nuse:\n  <<: *s\n  y: 3\n")
        assert problem.code == "yaml_bad_merge"
        assert problem.line == 1

    def test_duplicate_explicit_key_next_to_a_merge_is_still_reported(self) -> None:
        problem = only_problem("base: &base {x: 1}\nuse:\n  <<: *base\n  y: 3\n  y: 4\n")
        assert problem.code == "yaml_duplicate_key"
        assert (problem.params["first_line"], problem.line) == (4, 5)


BOMB = (
    'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
    "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
    "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
    "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n"
    "f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n"
    "g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n"
    "h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\n"
    "i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]\n"
)


class TestAliases:
    def test_plain_alias_is_expanded(self) -> None:
        doc = parse("a: &cols [x, y]\nb: *cols\n")
        assert doc.data == {"a": ["x", "y"], "b": ["x", "y"]}
        assert doc.data["a"] is not doc.data["b"]

    def test_recursive_sequence(self) -> None:
        problem = only_problem("a: &a [1, *a]\n")
        assert problem.code == "yaml_recursive_alias"
        assert problem.line == 1

    def test_recursive_mapping(self) -> None:
        problems = problems_of("top:\n  a: &a\n    b: 1\n    c: *a\n")
        assert [p.code for p in problems] == ["yaml_recursive_alias"]
        assert problems[0].line == 2  # the anchored mapping: PyYAML shares the node

    def test_undefined_alias(self) -> None:
        problem = only_problem("a: 1\nb: *nowhere\n")
        assert problem.code == "yaml_undefined_alias"
        assert problem.line == 2

    def test_billion_laughs_refused_before_expanding(self) -> None:
        # Memory, not time, proves it stops early (timings are noise on a shared machine):
        # expanded, the aliases would be 10⁹ nodes.
        tracemalloc.start()
        try:
            problems = problems_of(BOMB)
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        assert [p.code for p in problems] == ["yaml_too_big"]
        assert problems[0].params["limit"] == MAX_NODES
        assert problems[0].line is not None
        assert peak < 64 * 2**20

    def test_deep_nesting_is_a_problem_not_a_crash(self) -> None:
        depth = 5000
        text = "a: " + "[" * depth + "]" * depth + "\n"
        problems = problems_of(text)
        assert [p.code for p in problems] == ["yaml_too_deep"]


class TestSyntaxErrors:
    def test_tab_indentation(self) -> None:
        problem = only_problem("service:\n  id: x\n\ttitle: T\n")
        assert problem.code == "yaml_tab"
        assert (problem.line, problem.col) == (3, 1)
        assert problem.snippet is not None

    def test_unclosed_single_quote(self) -> None:
        problem = only_problem("service:\n  title: 'Cœur de ville\n  id: x\n")
        assert problem.code == "yaml_unexpected_end"
        assert problem.line == 2
        assert problem.snippet is not None

    def test_unclosed_double_quote(self) -> None:
        problem = only_problem('a: 1\nb: "oops\nc: 3\n')
        assert problem.code == "yaml_unexpected_end"
        assert problem.line == 2

    def test_unclosed_bracket(self) -> None:
        problem = only_problem("a: [1, 2\nb: 3\n")
        assert problem.code.startswith("yaml_")
        assert problem.line in (1, 2)
        assert problem.snippet is not None

    def test_bad_indentation(self) -> None:
        problem = only_problem("service:\n    id: x\n  title: T\n")
        assert problem.code == "yaml_bad_indent"
        assert (problem.line, problem.col) == (3, 3)

    def test_value_after_a_value(self) -> None:
        problem = only_problem("service:\n  id: x: y\n")
        assert problem.code == "yaml_mapping_values"
        assert problem.line == 2

    def test_several_documents(self) -> None:
        problem = only_problem("datacites: 1\n---\ndatacites: 1\n")
        assert problem.code == "yaml_several_documents"
        assert problem.line == 2

    def test_bad_escape(self) -> None:
        problem = only_problem('a: 1\npath: "C:\\data\\x.csv"\n')
        assert problem.code == "yaml_bad_escape"
        assert problem.line == 2

    def test_detail_is_kept_and_file_named(self) -> None:
        problem = only_problem("a:\n\tb: 1\n")
        assert problem.file == "blueprint.yaml"
        assert problem.params["detail"]
        assert problem.message("fr")
        assert problem.message("en")


class TestFiles:
    def test_reads_utf8(self, tmp_path: Path) -> None:
        path = tmp_path / "b.yaml"
        path.write_text("title: Cœur de ville\n", encoding="utf-8")
        doc = read_yaml_file(path, "b.yaml")
        assert doc.data == {"title": "Cœur de ville"}
        assert doc.display == "b.yaml"
        assert doc.path == path

    def test_bom_is_accepted_and_columns_unchanged(self, tmp_path: Path) -> None:
        path = tmp_path / "b.yaml"
        path.write_bytes(b"\xef\xbb\xbftitle: C\xc5\x93ur\nid: x\n")
        doc = read_yaml_file(path)
        assert doc.data == {"title": "Cœur", "id": "x"}
        pos = doc.positions[("title",)]
        assert (pos.key_line, pos.key_col, pos.col) == (1, 1, 8)

    def test_not_utf8_reports_the_line(self, tmp_path: Path) -> None:
        path = tmp_path / "b.yaml"
        path.write_bytes("datacites: 1\nservice:\n  title: Café\n".encode("cp1252"))
        with pytest.raises(YamlProblems) as caught:
            read_yaml_file(path, "b.yaml")
        [problem] = caught.value.problems
        assert problem.code == "yaml_not_utf8"
        assert problem.line == 3
        assert problem.file == "b.yaml"

    def test_missing_file(self, tmp_path: Path) -> None:
        with pytest.raises(YamlProblems) as caught:
            read_yaml_file(tmp_path / "nope.yaml", "nope.yaml")
        [problem] = caught.value.problems
        assert problem.code == "file_not_found"
        assert problem.params["path"] == "nope.yaml"
        assert problem.file == "nope.yaml"

    def test_a_folder_is_unreadable_not_a_crash(self, tmp_path: Path) -> None:
        with pytest.raises(YamlProblems) as caught:
            read_yaml_file(tmp_path, "folder")
        assert [p.code for p in caught.value.problems] == ["file_unreadable"]

    def test_problems_exception_lists_codes(self) -> None:
        with pytest.raises(YamlProblems) as caught:
            parse("a: 1\na: 2\n")
        assert "yaml_duplicate_key" in str(caught.value)


class TestSizeLimits:
    """Issue 11: a 50 MB blueprint took 1.1 GB and its message blamed aliases."""

    def test_file_over_the_limit_is_refused_before_parsing(self, tmp_path: Path) -> None:
        path = tmp_path / "big.yaml"
        # 3 MB of perfectly legal YAML: one long list of short strings.
        path.write_text("items:\n" + "  - valeur\n" * 300_000, encoding="utf-8")
        with pytest.raises(YamlProblems) as caught:
            read_yaml_file(path, "big.yaml")
        [problem] = caught.value.problems
        assert problem.code == "blueprint_file_too_large"
        assert problem.file == "big.yaml"
        fr, en = problem.message("fr"), problem.message("en")
        assert "big.yaml" in fr and "3,2 Mo" in fr and "2,0 Mo" in fr
        assert "3.2 MB" in en and "2.0 MB" in en
        assert "alias" not in fr + en

    def test_file_at_the_limit_is_read(self, tmp_path: Path) -> None:
        path = tmp_path / "ok.yaml"
        path.write_bytes(b"a: 1\n" + b"#" * (MAX_BYTES - 6) + b"\n")
        assert read_yaml_file(path).data == {"a": 1}

    def test_big_file_costs_little_memory(self, tmp_path: Path) -> None:
        from tests.support.budgets import measure

        path = tmp_path / "huge.yaml"
        with path.open("w", encoding="utf-8") as handle:
            for _ in range(40):  # 40 MB, scaled down from the report's 50 MB
                handle.write("  - valeur\n" * 95_000)
        cost = measure(
            f"""
            try:
                read_yaml_file(Path({str(path)!r}))
            except YamlProblems as exc:
                assert exc.problems[0].code == "blueprint_file_too_large", exc.problems
            else:
                raise AssertionError("read")
            """,
            setup="from pathlib import Path\n"
            "from datacites_proto.blueprint.yaml_source import read_yaml_file, YamlProblems\n",
        )
        assert cost.outcome == "ok", cost.outcome
        assert cost.extra_mb < 100  # the file is never parsed (it took 1.1 GB)

    def test_many_plain_values_do_not_blame_aliases(self) -> None:
        text = "items:\n" + "  - 1\n" * (MAX_NODES + 10)  # under the size limit
        problems = problems_of(text)
        assert [p.code for p in problems] == ["yaml_too_many_nodes"]
        fr, en = problems[0].message("fr"), problems[0].message("en")
        assert "alias" not in fr + en
        assert str(MAX_NODES) in fr and "values" in en

    def test_aliases_are_still_blamed_when_they_blow_up(self) -> None:
        assert [p.code for p in problems_of(BOMB)] == ["yaml_too_big"]

    def test_parse_yaml_refuses_oversized_text(self) -> None:
        problem = only_problem("a: '" + "x" * MAX_BYTES + "'\n")
        assert problem.code == "blueprint_file_too_large"

    def test_big_python_blueprint_is_never_run(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        from datacites_proto.blueprint.loader import inspect_blueprint

        monkeypatch.chdir(tmp_path)
        marker = tmp_path / "ran"
        code = f"open({str(marker)!r}, 'w').close()\n" + "#" * (MAX_BYTES + 10) + "\n"
        (tmp_path / "blueprint.py").write_text(code, encoding="utf-8")
        result = inspect_blueprint(tmp_path / "blueprint.py")
        assert [p.code for p in result.problems] == ["blueprint_file_too_large"]
        assert result.problems[0].file == "blueprint.py"
        assert not marker.exists()
