"""The questionnaire language: themes of affirmations answered on a scale of named levels."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from dataclasses import field as dc_field
from typing import Annotated, Any, ClassVar, Literal

from pydantic import ValidationInfo, WithJsonSchema, model_validator
from pydantic_core import PydanticCustomError

from datacites_proto.blueprint.base import Slug, Spec, _slug, field
from datacites_proto.errors import Loc, Severity

QUESTIONNAIRE_VERSION = 1
MIN_LEVELS = 3
MAX_LEVELS = 7
# A questionnaire's id is also its shipped file name (`maturite-numerique`): hyphens allowed.
QUESTIONNAIRE_ID_RE = re.compile(r"^[a-z][a-z0-9_-]*$")
QuestionnaireId = Annotated[
    str,
    _slug(QUESTIONNAIRE_ID_RE, "bad_questionnaire_id"),
    WithJsonSchema({"type": "string", "pattern": QUESTIONNAIRE_ID_RE.pattern}),
]
# Set in the validation context by the loader, which reports the same rules itself, each
# at its own line, instead of the first one at the top of the file.
SKIP_RULES = "questionnaire_skip_rules"


class Level(Spec):
    """One level of the answer scale, from 1 (the lowest) up."""

    doc_fr: ClassVar[str] = "Un niveau de l'échelle de réponse, à partir de 1 (le plus bas)."

    level: int = field(
        fr="Le numéro du niveau : 1, 2, 3… sans trou.",
        en="The level's number: 1, 2, 3… with no gap.",
    )
    label: str = field(
        min_length=1,
        fr="Son nom court, montré à chaque réponse (ex. « Structuré »).",
        en="Its short name, shown with each answer (e.g. 'Structured').",
    )
    description: str | None = field(
        None,
        fr="Ce que ce niveau veut dire, en une phrase.",
        en="What this level means, in one sentence.",
    )


class Affirmation(Spec):
    """A statement the team answers by choosing the level that describes it."""

    doc_fr: ClassVar[str] = (
        "Une affirmation à laquelle l'équipe répond en choisissant le niveau qui la décrit."
    )

    id: Slug = field(
        fr="Identifiant unique dans tout le questionnaire (ex. « strategie_ecrite »).",
        en="Id unique in the whole questionnaire (e.g. 'strategie_ecrite').",
    )
    text: str = field(
        min_length=1,
        fr="L'affirmation, telle que l'équipe la lit.",
        en="The statement, as the team reads it.",
    )
    help: str | None = field(
        None,
        fr="Une précision pour bien répondre.",
        en="A hint for answering well.",
    )
    evidence: str | None = field(
        None,
        fr="Ce qui peut servir de preuve (délibération, document, lien) : invite de la note.",
        en="What may serve as evidence (a decision, a document, a link): the note's prompt.",
    )
    recommendations: dict[int, str] = field(
        {},
        json_schema_extra={"propertyNames": {"pattern": "^[1-9]$"}},
        fr=(
            "Par niveau répondu, ce qu'il faut faire pour atteindre le suivant "
            "(le niveau le plus haut n'en a pas besoin)."
        ),
        en=(
            "For each level answered, what to do to reach the next one (the top level needs none)."
        ),
    )


class Theme(Spec):
    """A theme: a group of affirmations whose mean level is compared with a target."""

    doc_fr: ClassVar[str] = (
        "Un thème : un groupe d'affirmations dont le niveau moyen est comparé à une cible."
    )

    id: Slug = field(
        fr="Identifiant unique du thème (ex. « cybersecurite »).",
        en="Unique id of the theme (e.g. 'cybersecurite').",
    )
    title: str = field(min_length=1, fr="Titre du thème.", en="Title of the theme.")
    description: str | None = field(None, fr="Ce que couvre le thème.", en="What the theme covers.")
    target: float = field(
        fr="Le niveau visé pour ce thème, dans l'échelle (ex. 3 ou 3.5).",
        en="The level aimed at for this theme, within the scale (e.g. 3 or 3.5).",
    )
    affirmations: list[Affirmation] = field(
        json_schema_extra={"minItems": 1},
        fr="Les affirmations du thème (au moins une).",
        en="The theme's statements (at least one).",
    )


class Questionnaire(Spec):
    """A self-assessment questionnaire: a scale of levels and themes of affirmations."""

    doc_fr: ClassVar[str] = (
        "Un questionnaire d'autodiagnostic : une échelle de niveaux et des thèmes d'affirmations."
    )

    questionnaire: Literal[1] = field(
        fr="Version du format de questionnaire : toujours 1.",
        en="Version of the questionnaire format: always 1.",
    )
    id: QuestionnaireId = field(
        fr="Identifiant du questionnaire (ex. « maturite-numerique »).",
        en="Id of the questionnaire (e.g. 'maturite-numerique').",
    )
    title: str = field(min_length=1, fr="Titre du questionnaire.", en="Title of the questionnaire.")
    description: str | None = field(
        None,
        fr="À quoi sert le questionnaire et comment y répondre.",
        en="What the questionnaire is for and how to answer it.",
    )
    lang: Literal["fr", "en"] = field(
        "fr",
        fr="Langue du questionnaire : fr ou en.",
        en="Language of the questionnaire: fr or en.",
    )
    scale: list[Level] = field(
        json_schema_extra={"minItems": MIN_LEVELS, "maxItems": MAX_LEVELS},
        fr=f"L'échelle de réponse : de {MIN_LEVELS} à {MAX_LEVELS} niveaux numérotés depuis 1.",
        en=f"The answer scale: {MIN_LEVELS} to {MAX_LEVELS} levels numbered from 1.",
    )
    themes: list[Theme] = field(
        fr="Les thèmes, chacun avec ses affirmations.",
        en="The themes, each with its statements.",
    )

    @model_validator(mode="after")
    def _rules(self, info: ValidationInfo) -> Questionnaire:
        if (info.context or {}).get(SKIP_RULES):
            return self
        for finding in rule_findings(self):
            if finding.severity == "error":
                at = finding.loc[0] if finding.loc else None
                raise PydanticCustomError(finding.code, finding.code, {**finding.params, "at": at})
        return self

    @property
    def levels(self) -> list[int]:
        """The level numbers, lowest first."""
        return [lv.level for lv in self.scale]

    @property
    def top(self) -> int:
        """The highest level of the scale."""
        return max(self.levels, default=0)

    def label(self, level: int) -> str:
        """The label of `level` (its number when the scale does not name it)."""
        return next((lv.label for lv in self.scale if lv.level == level), str(level))

    def theme(self, theme_id: str) -> Theme | None:
        """The theme of id `theme_id`, or None."""
        return next((t for t in self.themes if t.id == theme_id), None)

    def affirmations(self) -> Iterator[tuple[Theme, Affirmation]]:
        """Every affirmation with its theme, in the questionnaire's order."""
        for theme in self.themes:
            for affirmation in theme.affirmations:
                yield theme, affirmation

    def affirmation(self, affirmation_id: str) -> Affirmation | None:
        """The affirmation of id `affirmation_id`, or None."""
        return next((a for _, a in self.affirmations() if a.id == affirmation_id), None)


@dataclass(frozen=True)
class Finding:
    """A rule a validated questionnaire breaks: a message code at a path in the file."""

    code: str
    loc: Loc
    params: dict[str, Any] = dc_field(default_factory=dict)
    severity: Severity = "error"
    key: bool = False  # the problem is the mapping key at `loc`, not its value


def _written(value: float) -> int | float:
    """A number as a person wrote it: 5, not 5.0."""
    return int(value) if value.is_integer() else value


def _scale_findings(q: Questionnaire) -> list[Finding]:
    found: list[Finding] = []
    n = len(q.scale)
    if not MIN_LEVELS <= n <= MAX_LEVELS:
        found.append(
            Finding(
                "questionnaire_scale_size",
                ("scale",),
                {"count": n, "min": MIN_LEVELS, "max": MAX_LEVELS},
            )
        )
    for i, level in enumerate(q.scale):
        if level.level != i + 1:
            found.append(
                Finding(
                    "questionnaire_scale_not_consecutive",
                    ("scale", i, "level"),
                    {"value": level.level, "expected": i + 1},
                )
            )
            break  # the next ones are off by the same gap: one message says it
    return found


def _recommendation_findings(
    q: Questionnaire, ti: int, ai: int, affirmation: Affirmation
) -> list[Finding]:
    found: list[Finding] = []
    loc = ("themes", ti, "affirmations", ai, "recommendations")
    top = q.top
    for key in affirmation.recommendations:
        if key not in q.levels:
            found.append(
                Finding(
                    "questionnaire_recommendation_outside",
                    (*loc, key),
                    {"value": key, "min": 1, "max": top},
                    key=True,
                )
            )
        elif key == top:
            found.append(
                Finding(
                    "questionnaire_recommendation_top",
                    (*loc, key),
                    {"value": key},
                    severity="warning",
                    key=True,
                )
            )
    missing = [lv for lv in q.levels if lv != top and lv not in affirmation.recommendations]
    if missing and top:
        found.append(
            Finding(
                "questionnaire_recommendation_missing",
                ("themes", ti, "affirmations", ai, "id"),
                {
                    "id": affirmation.id,
                    "levels": ", ".join(str(m) for m in missing),
                    "count": len(missing),
                },
                severity="warning",
            )
        )
    return found


def rule_findings(q: Questionnaire) -> list[Finding]:
    """Every rule beyond the types that `q` breaks, errors and warnings, in file order."""
    found = _scale_findings(q)
    scale_ok = not found
    if not q.themes:
        found.append(Finding("questionnaire_no_theme", ("themes",)))
    theme_ids: dict[str, int] = {}
    affirmation_ids: dict[str, tuple[int, int]] = {}
    for ti, theme in enumerate(q.themes):
        if theme.id in theme_ids:
            found.append(
                Finding(
                    "questionnaire_duplicate_theme",
                    ("themes", ti, "id"),
                    {"id": theme.id, "first": theme_ids[theme.id] + 1},
                )
            )
        theme_ids.setdefault(theme.id, ti)
        if scale_ok and not 1 <= theme.target <= q.top:
            found.append(
                Finding(
                    "questionnaire_target_outside",
                    ("themes", ti, "target"),
                    {"value": _written(theme.target), "min": 1, "max": q.top},
                )
            )
        if not theme.affirmations:
            found.append(
                Finding(
                    "questionnaire_no_affirmation", ("themes", ti, "affirmations"), {"id": theme.id}
                )
            )
        for ai, affirmation in enumerate(theme.affirmations):
            if affirmation.id in affirmation_ids:
                first_theme, first_index = affirmation_ids[affirmation.id]
                found.append(
                    Finding(
                        "questionnaire_duplicate_affirmation",
                        ("themes", ti, "affirmations", ai, "id"),
                        {
                            "id": affirmation.id,
                            "theme": q.themes[first_theme].id,
                            "first": first_index + 1,
                        },
                    )
                )
            affirmation_ids.setdefault(affirmation.id, (ti, ai))
            if scale_ok:
                found.extend(_recommendation_findings(q, ti, ai, affirmation))
    return found
