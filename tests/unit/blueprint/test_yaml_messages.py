"""Broken YAML gives a message in the user's language, on the line where the mistake is.

PyYAML words its problems for its own developers (« expected ',' or '}', but got '{' ») and
often notices them one line late; issue 15.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

import pytest

from datacites_proto.blueprint.loader import load_blueprint
from datacites_proto.blueprint.yaml_source import YamlProblems, parse_yaml, read_yaml_file
from datacites_proto.errors import BlueprintError, Problem


class Case(NamedTuple):
    name: str
    text: str
    code: str
    line: int
    col: int
    french: str  # a few words of the French message
    english: str

    def __str__(self) -> str:
        return self.name


CASES = [
    # A flow mapping's item that ends its line without a comma: PyYAML trips on line 3.
    Case(
        "flow-mapping-missing-comma",
        "service: {id: essai\n  title: Essai}\n",
        "yaml_flow_mapping_separator",
        1,
        20,
        "Il manque une virgule ou l'accolade fermante « } » ici",
        "A comma or the closing brace '}' is missing here",
    ),
    Case(
        "flow-mapping-then-brace",  # the issue's « expected ',' or '}', but got '{' »
        "a: 1\nb: {x: 1\n  {y: 2}}\nc: 3\n",
        "yaml_flow_mapping_separator",
        2,
        9,
        "l'accolade « { » ouverte ligne 2",
        "the brace '{' opened on line 2",
    ),
    Case(
        "flow-mapping-never-closed",
        "a: 1\nb: {x: 1, y: 2  # note\n\nc: 3\n",
        "yaml_flow_mapping_separator",
        2,
        15,
        "se ferme par « } »",
        "ends with '}'",
    ),
    Case(
        "flow-sequence-never-closed",
        "a: 1\nb: [1, 2\nc: 3\n",
        "yaml_flow_sequence_separator",
        2,
        9,
        "le crochet « [ » ouvert ligne 2",
        "the bracket '[' opened on line 2",
    ),
    Case(
        "key-without-colon",  # PyYAML notices on the next key's line
        "a: 1\nb\nc: 2\n",
        "yaml_expected_colon",
        2,
        1,
        "Il manque « : » après une clé",
        "",
    ),
    Case(
        "quote-never-closed",
        'a: 1\nb: "hello\nc: 3\n',
        "yaml_unexpected_end",
        2,
        4,
        "un guillemet ou un crochet n'est pas fermé",
        "",
    ),
    Case(
        "character-that-cannot-start",
        "a: 1\nb: @mairie\n",
        "yaml_bad_start_character",
        2,
        4,
        "Le caractère « @ » ne peut pas commencer une valeur YAML",
        "The character '@' cannot start a YAML value",
    ),
    Case(
        "list-item-in-a-mapping",
        "a: 1\n- b\n",
        "yaml_dash_in_mapping",
        2,
        1,
        "Élément de liste « - » inattendu",
        "Unexpected list item '-'",
    ),
    Case(
        "text-after-a-quoted-value",
        'title: "Ma ville" centre\n',
        "yaml_text_after_value",
        1,
        19,
        "Texte inattendu après une valeur",
        "Unexpected text after a value",
    ),
    Case(
        "bad-indentation",
        "a:\n  b: 1\n c: 2\n",
        "yaml_bad_indent",
        3,
        2,
        "Indentation incohérente",
        "",
    ),
]

# PyYAML's own words must never reach the user.
PYYAML_WORDS = ("expected ',", "but got", "but found", "while parsing", "while scanning", "token")


def only_problem(text: str) -> Problem:
    with pytest.raises(YamlProblems) as raised:
        parse_yaml(text, Path("blueprint.yaml"))
    [problem] = raised.value.problems
    return problem


@pytest.mark.parametrize("case", CASES, ids=str)
def test_located_on_the_mistake_in_french_and_english(case: Case) -> None:
    problem = only_problem(case.text)
    assert (problem.code, problem.line, problem.col) == (case.code, case.line, case.col)
    french, english = problem.message("fr"), problem.message("en")
    assert case.french in french
    assert case.english in english
    for words in PYYAML_WORDS:
        assert words not in french and words not in english
    # The snippet under the message shows the line pointed at, with the caret on the column.
    assert problem.snippet is not None
    lines = problem.snippet.splitlines()
    shown = next(i for i, ln in enumerate(lines) if ln.lstrip().startswith(f"{case.line} |"))
    caret = lines[shown + 1]
    assert caret.index("^") - caret.index("|") - 1 == case.col


def test_a_blueprint_file_reports_the_line_with_its_path(tmp_path: Path) -> None:
    path = tmp_path / "blueprint.yaml"
    path.write_text(
        "datacites: 1\nservice: {id: essai\n  title: Essai}\npages: []\n", encoding="utf-8"
    )
    with pytest.raises(BlueprintError) as raised:
        load_blueprint(path)
    [problem] = raised.value.problems
    assert (problem.code, problem.line, problem.col) == ("yaml_flow_mapping_separator", 2, 20)


def test_an_agreement_file_gets_the_same_messages(tmp_path: Path) -> None:
    # Agreement files (and every YAML the loader reads) go through the same parser.
    path = tmp_path / "agreement.yaml"
    path.write_text("partner: Ville\nscope: [flux, capteurs\nend: 2026-12-31\n", encoding="utf-8")
    with pytest.raises(YamlProblems) as raised:
        read_yaml_file(path, "agreement.yaml")
    [problem] = raised.value.problems
    assert (problem.code, problem.line, problem.file) == (
        "yaml_flow_sequence_separator",
        2,
        "agreement.yaml",
    )
    assert "le crochet « [ » ouvert ligne 2" in problem.message("fr")
