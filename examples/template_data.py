"""Write the sample data of the service templates (service_templates/*/…/data/).

Small, deterministic slices of the examples' generated data, with the national schemas'
column names: a few hundred KB at most per template, so that a new project starts with
something to look at.

    python -m examples.template_data
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pandas as pd

from examples.coeur_de_ville import generate as footfall

REPO = Path(__file__).resolve().parent.parent
PROJECT = "{{cookiecutter.project_slug}}"


def data_dir(template: str) -> Path:
    folder = REPO / "service_templates" / template / PROJECT / "data"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def csv(frame: pd.DataFrame, path: Path) -> None:
    """French conventions: ';' separator, UTF-8, ISO dates."""
    frame.to_csv(path, sep=";", index=False, date_format="%Y-%m-%dT%H:%M:%S")


def write_footfall() -> None:
    out = data_dir("footfall")
    sites = footfall.sites().head(4)
    channels = footfall.channels(sites["site_id"].tolist())
    # 120 days of hourly counts for 16 channels: the 90-day default and its previous period.
    # Rue Savary's pedestrians gain a known effect, measured by the template's experiment.
    measures = footfall.measures(
        channels, 16 * 24 * 120, dt.date(2026, 11, 1), effect=footfall.TEMPLATE_PIETONNISATION
    )
    shops = footfall.shops(n=80)[["local_id", "adresse", "statut", "activite", "date_releve"]]
    csv(sites, out / "sites.csv")
    csv(channels, out / "channels.csv")
    csv(shops, out / "vacance.csv")
    measures.to_parquet(out / "measures.parquet", index=False)


def write_renovation() -> None:
    out = data_dir("renovation")
    source = REPO / "examples" / "passoires_thermiques" / "data"
    dpe = pd.read_parquet(source / "dpe_sans_adresse.parquet")
    dpe = dpe.sample(n=1500, random_state=5).sort_values("numero_dpe")
    csv(dpe, out / "dpe.csv")
    shutil.copyfile(source / "communes.csv", out / "communes.csv")


def write_ev_charging() -> None:
    out = data_dir("ev-charging")
    source = REPO / "examples" / "recharge" / "data"
    for name in ("irve.csv", "stationnement.csv", "population.csv"):
        shutil.copyfile(source / name, out / name)


def main() -> None:
    write_footfall()
    write_renovation()
    write_ev_charging()


if __name__ == "__main__":
    main()
