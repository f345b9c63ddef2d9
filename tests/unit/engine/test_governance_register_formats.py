"""The register's formats parse back: CSV with the csv module, HTML with html.parser (tables
with captions and scoped headers), Markdown tables; in French and in English."""

from __future__ import annotations

import csv
import datetime as dt
import io
from html.parser import HTMLParser

import pytest

from datacites_proto.engine.register.collect import register_of
from datacites_proto.engine.register.csv_table import BOM, HEADERS
from datacites_proto.engine.register.formats import render
from datacites_proto.engine.register.model import Register
from datacites_proto.i18n import translate
from tests.conftest import CONTRACT

AS_OF = dt.date(2026, 12, 1)


@pytest.fixture(scope="module")
def register() -> Register:
    return register_of(CONTRACT, as_of=AS_OF).register


class Tables(HTMLParser):
    """The tables of a page: caption, the scope of each header, and each row's cells."""

    def __init__(self) -> None:
        super().__init__()
        self.lang: str | None = None
        self.tables: list[dict] = []
        self.external: list[str] = []
        self._cell: list[str] | None = None
        self._in_caption = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "html":
            self.lang = found.get("lang")
        if tag in ("link", "script", "img", "iframe") or "src" in found:
            self.external.append(tag)
        if tag == "table":
            self.tables.append({"caption": "", "rows": [], "scopes": []})
        elif tag == "caption":
            self._in_caption = True
        elif tag == "tr":
            self.tables[-1]["rows"].append([])
        elif tag in ("th", "td"):
            if tag == "th":
                self.tables[-1]["scopes"].append(found.get("scope"))
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "caption":
            self._in_caption = False
        elif tag in ("th", "td") and self._cell is not None:
            self.tables[-1]["rows"][-1].append("".join(self._cell))
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._in_caption:
            self.tables[-1]["caption"] += data
        elif self._cell is not None:
            self._cell.append(data)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_html_is_a_standalone_accessible_page(register: Register, lang: str) -> None:
    page = render(register, lang, ".html")
    parser = Tables()
    parser.feed(page)
    assert parser.lang == lang
    assert parser.external == []  # nothing fetched from elsewhere
    assert parser.tables and all(t["caption"] for t in parser.tables)
    assert all(scope in ("col", "row") for t in parser.tables for scope in t["scopes"])
    summary = parser.tables[0]
    assert summary["caption"] == translate("register_summary", lang)
    assert summary["rows"][0][0] == translate("register_col_dataset", lang)
    visits = next(row for row in summary["rows"] if row[0].endswith("(visits)"))
    assert "agreements/flux-vision.yaml" in visits
    assert "register_" not in page  # every code was translated


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_csv_has_one_row_per_dataset(register: Register, lang: str) -> None:
    text = render(register, lang, ".csv")
    assert text.startswith(BOM)  # Excel then reads UTF-8
    rows = list(csv.reader(io.StringIO(text.removeprefix(BOM)), delimiter=";"))
    header, body = rows[0], rows[1:]
    assert header == [translate(f"register_col_{h}", lang) for h in HEADERS]
    assert [row[0] for row in body] == [r.id for r in register.datasets]
    visits = dict(zip(HEADERS, body[[r[0] for r in body].index("visits")], strict=True))
    assert visits["start"] == "2026-01-01" and visits["end"] == "2027-12-31"
    assert visits["days_left"] == str((dt.date(2027, 12, 31) - AS_OF).days)
    assert visits["threshold"] == "11" and visits["personal"] == "device_hash"
    assert visits["public_level"] == translate("register_level_groups", lang)
    assert "Orange Business" in visits["parties"]
    assert "register_" not in text


def markdown_tables(text: str) -> list[list[list[str]]]:
    """Pipe tables of a Markdown text, as rows of cells (the separator line dropped)."""
    tables: list[list[list[str]]] = []
    current: list[list[str]] = []
    for line in [*text.splitlines(), ""]:
        if line.startswith("|"):
            cells = [c.strip() for c in line.strip("|").split(" | ")]
            if not set(line) <= {"|", "-"}:
                current.append(cells)
        elif current:
            tables.append(current)
            current = []
    return tables


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_markdown_tables_and_locale_dates(register: Register, lang: str) -> None:
    text = render(register, lang, ".md")
    assert text.startswith("# " + translate("register_title", lang, service="Cœur de ville vivant"))
    tables = markdown_tables(text)
    summary = tables[0]
    assert len(summary) == 1 + len(register.datasets)
    assert all(len(row) == len(summary[0]) for row in summary)
    # Dates in the locale's format, not ISO.
    assert ("1er décembre 2026" if lang == "fr" else "1 December 2026") in text
    assert ("31 décembre 2027" if lang == "fr" else "31 December 2027") in text
    assert "register_" not in text


def test_user_text_cannot_break_a_markdown_table() -> None:
    from datacites_proto.engine.register.markdown import cell

    assert cell("a | b\nc <script>") == "a \\| b c &lt;script>"


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("fr", ["expirée depuis 10 jours", "expirée", "Ville de Quimperlé (SIREN 212902330,"]),
        ("en", ["expired 10 days ago", "expired", "Ville de Quimperlé (SIREN 212902330,"]),
    ],
)
def test_an_expired_agreement_is_said_so(lang: str, words: list[str]) -> None:
    later = register_of(CONTRACT, as_of=dt.date(2028, 1, 10)).register
    text = render(later, lang, ".md")
    for word in words:
        assert word in text
