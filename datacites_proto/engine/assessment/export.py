"""The exchange format of self-assessment editions: written by the results view and
`datacites assessment export`, read by `datacites assessment import` and a view's
`peers_file`. Pure: bytes in, bytes out.

CSV: one row per edition and theme, columns `PEER_COLUMNS`, `;`-separated with a decimal
comma in UTF-8, as French spreadsheets write it (`,` and a decimal point, and a BOM, are
accepted on reading). JSON: `{"format": …, "editions": [{…, "levels": {theme: level}}]}`; an edition
exported by its own team also carries its `answers` (with evidence notes), which the
reader ignores: a peer's answers are never stored.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from datacites_proto.engine.assessment.peers import PeerEdition
from datacites_proto.errors import BlueprintError, Problem

FORMAT = "datacites-assessment/1"
PEER_COLUMNS = (
    "collectivite",
    "name",
    "status",
    "population",
    "year",
    "questionnaire",
    "theme",
    "level",
)
EDITION_FIELDS = PEER_COLUMNS[:6]
STATUSES = ("commune", "epci", "departement", "region", "autre")
MAX_LEVEL = 7  # the largest scale a questionnaire may have
_YEAR = re.compile(r"^\d{4}$")


class PeersFileError(BlueprintError):
    """A peers file that cannot be read: every located problem found in it."""


# ------------------------------------------------------------------ writing


def _level_text(level: float) -> str:
    return f"{round(float(level), 3):g}".replace(".", ",")


def peers_csv(editions: Iterable[PeerEdition]) -> bytes:
    """Editions as the CSV exchange file: one row per edition and theme."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(PEER_COLUMNS)
    for e in editions:
        for theme, level in e.levels.items():
            row = [e.collectivite, e.name, e.status, e.population, e.year, e.questionnaire]
            writer.writerow([*row, theme, _level_text(level)])
    return out.getvalue().encode("utf-8")


def _edition_dict(e: PeerEdition) -> dict[str, Any]:
    return {
        "collectivite": e.collectivite,
        "name": e.name,
        "status": e.status,
        "population": e.population,
        "year": e.year,
        "questionnaire": e.questionnaire,
        "levels": {theme: round(float(v), 3) for theme, v in e.levels.items()},
    }


def peers_json(editions: Iterable[PeerEdition]) -> bytes:
    """Editions as the JSON exchange file."""
    data = {"format": FORMAT, "editions": [_edition_dict(e) for e in editions]}
    return json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")


def edition_json(
    edition: PeerEdition,
    answers: Mapping[str, tuple[int | None, str | None]],
    themes: Mapping[str, str],
    submitted_at: str | None = None,
) -> bytes:
    """The team's own edition: its levels (readable by the importer) and its answers with
    their evidence notes (`themes`: affirmation id → theme id; answers in that order)."""
    record = _edition_dict(edition)
    record["submitted_at"] = submitted_at
    record["answers"] = [
        {"theme": theme, "affirmation": aff, "level": answers[aff][0], "evidence": answers[aff][1]}
        for aff, theme in themes.items()
        if aff in answers
    ]
    data = {"format": FORMAT, "editions": [record]}
    return json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")


# ------------------------------------------------------------------ reading


def read_peers(path: Path, shown_as: str | None = None) -> list[PeerEdition]:
    """The editions of a CSV or JSON exchange file (PeersFileError with located problems)."""
    name = shown_as or str(path)
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".json"):
        raise PeersFileError([Problem("assessment_file_suffix", {"suffix": suffix}, file=name)])
    if not path.is_file():
        raise PeersFileError([Problem("assessment_file_not_found", {"path": name}, file=name)])
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        detail = type(exc).__name__
        raise PeersFileError(
            [Problem("assessment_file_unreadable", {"path": name, "detail": detail}, file=name)]
        ) from None
    return parse_peers_json(text, name) if suffix == ".json" else parse_peers_csv(text, name)


def _number(text: str) -> float | None:
    try:
        value = float(text.strip().replace(",", ".").replace("\u202f", "").replace(" ", ""))
    except ValueError:
        return None
    return value if math.isfinite(value) else None


class _Collector:
    """Editions grouped by (questionnaire, collectivité, year), and the problems met."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []
        self.editions: dict[tuple[str, str, int], PeerEdition] = {}

    def bad(self, code: str, line: int | None, loc: tuple[Any, ...] = (), **params: Any) -> None:
        self.problems.append(Problem(code, params, file=self.file, line=line, loc=loc))

    def fields(
        self, raw: Mapping[str, Any], line: int | None, loc: tuple[Any, ...]
    ) -> dict[str, Any] | None:
        """The edition fields of a row or object, checked; None when one is wrong."""
        values: dict[str, Any] = {}
        ok = True
        for column in ("collectivite", "name", "questionnaire"):
            text = str(raw.get(column) or "").strip()
            if not text:
                self.bad(
                    "assessment_file_bad_text", line, (*loc, column), column=column, value=text
                )
                ok = False
            values[column] = text
        status = str(raw.get("status") or "").strip().lower()
        if status not in STATUSES:
            self.bad(
                "assessment_file_bad_status",
                line,
                (*loc, "status"),
                value=status,
                allowed=", ".join(STATUSES),
            )
            ok = False
        values["status"] = status
        population = _number(str(raw.get("population", "")))
        if population is None or population <= 0 or population != int(population):
            self.bad(
                "assessment_file_bad_integer",
                line,
                (*loc, "population"),
                column="population",
                value=raw.get("population", ""),
            )
            ok = False
        else:
            values["population"] = int(population)
        year = str(raw.get("year", "")).strip()
        if not _YEAR.match(year):
            self.bad("assessment_file_bad_year", line, (*loc, "year"), column="year", value=year)
            ok = False
        else:
            values["year"] = int(year)
        return values if ok else None

    def level(self, raw: Any, line: int | None, loc: tuple[Any, ...]) -> float | None:
        value = _number(str(raw)) if not isinstance(raw, bool) else None
        if value is None or not 1 <= value <= MAX_LEVEL:
            self.bad("assessment_file_bad_level", line, loc, column="level", value=raw)
            return None
        return value

    def add(
        self,
        values: dict[str, Any],
        theme: str,
        level: float,
        line: int | None,
        loc: tuple[Any, ...],
    ) -> None:
        key = (values["questionnaire"], values["collectivite"], values["year"])
        found = self.editions.get(key)
        if found is None:
            self.editions[key] = PeerEdition(**values, levels={theme: level})
            return
        for column in ("name", "status", "population"):
            first = getattr(found, column)
            if first != values[column]:
                self.bad(
                    "assessment_file_inconsistent",
                    line,
                    (*loc, column),
                    column=column,
                    value=values[column],
                    first=first,
                    collectivite=key[1],
                    year=key[2],
                )
                return
        if theme in found.levels:
            self.bad(
                "assessment_file_duplicate",
                line,
                loc,
                theme=theme,
                collectivite=key[1],
                year=key[2],
            )
            return
        found.levels[theme] = level

    def result(self) -> list[PeerEdition]:
        if not self.problems and not self.editions:
            self.bad("assessment_file_empty", None)
        if self.problems:
            raise PeersFileError(self.problems)
        return list(self.editions.values())


def parse_peers_csv(text: str, file: str) -> list[PeerEdition]:
    """Editions from CSV text (`,` or `;`), each problem at its line."""
    got = _Collector(file)
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    header = [h.strip().lower() for h in reader.fieldnames or []]
    missing = [c for c in PEER_COLUMNS if c not in header]
    if missing:
        got.bad(
            "assessment_file_columns",
            1,
            missing=", ".join(missing),
            expected=", ".join(PEER_COLUMNS),
        )
        return got.result()
    reader.fieldnames = header
    for row in reader:
        line = reader.line_num
        if not any((v or "").strip() for v in row.values() if isinstance(v, str)):
            continue
        values = got.fields(row, line, ())
        theme = (row.get("theme") or "").strip()
        if not theme:
            got.bad("assessment_file_bad_text", line, ("theme",), column="theme", value="")
            continue
        level = got.level(row.get("level", ""), line, ("level",))
        if values is not None and level is not None:
            got.add(values, theme, level, line, ())
    return got.result()


def parse_peers_json(text: str, file: str) -> list[PeerEdition]:
    """Editions from JSON text: `{"editions": [...]}`, a list of editions, or one edition."""
    got = _Collector(file)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        got.bad("assessment_file_json", exc.lineno, detail=exc.msg)
        return got.result()
    base: tuple[str, ...]
    if isinstance(data, dict) and "editions" in data:
        items, base = data["editions"], ("editions",)
    elif isinstance(data, dict):
        items, base = [data], ()
    else:
        items, base = data, ()
    shape = ", ".join(EDITION_FIELDS) + ", levels"
    if not isinstance(items, list):
        got.bad("assessment_file_json_shape", None, expected=shape)
        return got.result()
    for i, item in enumerate(items):
        loc = (*base, i)
        levels = item.get("levels") if isinstance(item, dict) else None
        if not isinstance(item, dict) or not isinstance(levels, dict):
            got.bad("assessment_file_json_shape", None, loc, expected=shape)
            continue
        values = got.fields(item, None, loc)
        for theme, raw in levels.items():
            level = got.level(raw, None, (*loc, "levels", theme))
            if values is not None and level is not None:
                got.add(values, str(theme), level, None, loc)
    return got.result()


def merged_peers(*groups: Sequence[PeerEdition]) -> list[PeerEdition]:
    """Editions of several origins, one per (questionnaire, collectivité, year): the
    first group wins (the store's imports before a sample file)."""
    seen: dict[tuple[str, str, int], PeerEdition] = {}
    for group in groups:
        for e in group:
            seen.setdefault((e.questionnaire, e.collectivite, e.year), e)
    return list(seen.values())
