"""The catalog view's pure facts: licences, freshness, agreements, INSEE columns, units."""

from __future__ import annotations

import datetime as dt

import pytest

from datacites_proto import inspect_blueprint
from datacites_proto.views import catalog_facts as facts
from tests.conftest import REPO

CATALOG = REPO / "tests" / "blueprints" / "catalog"


@pytest.mark.parametrize(
    ("licence", "lang", "url"),
    [
        ("etalab-2.0", "fr", "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"),
        ("odbl-1.0", "en", "https://opendatacommons.org/licenses/odbl/1-0/"),
        ("cc-by-4.0", "fr", "https://creativecommons.org/licenses/by/4.0/deed.fr"),
        ("cc-by-4.0", "en", "https://creativecommons.org/licenses/by/4.0/deed.en"),
        ("agreement", "fr", None),
        ("proprietary", "en", None),
    ],
)
def test_open_licences_link_to_their_official_text(licence: str, lang: str, url: str) -> None:
    assert facts.licence_url(licence, lang) == url


@pytest.mark.parametrize(
    ("updated", "frequency", "due"),
    [
        (dt.date(2026, 3, 1), "daily", dt.date(2026, 3, 2)),
        (dt.date(2026, 3, 1), "weekly", dt.date(2026, 3, 8)),
        (dt.date(2026, 1, 31), "monthly", dt.date(2026, 2, 28)),  # no 31 February
        (dt.date(2026, 11, 30), "quarterly", dt.date(2027, 2, 28)),
        (dt.date(2024, 2, 29), "yearly", dt.date(2025, 2, 28)),
        (dt.date(2026, 3, 1), "irregular", None),
    ],
)
def test_next_update_follows_the_declared_rhythm(
    updated: dt.date, frequency: str, due: dt.date | None
) -> None:
    assert facts.next_update(updated, frequency) == due


def test_a_dataset_is_late_from_the_day_after_its_due_date() -> None:
    updated = dt.date(2026, 1, 15)
    on_time = facts.freshness(updated, "monthly", dt.date(2026, 2, 15))
    assert on_time is not None and not on_time.late and on_time.due == dt.date(2026, 2, 15)
    late = facts.freshness(updated, "monthly", dt.date(2026, 3, 1))
    assert late is not None and late.late and late.days_late == 14
    assert facts.freshness(None, "monthly", dt.date(2026, 3, 1)) is None
    assert facts.freshness(updated, None, dt.date(2026, 3, 1)) is None
    assert facts.freshness(updated, "irregular", dt.date(2030, 1, 1)) is None


def test_insee_columns_are_found_by_name_and_communes_counted_by_code() -> None:
    names = ["site_id", "fr_insee_code", "code_insee_ban", "insee", "insee_ratio_x", "nom"]
    assert facts.insee_columns(names) == [
        "fr_insee_code",
        "code_insee_ban",
        "insee",
        "insee_ratio_x",
    ]
    # A protected group merged on public pages is no commune; Corsica's codes are.
    values = ["29233", "29233", "2A004", "autres (regroupées)", None, 29146]
    assert facts.commune_count(values) == 3


def test_units_come_from_indicators_that_sum_or_average_a_column() -> None:
    blueprint = inspect_blueprint(CATALOG / "blueprint.yaml").blueprint
    assert blueprint is not None
    assert facts.column_units(blueprint, "comptages") == {"passages": "passages"}
    assert facts.column_units(blueprint, "sites") == {}
