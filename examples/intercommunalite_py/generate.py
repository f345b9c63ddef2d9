"""Generate the Déchets de l'agglomération example's data: monthly tonnages per commune.

Deterministic (seeded). The communes are those of Concarneau Cornouaille Agglomération
(shared with the Recharge example); each month, each commune's household waste is
split into four streams whose weights per inhabitant follow the national orders of
magnitude (ADEME: about 250 kg of residual waste per inhabitant a year, 50 of
packaging, 30 of glass), with a summer peak in the seaside communes.

Files written (in `data/` by default):

- `communes.csv`: INSEE code (text), name, population, longitude, latitude, `;`-separated;
- `collectes.csv`: one row per commune, month and stream: tonnes collected.

    python -m examples.intercommunalite_py.generate
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd

from examples.recharge.generate import COMMUNES

HERE = Path(__file__).resolve().parent
SEED = 29
START = dt.date(2025, 1, 1)
MONTHS = 24
# Stream label, kg per inhabitant a year, and how much the summer swells it (tourism).
STREAMS = [
    ("Ordures ménagères", 250.0, 0.35),
    ("Emballages", 52.0, 0.30),
    ("Verre", 31.0, 0.60),
    ("Biodéchets", 18.0, 0.10),
]
SEASIDE = {"29039", "29293", "29217", "29153"}  # Concarneau, Trégunc, Pont-Aven, Névez


def months(start: dt.date = START, count: int = MONTHS) -> list[dt.date]:
    """The first day of `count` months from `start`."""
    return [
        dt.date(start.year + (start.month - 1 + i) // 12, (start.month - 1 + i) % 12 + 1, 1)
        for i in range(count)
    ]


def communes() -> pd.DataFrame:
    rows = [(code, name, pop, lon, lat) for code, name, _, lon, lat, pop, _ in COMMUNES]
    return pd.DataFrame(rows, columns=["code_insee", "nom_commune", "population", "lon", "lat"])


def collectes(seed: int = SEED) -> pd.DataFrame:
    """Tonnes per commune, month and stream."""
    rng = np.random.default_rng(seed)
    rows = []
    for code, _name, _, _, _, population, _ in COMMUNES:
        for month in months():
            summer = 1.0 if month.month in (7, 8) else 0.4 if month.month in (6, 9) else 0.0
            for stream, kg_year, swell in STREAMS:
                tourism = 1 + swell * summer * (1.0 if code in SEASIDE else 0.3)
                noise = rng.normal(1.0, 0.06)
                tonnes = population * kg_year / 12 / 1000 * tourism * noise
                rows.append((code, month, stream, round(float(tonnes), 2)))
    return pd.DataFrame(rows, columns=["code_insee", "mois", "flux", "tonnes"])


def write(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    communes().to_csv(out / "communes.csv", sep=";", index=False)
    collectes().to_csv(out / "collectes.csv", sep=";", index=False)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--out", type=Path, default=HERE / "data")
    write(parser.parse_args(argv).out)


if __name__ == "__main__":
    main()
