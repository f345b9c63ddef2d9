"""`datacites governance report`: the format follows -o's extension, mistakes get a clear
message without a traceback, and the committed registers of the examples are up to date."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest

from tests.conftest import CONTRACT, REPO

BROKEN = REPO / "tests" / "integration" / "broken" / "gov_restricted_on_public_page.yaml"
MAKEFILE = (REPO / "Makefile").read_text(encoding="utf-8")
# The date and the examples of the committed registers: the Makefile's, read from it.
AS_OF = re.search(r"^GOVERNANCE_AS_OF := (\S+)$", MAKEFILE, re.M).group(1)  # type: ignore[union-attr]
EXAMPLES = re.search(r"^GOVERNANCE_EXAMPLES := (.+)$", MAKEFILE, re.M).group(1).split()  # type: ignore[union-attr]
DOCS = REPO / "docs" / "fr" / "registre-exemples"


@pytest.mark.parametrize(
    ("name", "marker"),
    [("report.md", "| "), ("report.html", "<!DOCTYPE html>"), ("report.csv", "\ufeff")],
)
def test_output_format_follows_the_extension(cli, tmp_path: Path, name: str, marker: str) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / name
    result = cli("governance", "report", CONTRACT.parent, "-o", target, "--as-of", "2026-12-01")
    assert result.code == 0, result.output
    text = target.read_text(encoding="utf-8")
    assert marker in text
    assert "agreements/flux-vision.yaml" in text
    assert str(target) in result.err  # said where it went


def test_csv_lines_end_with_crlf_in_the_file(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "registre.csv"
    assert cli("governance", "report", CONTRACT, "-o", target).code == 0
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert len(rows) == 1 + 7


def test_without_output_markdown_goes_to_stdout_in_english(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("governance", "report", CONTRACT, "--lang", "en", "--as-of", "2026-12-01")
    assert result.code == 0, result.output
    assert result.out.startswith("# Data governance register")
    assert "1 December 2026" in result.out


@pytest.mark.parametrize(
    ("lang", "words"), [("fr", "Format de sortie inconnu"), ("en", "Unknown output format")]
)
def test_unknown_extension_is_refused_clearly(cli, tmp_path: Path, lang: str, words: str) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "registre.pdf"
    result = cli("--lang", lang, "governance", "report", CONTRACT, "-o", target)
    assert result.code != 0
    assert words in result.err and ".md, .html, .csv" in result.err
    assert "Traceback" not in result.output
    assert not target.exists()


def test_unreadable_date_is_refused_clearly(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("governance", "report", CONTRACT, "--as-of", "01/12/2026", "--lang", "en")
    assert result.code != 0 and "YYYY-MM-DD" in result.err
    assert "Traceback" not in result.output


def test_invalid_blueprint_gives_the_located_validation_errors(run_script) -> None:  # type: ignore[no-untyped-def]
    result = run_script("governance", "report", BROKEN, "--lang", "fr")
    assert result.code == 1
    assert re.search(r"gov_restricted_on_public_page\.yaml:\d+:\d+: ", result.err)
    assert "restreint" in result.err
    assert "Traceback" not in result.output and result.out == ""


@pytest.mark.parametrize("example", EXAMPLES)
def test_committed_register_of_each_example_is_fresh(cli, tmp_path: Path, example: str) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / f"{example}.md"
    args = ("--lang", "fr", "governance", "report", REPO / "examples" / example)
    result = cli(*args, "--as-of", AS_OF, "-o", target)
    assert result.code == 0, result.output
    committed = DOCS / f"{example}.md"
    assert committed.is_file() and committed.read_text(encoding="utf-8") == target.read_text(
        encoding="utf-8"
    ), f"{committed} is stale: run `make governance-docs` and commit the result."


def test_an_unwritable_output_is_a_clear_error(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "absent" / "registre.md"
    result = cli("--lang", "en", "governance", "report", CONTRACT, "-o", target)
    assert result.code == 1
    assert "Cannot write the register" in result.err and str(target) in result.err
    assert "Traceback" not in result.output
