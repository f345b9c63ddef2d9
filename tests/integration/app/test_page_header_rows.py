"""The page header (service, title, active filters in words) and views laid out in rows."""

from __future__ import annotations

from pathlib import Path

import pytest

from datacites_proto.app.header import day_text, period_text
from tests.integration.app.test_app_core import write_project
from tests.support.apptest import app_for, open_page

BLUEPRINT = """\
datacites: 1
service: {id: essai-entete, title: Cœur d'Essai, lang: LANG}
datasets:
  sites:
    source: {type: csv, path: data/sites.csv}
    columns: {site_name: {type: string, label: Lieu}, surface: number, ouvert: boolean}
    key: site_id
  measures:
    source: {type: csv, path: data/measures.csv}
    columns: {start_datetime: datetime, count: integer}
relations:
  - measures.site_id -> sites.site_id
indicators:
  passages: {label: Passages, dataset: measures, measure: sum(count)}
  lieux_n: {label: Lieux, dataset: sites, measure: count(*)}
  surface: {label: Surface, dataset: sites, measure: sum(surface)}
  moyenne: {label: Moyenne, dataset: measures, measure: mean(count)}
  grands: {label: Grands lieux, dataset: sites, measure: share(surface >= 100)}
filters:
  periode: {type: date_range, column: measures.start_datetime, default: last_7_days, label: Période}
  lieux: {type: multiselect, column: sites.site_name, label: Lieux}
  surf: {type: range, column: sites.surface, label: Surface}
  ouvert: {type: toggle, column: sites.ouvert, label: Ouverts seulement}
pages:
  - title: Vue d'ensemble
    filters: [periode, lieux]
    views:
      - {type: kpi, indicator: passages}
      - {type: kpi, indicator: moyenne}
      - {type: kpi, indicator: lieux_n}
      - {type: kpi, indicator: surface}
      - {type: kpi, indicator: grands}
      - {type: text, markdown: Entre deux.}
      - row:
          - {type: text, markdown: À gauche., width: 1}
          - {type: kpi, indicator: passages, width: 3}
  - title: Lieux
    slug: lieux
    filters: [surf, ouvert]
    cards_in_rows: false
    views:
      - {type: kpi, indicator: lieux_n}
      - {type: kpi, indicator: surface}
  - title: Sans filtre
    slug: sans-filtre
    filters: []
    views:
      - {type: kpi, indicator: lieux_n}
"""


def project(tmp_path: Path, lang: str = "fr") -> Path:
    return write_project(tmp_path / "essai", BLUEPRINT.replace("LANG", lang))


def header_lines(at: object) -> list[str]:
    """The caption, title and summary of the page header, in order."""
    blocks = at.main.children.values()  # type: ignore[attr-defined]
    found = [b for b in blocks if str(getattr(b.proto, "id", "")).endswith("-page-header")]
    assert len(found) == 1, "no page header, or more than one"
    header = found[0]
    assert header is next(iter(blocks)), "the header is not first in the main area"
    return [str(getattr(el, "value", "")) for el in header.children.values()]


class TestHeader:
    def test_the_header_names_the_service_the_page_and_the_current_period(
        self, tmp_path: Path
    ) -> None:
        at = app_for(project(tmp_path)).run()
        assert not at.exception
        # One h1: the page's title; the service's name is a caption, not a heading.
        assert [t.value for t in at.title] == ["Vue d'ensemble"]
        service, title, summary = header_lines(at)
        assert service == "Cœur d'Essai" and title == "Vue d'ensemble"
        # The data run from 1 Sept to 10 Oct 2026: the last 7 days are 4–10 Oct.
        nbsp = "\u00a0"
        assert f"Du 4{nbsp}oct. au 10{nbsp}oct.{nbsp}2026" in summary
        assert "Lieux\u202f: tous" in summary
        assert summary.index("Du 4") < summary.index("Lieux")

    def test_the_summary_follows_the_filters_in_words(self, tmp_path: Path) -> None:
        params = {
            "periode": "custom",
            "periode_dates": ["2026-09-01", "2026-09-02"],
            "lieux": ["Gare", "Port"],
        }
        at = app_for(project(tmp_path), params).run()
        assert not at.exception
        summary = header_lines(at)[2]
        assert "Du 1er\u00a0sept. au 2\u00a0sept.\u00a02026" in summary
        assert "Lieux\u202f: Gare, Port" in summary
        at.multiselect(key="filter-lieux").select("Halles").select("Mairie").run()
        assert "Lieux\u202f: Gare, Port et 2 autres" in header_lines(at)[2]
        at.selectbox(key="filter-periode").select("all").run()
        assert (
            "Toute la période, du 1er\u00a0sept. au 10\u00a0oct.\u00a02026" in header_lines(at)[2]
        )

    def test_ranges_and_toggles_are_told_too(self, tmp_path: Path) -> None:
        at = open_page(app_for(project(tmp_path)), "lieux").run()
        assert not at.exception
        summary = header_lines(at)[2]
        assert "Surface\u202f: tous" in summary and "Ouverts seulement\u202f: non" in summary
        at.toggle(key="filter-ouvert").set_value(True).run()
        assert "Ouverts seulement\u202f: oui" in header_lines(at)[2]

    def test_a_page_without_filters_has_no_summary_line(self, tmp_path: Path) -> None:
        at = open_page(app_for(project(tmp_path)), "sans-filtre").run()
        assert not at.exception
        assert header_lines(at) == ["Cœur d'Essai", "Sans filtre"]

    def test_an_english_service_says_it_in_english(self, tmp_path: Path) -> None:
        at = app_for(project(tmp_path, "en")).run()
        assert not at.exception
        summary = header_lines(at)[2]
        assert "4\u00a0Oct – 10\u00a0Oct\u00a02026" in summary and "Lieux: all" in summary


class TestPeriodWords:
    @pytest.mark.parametrize(
        ("start", "end", "lang", "text"),
        [
            ("2026-08-05", "2026-11-02", "fr", "Du 5 août au 2 nov. 2026"),
            ("2025-12-01", "2026-01-01", "fr", "Du 1er déc. 2025 au 1er janv. 2026"),
            ("2026-11-01", "2026-11-01", "fr", "Le 1er nov. 2026"),
            ("2026-08-05", "2026-11-02", "en", "5 Aug – 2 Nov 2026"),
            ("2025-12-01", "2026-01-01", "en", "1 Dec 2025 – 1 Jan 2026"),
        ],
    )
    def test_periods_in_each_language(self, start: str, end: str, lang: str, text: str) -> None:
        import datetime as dt

        got = period_text(dt.date.fromisoformat(start), dt.date.fromisoformat(end), lang)
        assert got.replace("\u00a0", " ") == text
        # A date is never cut across two lines.
        assert " " not in day_text(dt.date.fromisoformat(end), lang)


class TestRows:
    def test_kpi_cards_sit_in_columns_and_rows_keep_their_widths(self, tmp_path: Path) -> None:
        at = app_for(project(tmp_path)).run()
        assert not at.exception
        # 5 cards: a row of 3 and a row of 2; then the written row of 2 (widths 1 and 3).
        columns = list(at.columns)
        assert len(columns) == 3 + 2 + 2
        assert [len(c.metric) for c in columns] == [1, 1, 1, 1, 1, 0, 1]
        assert [c.metric[0].label for c in columns[:5]] == [
            "Passages",
            "Moyenne",
            "Lieux",
            "Surface",
            "Grands lieux",
        ]
        weights = [c.weight for c in columns[5:]]
        assert weights[1] == pytest.approx(3 * weights[0])
        assert "À gauche." in [m.value for m in columns[5].markdown]
        assert len(at.metric) == 6  # nothing drawn twice

    def test_a_page_may_keep_its_cards_full_width(self, tmp_path: Path) -> None:
        at = open_page(app_for(project(tmp_path)), "lieux").run()
        assert not at.exception
        assert len(at.metric) == 2 and len(at.columns) == 0
