"""The impact view's sentences: the effect said as honestly as the numbers allow, fr and en."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import pandas as pd
import pytest

from datacites_proto.blueprint.experiments import Experiment
from datacites_proto.engine.experiments.checks import Reason, Verdict
from datacites_proto.engine.experiments.result import ExperimentResult
from datacites_proto.i18n.formatting import Formatter
from datacites_proto.views import impact_text as words

NBSP = "\xa0"  # French typography: a no-break space before % (Babel's fr_FR)


def experiment(**changes: Any) -> Experiment:
    spec: dict[str, Any] = {
        "title": "Piétonnisation de la rue Savary",
        "hypothesis": "Plus de piétons rue Savary.",
        "indicator": "passages",
        "intervention": "2026-06-01",
        "treated": {"lieu": ["Rue Savary"]},
        "control": {"lieu": ["Gare", "Halles", "Quai Brizeux", "Rue Ellé", "Place Hervo"]},
        "adjust_for": ["weekday", "holidays"],
        "expected": {"min_effect": 0.05, "direction": "up"},
    }
    spec.update(changes)
    return Experiment.model_validate(spec)


CLEAN = (
    Verdict("periods", True, {"before": 60, "after": 60, "needed": 28, "grain": "day"}),
    Verdict("placebo", True, {"effect": 1.0, "fake_start": pd.Timestamp("2026-03-16")}),
    Verdict("pre_trend", True, {"slope": 0.1, "p_value": 0.4}),
)


def result(**changes: Any) -> ExperimentResult:
    """A trustworthy DiD estimate of +12 % (7 % to 17 %), +120 passages a day (70 to 170)."""
    base = ExperimentResult(
        experiment="pietonnisation",
        indicator="passages",
        method="did",
        grain="day",
        status="running",
        periods_before=60,
        periods_after=60,
        baseline_start=dt.date(2026, 4, 2),
        baseline_end=dt.date(2026, 5, 31),
        after_start=dt.date(2026, 6, 1),
        after_end=dt.date(2026, 7, 30),
        effect=120.0,
        ci_low=70.0,
        ci_high=170.0,
        p_value=0.001,
        std_error=25.0,
        counterfactual=1000.0,
        percent=0.12,
        percent_low=0.07,
        percent_high=0.17,
        percent_reason=None,
        series=pd.DataFrame({"period": [], "treated": [], "control": [], "after": []}),
        checks=CLEAN,
        reasons=(),
        days_needed=0,
    )
    return dataclasses.replace(base, **changes)


def passages(value: float) -> str:
    return Formatter("fr").number(value) + " passages"


def say(res: ExperimentResult, lang: str = "fr", exp: Experiment | None = None) -> str:
    return words.effect_sentence(
        res, exp or experiment(), "Passages piétons", Formatter(lang), passages
    )


def test_a_rise_is_said_with_its_interval_in_french() -> None:
    assert say(result()) == (
        f"Après « Piétonnisation de la rue Savary », le 1er juin 2026, l'indicateur « Passages "
        f"piétons » a augmenté de 12{NBSP}% (entre 7{NBSP}% et 17{NBSP}%) pour Rue Savary, "
        "par rapport aux témoins (Gare, Halles, Quai Brizeux et 2 autres)."
    )


def test_a_rise_in_english() -> None:
    assert say(result(), "en") == (
        "After 'Piétonnisation de la rue Savary', on 1 June 2026, the indicator 'Passages "
        "piétons' rose by 12% (between 7% and 17%) for Rue Savary, compared with the control "
        "units (Gare, Halles, Quai Brizeux and 2 more)."
    )


def test_a_fall_gives_magnitudes_smallest_first() -> None:
    fall = result(
        effect=-120.0,
        ci_low=-170.0,
        ci_high=-70.0,
        percent=-0.12,
        percent_low=-0.17,
        percent_high=-0.07,
    )
    text = say(fall)
    assert f"a baissé de 12{NBSP}% (entre 7{NBSP}% et 17{NBSP}%)" in text
    assert "fell by 12% (between 7% and 17%)" in say(fall, "en")


def test_an_interval_covering_zero_claims_no_effect() -> None:
    unclear = result(
        effect=20.0, ci_low=-50.0, ci_high=90.0, percent=0.02, percent_low=-0.05, percent_high=0.09
    )
    text = say(unclear)
    assert "on ne peut pas conclure à un effet" in text
    assert f"entre −5{NBSP}% et +9{NBSP}%" in text
    assert "augmenté" not in text and f"2{NBSP}%" not in text  # no point estimate claimed
    assert "no effect on the indicator 'Passages piétons' can be concluded" in say(unclear, "en")


def test_a_failed_check_shows_no_figure_and_says_why() -> None:
    doubt = result(
        checks=(CLEAN[0], Verdict("placebo", False, {"effect": 40.0}), CLEAN[2]),
        reasons=(Reason("experiment_placebo_failed", {}),),
    )
    text = say(doubt)
    assert "on ne peut pas conclure" in text and "Aucun effet n'est donc annoncé" in text
    assert "%" not in text and "12" not in text
    assert "No effect is claimed" in say(doubt, "en")


def test_without_a_percent_the_effect_is_in_the_indicators_unit_per_period() -> None:
    plain = result(
        percent=None,
        percent_low=None,
        percent_high=None,
        percent_reason="experiment_no_percent",
    )
    text = say(plain)
    assert "a augmenté de 120 passages par jour (entre 70 passages et 170 passages)" in text
    assert "%" not in text


def test_without_control_the_comparison_is_the_trend_before() -> None:
    its = result(method="its")
    text = say(its, exp=experiment(control=None))
    assert text.endswith("pour Rue Savary, par rapport à la tendance d'avant l'intervention.")
    assert "compared with the trend before the intervention" in say(
        its, "en", experiment(control=None)
    )


def test_a_temporary_intervention_opens_with_its_period() -> None:
    exp = experiment(intervention={"start": "2026-06-01", "end": "2026-08-31"})
    assert say(result(), exp=exp).startswith(
        "Pendant « Piétonnisation de la rue Savary », du 1er juin 2026 au 31 août 2026,"
    )


def test_no_estimate_yet_says_how_many_days_remain() -> None:
    waiting = result(effect=None, ci_low=None, ci_high=None, days_needed=12, status="planned")
    assert "pas encore d'estimation" in say(waiting)
    assert words.waiting_text(waiting, Formatter("fr")).startswith(
        "Encore 12 jours de données à recueillir"
    )
    assert words.waiting_text(waiting, Formatter("en")).startswith("12 more days of data")
    ready = dataclasses.replace(waiting, days_needed=0)
    assert "« running »" in words.waiting_text(ready, Formatter("fr"))


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_each_check_is_a_line_with_its_verdict(lang: str) -> None:
    lines = words.check_lines(
        result(
            checks=(
                CLEAN[0],
                Verdict("placebo", False, {"effect": 40.0}),
                Verdict("pre_trend", False, {"periods": 3}, ran=False),
            )
        ),
        Formatter(lang),
    )
    assert [(line.code, line.mark) for line in lines] == [
        ("periods", "✓"),
        ("placebo", "⚠"),
        ("pre_trend", "⚠"),
    ]
    assert "60" in lines[0].text and "28" in lines[0].text
    assert ("placebo" in lines[1].text.lower()) and "3" in lines[2].text


def test_a_passed_placebo_names_its_fake_date() -> None:
    lines = words.check_lines(result(), Formatter("fr"))
    assert "16 mars 2026" in lines[1].text


def test_the_method_names_the_comparison_and_the_adjustments() -> None:
    text = words.method_text(result(), experiment(), "fr")
    assert text.startswith("Différence de différences")
    assert "du jour de la semaine et des jours fériés" in text and "Newey–West" in text
    its = words.method_text(result(method="its", grain="week"), experiment(control=None), "en")
    assert its.startswith("Interrupted time series") and "week by week" in its


def test_the_design_lists_what_was_declared() -> None:
    lines = words.design_lines(
        experiment(treated="sites.site_name = 'Halles'", grain="week", adjust_for=["holidays"]),
        "Passages piétons",
        "fr",
    )
    assert lines[0] == "Hypothèse : Plus de piétons rue Savary."
    assert "semaine par semaine" in lines[1]
    assert lines[2] == "Unités traitées : les unités où sites.site_name = 'Halles'"
    assert lines[4] == "Intervention : le 1er juin 2026"
    assert lines[5] == f"Effet attendu : une hausse d'au moins 5{NBSP}%"


def test_the_estimate_caption_is_signed_in_both_units() -> None:
    text = words.estimate_caption(result(), Formatter("fr"), passages)
    assert text == (
        f"Effet estimé : +12{NBSP}% (intervalle à 95 % : de +7{NBSP}% à +17{NBSP}%), soit "
        "+120 passages par jour (de +70 passages à +170 passages)."
    )


def test_the_expected_effect_and_whether_it_is_reached() -> None:
    fmt = Formatter("fr")
    assert words.expected_text(experiment(expected=None), fmt) is None
    text = words.expected_text(experiment(), fmt, "reached")
    assert text == (
        f"Effet attendu déclaré : une hausse d'au moins 5{NBSP}%. Il est atteint : tout "
        "l'intervalle à 95 % va au-delà."
    )


def test_a_narrow_interval_keeps_one_decimal() -> None:
    narrow = result(percent=0.116, percent_low=0.101, percent_high=0.132)
    assert f"de 11,6{NBSP}% (entre 10,1{NBSP}% et 13,2{NBSP}%)" in say(narrow)


def test_the_engines_covariates_are_named_in_words() -> None:
    names = "month_10, month_11, weekday_7, holidays"
    assert words.covariate_names(names, "fr") == ("octobre, novembre, dimanche et les jours fériés")
    assert words.covariate_names(names, "en") == "October, November, Sunday and public holidays"
    note = words.note_text("experiment_adjustment_dropped", {"names": "month_2"}, "fr")
    assert note.startswith("Correction impossible pour février :")
