"""`gbfs` source: a station file of a bike-share feed (GBFS 2.x), saved as JSON."""

import json
from typing import ClassVar, Literal

from datacites_proto import LoadContext, LocalSource, field, tag


class GbfsSource(LocalSource):
    """The stations of a GBFS file: station_information.json or station_status.json."""

    doc_fr: ClassVar[str] = "Les stations d'un fichier GBFS : informations ou état des stations."
    type: Literal["gbfs"] = tag("gbfs")
    path: str = field(fr="Fichier GBFS des stations.", en="GBFS file of the stations.")
    messages: ClassVar[dict[str, dict[str, str]]] = {  # registered when the class is created
        "fr": {"velos_not_gbfs": "« {path} » n'est pas un fichier GBFS de stations."},
        "en": {"velos_not_gbfs": "'{path}' is not a GBFS file of stations."},
    }

    def files(self) -> list[tuple[tuple[str | int, ...], str]]:
        return [(("path",), self.path)]  # a project file: checked, fingerprinted, watched

    def describe(self) -> str:
        return self.path

    def load(self, ctx: LoadContext, table: str) -> None:
        path = ctx.file(self.path)  # the one file, or a located "file missing" error
        try:
            stations = json.loads(path.read_text(encoding="utf-8"))["data"]["stations"]
        except json.JSONDecodeError as exc:  # located at its line and column
            wrong = ctx.problem("data_unreadable", path, line=exc.lineno, detail=exc.msg)
            raise ctx.fail([wrong]) from None
        except (KeyError, TypeError):
            stations = None
        if not isinstance(stations, list) or not all(isinstance(s, dict) for s in stations):
            raise ctx.fail([ctx.problem("velos_not_gbfs", path)])
        names = list(dict.fromkeys(key for station in stations for key in station))
        rows = [[station.get(name) for name in names] for station in stations]
        ctx.create_table(table, names, rows, path=path)  # typed as the dataset declares
