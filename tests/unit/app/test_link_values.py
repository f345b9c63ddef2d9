"""A link's filter values against each filter's domain: kept, clamped or dropped, never raised."""

from __future__ import annotations

import datetime as dt

import pytest

from datacites_proto.app import link_values as lv

LOW, HIGH = dt.date(2024, 1, 1), dt.date(2026, 11, 30)


def test_dates_inside_are_kept_and_ordered() -> None:
    checked = lv.dates(["2025-03-02", "2025-03-01"], LOW, HIGH)
    assert checked == lv.Checked((dt.date(2025, 3, 1), dt.date(2025, 3, 2)))


def test_dates_outside_give_the_default_with_what_was_asked() -> None:
    checked = lv.dates(["1990-01-01", "1990-01-02"], LOW, HIGH)
    assert checked.value is None and checked.notice == "link_dates_outside"
    assert checked.params == {
        "start": dt.date(1990, 1, 1),
        "end": dt.date(1990, 1, 2),
        "low": LOW,
        "high": HIGH,
    }


def test_dates_overhanging_are_clamped() -> None:
    checked = lv.dates(["2023-06-01", "2024-02-01"], LOW, HIGH)
    assert checked.value == (LOW, dt.date(2024, 2, 1)) and checked.notice == "link_dates_clamped"


@pytest.mark.parametrize(
    "raw",
    [
        ["x", "y"],
        ["2025-01-01"],
        ["2025-01-01"] * 3,
        ["2025-02-30", "2025-03-01"],
        ["9" * 300, "2025-01-01"],
    ],
)
def test_unreadable_dates(raw: list[str]) -> None:
    assert lv.dates(raw, LOW, HIGH) == lv.Checked(notice="link_dates_invalid")


def test_dates_without_data_bounds_are_kept() -> None:
    assert lv.dates(["1990-01-01", "1990-01-02"], None, None).value == (
        dt.date(1990, 1, 1),
        dt.date(1990, 1, 2),
    )


def test_intervals() -> None:
    assert lv.interval(["10", "20"], 0, 100) == lv.Checked((10.0, 20.0))
    assert lv.interval(["-5", "20"], 0, 100).value == (0.0, 20.0)
    assert lv.interval(["200", "300"], 0, 100).notice == "link_range_outside"
    for raw in (["nan", "1"], ["inf", "1"], ["1"], ["a", "b"], ["1", "2", "3"]):
        assert lv.interval(raw, 0, 100) == lv.Checked(notice="link_range_invalid"), raw


def test_choices_keep_offered_values_once() -> None:
    assert lv.one_of("Gare", ["Gare", "Port"]) == lv.Checked("Gare")
    assert lv.one_of("3", [1, 2, 3]) == lv.Checked(3)
    assert lv.one_of("Lune", ["Gare"]).notice == "link_value_unknown"
    checked = lv.some_of(["Port", "Port", "Lune", "Gare"], ["Gare", "Port"])
    assert checked.value == ["Port", "Gare"] and checked.params == {"count": 1}
    assert lv.some_of([], ["Gare"]) == lv.Checked(None, None, {"count": 0})


def test_switch_and_preset() -> None:
    assert lv.switch("1").value is True and lv.switch("FALSE").value is False
    assert lv.switch("oui").notice == "link_toggle_invalid"
    assert lv.preset("all", ["all", "custom"]) == lv.Checked("all")
    assert lv.preset("jamais", ["all"]).notice == "link_preset_unknown"
