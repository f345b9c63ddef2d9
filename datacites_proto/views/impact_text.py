"""The words of the `impact` view: the effect in one sentence, the checks, the method, the design.

Pure (no Streamlit): each function takes the engine's `ExperimentResult`, the declared
`Experiment` and a `Formatter`, so the sentences are tested without an app and the CLI
report says the same thing as the page. A figure the data cannot support is never
written as a number: when a check fails the sentence says that nothing can be concluded,
and when the interval covers zero it says that no effect can be claimed.
"""

from __future__ import annotations

import datetime as dt
import numbers
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from babel.dates import get_month_names

from datacites_proto.blueprint.experiments import Experiment, units_condition, units_filters
from datacites_proto.i18n import translate
from datacites_proto.i18n.formatting import Formatter

if TYPE_CHECKING:
    from datacites_proto.engine.experiments.result import ExperimentResult

NAMED_UNITS = 3  # units named in a sentence before "and N more"
ValueText = Callable[[float], str]  # a value in the indicator's format and unit


def long_date(value: dt.date, lang: str) -> str:
    """`1er juin 2026`, `1 June 2026`: the long date, with the French ordinal of the 1st."""
    text = Formatter(lang).date(value, "long")
    if lang == "fr" and value.day == 1 and text.startswith("1 "):
        text = "1er" + text[1:]
    return text


def _join(names: Sequence[str], lang: str) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + f" {translate('impact_and', lang)} " + names[-1]


def units_text(units: Any, lang: str, most: int = NAMED_UNITS) -> str:
    """The units as people read them: the filter values (the first `most`, then "and N more")
    or the condition as written."""
    condition = units_condition(units)
    if condition is not None:
        return translate("impact_units_condition", lang, condition=condition)
    names = [str(v) for values in units_filters(units).values() for v in values]
    if len(names) > most:
        return translate(
            "impact_units_more", lang, names=", ".join(names[:most]), count=len(names) - most
        )
    return _join(names, lang)


def opening(experiment: Experiment, lang: str) -> str:
    """`Après « Piétonnisation de la rue Savary », le 1er juin 2026` (or « Pendant … du … au … »)."""
    end = experiment.after_end
    if end is not None:
        return translate(
            "impact_opening_period",
            lang,
            title=experiment.title,
            start=long_date(experiment.after_start, lang),
            end=long_date(end, lang),
        )
    return translate(
        "impact_opening_date",
        lang,
        title=experiment.title,
        date=long_date(experiment.after_start, lang),
    )


def versus(experiment: Experiment, lang: str) -> str:
    """`par rapport aux témoins (…)`, or `par rapport à la tendance d'avant` without a control."""
    if experiment.control is None:
        return translate("impact_versus_trend", lang)
    return translate("impact_versus_control", lang, control=units_text(experiment.control, lang))


def _percent_digits(*values: float) -> int:
    """As many decimals as the interval's precision: none when it spans five points or more
    (12 %, between 7 % and 17 %), one when it is narrower (12.2 %, between 11.3 % and 13.1 %),
    where whole numbers would round its ends by a good part of its width."""
    return 0 if max(values) - min(values) >= 0.05 else 1


def _declared_digits(value: float) -> int:
    """A declared share as written: 5 % for 0.05, 2,5 % for 0.025."""
    return 0 if abs(value * 100 - round(value * 100)) < 1e-9 else 1


def signed(text: str, value: float) -> str:
    """A change written with its sign: `+9 %`, `−5 %`."""
    if value > 0:
        return "+" + text
    return text.replace("-", "−", 1)


@dataclass(frozen=True)
class Figures:
    """The estimate as the sentence writes it: magnitudes, or signed bounds when unclear."""

    value: str
    low: str
    high: str


def figures(result: ExperimentResult, fmt: Formatter, value_text: ValueText) -> Figures:
    """The effect and its interval in percent when there is one, else in the indicator's unit."""
    assert result.effect is not None and result.ci_low is not None and result.ci_high is not None
    up, down = result.ci_low > 0, result.ci_high < 0
    if result.percent is not None and result.percent_low is not None:
        assert result.percent_high is not None
        triple = (result.percent, result.percent_low, result.percent_high)
        digits = _percent_digits(*triple)

        def text(v: float, sign: bool) -> str:
            shown = fmt.percent(abs(v) if not sign else v, digits)
            return signed(shown, v) if sign else shown
    else:
        triple = (result.effect, result.ci_low, result.ci_high)
        per = translate(f"impact_per_{result.grain}", fmt.lang)

        def text(v: float, sign: bool) -> str:
            shown = value_text(abs(v) if not sign else v)
            return signed(shown, v) if sign else shown

        value = text(triple[0], False) + " " + per
        if up:
            return Figures(value, text(triple[1], False), text(triple[2], False))
        if down:
            return Figures(value, text(triple[2], False), text(triple[1], False))
        return Figures(signed(value, triple[0]), text(triple[1], True), text(triple[2], True))
    if up:
        return Figures(text(triple[0], False), text(triple[1], False), text(triple[2], False))
    if down:  # a fall of 12 % (between 7 % and 17 %): magnitudes, smallest first
        return Figures(text(triple[0], False), text(triple[2], False), text(triple[1], False))
    return Figures(text(triple[0], True), text(triple[1], True), text(triple[2], True))


def direction(result: ExperimentResult) -> str:
    """`up`, `down` (the interval excludes zero), `unclear` (it covers zero) or `none`."""
    if result.ci_low is None or result.ci_high is None:
        return "none"
    if result.ci_low > 0:
        return "up"
    if result.ci_high < 0:
        return "down"
    return "unclear"


def effect_sentence(
    result: ExperimentResult,
    experiment: Experiment,
    indicator: str,
    fmt: Formatter,
    value_text: ValueText,
) -> str:
    """The effect in one sentence, in the formatter's language, as honest as the data allow."""
    lang = fmt.lang
    if not result.estimated:
        return translate(
            "impact_sentence_waiting", lang, title=experiment.title, indicator=indicator
        )
    common = {
        "opening": opening(experiment, lang),
        "indicator": indicator,
        "treated": units_text(experiment.treated, lang),
        "versus": versus(experiment, lang),
    }
    if not result.trustworthy:
        return translate("impact_sentence_untrusted", lang, **common)
    shown = figures(result, fmt, value_text)
    code = {"up": "impact_sentence_up", "down": "impact_sentence_down"}.get(
        direction(result), "impact_sentence_unclear"
    )
    return translate(code, lang, value=shown.value, low=shown.low, high=shown.high, **common)


@dataclass(frozen=True)
class CheckLine:
    """One honesty check as the page shows it: passed or not, and a sentence."""

    code: str
    passed: bool
    text: str

    @property
    def mark(self) -> str:
        return "✓" if self.passed else "⚠"


def _params(params: Mapping[str, Any], fmt: Formatter) -> dict[str, Any]:
    """A verdict's parameters as a message writes them (numbers and dates in the locale)."""
    shown: dict[str, Any] = {}
    for name, value in params.items():
        if isinstance(value, bool) or value is None:
            shown[name] = value
        elif isinstance(value, numbers.Number):
            shown[name] = fmt.number(value)
        elif hasattr(value, "year"):
            shown[name] = long_date(value.date() if hasattr(value, "hour") else value, fmt.lang)
        else:
            shown[name] = value
    return shown


def check_lines(result: ExperimentResult, fmt: Formatter) -> list[CheckLine]:
    """Each honesty check with its verdict (✓ or ⚠) and a sentence, in the engine's order."""
    lines = []
    for verdict in result.checks:
        params = _params(verdict.params, fmt)
        if verdict.passed:
            code = {
                "periods": "impact_check_periods_ok",
                "placebo": "impact_check_placebo_ok",
                "pre_trend": "impact_check_pre_trend_ok",
            }.get(verdict.code, "")
            if "fake_start" in params:
                params["date"] = params["fake_start"]
        else:
            suffix = "failed" if verdict.ran else "not_run"
            code = f"experiment_{verdict.code}_{suffix}"
        text = translate(code, fmt.lang, **params) if code else verdict.code
        lines.append(CheckLine(verdict.code, verdict.passed, text))
    return lines


def adjusted(experiment: Experiment, lang: str) -> str:
    """`, en corrigeant les effets du jour de la semaine et des jours fériés` (or nothing)."""
    if not experiment.adjust_for:
        return ""
    names = [translate(f"impact_adjust_{name}", lang) for name in experiment.adjust_for]
    return translate("impact_adjusted", lang, names=_join(names, lang))


def method_text(result: ExperimentResult, experiment: Experiment, lang: str) -> str:
    """The method in two sentences: the comparison made, then how the interval is computed."""
    first = translate(
        f"impact_method_{result.method}",
        lang,
        each=translate(f"impact_each_{result.grain}", lang),
        adjusted=adjusted(experiment, lang),
    )
    return first + " " + translate("impact_method_hac", lang)


def expected_text(experiment: Experiment, fmt: Formatter, reached: str | None = None) -> str | None:
    """`Effet attendu déclaré : une hausse d'au moins 5 %.`, then whether the estimate
    reaches it (`reached`, `not_reached`, `uncertain`; give it for trustworthy estimates
    only); None when no effect is declared."""
    expected = experiment.expected
    if expected is None:
        return None
    value = fmt.percent(expected.min_effect, _declared_digits(expected.min_effect))
    text = translate(f"impact_expected_{expected.direction}", fmt.lang, value=value)
    if reached is not None:
        text += " " + translate(f"impact_expected_{reached}", fmt.lang)
    return text


def estimate_caption(result: ExperimentResult, fmt: Formatter, value_text: ValueText) -> str:
    """The estimate and its interval in % and in the indicator's unit, signed."""
    assert result.effect is not None and result.ci_low is not None and result.ci_high is not None
    per = translate(f"impact_per_{result.grain}", fmt.lang)
    unit = {
        "effect": signed(value_text(result.effect), result.effect),
        "low": signed(value_text(result.ci_low), result.ci_low),
        "high": signed(value_text(result.ci_high), result.ci_high),
        "per": per,
    }
    if result.percent is None or result.percent_low is None or result.percent_high is None:
        return translate("impact_estimate_caption_unit", fmt.lang, **unit)
    triple = (result.percent, result.percent_low, result.percent_high)
    digits = _percent_digits(*triple)
    pct = [signed(fmt.percent(v, digits), v) for v in triple]
    return translate(
        "impact_estimate_caption",
        fmt.lang,
        percent=pct[0],
        percent_low=pct[1],
        percent_high=pct[2],
        **unit,
    )


def design_lines(experiment: Experiment, indicator: str, lang: str) -> list[str]:
    """What the experiment compares, as declared: hypothesis, indicator, units, dates, expectation."""
    lines = []
    if experiment.hypothesis:
        lines.append(translate("impact_design_hypothesis", lang, text=experiment.hypothesis))
    each = translate(f"impact_each_{experiment.grain}", lang)
    lines.append(translate("impact_design_indicator", lang, indicator=indicator, each=each))
    lines.append(
        translate("impact_design_treated", lang, text=units_text(experiment.treated, lang, 99))
    )
    if experiment.control is None:
        lines.append(translate("impact_design_no_control", lang))
    else:
        text = units_text(experiment.control, lang, 99)
        lines.append(translate("impact_design_control", lang, text=text))
    end = experiment.after_end
    start = long_date(experiment.after_start, lang)
    if end is None:
        lines.append(translate("impact_design_date", lang, date=start))
    else:
        end_text = long_date(end, lang)
        lines.append(translate("impact_design_period", lang, start=start, end=end_text))
    if experiment.expected is not None:
        fmt = Formatter(lang)
        value = fmt.percent(
            experiment.expected.min_effect, _declared_digits(experiment.expected.min_effect)
        )
        key = f"impact_design_expected_{experiment.expected.direction}"
        lines.append(translate(key, lang, value=value))
    return lines


def covariate_names(names: str, lang: str) -> str:
    """The engine's covariate names as people say them: `month_2, holidays` → `février et
    les jours fériés`; an unknown name stays as it is."""
    fmt = Formatter(lang)
    months = get_month_names("wide", locale=fmt.locale)
    said = []
    for name in (n.strip() for n in names.split(",") if n.strip()):
        kind, _, number = name.rpartition("_")
        if kind == "month" and number.isdigit():
            said.append(str(months[int(number)]))
        elif kind == "weekday" and number.isdigit():
            said.append(fmt.weekday(int(number)))
        elif name == "holidays":
            said.append(translate("impact_holidays_name", lang))
        else:
            said.append(name)
    return _join(said, lang)


def note_text(code: str, params: Mapping[str, Any], lang: str) -> str:
    """A note the engine gives with its estimate, its covariates named in words."""
    shown = dict(params)
    if code == "experiment_adjustment_dropped" and isinstance(shown.get("names"), str):
        shown["names"] = covariate_names(shown["names"], lang)
    return translate(code, lang, **shown)


def waiting_text(result: ExperimentResult, fmt: Formatter) -> str:
    """How long until an estimate can be trusted: days of data still to collect."""
    days = result.days_needed
    if days is None:
        return translate("impact_waiting_no_data", fmt.lang)
    if days == 0:
        code = "impact_planned_ready" if result.status == "planned" else "impact_waiting_no_data"
        return translate(code, fmt.lang)
    if days == 1:
        return translate("impact_waiting_one_day", fmt.lang)
    return translate("impact_waiting_days", fmt.lang, days=fmt.number(days))
