"""`datacites experiment report PATH [ID] [--format md|json] [--strict]`: the estimate of each
experiment, its honesty checks and its numbers, for the team (Markdown) or for scripts (JSON).

The numbers are the engine's (`Service.experiment`), the sentences the `impact` view's
(views/impact_text.py), so the report and the page never disagree. Exit code: 0 once the
report is written, even when a check fails (the report says so); with `--strict`, 1 when
an experiment that is not `planned` has no trustworthy estimate. An unknown ID is a clear
message and exit code 1.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import numbers
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from datacites_proto.blueprint.loader import load_blueprint
from datacites_proto.cli.context import CliState
from datacites_proto.cli.options import OutputOption
from datacites_proto.cli.output import say
from datacites_proto.cli.validate import find_blueprint
from datacites_proto.engine.service import Service
from datacites_proto.errors import CodedError
from datacites_proto.i18n import resolve_lang, translate
from datacites_proto.i18n.formatting import Formatter
from datacites_proto.suggest import close_matches
from datacites_proto.views import impact_text as words
from datacites_proto.views.impact import md_escape

if TYPE_CHECKING:
    from datacites_proto.blueprint.model import Blueprint
    from datacites_proto.engine.experiments.result import ExperimentResult

EXIT_STRICT = 1

app = typer.Typer(
    help="Experiments: the measured effect of an intervention and its honesty checks.",
    no_args_is_help=True,
)


class ReportFormat(StrEnum):
    md = "md"
    json = "json"


def _number(value: Any) -> float | int | None:
    """A JSON number (NaN and infinities are null)."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, numbers.Integral):
        return int(value)
    number = float(value)
    return number if math.isfinite(number) else None


def _plain(value: Any) -> Any:
    """A check's parameter as JSON: numbers as numbers, dates as ISO text."""
    if value is None or isinstance(value, bool | str):
        return value
    if isinstance(value, numbers.Number):
        return _number(value)
    if hasattr(value, "isoformat"):
        day = value.date() if hasattr(value, "hour") else value
        return day.isoformat()
    return str(value)


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day is not None else None


def record(bp: Blueprint, result: ExperimentResult, lang: str) -> dict[str, Any]:
    """One experiment's report as plain data (the JSON format; Markdown is written from it)."""
    experiment = bp.experiments[result.experiment]
    spec = bp.indicators[result.indicator]
    fmt = Formatter(lang)

    def value_text(value: float) -> str:
        return fmt.value(value, spec.effective_format, spec.decimals, spec.unit)

    expected = experiment.expected
    return {
        "id": result.experiment,
        "title": experiment.title,
        "status": result.status,
        "indicator": result.indicator,
        "method": result.method,
        "grain": result.grain,
        "intervention": {
            "start": _iso(experiment.after_start),
            "end": _iso(experiment.after_end),
        },
        "periods": {"before": result.periods_before, "after": result.periods_after},
        "baseline": {"start": _iso(result.baseline_start), "end": _iso(result.baseline_end)},
        "after": {"start": _iso(result.after_start), "end": _iso(result.after_end)},
        "estimate": {
            "effect": _number(result.effect),
            "ci_low": _number(result.ci_low),
            "ci_high": _number(result.ci_high),
            "std_error": _number(result.std_error),
            "p_value": _number(result.p_value),
            "counterfactual": _number(result.counterfactual),
            "percent": _number(result.percent),
            "percent_low": _number(result.percent_low),
            "percent_high": _number(result.percent_high),
            "percent_reason": result.percent_reason,
        },
        "direction": words.direction(result),
        "estimated": result.estimated,
        "trustworthy": result.trustworthy,
        "expected": (
            {
                "min_effect": expected.min_effect,
                "direction": expected.direction,
                "reached": result.expected_reached,
            }
            if expected is not None
            else None
        ),
        "checks": [
            {
                "code": line.code,
                "passed": verdict.passed,
                "ran": verdict.ran,
                "message": line.text,
                "params": {k: _plain(v) for k, v in verdict.params.items()},
            }
            for verdict, line in zip(result.checks, words.check_lines(result, fmt), strict=True)
        ],
        "reasons": [
            {"code": r.code, "message": translate(r.code, lang, **r.params)} for r in result.reasons
        ],
        "notes": [
            {"code": n.code, "message": words.note_text(n.code, n.params, lang)}
            for n in result.notes
        ],
        "days_needed": result.days_needed,
        "conclusion": words.effect_sentence(result, experiment, spec.label, fmt, value_text),
        "waiting": None if result.estimated else words.waiting_text(result, fmt),
        "estimate_text": (
            words.estimate_caption(result, fmt, value_text) if result.estimated else None
        ),
        "method_text": words.method_text(result, experiment, lang),
    }


def _p_value(value: float | None, fmt: Formatter) -> str:
    """`0,0123`, or `< 0,0001` below what four decimals can show."""
    if value is None:
        return "—"
    if value < 0.0001:
        return "< " + fmt.number(0.0001, 4)
    return fmt.number(value, 4)


def markdown(bp: Blueprint, records: list[dict[str, Any]], lang: str) -> str:
    """The team's report: per experiment, the conclusion, a table of facts, checks, method."""
    fmt = Formatter(lang)

    def t(code: str, **params: Any) -> str:
        return translate(code, lang, **params)

    def day(text: str | None) -> str:
        return fmt.date(text) if text else t("report_none")

    parts: list[str] = []
    for rec in records:
        experiment = bp.experiments[rec["id"]]
        start, end = rec["intervention"]["start"], rec["intervention"]["end"]
        when = day(start) if end is None else f"{day(start)} – {day(end)}"
        periods = t(
            "report_periods_value",
            before=rec["periods"]["before"],
            after=rec["periods"]["after"],
            baseline=f"{day(rec['baseline']['start'])} – {day(rec['baseline']['end'])}",
            after_window=f"{day(rec['after']['start'])} – {day(rec['after']['end'])}",
        )
        estimate = rec["estimate"]
        rows = [
            (t("report_status"), rec["status"]),
            (t("report_method"), t(f"report_method_{rec['method']}")),
            (t("report_indicator"), bp.indicators[rec["indicator"]].label),
            (t("report_intervention"), when),
            (t("report_periods"), periods),
            (t("report_estimate"), rec["estimate_text"] or t("report_none")),
            (t("report_p_value"), _p_value(estimate["p_value"], fmt)),
            (t("report_trustworthy"), t("report_yes" if rec["trustworthy"] else "report_no")),
        ]
        lines = [
            f"# {md_escape(t('report_experiment_title', title=experiment.title, id=rec['id']))}",
            "",
            f"**{t('report_conclusion')}** : {md_escape(rec['conclusion'])}"
            if lang == "fr"
            else f"**{t('report_conclusion')}**: {md_escape(rec['conclusion'])}",
            "",
        ]
        if rec["waiting"]:
            lines += [md_escape(rec["waiting"]), ""]
        lines += [f"| {t('report_field')} | {t('report_value')} |", "|---|---|"]
        lines += [f"| {md_escape(name)} | {md_escape(str(value))} |" for name, value in rows]
        reached = (rec["expected"] or {}).get("reached") if rec["trustworthy"] else None
        expected = words.expected_text(experiment, fmt, reached)
        if expected:
            lines += ["", md_escape(expected)]
        lines += ["", f"## {t('report_checks')}", ""]
        lines += [
            f"- {'✓' if c['passed'] else '⚠'} {md_escape(c['message'])}" for c in rec["checks"]
        ]
        lines += ["", f"## {t('report_method')}", "", md_escape(rec["method_text"])]
        if rec["notes"]:
            lines += ["", f"## {t('report_notes')}", ""]
            lines += [f"- {md_escape(n['message'])}" for n in rec["notes"]]
        parts.append("\n".join(lines) + "\n")
    return "\n".join(parts)


def _unknown(name: str, known: list[str], lang: str) -> CodedError:
    close = close_matches(name, known)
    suggestion = " " + translate("did_you_mean", lang, choices=", ".join(close)) if close else ""
    return CodedError(
        "cli_experiment_unknown",
        name=name,
        available=", ".join(known) or "—",
        suggestion=suggestion,
    )


@app.command("report")
def report(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(help="Blueprint file or project folder.")],
    experiment_id: Annotated[
        str | None, typer.Argument(metavar="[ID]", help="One experiment; default: all of them.")
    ] = None,
    output_format: Annotated[
        ReportFormat, typer.Option("--format", "-f", help="md (for the team) or json.")
    ] = ReportFormat.md,
    strict: Annotated[
        bool,
        typer.Option(
            "--strict",
            help="Exit with code 1 when an experiment that is not planned has no trustworthy "
            "estimate (a check failed, or too little data).",
        ),
    ] = False,
    output: OutputOption = None,
) -> None:
    """The estimated effect of each experiment, its 95 % interval and honesty checks."""
    state: CliState = ctx.obj
    blueprint = load_blueprint(find_blueprint(path), lang=state.lang)
    lang = resolve_lang(state.lang, blueprint.lang)
    known = list(blueprint.experiments)
    if experiment_id is not None and experiment_id not in known:
        raise _unknown(experiment_id, known, lang)
    selected = [experiment_id] if experiment_id is not None else known
    if not selected:
        say("cli_experiment_none", lang, style="yellow", err=True)
    with Service.from_blueprint(blueprint) as service:
        results = [service.experiment(name) for name in selected]
    records = [record(blueprint, result, lang) for result in results]
    if output_format is ReportFormat.json:
        text = json.dumps(
            {"service": blueprint.service.id, "lang": lang, "experiments": records},
            ensure_ascii=False,
            indent=2,
        )
        text += "\n"
    else:
        text = markdown(blueprint, records, lang)
    if output is None:
        typer.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")
    failed = [r["id"] for r in records if r["status"] != "planned" and not r["trustworthy"]]
    if strict and failed:
        say(
            "cli_experiment_strict_failed",
            lang,
            style="red",
            err=True,
            count=len(failed),
            names=", ".join(failed),
        )
        raise typer.Exit(EXIT_STRICT)
