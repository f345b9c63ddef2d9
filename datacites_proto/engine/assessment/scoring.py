"""A collectivité's own results: theme levels, gaps to the targets and the next steps."""

from __future__ import annotations

from collections.abc import Mapping

from datacites_proto.blueprint.questionnaire import Questionnaire


def _answered(q: Questionnaire, value: object) -> int | None:
    # An answer outside the scale (a questionnaire edited since) counts as unanswered.
    if isinstance(value, bool) or not isinstance(value, int):
        return None
    return value if value in q.levels else None


def theme_levels(q: Questionnaire, answers: Mapping[str, int | None]) -> dict[str, float | None]:
    """Each theme's mean level over its answered affirmations; None when none is answered."""
    levels: dict[str, float | None] = {}
    for theme in q.themes:
        given = [_answered(q, answers.get(a.id)) for a in theme.affirmations]
        values = [v for v in given if v is not None]
        levels[theme.id] = sum(values) / len(values) if values else None
    return levels


def gaps(q: Questionnaire, levels: Mapping[str, float | None]) -> list[tuple[str, float]]:
    """(theme id, target − level) for each theme with a level, the widest gap first.

    A negative gap is a theme above its target; themes of equal gap keep their order."""
    found = [
        (theme.id, round(theme.target - level, 6))
        for theme in q.themes
        if (level := levels.get(theme.id)) is not None
    ]
    return sorted(found, key=lambda pair: -pair[1])


def next_steps(
    q: Questionnaire, answers: Mapping[str, int | None], weakest: int = 3
) -> list[tuple[str, str, str]]:
    """(theme id, affirmation id, recommendation) for the `weakest` themes furthest below
    their target, each affirmation's advice for the level it was answered at."""
    steps: list[tuple[str, str, str]] = []
    themes_taken = 0
    for theme_id, gap in gaps(q, theme_levels(q, answers)):
        if themes_taken >= weakest or gap <= 0:
            break
        theme = q.theme(theme_id)
        assert theme is not None
        advice = []
        for order, affirmation in enumerate(theme.affirmations):
            level = _answered(q, answers.get(affirmation.id))
            text = affirmation.recommendations.get(level) if level is not None else None
            if text:
                advice.append((level, order, affirmation.id, text))
        if advice:
            themes_taken += 1
            # The lowest answers first: they are where the next step is the surest.
            steps.extend((theme_id, aid, text) for _, _, aid, text in sorted(advice))
    return steps
