"""`experiments:`: the model's own rules and the checks of what an experiment names, located."""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path

import pytest

from datacites_proto import Experiment, inspect_blueprint
from datacites_proto.blueprint.experiments import units_condition, units_filters
from datacites_proto.errors import Problem

HEAD = """\
datacites: 1
service: {id: essai, title: Essai}
datasets:
  sites:
    source: {type: csv, path: sites.csv}
    key: site_id
  measures:
    source: {type: csv, path: measures.csv}
    columns: {day: date, count: integer, site_id: string, note: string}
relations:
  - measures.site_id -> sites.site_id
indicators:
  passages:
    label: Passages
    dataset: measures
    measure: sum(count)
    target: {value: 100, direction: up}
  ratio:
    label: Ratio
    formula: passages / 2
filters:
  lieu: {type: multiselect, column: sites.site_name, options: [A, B, C]}
  libre: {type: select, column: sites.site_name}
  comptes: {type: range, column: measures.count}
pages:
  - title: Accueil
    views: [{type: kpi, indicator: passages}]
experiments:
  essai:
"""

VALID = """\
title: Piétonnisation
indicator: passages
intervention: 2026-06-01
treated: {lieu: [A]}
control: {lieu: [B, C]}
adjust_for: [weekday, month, holidays]
expected: {min_effect: 0.05, direction: up}
"""


def check(tmp_path: Path, body: str, *, measures: str | None = None) -> tuple[str, list[Problem]]:
    """Write the blueprint with `body` as the experiment `essai`; its text and problems."""
    (tmp_path / "sites.csv").write_text("site_id,site_name\nS1,A\nS2,B\nS3,C\n", encoding="utf-8")
    (tmp_path / "measures.csv").write_text(
        measures or "day,count,site_id,note\n2026-05-01,3,S1,x\n", encoding="utf-8"
    )
    text = HEAD + textwrap.indent(body, "    ")
    path = tmp_path / "blueprint.yaml"
    path.write_text(text, encoding="utf-8")
    result = inspect_blueprint(path)
    return text, [*result.problems, *result.warnings]


def line_of(text: str, needle: str) -> int:
    """The 1-based line of the experiment's text where `needle` is first written."""
    start = text.index("experiments:")
    return text.count("\n", 0, text.index(needle, start)) + 1


def only(problems: list[Problem], code: str) -> Problem:
    found = [p for p in problems if p.code == code]
    assert len(found) == 1, [p.format("en") for p in problems]
    return found[0]


def test_a_well_formed_experiment_has_no_problem(tmp_path: Path) -> None:
    _, problems = check(tmp_path, VALID)
    assert problems == []


# The model ------------------------------------------------------------------------------


def test_the_after_period_of_a_date_and_of_a_temporary_intervention() -> None:
    one = Experiment(title="t", indicator="passages", intervention="2026-06-01", treated="a = 1")
    assert (one.after_start, one.after_end, one.is_temporary) == (dt.date(2026, 6, 1), None, False)
    two = Experiment.model_validate(
        {
            "title": "t",
            "indicator": "passages",
            "intervention": {"start": "2026-06-01", "end": "2026-06-30"},
            "treated": {"lieu": "A"},
            "control": {"lieu": ["B", "C"]},
        }
    )
    assert (two.after_start, two.after_end, two.is_temporary) == (
        dt.date(2026, 6, 1),
        dt.date(2026, 6, 30),
        True,
    )
    assert units_condition(one.treated) == "a = 1" and units_filters(one.treated) == {}
    assert units_filters(two.treated) == {"lieu": ["A"]} and units_condition(two.treated) is None
    assert units_filters(two.control) == {"lieu": ["B", "C"]}
    assert one.treated_ast is not None and two.treated_ast is None


@pytest.mark.parametrize(
    ("body", "code", "needle", "fr", "en"),
    [
        (
            VALID.replace("2026-06-01", "{start: 2026-06-10, end: 2026-06-01}"),
            "experiment_end_before_start",
            "end: 2026-06-01",
            "est avant son début (2026-06-10)",
            "is before its start (2026-06-10)",
        ),
        (
            VALID.replace("min_effect: 0.05", "min_effect: -0.05"),
            "experiment_min_effect_not_positive",
            "min_effect: -0.05",
            "strictement positif",
            "strictly positive",
        ),
        (
            VALID.replace("min_effect: 0.05, direction: up", "min_effect: 1.5, direction: down"),
            "experiment_min_effect_too_large",
            "min_effect: 1.5",
            "baisse de 100 %",
            "fall of 100 %",
        ),
        (
            VALID + "grain: week\n",
            "experiment_weekday_needs_day",
            "adjust_for:",
            "jour de la semaine",
            "weekday",
        ),
        (
            VALID.replace("weekday, ", "") + "grain: month\nbaseline: 30\n",
            "experiment_baseline_too_short_for_grain",
            "baseline: 30",
            "au moins 56 jours",
            "at least 56 days",
        ),
        (
            VALID.replace("2026-06-01", "{start: 2026-06-01, end: 2026-06-03}").replace(
                "adjust_for: [weekday, month, holidays]\n", ""
            )
            + "grain: week\n",
            "experiment_period_shorter_than_grain",
            "intervention:",
            "moins d'un pas de temps",
            "less than one time step",
        ),
        (
            VALID.replace("treated: {lieu: [A]}", "treated: {}"),
            "experiment_units_empty",
            "treated: {}",
            "au moins une unité",
            "at least one unit",
        ),
        (
            VALID.replace("treated: {lieu: [A]}", "treated: {lieu: []}"),
            "experiment_filter_values_empty",
            "lieu: []",
            "au filtre « lieu »",
            "filter 'lieu'",
        ),
        (
            VALID.replace("month, holidays", "holidays, weekday"),
            "experiment_adjust_repeated",
            "adjust_for:",
            "« weekday » est écrit deux fois",
            "'weekday' is written twice",
        ),
    ],
)
def test_the_model_refuses_with_a_located_message(
    tmp_path: Path, body: str, code: str, needle: str, fr: str, en: str
) -> None:
    text, problems = check(tmp_path, body)
    problem = only(problems, code)
    assert problem.line == line_of(text, needle)
    assert fr in problem.format("fr") and en in problem.format("en")
    assert f"blueprint.yaml:{problem.line}:" in problem.format("fr")


def test_a_condition_that_does_not_parse_points_at_its_character(tmp_path: Path) -> None:
    text, problems = check(tmp_path, VALID.replace("{lieu: [A]}", '"site_name in [A]"'))
    [problem] = [p for p in problems if p.loc[:3] == ("experiments", "essai", "treated")]
    assert problem.line == line_of(text, "treated:")
    # The column points at the "[" (the language writes lists between parentheses).
    assert problem.col == text.splitlines()[problem.line - 1].index("[") + 1


# The checks -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "code", "needle", "fr", "en"),
    [
        (
            "indicator: passages",
            "indicator: pasages",
            "unknown_indicator",
            "indicator: pasages",
            "« passages »",
            "'passages'",
        ),
        (
            "indicator: passages",
            "indicator: ratio",
            "experiment_indicator_not_measure",
            "indicator: ratio",
            "est une formule",
            "is a formula",
        ),
        (
            "indicator: passages",
            "indicator: passages\ntime: measures.note",
            "experiment_time_not_date",
            "time: measures.note",
            "« note » est de type string",
            "'note' is of type string",
        ),
        (
            "indicator: passages",
            "indicator: passages\ntime: measures.jour",
            "unknown_column",
            "time: measures.jour",
            "jour",
            "jour",
        ),
        (
            "treated: {lieu: [A]}",
            "treated: \"sites.site_nom = 'A'\"",
            "unknown_column",
            "treated:",
            "site_nom",
            "site_nom",
        ),
        (
            "treated: {lieu: [A]}",
            "treated: {leiu: [A]}",
            "unknown_filter",
            "leiu:",
            "« lieu »",
            "'lieu'",
        ),
        (
            "treated: {lieu: [A]}",
            "treated: {comptes: [1]}",
            "experiment_filter_not_choice",
            "comptes:",
            "de type range",
            "of type range",
        ),
        (
            "control: {lieu: [B, C]}",
            "control: {lieu: [B, D]}",
            "experiment_filter_value_not_allowed",
            "D]",
            "« D » n'est pas une valeur du filtre « lieu » (valeurs : A, B, C)",
            "'D' is not a value of the filter 'lieu' (values: A, B, C)",
        ),
        (
            "control: {lieu: [B, C]}",
            "control: {lieu: [B, A]}",
            "experiment_units_overlap",
            "B, A]",
            "partagent « A » (filtre « lieu »)",
            "share 'A' (filter 'lieu')",
        ),
        (
            "treated: {lieu: [A]}\ncontrol: {lieu: [B, C]}",
            "treated: \"sites.site_name = 'A'\"\ncontrol: \"sites.site_name  =  'A'\"",
            "experiment_control_equals_treated",
            "control:",
            "les mêmes que les unités traitées",
            "the same as the treated units",
        ),
    ],
)
def test_each_reference_is_checked_with_a_located_message(
    tmp_path: Path, old: str, new: str, code: str, needle: str, fr: str, en: str
) -> None:
    assert old in VALID
    text, problems = check(tmp_path, VALID.replace(old, new))
    problem = only(problems, code)
    assert problem.severity == "error"
    assert problem.line == line_of(text, needle)
    assert fr in problem.format("fr") and en in problem.format("en")


def test_the_overlap_points_at_the_shared_value(tmp_path: Path) -> None:
    text, problems = check(
        tmp_path, VALID.replace("control: {lieu: [B, C]}", "control: {lieu: [B, A]}")
    )
    problem = only(problems, "experiment_units_overlap")
    assert problem.loc == ("experiments", "essai", "control", "lieu", 1)
    assert problem.col == text.splitlines()[problem.line - 1].index("A]") + 1


def write_two_dates(tmp_path: Path, body: str) -> tuple[str, Path]:
    """A blueprint whose measures have two date columns, `day` and `other`."""
    (tmp_path / "sites.csv").write_text("site_id,site_name\nS1,A\n", encoding="utf-8")
    (tmp_path / "measures.csv").write_text(
        "day,count,site_id,note,other\n2026-05-01,3,S1,x,2026-05-02\n", encoding="utf-8"
    )
    text = HEAD.replace("note: string}", "note: string, other: date}")
    text += textwrap.indent(body, "    ")
    path = tmp_path / "blueprint.yaml"
    path.write_text(text, encoding="utf-8")
    return text, path


def test_the_time_column_is_asked_for_when_there_are_several(tmp_path: Path) -> None:
    text, path = write_two_dates(tmp_path, VALID)
    problem = only(inspect_blueprint(path).problems, "experiment_time_ambiguous")
    assert problem.line == line_of(text, "indicator: passages")
    assert "(day, other)" in problem.format("fr") and "time: measures.day" in problem.format("en")


def test_an_explicit_time_column_settles_several_dates(tmp_path: Path) -> None:
    body = VALID.replace("indicator: passages", "indicator: passages\ntime: measures.other")
    _, path = write_two_dates(tmp_path, body)
    assert inspect_blueprint(path).problems == []


@pytest.mark.parametrize(
    ("old", "new", "code", "needle", "fr", "en"),
    [
        (
            "intervention: 2026-06-01",
            "intervention: 2026-06-01\nbaseline: 14",
            "experiment_baseline_short",
            "baseline: 14",
            "que 14 jours",
            "only 14 days",
        ),
        (
            "intervention: 2026-06-01",
            "intervention: 2026-06-01\nstatus: ended",
            "experiment_ended_without_end",
            "status: ended",
            "n'a pas de fin : écrivez « intervention: {start: …, end: …} »",
            "has no end: write 'intervention: {start: …, end: …}'",
        ),
        (
            "direction: up}",
            "direction: down}",
            "experiment_expected_against_target",
            "expected:",
            "vers « down »",
            "goes 'down'",
        ),
    ],
)
def test_doubtful_designs_are_warnings(
    tmp_path: Path, old: str, new: str, code: str, needle: str, fr: str, en: str
) -> None:
    text, problems = check(tmp_path, VALID.replace(old, new))
    problem = only(problems, code)
    assert problem.severity == "warning"
    assert problem.line == line_of(text, needle)
    assert fr in problem.format("fr") and en in problem.format("en")
    assert [p for p in problems if p.severity == "error"] == []


def test_the_example_declares_its_experiments_without_problem() -> None:
    example = Path(__file__).parents[3] / "examples" / "coeur_de_ville" / "blueprint.yaml"
    result = inspect_blueprint(example)
    assert result.problems == [] and result.warnings == []
    assert result.blueprint is not None
    experiments = result.blueprint.experiments
    assert {e.status for e in experiments.values()} == {"running", "planned"}


def test_validate_prints_the_line_of_a_wrong_experiment(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    text, _ = check(tmp_path, VALID.replace("control: {lieu: [B, C]}", "control: {lieu: [B, A]}"))
    line = line_of(text, "B, A]")
    result = cli("validate", tmp_path / "blueprint.yaml")
    assert result.code != 0
    assert f"blueprint.yaml:{line}:" in result.output
    assert "partagent « A » (filtre « lieu »)" in result.output
    english = cli("validate", tmp_path / "blueprint.yaml", "--lang", "en")
    assert f"blueprint.yaml:{line}:" in english.output and "share 'A'" in english.output
