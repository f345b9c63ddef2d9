"""Write the data of the maps test blueprint (deterministic: run it again, same files).

.venv/bin/python tests/blueprints/maps/generate.py
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).parent / "data"
LON, LAT = -3.55, 47.87  # Quimperlé

SITES = [
    ("S01", "Place Charles de Gaulle", -3.548836, 47.874854),
    ("S02", "Rue Savary", -3.548874, 47.869542),
    ("S03", "Gare", -3.541200, 47.864100),
    ("S04", "Halles", -3.551900, 47.872300),
    ("S05", "Quai Brizeux", -3.546300, 47.871000),
    ("S06", "Basse-ville", -3.553300, 47.868800),
]


def zone(x0: float, y0: float, size: float = 0.01) -> list[list[list[float]]]:
    return [[[x0, y0], [x0 + size, y0], [x0 + size, y0 + size], [x0, y0 + size], [x0, y0]]]


def main() -> None:
    rng = np.random.default_rng(20261126)
    HERE.mkdir(exist_ok=True)
    pd.DataFrame(SITES, columns=["site_id", "site_name", "xlong", "ylat"]).to_csv(
        HERE / "sites.csv", sep=";", index=False
    )
    days = pd.date_range("2026-10-01", periods=10, freq="D")
    counts = [
        (site, day.date().isoformat(), int(rng.integers(50, 900)))
        for site, *_ in SITES[:5]  # Basse-ville has no counter yet: no value
        for day in days
    ]
    pd.DataFrame(counts, columns=["site_id", "day", "count"]).to_csv(
        HERE / "counts.csv", sep=";", index=False
    )
    # IRVE-like charging points: coordonneesXY is "[lon, lat]"; two rows without position.
    bornes = [
        (f"FRA{i:03d}", f"Station {i}", float(rng.choice([7.4, 22, 50, 150])),
         f"[{LON + rng.normal(0, 0.01):.6f}, {LAT + rng.normal(0, 0.006):.6f}]")
        for i in range(1, 41)
    ]  # fmt: skip
    bornes.append(("FRA900", "Station sans position", 22.0, "n/a"))
    bornes.append(("FRA901", "Station vide", 22.0, ""))
    pd.DataFrame(bornes, columns=["id_pdc", "nom_station", "puissance", "coordonneesXY"]).to_csv(
        HERE / "bornes.csv", sep=";", index=False
    )
    # ADEME-like "_geopoint" ("lat,lon"), declared format latlon; one garbage row.
    ademe = [
        (
            f"A{i}",
            f"Point {i}",
            f"{LAT + rng.normal(0, 0.005):.6f},{LON + rng.normal(0, 0.008):.6f}",
        )
        for i in range(1, 16)
    ]
    ademe.append(("A99", "Illisible", "quarante-sept"))
    pd.DataFrame(ademe, columns=["id", "nom", "_geopoint"]).to_csv(
        HERE / "ademe.csv", sep=",", index=False
    )
    # Incidents reported by an operator (shared): two dense spots and scattered rows.
    spots = [(-3.5485, 47.8735, 900), (-3.5420, 47.8645, 600), (LON, LAT, 300)]
    rows = []
    for x, y, n in spots:
        spread = 0.002 if n > 300 else 0.02
        for _ in range(n):
            rows.append(
                (round(x + rng.normal(0, spread), 6), round(y + rng.normal(0, spread * 0.7), 6),
                 int(rng.integers(1, 5)))
            )  # fmt: skip
    pd.DataFrame(rows, columns=["lon", "lat", "gravite"]).to_csv(
        HERE / "incidents.csv", sep=";", index=False
    )
    # Zones and a shops survey: Z3 and Z4 have too few shops, Z5 none.
    features = [
        {"type": "Feature", "properties": {"code": f"Z{i + 1}", "nom": name},
         "geometry": {"type": "Polygon", "coordinates": zone(-3.57 + 0.01 * (i % 3), 47.86 + 0.01 * (i // 3))}}
        for i, name in enumerate(["Centre", "Gare", "Halles", "Rives", "Coteaux"])
    ]  # fmt: skip
    (HERE / "zones.geojson").write_text(
        json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False),
        encoding="utf-8",
    )
    shops = (
        [("Z1", "vacant")] * 2 + [("Z1", "occupé")] * 3 + [("Z2", "occupé")] * 4
        + [("Z3", "vacant"), ("Z3", "occupé")] + [("Z4", "occupé")]
    )  # fmt: skip
    pd.DataFrame(
        [(f"L{i:02d}", z, s) for i, (z, s) in enumerate(shops, 1)],
        columns=["local_id", "code_zone", "statut"],
    ).to_csv(HERE / "shops.csv", sep=";", index=False)
    perimeter = {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "properties": {"nom": "Centre-ville"},
             "geometry": {"type": "Polygon", "coordinates": zone(-3.556, 47.866, 0.012)}}
        ],
    }  # fmt: skip
    (HERE / "perimetre.geojson").write_text(json.dumps(perimeter), encoding="utf-8")
    lanes = [
        ("P1", "Rue piétonne", "LINESTRING (-3.5490 47.8740, -3.5480 47.8720, -3.5470 47.8705)"),
        ("P2", "Quai", "LINESTRING(-3.5463 47.8710, -3.5440 47.8690)"),
        ("P3", "Cassé", "LINESTRING (oops)"),
    ]
    pd.DataFrame(lanes, columns=["id", "nom", "trace"]).to_csv(
        HERE / "pietons.csv", sep=";", index=False
    )


if __name__ == "__main__":
    main()
