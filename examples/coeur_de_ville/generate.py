"""Generate the Cœur de ville example's data: hourly footfall counts and a vacancy survey.

Deterministic (seeded). Shapes follow the national "comptage des mobilités" schema
(sites / channels / measures) and a commercial-vacancy field survey. From
`PIETONNISATION.start`, the pedestrian counts of `PIETONNISATION.site` are multiplied by
1 + `PIETONNISATION.effect` (a known effect the blueprint's experiment must find); the
other sites are left as they were.

    python -m examples.coeur_de_ville.generate                 # the small default shipped
    python -m examples.coeur_de_ville.generate --rows 10000000 --format parquet -o /tmp/big
"""

from __future__ import annotations

import argparse
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
INSEE = "29233"  # Quimperlé
CENTRE = (-3.5497, 47.8728)
SITES = [
    ("S01", "Place Charles de Gaulle", "place"),
    ("S02", "Rue Savary", "rue"),
    ("S03", "Rue de la Paix", "rue"),
    ("S04", "Quai Brizeux", "quai"),
    ("S05", "Place Hervo", "place"),
    ("S06", "Rue Ellé", "rue"),
    ("S07", "Halles", "marché"),
    ("S08", "Gare", "gare"),
]
SITES_BY_ID = [(s[0], s[1]) for s in SITES]
HOURLY = np.array(
    [1, 1, 1, 1, 1, 2, 5, 12, 30, 45, 60, 80, 95, 85, 70, 75, 85, 95, 80, 50, 30, 18, 8, 3], float
)
WEEKDAY = np.array([0.85, 0.9, 1.0, 0.95, 1.1, 1.45, 0.55])  # Monday … Sunday
EVENTS = {
    (7, 14): 2.2,
    (6, 21): 2.5,
    (12, 20): 1.8,
}  # Bastille day, Fête de la musique, Christmas market


@dataclass(frozen=True)
class KnownEffect:
    """A multiplicative effect injected on one site's pedestrian counts from a date."""

    site: str
    start: dt.date
    effect: float  # relative: 0.12 is +12 %


# The street made pedestrian: the blueprint's experiment "pietonnisation" measures it, and
# tests check that the estimate covers this effect.
PIETONNISATION = KnownEffect(site="Rue Savary", start=dt.date(2026, 6, 1), effect=0.12)
# The footfall template's sample data cover only 120 days: the same street, a later date.
TEMPLATE_PIETONNISATION = KnownEffect(site="Rue Savary", start=dt.date(2026, 9, 1), effect=0.12)


def sites() -> pd.DataFrame:
    rng = np.random.default_rng(1)
    offsets = rng.normal(0, 0.0025, size=(len(SITES), 2))
    return pd.DataFrame(
        {
            "site_id": [s[0] for s in SITES],
            "site_name": [s[1] for s in SITES],
            "fr_insee_code": INSEE,
            "xlong": np.round(CENTRE[0] + offsets[:, 0], 6),
            "ylat": np.round(CENTRE[1] + offsets[:, 1], 6),
            "infrastructure_type": [s[2] for s in SITES],
        }
    )


def channels(site_ids: list[str]) -> pd.DataFrame:
    rows = []
    for site in site_ids:
        for mobility in ("PEDESTRIAN", "BIKE"):
            for direction in ("IN", "OUT"):
                rows.append(
                    (f"{site}-{mobility[0]}{direction[0]}", site, mobility, direction, 3600)
                )
    return pd.DataFrame(
        rows, columns=["channel_id", "site_id", "mobility_type", "direction", "time_step"]
    )


def measures(
    channel_frame: pd.DataFrame,
    rows: int,
    end: dt.date,
    seed: int = 7,
    effect: KnownEffect | None = PIETONNISATION,
) -> pd.DataFrame:
    """About `rows` hourly counts ending on `end`, for every channel, with `effect` injected."""
    n_channels = len(channel_frame)
    hours = max(24, rows // n_channels)
    start = pd.Timestamp(end) - pd.Timedelta(hours=hours)
    stamps = pd.date_range(start, periods=hours, freq="h")
    rng = np.random.default_rng(seed)
    base = HOURLY[stamps.hour] * WEEKDAY[stamps.day_of_week]
    season = 1 + 0.25 * np.sin((stamps.day_of_year - 100) / 365 * 2 * np.pi)
    event = np.ones(hours)
    for (month, day), boost in EVENTS.items():
        event[(stamps.month == month) & (stamps.day == day)] = boost
    level = base * season * event
    weights = rng.uniform(0.4, 1.6, n_channels) * np.where(
        channel_frame["mobility_type"] == "BIKE", 0.15, 1.0
    )
    expected = np.outer(weights, level)  # channels × hours
    if effect is not None:
        expected *= effect_factors(channel_frame, stamps, effect)
    counts = rng.poisson(expected).astype("int64")
    return pd.DataFrame(
        {
            "channel_id": np.repeat(channel_frame["channel_id"].to_numpy(), hours),
            "start_datetime": np.tile(stamps.to_numpy(), n_channels),
            "end_datetime": np.tile((stamps + pd.Timedelta(hours=1)).to_numpy(), n_channels),
            "count": counts.ravel(),
        }
    )


def effect_factors(
    channel_frame: pd.DataFrame, stamps: pd.DatetimeIndex, effect: KnownEffect
) -> np.ndarray:
    """Channels × hours multipliers: 1 + effect on the treated site's pedestrians after its start."""
    names = dict(SITES_BY_ID)
    treated = np.array(
        [
            names.get(site) == effect.site and mobility == "PEDESTRIAN"
            for site, mobility in zip(
                channel_frame["site_id"], channel_frame["mobility_type"], strict=True
            )
        ]
    )
    after = np.asarray(stamps >= pd.Timestamp(effect.start))
    return 1 + effect.effect * np.outer(treated, after)


def shops(seed: int = 3, n: int = 140) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    streets = [
        "rue Savary",
        "rue de la Paix",
        "place Hervo",
        "rue Ellé",
        "quai Brizeux",
        "rue Brémond d'Ars",
    ]
    activities = [
        "boulangerie",
        "librairie",
        "café",
        "coiffure",
        "pharmacie",
        "vêtements",
        "banque",
        "fleuriste",
    ]
    vacant = rng.random(n) < 0.12
    return pd.DataFrame(
        {
            "local_id": [f"L{i:03d}" for i in range(1, n + 1)],
            "adresse": [f"{rng.integers(1, 60)} {streets[i % len(streets)]}" for i in range(n)],
            "statut": np.where(vacant, "vacant", "occupé"),
            "activite": [
                None if v else activities[i % len(activities)] for i, v in enumerate(vacant)
            ],
            "date_releve": "2026-09-15",
            "rue": [streets[i % len(streets)] for i in range(n)],
        }
    )


def write(frame: pd.DataFrame, path: Path, fmt: str) -> None:
    if fmt == "parquet":
        frame.to_parquet(path.with_suffix(".parquet"), index=False)
    else:
        # French conventions: ';' separator, ISO dates, UTF-8.
        frame.to_csv(
            path.with_suffix(".csv"), sep=";", index=False, date_format="%Y-%m-%dT%H:%M:%S"
        )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    # The default: a year of hourly counts for 32 channels (about 2 MB of Parquet).
    parser.add_argument("--rows", type=int, default=282_000, help="about this many hourly counts")
    parser.add_argument("--format", choices=["csv", "parquet"], default="parquet")
    parser.add_argument("-o", "--output", type=Path, default=HERE / "data")
    parser.add_argument("--end", type=dt.date.fromisoformat, default=dt.date(2026, 11, 1))
    args = parser.parse_args(argv)
    args.output.mkdir(parents=True, exist_ok=True)
    site_frame = sites()
    channel_frame = channels(site_frame["site_id"].tolist())
    write(site_frame, args.output / "sites", "csv")
    write(channel_frame, args.output / "channels", "csv")
    write(shops(), args.output / "vacance", "csv")
    write(measures(channel_frame, args.rows, args.end), args.output / "measures", args.format)


if __name__ == "__main__":
    main()
