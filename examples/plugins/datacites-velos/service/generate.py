"""Writes the example's GBFS files: 25 made-up bike-share stations in Vannes (Morbihan).

Run `python examples/plugins/datacites-velos/service/generate.py`; the output is the same
every time (fixed seed), and is committed in `data/`.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

# Places of Vannes and where they roughly are (latitude, longitude).
PLACES = [
    ("Gare SNCF", 47.6654, -2.7530),
    ("Place de la République", 47.6583, -2.7591),
    ("Hôtel de Ville", 47.6576, -2.7602),
    ("Port de Vannes", 47.6522, -2.7581),
    ("Place des Lices", 47.6562, -2.7567),
    ("Cathédrale Saint-Pierre", 47.6575, -2.7553),
    ("Porte Saint-Vincent", 47.6545, -2.7574),
    ("Jardins des Remparts", 47.6553, -2.7543),
    ("Place Gambetta", 47.6540, -2.7588),
    ("La Rabine", 47.6497, -2.7610),
    ("Stade de la Rabine", 47.6478, -2.7628),
    ("Le Chorus", 47.6683, -2.7722),
    ("Palais des Arts", 47.6597, -2.7640),
    ("Saint-Patern", 47.6602, -2.7516),
    ("Kercado", 47.6534, -2.7766),
    ("Ménimur", 47.6645, -2.7365),
    ("Université Tohannic", 47.6440, -2.7478),
    ("Campus de Bretagne-Sud", 47.6620, -2.7795),
    ("Hôpital Chubert", 47.6691, -2.7516),
    ("Conleau", 47.6352, -2.7755),
    ("Bohalgo", 47.6471, -2.7733),
    ("Beaupré-Lalande", 47.6709, -2.7612),
    ("Cliscouët", 47.6746, -2.7445),
    ("Pont-Vert", 47.6621, -2.7438),
    ("Parc du Golfe", 47.6416, -2.7540),
]
LAST_UPDATED = 1796112000  # 2026-12-01 08:00 UTC
HERE = Path(__file__).resolve().parent


def feed(stations: list[dict[str, object]]) -> str:
    """A GBFS 2.3 file holding `stations`, indented so that errors have lines."""
    document = {
        "last_updated": LAST_UPDATED,
        "ttl": 60,
        "version": "2.3",
        "data": {"stations": stations},
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def main() -> None:
    rng = random.Random(56260)  # Vannes' INSEE code
    information, status = [], []
    for number, (name, lat, lon) in enumerate(PLACES, 1):
        station_id = f"vannes-{number:02d}"
        capacity = rng.choice([10, 12, 15, 16, 20, 24, 30])
        # A few stations are empty, a few nearly so: what the map should make visible.
        bikes = 0 if number % 9 == 0 else rng.randint(0, 3) if number % 4 == 0 else None
        bikes = rng.randint(4, capacity - 2) if bikes is None else bikes
        information.append(
            {"station_id": station_id, "name": name, "lat": lat, "lon": lon, "capacity": capacity}
        )
        status.append(
            {
                "station_id": station_id,
                "num_bikes_available": bikes,
                "num_docks_available": capacity - bikes,
                "is_installed": True,
                "is_renting": True,
                "is_returning": True,
                "last_reported": LAST_UPDATED - rng.randint(0, 600),
            }
        )
    (HERE / "data").mkdir(exist_ok=True)
    (HERE / "data" / "station_information.json").write_text(feed(information), encoding="utf-8")
    (HERE / "data" / "station_status.json").write_text(feed(status), encoding="utf-8")


if __name__ == "__main__":
    main()
