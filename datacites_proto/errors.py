"""Located problems and the exception that carries them."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

from datacites_proto.i18n import DEFAULT_LANG, translate

Severity = Literal["error", "warning"]
Loc = tuple[str | int, ...]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a blueprint or its data, with where it is and how to say it."""

    code: str
    params: Mapping[str, Any] = field(default_factory=dict)
    file: str | None = None
    line: int | None = None  # 1-based
    col: int | None = None  # 1-based
    loc: Loc = ()  # path inside the blueprint, e.g. ("datasets", "measures", "source")
    suggestions: tuple[str, ...] = ()
    snippet: str | None = None  # a few lines of the offending YAML, with a caret
    severity: Severity = "error"

    def message(self, lang: str = DEFAULT_LANG) -> str:
        text = translate(self.code, lang, **self.params)
        if self.suggestions:
            quoted = ", ".join(f"« {s} »" if lang == "fr" else f"'{s}'" for s in self.suggestions)
            text += " " + translate("did_you_mean", lang, choices=quoted)
        return text

    def where(self) -> str:
        """`file:line:col`, followed by the path inside the blueprint when there is no column."""
        parts = [self.file or "<blueprint>"]
        if self.line is not None:
            parts.append(str(self.line))
            if self.col is not None:
                parts.append(str(self.col))
        where = ":".join(parts)
        if self.col is None and self.loc:
            where += ": " + dotted(self.loc)
        return where

    def format(self, lang: str = DEFAULT_LANG, *, snippet: bool = False) -> str:
        label = "" if self.severity == "error" else translate("warning_label", lang) + " "
        text = f"{self.where()}: {label}{self.message(lang)}"
        if snippet and self.snippet:
            text += "\n" + self.snippet
        return text

    def to_dict(self, lang: str = DEFAULT_LANG) -> dict[str, Any]:
        """A JSON-ready view, for `datacites validate --format json`."""
        return {
            "file": self.file,
            "line": self.line,
            "column": self.col,
            "severity": self.severity,
            "code": self.code,
            "message": self.message(lang),
            "path": [str(p) for p in self.loc],
            "suggestions": list(self.suggestions),
        }

    def at(self, **changes: Any) -> Problem:
        return replace(self, **changes)


def dotted(loc: Loc) -> str:
    """`("pages", 0, "views", 1)` → `pages[0].views[1]`."""
    out = ""
    for step in loc:
        out += f"[{step}]" if isinstance(step, int) else (f".{step}" if out else str(step))
    return out


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    """File order, then line order; unlocated problems last within their file."""
    return sorted(
        problems,
        key=lambda p: (p.file or "", p.line if p.line is not None else 10**9, p.col or 0),
    )


class DataCitesError(Exception):
    """Base class of the errors a user can cause; never shown with a traceback."""


class CodedError(DataCitesError):
    """An error told by a catalogue code and its parameters, in the user's language."""

    def __init__(self, code: str, /, **params: Any) -> None:
        self.code = code
        self.params = params
        super().__init__(translate(code, "en", **params))

    def message(self, lang: str = DEFAULT_LANG) -> str:
        return translate(self.code, lang, **self.params)


class BlueprintError(DataCitesError):
    """A blueprint that cannot be used: carries every located problem found."""

    def __init__(
        self,
        problems: Sequence[Problem],
        *,
        lang: str = DEFAULT_LANG,
        warnings: Sequence[Problem] = (),
    ) -> None:
        self.problems = sort_problems(problems)
        self.warnings = sort_problems(warnings)
        self.lang = lang
        super().__init__(self.render(lang))

    def render(self, lang: str | None = None, *, snippet: bool = False) -> str:
        lang = lang or self.lang
        return "\n".join(p.format(lang, snippet=snippet) for p in self.problems)


def display_path(path: Path | str, base: Path | None = None) -> str:
    """A path as the user typed it or relative to the working folder when shorter."""
    path = Path(path)
    base = base or Path.cwd()
    try:
        return str(path.resolve().relative_to(base.resolve()))
    except ValueError:
        return str(path)
