"""`datacites report` on every example: the PDF says what the app shows for the same
filters (KPI values, changes and their honest notes, every view's title), names the
sources, has pages that are not blank; the HTML holds no script and no address.

Each example's documents are made once per module (`reports`); the app's figures come from
the real app script under AppTest, for the same default filters. The command's other cases
(governance, filters, errors, the committed sample) are in test_report_cli.py."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from datacites_proto import inspect_blueprint
from datacites_proto.blueprint.model import Blueprint
from tests.conftest import REPO, need
from tests.integration.app.test_examples_render import EXAMPLES, blueprint_of
from tests.support.apptest import app_for, open_page
from tests.support.pdf_text import pdf_text, plain

AS_OF = "2026-12-01T09:00"


@dataclass
class Report:
    blueprint: Blueprint
    project: Path
    pdf: bytes
    html: str
    text: str  # the PDF's plain text
    pages: int


def _make(cli_main, *args: object) -> int:  # type: ignore[no-untyped-def]
    try:
        cli_main([str(a) for a in args])
    except SystemExit as exc:
        return int(exc.code or 0)
    return 0


@pytest.fixture(scope="module", params=EXAMPLES)
def reports(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Report:
    from datacites_proto.cli.main import main

    folder = tmp_path_factory.mktemp("report") / request.param
    shutil.copytree(
        REPO / "examples" / request.param, folder, ignore=shutil.ignore_patterns(".datacites")
    )
    path = blueprint_of(folder)
    pdf, html = folder / "rapport.pdf", folder / "rapport.html"
    assert _make(main, "report", path, "-o", pdf, "--as-of", AS_OF) == 0
    assert _make(main, "report", path, "-o", html, "--as-of", AS_OF) == 0
    blueprint = inspect_blueprint(path).blueprint
    assert blueprint is not None
    text, pages = pdf_text(pdf.read_bytes())
    return Report(blueprint, path, pdf.read_bytes(), html.read_text(encoding="utf-8"), text, pages)


def public_pages(blueprint: Blueprint) -> list[str]:
    return [p.url_slug for p in blueprint.pages if p.access == "public"]


_NUMBER = re.compile(r"[−-]?\d[\d ]*(?:,\d+)?")


def _number(text: str) -> tuple[float, float]:
    """(value, the unit of its last digit) of « 786 346 », « 26,3 », « −11,6 »."""
    digits = text.replace(" ", "").replace("−", "-").replace(",", ".")
    decimals = len(digits.split(".")[1]) if "." in digits else 0
    return float(digits), 10.0**-decimals


def assert_kpi(text: str, label: str, value: str, where: str) -> None:
    """The card « label value » is in the PDF's text. DuckDB adds floating-point numbers in
    no fixed order (threads): a sum that falls on .5 (recharge's 786 345,5 kWh) may show as
    one or the next whole number from one query to the next, on screen as in print; there
    the same label followed by the same words within one unit of the last digit is the
    same figure."""
    if f"{label} {value}" in text:
        return
    found = _NUMBER.match(value)
    assert found is not None, (where, label, value)
    rest = value[found.end() :]
    pattern = re.escape(label) + r" (" + _NUMBER.pattern + r")" + re.escape(rest)
    printed = re.search(pattern, text)
    assert printed is not None, (where, label, value)
    (shown, unit), (got, _) = _number(found.group(0)), _number(printed.group(1))
    assert abs(shown - got) <= unit * 1.0001, (where, label, value, printed.group(0))


def test_the_pdf_shows_the_apps_kpis_titles_and_honest_notes(reports: Report) -> None:
    """For every public page, what the app draws under its default filters is in the PDF."""
    checked = 0
    for slug in public_pages(reports.blueprint):
        at = open_page(app_for(reports.project), slug).run()
        assert not at.exception, [e.value for e in at.exception]
        for metric in at.metric:
            assert_kpi(reports.text, plain(metric.label), plain(str(metric.value)), slug)
            if metric.delta:
                assert plain(f"{metric.value} {metric.delta}") in reports.text, (slug, metric.delta)
            checked += 1
        # Every chart's, table's, map's and text's title.
        for header in at.header:
            assert plain(header.value) in reports.text, (slug, header.value)
            checked += 1
        # Comparisons said as the screen says them, shown or not (« Par rapport à … »,
        # « Pas de comparaison … »), and hidden values explained.
        for caption in at.caption:
            words = plain(str(caption.value))
            if re.search(r"rapport à|comparaison|compared|masqu", words, re.IGNORECASE):
                assert words in reports.text, (slug, words)
    assert checked, "no KPI or title was compared"


def test_the_pdf_names_its_sources_and_the_export_date(reports: Report) -> None:
    for name, dataset in reports.blueprint.datasets.items():
        title = plain(dataset.title or name)
        if dataset.governance.access == "restricted":
            continue  # named to the team only (test_restricted_data_never_reaches_the_report)
        assert title in reports.text, title
        if dataset.governance.producer:
            assert plain(dataset.governance.producer) in reports.text
    assert "Document produit le 1er décembre 2026 à 09:00" in reports.text or (
        "Document produced on 1 December 2026 at 09:00" in reports.text
    )
    assert "Page 1 sur" in reports.text or "Page 1 of" in reports.text


def test_the_pdf_pages_are_drawn(reports: Report, tmp_path: Path) -> None:
    """pdftoppm renders the first pages: each holds a good share of ink."""
    from PIL import Image

    if shutil.which("pdftoppm") is None:
        need("pdftoppm", "apt-get install poppler-utils")
    source = tmp_path / "r.pdf"
    source.write_bytes(reports.pdf)
    subprocess.run(
        ["pdftoppm", "-r", "30", "-l", "3", "-png", str(source), str(tmp_path / "p")],
        check=True,
        timeout=60,
    )
    images = sorted(tmp_path.glob("p-*.png"))
    assert images and reports.pages >= len(images)
    for image in images:
        grey = Image.open(image).convert("L")
        inked = sum(grey.histogram()[:200])  # pixels darker than light grey
        assert inked / (grey.width * grey.height) > 0.01, image.name


def test_the_html_is_self_contained(reports: Report) -> None:
    html = reports.html
    assert html.startswith("<!DOCTYPE html>")
    assert "<script" not in html.lower() and "http" not in html.lower()
    assert "<svg" in html and "@page" in html
    assert f'lang="{reports.blueprint.lang}"' in html
    # The same words as the PDF: every KPI card's title and every view's heading.
    assert plain(reports.blueprint.service.title) in plain(re.sub(r"<[^>]+>", " ", html))
