"""Write the fictitious peers of the `maturite` template (its data/pairs_exemple.csv).

Thirty invented collectivités (« données fictives »: codes FICT…, no real name), across
statuses and population bands, with their theme levels for the last two editions of the
shipped `maturite-numerique` questionnaire, in the exchange format of
`datacites assessment import`. Deterministic: the same file at every run.

    python -m examples.maturite_peers
"""

from __future__ import annotations

import random
from pathlib import Path

from datacites_proto.blueprint.questionnaire_loader import load_questionnaire
from datacites_proto.engine.assessment.export import peers_csv
from datacites_proto.engine.assessment.peers import PeerEdition

REPO = Path(__file__).resolve().parent.parent
TARGET = (
    REPO
    / "service_templates"
    / "maturite"
    / "{{cookiecutter.project_slug}}"
    / "data"
    / "pairs_exemple.csv"
)
YEARS = (2025, 2026)
# (status, smallest, largest population, how many): the template's own cell (communes of
# 10,000 to 50,000) has seven, so that its means show from day one.
GROUPS = (
    ("commune", 800, 3_400, 5),
    ("commune", 3_600, 9_800, 5),
    ("commune", 10_500, 45_000, 7),
    ("commune", 52_000, 95_000, 3),
    ("commune", 110_000, 240_000, 2),
    ("epci", 15_000, 48_000, 3),
    ("epci", 55_000, 98_000, 3),
    ("epci", 120_000, 400_000, 2),
)


def editions() -> list[PeerEdition]:
    """Every fictitious edition: themes a little better each year, never above the scale."""
    q = load_questionnaire("maturite-numerique", REPO)
    rng = random.Random(16)
    found: list[PeerEdition] = []
    number = 0
    for status, low, high, count in GROUPS:
        for _ in range(count):
            number += 1
            population = rng.randrange(low, high, 100)
            base = {t.id: rng.uniform(1.2, 3.8) for t in q.themes}
            for step, year in enumerate(YEARS):
                levels = {
                    theme: round(min(q.top, max(1.0, value + step * rng.uniform(0, 0.5))), 2)
                    for theme, value in base.items()
                }
                found.append(
                    PeerEdition(
                        collectivite=f"FICT{number:03d}",
                        name=f"Collectivité fictive n° {number} (données fictives)",
                        status=status,
                        population=population,
                        year=year,
                        questionnaire=q.id,
                        levels=levels,
                    )
                )
    return found


def main() -> None:
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    TARGET.write_bytes(peers_csv(editions()))
    print(TARGET)


if __name__ == "__main__":
    main()
