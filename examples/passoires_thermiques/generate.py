"""Generate the Passoires thermiques example's data: energy performance diagnoses (DPE).

Deterministic (seeded) and vectorised. The dwellings file has the shape of ADEME's
`dpe03existant` dataset (same column names, same label values); the labels follow the
official thresholds (arrêté du 31 mars 2021): the class is the worse of the energy class
(Cep, kWh/m²/an) and the greenhouse-gas class (EGES, kgCO2/m²/an). Communes are those of
Quimperlé Communauté (Finistère); addresses, IRIS and their polygons are generated.

Files written (in `data/` by default):

- `dpe_logements.parquet`: one row per DPE, with the address (restricted: advisors only);
- `dpe_sans_adresse.parquet`: the same DPE without address nor coordinates, with the IRIS
  (published as aggregates only);
- `dpe_communes.csv`: number of DPE per commune and label (open data);
- `communes.csv`, `communes.geojson`, `iris.geojson`: the territory.

    python -m examples.passoires_thermiques.generate                 # the small default set
    python -m examples.passoires_thermiques.generate --rows 10000000 -o /tmp/dpe
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq

HERE = Path(__file__).resolve().parent

# Official thresholds: a value below the n-th bound is in class n (A = 0); G has no bound.
LABELS = ["A", "B", "C", "D", "E", "F", "G"]
CEP_BOUNDS = np.array([70, 110, 180, 250, 330, 420], dtype="float64")  # kWh/m²/an
EGES_BOUNDS = np.array([6, 11, 30, 50, 70, 100], dtype="float64")  # kgCO2/m²/an

# Communes of Quimperlé Communauté: INSEE code, name, postal code, lon, lat, dwellings
# (roughly the number of main residences), apartment share, and how much older than
# average its houses are (inland communes kept more pre-1975 houses than the coast).
COMMUNES = [
    ("29233", "Quimperlé", "29300", -3.5497, 47.8728, 6000, 0.34, 1.0),
    ("29150", "Moëlan-sur-Mer", "29350", -3.6283, 47.8139, 3300, 0.08, 0.8),
    ("29031", "Clohars-Carnoët", "29360", -3.5851, 47.7969, 2100, 0.08, 0.75),
    ("29236", "Riec-sur-Bélon", "29340", -3.6942, 47.8436, 2000, 0.07, 0.9),
    ("29004", "Bannalec", "29380", -3.7016, 47.9331, 2500, 0.09, 1.25),
    ("29274", "Scaër", "29390", -3.7017, 48.0283, 2500, 0.08, 1.4),
    ("29146", "Mellac", "29300", -3.5763, 47.9042, 1300, 0.04, 0.75),
    ("29235", "Rédené", "29300", -3.4758, 47.8533, 1250, 0.03, 0.9),
    ("29297", "Tréméven", "29300", -3.5311, 47.9003, 1050, 0.04, 0.85),
    ("29001", "Arzano", "29300", -3.4403, 47.9036, 650, 0.03, 1.3),
]
# Quimperlé is divided into IRIS; the other communes are one IRIS each (code + "0000").
IRIS_QUIMPERLE = [
    ("292330101", "Centre-Ville", -3.5497, 47.8728),
    ("292330102", "Kerbertrand", -3.5760, 47.8760),
    ("292330103", "Saint-David - Gare", -3.5330, 47.8850),
    ("292330104", "Villeneuve-Braouic", -3.5560, 47.8560),
    ("292330105", "Kervidanou", -3.5700, 47.8960),
]
BBOX = (-3.80, 47.76, -3.38, 48.08)  # lon min, lat min, lon max, lat max
LAT0 = 47.9  # projection: x = lon * cos(LAT0), y = lat (distances are then near metric)
COS0 = float(np.cos(np.radians(LAT0)))

# `periode_construction` as ADEME writes it, with year bounds and shares of DPE.
PERIODS = [
    ("avant 1948", 1800, 1947, 0.21),
    ("1948-1974", 1948, 1974, 0.19),
    ("1975-1977", 1975, 1977, 0.05),
    ("1978-1982", 1978, 1982, 0.07),
    ("1983-1988", 1983, 1988, 0.06),
    ("1989-2000", 1989, 2000, 0.14),
    ("2001-2005", 2001, 2005, 0.08),
    ("2006-2012", 2006, 2012, 0.11),
    ("2013-2021", 2013, 2021, 0.08),
    ("après 2021", 2022, 2025, 0.01),
]
# Houses by distance to the bourg: old centres, then a first ring, then the lotissements.
RING_FACTOR = np.array(
    [
        [2.4, 1.3, 1.0, 0.9, 0.8, 0.7, 0.6, 0.5, 0.5, 0.5],
        [1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0],
        [0.7, 0.8, 1.1, 1.2, 1.2, 1.3, 1.4, 1.4, 1.4, 1.4],
    ]
)
APARTMENT_FACTOR = np.array([0.45, 1.4, 1.2, 1.0, 1.0, 1.2, 1.1, 1.2, 1.3, 1.5])
PERIOD_CEP = np.array([300, 285, 250, 225, 205, 180, 160, 135, 95, 72], dtype="float64")
TYPES = ["maison", "appartement", "immeuble"]
TYPE_CEP = np.array([1.0, 0.95, 0.85])
ENERGIES = [
    "Électricité",
    "Gaz naturel",
    "Fioul domestique",
    "Bois – Bûches",
    "Bois – Granulés (pellets) ou briquettes",
    "GPL",
    "Réseau de Chauffage urbain",
]
ENERGY_CEP = np.array([1.10, 0.93, 1.08, 1.05, 0.85, 1.0, 0.85])  # primary-energy factor effect
ENERGY_EGES = np.array([0.032, 0.18, 0.23, 0.03, 0.03, 0.19, 0.10])  # kgCO2 per kWh primary
# Heating energy by construction period (rows follow PERIODS, columns ENERGIES).
ENERGY_BY_PERIOD = np.array(
    [
        [0.34, 0.10, 0.26, 0.20, 0.05, 0.04, 0.01],
        [0.36, 0.16, 0.24, 0.12, 0.05, 0.05, 0.02],
        [0.45, 0.16, 0.18, 0.10, 0.05, 0.04, 0.02],
        [0.50, 0.16, 0.13, 0.10, 0.05, 0.04, 0.02],
        [0.52, 0.17, 0.10, 0.10, 0.06, 0.03, 0.02],
        [0.52, 0.20, 0.08, 0.09, 0.06, 0.03, 0.02],
        [0.52, 0.24, 0.04, 0.08, 0.08, 0.02, 0.02],
        [0.55, 0.24, 0.01, 0.07, 0.11, 0.00, 0.02],
        [0.62, 0.20, 0.00, 0.05, 0.11, 0.00, 0.02],
        [0.75, 0.08, 0.00, 0.05, 0.12, 0.00, 0.00],
    ]
)
FIRST_DAY = dt.date(2021, 7, 1)  # dpe03existant starts with the July 2021 reform
LAST_DAY = dt.date(2026, 10, 31)
DPE_COLUMNS = [
    "numero_dpe",
    "date_etablissement_dpe",
    "etiquette_dpe",
    "etiquette_ges",
    "conso_5_usages_par_m2_ep",
    "emission_ges_5_usages_par_m2",
    "type_batiment",
    "periode_construction",
    "annee_construction",
    "surface_habitable_logement",
    "type_energie_principale_chauffage",
    "code_insee_ban",
    "code_postal_ban",
    "identifiant_ban",
    "_geopoint",
]


def label_index(cep: np.ndarray, eges: np.ndarray) -> np.ndarray:
    """The DPE class (0 = A … 6 = G): the worse of the energy and the GHG classes."""
    return np.maximum(
        np.searchsorted(CEP_BOUNDS, cep, side="right"),
        np.searchsorted(EGES_BOUNDS, eges, side="right"),
    )


# Territory -------------------------------------------------------------------------------


def _project(lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    return np.asarray(lon) * COS0, np.asarray(lat)


def _nearest(x: np.ndarray, y: np.ndarray, seeds: list[tuple[float, float]]) -> np.ndarray:
    """Index of the nearest seed (lon, lat) of each point: the Voronoi cell it falls in."""
    best = np.full(len(x), np.inf)
    index = np.zeros(len(x), dtype="int64")
    for i, (lon, lat) in enumerate(seeds):
        sx, sy = _project(lon, lat)
        d = (x - sx) ** 2 + (y - sy) ** 2
        closer = d < best
        best = np.where(closer, d, best)
        index[closer] = i
    return index


def _clip(polygon: list[tuple[float, float]], a: tuple[float, float], b: float) -> list:
    """The part of a convex polygon where a·p <= b (Sutherland–Hodgman, one half-plane)."""
    out = []
    for i, p in enumerate(polygon):
        q = polygon[(i + 1) % len(polygon)]
        fp = a[0] * p[0] + a[1] * p[1] - b
        fq = a[0] * q[0] + a[1] * q[1] - b
        if fp <= 0:
            out.append(p)
        if (fp < 0 < fq) or (fq < 0 < fp):
            t = fp / (fp - fq)
            out.append((p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])))
    return out


def _cell(polygon: list, seeds: list[tuple[float, float]], i: int) -> list:
    """The Voronoi cell of seed i within a convex polygon (projected coordinates)."""
    si = _project(*seeds[i])
    for j, seed in enumerate(seeds):
        if j == i:
            continue
        sj = _project(*seed)
        a = (2 * (sj[0] - si[0]), 2 * (sj[1] - si[1]))
        b = sj[0] ** 2 + sj[1] ** 2 - si[0] ** 2 - si[1] ** 2
        polygon = _clip(polygon, a, b)
    return polygon


def _ring(polygon: list) -> list[list[float]]:
    ring = [[round(float(x) / COS0, 9), round(float(y), 9)] for x, y in polygon]
    return [*ring, ring[0]]


def _feature(properties: dict, polygon: list) -> dict:
    geometry = {"type": "Polygon", "coordinates": [_ring(polygon)]}
    return {"type": "Feature", "properties": properties, "geometry": geometry}


def territory() -> tuple[dict, dict]:
    """Communes and IRIS as GeoJSON FeatureCollections: Voronoi cells of their centres."""
    x0, y0 = _project(BBOX[0], BBOX[1])
    x1, y1 = _project(BBOX[2], BBOX[3])
    box = [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]  # counter-clockwise
    seeds = [(c[3], c[4]) for c in COMMUNES]
    cells = [_cell(box, seeds, i) for i in range(len(COMMUNES))]
    communes = [
        _feature({"code_insee": c[0], "nom_commune": c[1]}, cells[i])
        for i, c in enumerate(COMMUNES)
    ]
    iris = []
    iris_seeds = [(s[2], s[3]) for s in IRIS_QUIMPERLE]
    for i, c in enumerate(COMMUNES):
        if c[0] == "29233":
            for k, (code, name, _, _) in enumerate(IRIS_QUIMPERLE):
                props = {"code_iris": code, "nom_iris": name, "code_insee": c[0]}
                iris.append(
                    _feature({**props, "nom_commune": c[1]}, _cell(cells[i], iris_seeds, k))
                )
        else:
            props = {"code_iris": c[0] + "0000", "nom_iris": c[1], "code_insee": c[0]}
            iris.append(_feature({**props, "nom_commune": c[1]}, cells[i]))
    return (
        {"type": "FeatureCollection", "features": communes},
        {"type": "FeatureCollection", "features": iris},
    )


# Dwellings --------------------------------------------------------------------------------


def _choice(rng: np.random.Generator, probs: np.ndarray, size: int) -> np.ndarray:
    return np.searchsorted(np.cumsum(probs / probs.sum()), rng.random(size), side="right")


def _addresses(rng: np.random.Generator, rows: int) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """Each dwelling's address index, and the addresses: commune, type and location.

    Houses have their own address; apartments share one per building, in town centres.
    """
    weights = np.array([c[5] for c in COMMUNES], dtype="float64")
    share_app = np.array([c[6] for c in COMMUNES])
    wanted = _choice(rng, weights, rows)  # the commune each dwelling is drawn around
    u = rng.random(rows)
    kind = np.where(u < share_app[wanted], 1, np.where(u < share_app[wanted] + 0.02, 2, 0))
    apartments = np.flatnonzero(kind == 1)
    apartments = apartments[np.argsort(wanted[apartments], kind="stable")]
    sizes = rng.geometric(1 / 7, size=max(1, len(apartments)))
    building = np.searchsorted(np.cumsum(sizes), np.arange(len(apartments)), side="right")
    others = np.flatnonzero(kind != 1)
    address = np.empty(rows, dtype="int64")
    address[others] = np.arange(len(others))
    n_buildings = int(building.max()) + 1 if len(apartments) else 0
    address[apartments] = len(others) + building
    n = len(others) + n_buildings
    first = np.full(n, rows, dtype="int64")
    np.minimum.at(first, address, np.arange(rows))  # the first dwelling at each address
    commune = wanted[first]
    is_app = kind[first] == 1
    centres = np.array([(c[3], c[4]) for c in COMMUNES])
    sigma = np.sqrt(weights[commune] / weights.max()) * 0.016 * np.where(is_app, 0.3, 1.0)
    offsets = rng.normal(0, 1, (2, n))
    ring = np.digitize(np.hypot(offsets[0], offsets[1]), [0.8, 1.6])
    # Periods by address (a building has one construction period), by commune and ring;
    # apartments are rarely older than 1948 here, more often from the 1960s–70s and later.
    period_probs = np.array([p[3] for p in PERIODS])
    period = np.zeros(n, dtype="int64")
    for c, spec in enumerate(COMMUNES):
        older = np.array([spec[7], spec[7]] + [1.0] * (len(PERIODS) - 2))
        for r in range(3):
            group = np.flatnonzero((commune == c) & (ring == r) & ~is_app)
            period[group] = _choice(rng, period_probs * older * RING_FACTOR[r], len(group))
        group = np.flatnonzero((commune == c) & is_app)
        period[group] = _choice(rng, period_probs * APARTMENT_FACTOR, len(group))
    lon = centres[commune, 0] + offsets[0] * sigma / COS0
    lat = centres[commune, 1] + offsets[1] * sigma
    lon = np.round(np.clip(lon, BBOX[0] + 0.001, BBOX[2] - 0.001), 6)
    lat = np.round(np.clip(lat, BBOX[1] + 0.001, BBOX[3] - 0.001), 6)
    x, y = _project(lon, lat)
    commune = _nearest(x, y, [(c[3], c[4]) for c in COMMUNES])
    iris = np.where(
        commune == 0, _nearest(x, y, [(s[2], s[3]) for s in IRIS_QUIMPERLE]), -1 - commune
    )
    low = np.array([p[1] for p in PERIODS])
    high = np.array([p[2] for p in PERIODS])
    # Before 1948: mostly late 19th and early 20th century.
    year = low[period] + np.floor(rng.random(n) ** 0.5 * (high[period] - low[period] + 1))
    year = np.where(period == 0, 1947 - np.floor(rng.exponential(45, n)).clip(0, 147), year)
    # BAN ids, unique within a commune: INSEE_street_number.
    order = np.argsort(commune, kind="stable")
    starts = np.searchsorted(commune[order], np.arange(len(COMMUNES)))
    rank = np.empty(n, dtype="int64")
    rank[order] = np.arange(n) - starts[commune[order]]
    per_commune = np.bincount(commune, minlength=len(COMMUNES))
    streets = np.maximum(40, np.ceil(per_commune / 25)).astype("int64")
    street = rank % streets[commune] + 1
    number = rank // streets[commune] + 1
    return address, {
        "commune": commune,
        "iris": iris,
        "kind": kind[first],
        "lon": lon,
        "lat": lat,
        "period": period,
        "year": year.astype("int64"),
        "street": street,
        "number": number,
    }


def _text(values: np.ndarray) -> pa.Array:
    return pc.cast(pa.array(values), pa.string())


def _pad(values: np.ndarray, width: int) -> pa.Array:
    return pc.utf8_lpad(_text(values), width=width, padding="0")


def _from(names: list[str], index: np.ndarray) -> pa.Array:
    """Category names as a plain string column (dictionary-encoded again by Parquet)."""
    return pc.cast(
        pa.DictionaryArray.from_arrays(pa.array(index, pa.int32()), pa.array(names)), pa.string()
    )


def dwellings(rows: int, seed: int = 29) -> pa.Table:
    """`rows` DPE of existing dwellings, columns as in ADEME's `dpe03existant`, plus
    `code_iris` (BDNB-style, from the address) at the end."""
    rng = np.random.default_rng(seed)
    address, addr = _addresses(rng, rows)
    commune = addr["commune"][address]
    period = addr["period"][address]
    kind = addr["kind"][address]
    # Heating energy, by construction period; no log fire in an apartment.
    energy = np.zeros(rows, dtype="int64")
    for p in range(len(PERIODS)):
        mask = np.flatnonzero(period == p)
        energy[mask] = _choice(rng, ENERGY_BY_PERIOD[p], len(mask))
    wood_flat = (kind != 0) & ((energy == 3) | (energy == 4))
    energy[wood_flat] = np.where(rng.random(int(wood_flat.sum())) < 0.6, 0, 1)
    median_surface = np.array([95.0, 55.0, 420.0])[kind]
    surface = np.round(np.clip(median_surface * rng.lognormal(0, 0.32, rows), 12, 3000), 1)
    cep = (
        PERIOD_CEP[period]
        * ENERGY_CEP[energy]
        * TYPE_CEP[kind]
        * (surface / np.array([95.0, 55.0, 420.0])[kind]) ** -0.15
        * np.where(kind == 1, (surface / 60.0) ** -0.12, 1.0)
        * rng.lognormal(0, 0.30, rows)
    )
    cep = np.round(np.clip(cep, 15, 990), 1)
    eges = np.round(np.clip(cep * ENERGY_EGES[energy] * rng.lognormal(0, 0.12, rows), 0.5, 300), 1)
    ges_class = np.searchsorted(EGES_BOUNDS, eges, side="right")
    label = label_index(cep, eges)
    # Dates: more diagnoses every year since July 2021.
    span = (LAST_DAY - FIRST_DAY).days
    days = np.floor(np.sqrt(rng.random(rows)) * (span + 1)).astype("int64")
    dates = np.datetime64(FIRST_DAY, "D") + days
    years = dates.astype("datetime64[Y]").astype("int64") + 1970
    # N° DPE: YY + département + "E" + 7 digits + letter, unique (a bijection of the row).
    unique = (np.arange(rows, dtype="int64") * 1_000_003 + 12_345) % (10**7 * 26)
    letters = np.array(list("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
    numero = pc.binary_join_element_wise(
        _text(years % 100),
        "29E",
        _pad(unique // 26, 7),
        pa.array(letters[unique % 26]),
        "",
    )
    insee = np.array([c[0] for c in COMMUNES])
    postal = np.array([c[2] for c in COMMUNES])
    # Address texts are built once per address, then repeated for its dwellings.
    ban = pc.binary_join_element_wise(
        _from(list(insee), addr["commune"]),
        _pad(addr["street"], 4),
        _pad(addr["number"], 5),
        "_",
    )
    geopoint = pc.binary_join_element_wise(_text(addr["lat"]), _text(addr["lon"]), ",")
    positions = pa.array(address)
    iris_codes = [s[0] for s in IRIS_QUIMPERLE] + [c[0] + "0000" for c in COMMUNES]
    iris = addr["iris"][address]
    iris = np.where(iris >= 0, iris, len(IRIS_QUIMPERLE) - 1 - iris)
    return pa.table(
        {
            "numero_dpe": numero,
            "date_etablissement_dpe": pa.array(dates, pa.date32()),
            "etiquette_dpe": _from(LABELS, label),
            "etiquette_ges": _from(LABELS, ges_class),
            "conso_5_usages_par_m2_ep": cep,
            "emission_ges_5_usages_par_m2": eges,
            "type_batiment": _from(TYPES, kind),
            "periode_construction": _from([p[0] for p in PERIODS], period),
            "annee_construction": addr["year"][address],
            "surface_habitable_logement": surface,
            "type_energie_principale_chauffage": _from(ENERGIES, energy),
            "code_insee_ban": _from(list(insee), commune),
            "code_postal_ban": _from(list(postal), commune),
            "identifiant_ban": ban.take(positions),
            "_geopoint": geopoint.take(positions),
            "code_iris": _from(iris_codes, iris),
        }
    )


def per_commune(table: pa.Table) -> pd.DataFrame:
    """Number of DPE per commune and label, zeros included: the open aggregate."""
    frame = table.select(["code_insee_ban", "etiquette_dpe"]).to_pandas()
    counts = frame.groupby(["code_insee_ban", "etiquette_dpe"]).size()
    names = {c[0]: c[1] for c in COMMUNES}
    grid = pd.MultiIndex.from_product([list(names), LABELS], names=["code_insee", "etiquette_dpe"])
    out = counts.reindex(grid, fill_value=0).rename("nb_dpe").reset_index()
    out.insert(1, "nom_commune", out["code_insee"].map(names))
    return out


def communes_frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "code_insee": [c[0] for c in COMMUNES],
            "nom_commune": [c[1] for c in COMMUNES],
            "code_postal": [c[2] for c in COMMUNES],
        }
    )


def _write_rows(table: pa.Table, path: Path, fmt: str) -> None:
    if fmt == "parquet":
        pq.write_table(table, path.with_suffix(".parquet"), compression="zstd")
    else:
        options = pa_csv.WriteOptions(delimiter=";")
        pa_csv.write_csv(table, path.with_suffix(".csv"), options)


def _write_csv(frame: pd.DataFrame, path: Path) -> None:
    frame.to_csv(path, sep=";", index=False)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=20_000, help="number of DPE (dwellings)")
    parser.add_argument("--format", choices=["csv", "parquet"], default="parquet")
    parser.add_argument("--seed", type=int, default=29)
    parser.add_argument("-o", "--output", type=Path, default=HERE / "data")
    args = parser.parse_args(argv)
    args.output.mkdir(parents=True, exist_ok=True)
    table = dwellings(args.rows, args.seed)
    _write_rows(table.select(DPE_COLUMNS), args.output / "dpe_logements", args.format)
    public = [c for c in table.column_names if c not in ("identifiant_ban", "_geopoint")]
    public.remove("code_postal_ban")
    public.remove("annee_construction")
    _write_rows(table.select(public), args.output / "dpe_sans_adresse", args.format)
    _write_csv(per_commune(table), args.output / "dpe_communes.csv")
    _write_csv(communes_frame(), args.output / "communes.csv")
    communes, iris = territory()
    for name, collection in (("communes", communes), ("iris", iris)):
        text = json.dumps(collection, ensure_ascii=False, separators=(",", ":"))
        (args.output / f"{name}.geojson").write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
