"""Generate the Recharger et se garer example's data: charge points, car parks, population,
charging sessions.

Deterministic (seeded) and vectorised. Charge points follow the national IRVE static
schema (etalab/schema-irve, version 2: `coordonneesXY` is the text "[lon,lat]", booleans
are written true/false); car parks follow the stationnement schema (`id` is
INSEE-P-xxx, `Xlong`/`Ylat` in WGS 84). Communes are those of Concarneau Cornouaille
Agglomération (Finistère), with their approximate population.

Files written (in `data/` by default):

- `irve.csv`: one row per charge point (`--rows` of them), comma-separated as the
  consolidated national file;
- `stationnement.csv`: car parks, about one for twelve charge points (at least 15);
- `population.csv`: INSEE code (text), commune name and population, `;`-separated;
- `sessions.parquet`: charging sessions shared by the operator under an agreement
  (`--sessions` of them, 30 000 by default, whatever `--rows`): the point they happened
  at, their start (local time, from 1 December 2025 to 30 November 2026), duration,
  energy and kind of user. More sessions at fast chargers, in the evening at normal
  ones, on weekends and in summer (tourism), and a growing fleet; no badge nor vehicle,
  so no personal data.

    python -m examples.recharge.generate                           # the small default set
    python -m examples.recharge.generate --rows 10000000 --format parquet -o /tmp/irve

With `--format parquet`, `irve` and `stationnement` are written as Parquet files (real
booleans and numbers); point the blueprint's sources at them to use them. Sessions are
always Parquet: a year of them would make a CSV of several megabytes.
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq

HERE = Path(__file__).resolve().parent

# Concarneau Cornouaille Agglomération: INSEE code, name, postal code, lon, lat, population
# (rounded municipal population) and attractiveness for charge points (tourism, N165).
COMMUNES = [
    ("29039", "Concarneau", "29900", -3.9180, 47.8753, 20200, 1.3),
    ("29293", "Trégunc", "29910", -3.8515, 47.8549, 7100, 0.9),
    ("29241", "Rosporden", "29140", -3.8343, 47.9611, 7800, 1.2),
    ("29217", "Pont-Aven", "29930", -3.7473, 47.8551, 2800, 1.6),
    ("29153", "Névez", "29920", -3.7922, 47.8193, 2700, 1.1),
    ("29147", "Melgven", "29140", -3.8361, 47.9064, 3400, 0.9),
    ("29049", "Elliant", "29370", -3.8891, 47.9953, 3300, 0.6),
    ("29272", "Saint-Yvi", "29140", -3.9353, 47.9658, 3200, 0.7),
    ("29283", "Tourc'h", "29140", -3.8306, 48.0261, 1200, 0.5),
]
BBOX = (-4.00, 47.78, -3.70, 48.06)  # lon min, lat min, lon max, lat max
COS0 = float(np.cos(np.radians(47.9)))

# Kinds of station: share of stations, charge points per station (mean), operator code
# of the itinerary ids, brand, powers (kW) and their probabilities, share free of charge.
KINDS = [
    ("public", 0.44, 2.0, "S29", "Ouest Charge", [7.4, 22.0, 24.0], [0.25, 0.65, 0.10], 0.10),
    ("commerce", 0.20, 3.0, "CMR", "Borne commerce", [22.0, 50.0, 100.0], [0.5, 0.3, 0.2], 0.35),
    ("rapide", 0.08, 6.0, "HPC", "Station rapide", [50.0, 150.0, 300.0], [0.1, 0.4, 0.5], 0.0),
    ("hotel", 0.13, 2.0, "HTL", "Recharge tourisme", [7.4, 11.0, 22.0], [0.1, 0.5, 0.4], 0.55),
    ("parking", 0.15, 5.0, "S29", "Ouest Charge", [7.4, 22.0], [0.5, 0.5], 0.15),
]
PLACES = {
    "public": ["Mairie", "Place de l'Église", "Salle omnisports", "Médiathèque", "Port", "Plage"],
    "commerce": ["Centre commercial", "Supermarché", "Zone artisanale", "Retail park"],
    "rapide": ["Aire de la N165", "Échangeur", "Zone d'activités"],
    "hotel": ["Hôtel du Port", "Hôtel de la Plage", "Camping municipal", "Résidence"],
    "parking": ["Parking de la Gare", "Parking relais", "Parking du centre", "Parking du Port"],
}
STREETS = [
    "rue de la Gare",
    "place de la Mairie",
    "avenue de la Libération",
    "rue du Port",
    "boulevard Bougainville",
    "rue de Quimper",
    "route de Lorient",
    "rue Jean Jaurès",
    "rue des Écoles",
    "quai Carnot",
]
PMR = [
    "Réservé PMR",
    "Accessible mais non réservé PMR",
    "Non accessible",
    "Accessibilité inconnue",
]
CAR_PARKS = [
    "Parking de la Mairie",
    "Parking de la Gare",
    "Parking du Port",
    "Parking de l'Église",
    "Parking du Marché",
    "Parking de la Plage",
    "Parking de la Salle des sports",
    "Parking du Centre",
]
IRVE_COLUMNS = [
    "id_pdc_itinerance",
    "nom_station",
    "adresse_station",
    "code_insee_commune",
    "puissance_nominale_kw",
    "prise_type_2",
    "prise_type_combo_ccs",
    "gratuit",
    "accessibilite_pmr",
    "coordonneesXY",
]


def _choice(rng: np.random.Generator, probs: np.ndarray, size: int) -> np.ndarray:
    probs = np.asarray(probs, dtype="float64")
    return np.searchsorted(np.cumsum(probs / probs.sum()), rng.random(size), side="right")


def _text(values: np.ndarray | pa.Array) -> pa.Array:
    return pc.cast(values if isinstance(values, pa.Array) else pa.array(values), pa.string())


def _pad(values: np.ndarray, width: int) -> pa.Array:
    return pc.utf8_lpad(_text(values), width=width, padding="0")


def _from(names: list[str], index: np.ndarray) -> pa.Array:
    """Names picked by index, as a plain string column."""
    dictionary = pa.DictionaryArray.from_arrays(pa.array(index, pa.int32()), pa.array(names))
    return pc.cast(dictionary, pa.string())


def _locate(
    rng: np.random.Generator, commune: np.ndarray, spread: float
) -> tuple[np.ndarray, np.ndarray]:
    """Positions around each commune's centre (more spread for bigger communes), in BBOX."""
    centres = np.array([(c[3], c[4]) for c in COMMUNES])
    people = np.array([c[5] for c in COMMUNES], dtype="float64")
    sigma = spread * np.sqrt(people / people.max())[commune]
    lon = centres[commune, 0] + rng.normal(0, 1, len(commune)) * sigma / COS0
    lat = centres[commune, 1] + rng.normal(0, 1, len(commune)) * sigma
    lon = np.round(np.clip(lon, BBOX[0] + 0.001, BBOX[2] - 0.001), 6)
    lat = np.round(np.clip(lat, BBOX[1] + 0.001, BBOX[3] - 0.001), 6)
    return lon, lat


def charge_points(rows: int, seed: int = 2024) -> pa.Table:
    """`rows` charge points grouped in stations, as in the IRVE static schema."""
    rng = np.random.default_rng(seed)
    kind_share = np.array([k[1] for k in KINDS])
    kind_size = np.array([k[2] for k in KINDS])
    # Enough stations for `rows` points: the mean station has sum(share * size) points.
    n = int(rows / float(kind_share @ kind_size) * 1.3) + 10
    kind = _choice(rng, kind_share, n)
    size = 1 + rng.poisson(kind_size[kind] - 1)
    ends = np.cumsum(size)
    n = int(np.searchsorted(ends, rows)) + 1  # stations needed
    kind, size = kind[:n], size[:n]
    size[-1] -= int(ends[n - 1]) - rows  # the last station gets the remaining points
    weights = np.array([c[5] * c[6] for c in COMMUNES], dtype="float64")
    commune = _choice(rng, weights, n)
    lon, lat = _locate(rng, commune, 0.02)
    free = rng.random(n) < np.array([k[7] for k in KINDS])[kind]
    place = np.zeros(n, dtype="int64")
    offsets = np.cumsum([0] + [len(PLACES[k[0]]) for k in KINDS])
    for k, spec in enumerate(KINDS):
        group = np.flatnonzero(kind == k)
        place[group] = offsets[k] + rng.integers(0, len(PLACES[spec[0]]), len(group))
    places = [p for k in KINDS for p in PLACES[k[0]]]
    names = [c[1] for c in COMMUNES]
    brand = [k[4] for k in KINDS]
    station_name = pc.binary_join_element_wise(
        _from(brand, kind), _from(names, commune), _from(places, place), " - "
    )
    station_name = pc.replace_substring(station_name, " - ", " ", max_replacements=1)
    # Two stations of a commune at the same kind of place are numbered: « Port 2 ».
    same = commune * len(places) + place
    order = np.argsort(same, kind="stable")
    first = np.searchsorted(same[order], same[order])
    number = np.empty(n, dtype="int64")
    number[order] = np.arange(n) - first + 1
    suffix = pc.binary_join_element_wise(" ", _text(number), "")
    station_name = pc.if_else(
        pa.array(number > 1),
        pc.binary_join_element_wise(station_name, suffix, ""),
        station_name,
    )
    address = pc.binary_join_element_wise(
        _text(rng.integers(1, 80, n)),
        " ",
        _from(STREETS, rng.integers(0, len(STREETS), n)),
        ", ",
        _from([c[2] for c in COMMUNES], commune),
        " ",
        _from(names, commune),
        "",
    )
    xy = pc.binary_join_element_wise("[", _text(lon), ",", _text(lat), "]", "")
    # Charge points: repeat station attributes, then draw each point's power and PMR access.
    station = np.repeat(np.arange(n), size)
    rank = np.arange(rows) - np.repeat(ends[:n] - size, size)
    point_kind = kind[station]
    power = np.zeros(rows)
    for k, spec in enumerate(KINDS):
        group = np.flatnonzero(point_kind == k)
        power[group] = np.array(spec[5])[_choice(rng, spec[6], len(group))]
    dc = power >= 24
    type_2 = ~dc | (rng.random(rows) < 0.15)  # a few fast chargers keep a type 2 cable
    ccs = dc
    # One point in five of public stations is reserved to disabled drivers.
    pmr = _choice(rng, [0.0, 0.55, 0.2, 0.25], rows)
    pmr = np.where((rank == 0) & (point_kind == 0) & (rng.random(rows) < 0.4), 0, pmr)
    ops = pc.binary_join_element_wise(
        "FR",
        _from([k[3] for k in KINDS], point_kind),
        "EP",
        _pad(station, 7),
        _pad(rank + 1, 2),
        "",
    )
    take = pa.array(station)
    return pa.table(
        {
            "id_pdc_itinerance": ops,
            "nom_station": station_name.take(take),
            "adresse_station": address.take(take),
            "code_insee_commune": _from([c[0] for c in COMMUNES], commune[station]),
            "puissance_nominale_kw": power,
            "prise_type_2": type_2,
            "prise_type_combo_ccs": ccs,
            "gratuit": free[station],
            "accessibilite_pmr": _from(PMR, pmr),
            "coordonneesXY": xy.take(take),
        }
    )


def car_parks(rows: int, seed: int = 2025) -> pd.DataFrame:
    """Car parks as in the stationnement schema: about one for twelve charge points."""
    rng = np.random.default_rng(seed)
    n = max(15, rows // 12)
    people = np.array([c[5] for c in COMMUNES], dtype="float64")
    commune = np.sort(_choice(rng, people, n))
    rank = np.arange(n) - np.searchsorted(commune, commune)
    lon, lat = _locate(rng, commune, 0.012)
    places = np.round(rng.lognormal(np.log(60), 0.7, n)).astype("int64").clip(8, 900)
    pmr = np.maximum(1, np.round(places * 0.02)).astype("int64")
    ev = np.where(rng.random(n) < 0.5, 0, rng.integers(2, 11, n)).clip(0, places // 4)
    paying = (commune == 0) & (rng.random(n) < 0.6) | (commune == 3) & (rng.random(n) < 0.5)
    tarif = np.where(paying, rng.choice([1.0, 1.2, 1.5, 2.0], n), 0.0)
    insee = np.array([c[0] for c in COMMUNES])[commune]
    name = np.array(CAR_PARKS, dtype=object)[rank % len(CAR_PARKS)]
    repeat = rank // len(CAR_PARKS)
    name = np.where(repeat > 0, name + " " + (repeat + 1).astype(str), name)
    ids = pd.Series(insee, dtype=object) + "-P-" + pd.Series(rank + 1).astype(str).str.zfill(3)
    return pd.DataFrame(
        {
            "id": ids,
            "nom": name,
            "insee": insee,
            "nb_places": places,
            "nb_pmr": pmr,
            "nb_voitures_electriques": ev,
            "tarif_1h": tarif,
            "Xlong": lon,
            "Ylat": lat,
        }
    )


# Charging sessions: the year shared by the operator, and how often each kind of point is
# used (sessions a day at the mean point of that power, in kW; fast chargers are busier).
FIRST_DAY = dt.date(2025, 12, 1)
DAYS = 365  # up to 30 November 2026
RATE_BY_POWER = {7.4: 0.35, 11.0: 0.45, 22.0: 0.6, 24.0: 1.1, 50.0: 2.2, 100.0: 3.0}
FAST_RATE = 4.0  # 150 kW and more
FAST_KW = 50.0
# Share of each hour of the day in the sessions' starts: normal points in the evening
# (residents plugging in after work) and in the morning; fast points through the day.
NORMAL_HOURS = np.array(
    [1, 0.5, 0.3, 0.2, 0.2, 0.4, 1.5, 3.5, 5, 4.5, 4, 4, 4, 4, 4, 4.5, 5.5, 8, 9.5, 8.5, 6, 4, 3, 2]
)
FAST_HOURS = np.array(
    [
        0.5,
        0.3,
        0.2,
        0.2,
        0.3,
        0.6,
        1.5,
        3,
        4.5,
        5.5,
        6.5,
        7.5,
        8,
        7,
        6.5,
        6.5,
        7.5,
        8,
        7,
        5,
        3.5,
        2,
        1.2,
        0.8,
    ]
)
USERS = ["abonné", "occasionnel"]
SESSION_COLUMNS = ["id_pdc_itinerance", "debut", "duree_min", "energie_kwh", "type_usager"]


def _day_weights() -> np.ndarray:
    """How busy each day of the year is: summer (tourism), weekends, a growing fleet."""
    days = FIRST_DAY + np.arange(DAYS) * dt.timedelta(days=1)
    month = np.array([d.month for d in days])
    weekday = np.array([d.weekday() for d in days])
    season = np.where(np.isin(month, [7, 8]), 1.45, np.where(np.isin(month, [6, 9]), 1.15, 1.0))
    season = np.where(np.isin(month, [12, 1, 2]), 0.85, season)
    weekend = np.where(weekday >= 5, 1.3, 1.0)
    growth = 1.0 + 0.3 * np.arange(DAYS) / DAYS  # more electric cars month after month
    return season * weekend * growth


def sessions(points: pa.Table, count: int, seed: int = 2026) -> pa.Table:
    """`count` charging sessions at `points` (charge points), one row per session."""
    rng = np.random.default_rng(seed)
    power = points.column("puissance_nominale_kw").to_numpy()
    insee = points.column("code_insee_commune").to_numpy(zero_copy_only=False)
    appeal = {c[0]: c[6] for c in COMMUNES}
    rate = np.array([RATE_BY_POWER.get(float(p), FAST_RATE) for p in power])
    rate = rate * np.array([appeal[c] for c in insee])
    point = _choice(rng, rate, count)
    fast = power[point] >= FAST_KW
    day = _choice(rng, _day_weights(), count)
    hour = np.where(fast, _choice(rng, FAST_HOURS, count), _choice(rng, NORMAL_HOURS, count))
    seconds = (day * 24 + hour) * 3600 + rng.integers(0, 60, count) * 60
    start = np.datetime64(FIRST_DAY.isoformat(), "s") + seconds.astype("timedelta64[s]")
    # Fast sessions last about half an hour; normal ones a few hours, longer in the evening
    # (cars left overnight).
    evening = ~fast & ((hour >= 18) | (hour < 5))
    median = np.where(fast, 28.0, np.where(evening, 420.0, 120.0))
    duration = np.round(median * rng.lognormal(0, 0.45, count)).clip(5, 900).astype("int64")
    # Energy: fast chargers taper (about 55 % of their power on average, the car's own
    # limit of 150 kW at most); a car on a normal point draws at most 11 kW, and stops
    # drawing once its battery (30 to 80 kWh to fill) is full.
    draw = np.where(fast, np.minimum(power[point], 150.0) * 0.55, np.minimum(power[point], 11.0))
    need = rng.uniform(15, 70, count)
    energy = np.minimum(draw * duration / 60 * rng.uniform(0.8, 1.0, count), need)
    energy = np.round(np.maximum(energy, 0.5), 1)
    # Subscribers are residents: fewer of them at fast chargers and in summer.
    summer = np.isin((FIRST_DAY.month - 1 + day // 30.4).astype("int64") % 12 + 1, [7, 8])
    subscribed = rng.random(count) < np.where(fast, 0.4, 0.65) - np.where(summer, 0.15, 0)
    ids = points.column("id_pdc_itinerance").take(pa.array(point))
    table = pa.table(
        {
            "id_pdc_itinerance": ids,
            "debut": pa.array(start, pa.timestamp("s")),
            "duree_min": duration,
            "energie_kwh": energy,
            "type_usager": _from(USERS, np.where(subscribed, 0, 1)),
        }
    )
    return table.sort_by([("debut", "ascending"), ("id_pdc_itinerance", "ascending")])


def population() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "code_insee": [c[0] for c in COMMUNES],
            "nom_commune": [c[1] for c in COMMUNES],
            "population": [c[5] for c in COMMUNES],
        }
    )


def _write(table: pa.Table, path: Path, fmt: str) -> None:
    if fmt == "parquet":
        pq.write_table(table, path.with_suffix(".parquet"), compression="zstd")
    else:
        options = pa_csv.WriteOptions(delimiter=",", quoting_style="needed")
        pa_csv.write_csv(table, path.with_suffix(".csv"), options)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=320, help="number of charge points")
    parser.add_argument("--format", choices=["csv", "parquet"], default="csv")
    parser.add_argument("--sessions", type=int, default=30_000, help="number of charging sessions")
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("-o", "--output", type=Path, default=HERE / "data")
    args = parser.parse_args(argv)
    args.output.mkdir(parents=True, exist_ok=True)
    points = charge_points(args.rows, args.seed)
    _write(points, args.output / "irve", args.format)
    parks = pa.Table.from_pandas(car_parks(args.rows, args.seed + 1), preserve_index=False)
    _write(parks, args.output / "stationnement", args.format)
    population().to_csv(args.output / "population.csv", sep=";", index=False)
    _write(sessions(points, args.sessions, args.seed + 2), args.output / "sessions", "parquet")


if __name__ == "__main__":
    main()
