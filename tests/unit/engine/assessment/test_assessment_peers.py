"""Peer comparison: population bands, and cells hidden unless no collectivité is exposed."""

from __future__ import annotations

import pytest

from datacites_proto.engine.assessment.peers import (
    DOMINANT,
    TOO_FEW,
    Cell,
    PeerEdition,
    band_label,
    peer_cell,
    peer_cells,
    population_band,
)


@pytest.mark.parametrize(
    ("population", "band"),
    [
        (0, "lt3500"),
        (3_499, "lt3500"),
        (3_500, "3500_10000"),
        (9_999, "3500_10000"),
        (10_000, "10000_50000"),
        (49_999, "10000_50000"),
        (50_000, "50000_100000"),
        (99_999, "50000_100000"),
        (100_000, "ge100000"),
        (2_100_000, "ge100000"),
    ],
)
def test_population_bands_include_their_lower_bound(population: int, band: str) -> None:
    assert population_band(population) == band


def test_band_labels_use_the_locale_numbers() -> None:
    assert band_label("3500_10000", "fr") == "3\u202f500 – 10\u202f000"
    assert band_label("3500_10000", "en") == "3,500 – 10,000"
    assert band_label("lt3500", "en") == "< 3,500"
    assert band_label("ge100000", "en") == "≥ 100,000"


def peer(code: str, population: int = 5_000, level: float = 2.0, **kw: object) -> PeerEdition:
    values = {
        "collectivite": code,
        "name": f"Commune {code}",
        "status": "commune",
        "population": population,
        "year": 2026,
        "questionnaire": "maturite-numerique",
        "levels": {"strategie": level},
    }
    values.update(kw)
    return PeerEdition(**values)  # type: ignore[arg-type]


OWN = "29233"


def cell(peers: list[PeerEdition]) -> Cell:
    return peer_cell(
        peers, OWN, "commune", "3500_10000", 2026, "strategie", questionnaire="maturite-numerique"
    )


def test_two_peers_are_hidden() -> None:
    found = cell([peer("29001"), peer("29002")])
    assert (found.shown, found.reason, found.n, found.mean) == (False, TOO_FEW, 2, None)


def test_three_peers_are_shown_with_their_population_weighted_mean() -> None:
    found = cell([peer("29001", 4_000, 1.0), peer("29002", 4_000, 2.0), peer("29003", 8_000, 4.0)])
    assert found.shown and found.reason is None and found.n == 3
    assert found.mean == pytest.approx((4_000 * 1 + 4_000 * 2 + 8_000 * 4) / 16_000)


def test_a_dominant_peer_hides_the_cell() -> None:
    # 3 000 of 3 520 inhabitants: 85.2 % of the cell, more than 85 %
    dominated = [peer("29001", 3_000, 4.0), peer("29002", 260, 1.0), peer("29003", 260, 1.0)]
    found = peer_cell(dominated, OWN, "commune", "lt3500", 2026, "strategie")
    assert (found.shown, found.reason, found.n, found.mean) == (False, DOMINANT, 3, None)


def test_a_peer_of_exactly_85_percent_does_not_dominate() -> None:
    even = [peer("29001", 1_700), peer("29002", 150), peer("29003", 150)]
    found = peer_cell(even, OWN, "commune", "lt3500", 2026, "strategie")
    assert found.shown and found.mean == pytest.approx(2.0)


def test_own_collectivite_is_excluded() -> None:
    found = cell([peer("29001"), peer("29002"), peer(OWN)])
    assert (found.shown, found.n) == (False, 2)


@pytest.mark.parametrize(
    "other",
    [
        {"status": "epci"},
        {"population": 12_000},  # another band
        {"year": 2025},
        {"questionnaire": "maturite-donnees"},
        {"levels": {}},  # the theme unanswered
        {"levels": {"strategie": float("nan")}},
    ],
)
def test_other_status_band_year_questionnaire_or_no_level_is_excluded(other: dict) -> None:
    found = cell([peer("29001"), peer("29002"), peer("29003", **other)])
    assert (found.shown, found.n) == (False, 2)
    assert cell([peer("29001"), peer("29002"), peer("29003")]).shown


def test_a_collectivite_repeated_in_a_file_counts_once() -> None:
    found = cell([peer("29001"), peer("29002"), peer("29002", level=4.0)])
    assert (found.shown, found.n) == (False, 2)


def test_peer_cells_gives_one_cell_per_theme() -> None:
    peers = [peer(code, levels={"a": 2.0, "b": 3.0}) for code in ("1", "2", "3")]
    peers[0] = peer("1", levels={"a": 2.0})
    cells = peer_cells(peers, OWN, "commune", "3500_10000", 2026, ["a", "b"])
    assert cells["a"].shown and cells["a"].mean == pytest.approx(2.0)
    assert not cells["b"].shown and cells["b"].reason == TOO_FEW
