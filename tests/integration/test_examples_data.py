"""The generated data of the Passoires thermiques and Recharge examples: deterministic,
scalable, consistent with the official rules, inside their territory, valid against their
blueprints, and computed by `Service` as pandas computes them."""

from __future__ import annotations

import datetime as dt
import importlib
import itertools
import json
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml

from datacites_proto import Service
from datacites_proto.blueprint.loader import inspect_blueprint
from tests.conftest import REPO

EXAMPLES = REPO / "examples"
NAMES = ["passoires_thermiques", "recharge"]
ROWS = 50_000

# Official DPE thresholds (arrêté du 31 mars 2021), written here independently of the
# generator: a value below the bound of a class is in that class; G has no bound.
LABELS = list("ABCDEFG")
CEP_BOUNDS = [70, 110, 180, 250, 330, 420]
EGES_BOUNDS = [6, 11, 30, 50, 70, 100]

# The territories, generously: Quimperlé Communauté and Concarneau Cornouaille Agglomération.
BBOX = {
    "passoires_thermiques": (-3.85, 47.74, -3.35, 48.10),
    "recharge": (-4.05, 47.75, -3.65, 48.10),
}


def generate(name: str, folder: Path, *args: str) -> Path:
    module = importlib.import_module(f"examples.{name}.generate")
    module.main(["-o", str(folder), *args])
    return folder


def copy_example(name: str, folder: Path) -> Path:
    """A copy of the example without its cache, so that nothing is written in the repo."""
    target = folder / name
    shutil.copytree(EXAMPLES / name, target, ignore=shutil.ignore_patterns(".datacites"))
    return target


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each example with its data regenerated at ROWS rows."""
    root = tmp_path_factory.mktemp("examples")
    projects = {}
    for name in NAMES:
        project = copy_example(name, root)
        generate(name, project / "data", "--rows", str(ROWS))
        projects[name] = project
    return projects


@pytest.fixture(scope="module")
def dwellings(big: dict[str, Path]) -> pd.DataFrame:
    return pd.read_parquet(big["passoires_thermiques"] / "data" / "dpe_logements.parquet")


@pytest.fixture(scope="module")
def public_dpe(big: dict[str, Path]) -> pd.DataFrame:
    return pd.read_parquet(big["passoires_thermiques"] / "data" / "dpe_sans_adresse.parquet")


@pytest.fixture(scope="module")
def charge_points(big: dict[str, Path]) -> pd.DataFrame:
    return pd.read_csv(big["recharge"] / "data" / "irve.csv", dtype={"code_insee_commune": str})


@pytest.fixture(scope="module")
def charging_sessions(big: dict[str, Path]) -> pd.DataFrame:
    return pd.read_parquet(big["recharge"] / "data" / "sessions.parquet")


def expected_label(cep: pd.Series, eges: pd.Series) -> pd.Series:
    def klass(values: pd.Series, bounds: list[int]) -> np.ndarray:
        out = np.full(len(values), 6)
        for i, bound in reversed(list(enumerate(bounds))):
            out[values.to_numpy() < bound] = i
        return out

    worse = np.maximum(klass(cep, CEP_BOUNDS), klass(eges, EGES_BOUNDS))
    return pd.Series(np.array(LABELS)[worse], index=cep.index)


def files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


# Generators ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_generator_is_deterministic(name: str, tmp_path: Path) -> None:
    first = files(generate(name, tmp_path / "a", "--rows", "5000"))
    second = files(generate(name, tmp_path / "b", "--rows", "5000"))
    assert first and first == second
    other = files(generate(name, tmp_path / "c", "--rows", "5000", "--seed", "7"))
    assert other != first


@pytest.mark.parametrize("name", NAMES)
def test_shipped_data_is_the_default_output(name: str, tmp_path: Path) -> None:
    """The files in the repository are what the generator writes by default (Parquet
    compared by content: its bytes name the pyarrow version that wrote them)."""
    fresh = files(generate(name, tmp_path / "data"))
    shipped = files(EXAMPLES / name / "data")
    assert sorted(fresh) == sorted(shipped)
    for file_name, content in fresh.items():
        if file_name.endswith(".parquet"):
            pd.testing.assert_frame_equal(
                pd.read_parquet(tmp_path / "data" / file_name),
                pd.read_parquet(EXAMPLES / name / "data" / file_name),
            )
        else:
            assert content == shipped[file_name], file_name
    assert sum(len(b) for b in shipped.values()) < 1_500_000


def test_rows_scale(dwellings: pd.DataFrame, charge_points: pd.DataFrame) -> None:
    assert len(dwellings) == pytest.approx(ROWS, rel=0.01)
    assert len(charge_points) == pytest.approx(ROWS, rel=0.01)
    assert dwellings["numero_dpe"].is_unique
    assert charge_points["id_pdc_itinerance"].is_unique


def test_dpe_columns_are_those_of_ademe(dwellings: pd.DataFrame) -> None:
    assert list(dwellings.columns) == [
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
    assert dwellings["numero_dpe"].str.fullmatch(r"\d{2}29E\d{7}[A-Z]").all()
    assert dwellings["code_insee_ban"].str.fullmatch(r"29\d{3}").all()
    assert dwellings["identifiant_ban"].str.fullmatch(r"29\d{3}_\d{4}_\d{5}").all()
    assert (dwellings["identifiant_ban"].str[:5] == dwellings["code_insee_ban"]).all()


def test_irve_and_parking_columns_follow_their_schemas(big: dict[str, Path]) -> None:
    data = big["recharge"] / "data"
    header = (data / "irve.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header.replace('"', "").split(",") == [
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
    irve = pd.read_csv(data / "irve.csv", dtype=str)
    for column in ("prise_type_2", "prise_type_combo_ccs", "gratuit"):
        assert set(irve[column]) == {"true", "false"}
    assert set(irve["accessibilite_pmr"]) <= {
        "Réservé PMR",
        "Accessible mais non réservé PMR",
        "Non accessible",
        "Accessibilité inconnue",
    }
    # The schema's pattern for itinerary ids.
    pattern = r"[A-Z]{2}\*?[A-Z0-9]{3}\*?E[A-Z0-9\*]{1,30}"
    assert irve["id_pdc_itinerance"].str.fullmatch(pattern).all()
    parks = pd.read_csv(data / "stationnement.csv", dtype={"insee": str})
    assert parks["id"].str.fullmatch(r"29\d{3}-P-\d{3,}").all()
    assert (parks["id"].str[:5] == parks["insee"]).all()
    assert (parks["nb_pmr"] <= parks["nb_places"]).all()
    assert (parks["nb_voitures_electriques"] <= parks["nb_places"]).all()
    population = pd.read_csv(data / "population.csv", sep=";", dtype={"code_insee": str})
    assert set(irve["code_insee_commune"]) | set(parks["insee"]) <= set(population["code_insee"])


SHIPPED_SESSIONS = EXAMPLES / "recharge" / "data" / "sessions.parquet"
AGREEMENT = EXAMPLES / "recharge" / "agreements" / "sessions-operateur.yaml"


def test_sessions_happen_at_charge_points_without_personal_data(
    big: dict[str, Path], charging_sessions: pd.DataFrame
) -> None:
    # Whatever the number of charge points, a year of sessions (the default count).
    assert len(charging_sessions) == len(pd.read_parquet(SHIPPED_SESSIONS)) == 30_000
    shipped = pd.read_parquet(SHIPPED_SESSIONS)
    for frame, folder in ((charging_sessions, big["recharge"]), (shipped, EXAMPLES / "recharge")):
        # No badge, vehicle nor user id: nothing that could name a driver.
        assert list(frame.columns) == [
            "id_pdc_itinerance",
            "debut",
            "duree_min",
            "energie_kwh",
            "type_usager",
        ]
        points = pd.read_csv(folder / "data" / "irve.csv", usecols=["id_pdc_itinerance"])
        assert set(frame["id_pdc_itinerance"]) <= set(points["id_pdc_itinerance"])
        assert set(frame["type_usager"]) == {"abonné", "occasionnel"}
        assert frame["duree_min"].between(5, 900).all()
        assert frame["energie_kwh"].between(0.5, 150).all()
        assert frame["debut"].is_monotonic_increasing


def test_sessions_stay_within_the_agreement_retention_until_2027_ends() -> None:
    """Retention drops rows older than `retention_days` before today: the shipped year must
    stay whole on the tests' fixed day (2026-12-01) and on any real day of 2027."""
    agreement = yaml.safe_load(AGREEMENT.read_text(encoding="utf-8"))
    shipped = pd.read_parquet(SHIPPED_SESSIONS)
    first, last = shipped["debut"].min(), shipped["debut"].max()
    assert first >= pd.Timestamp("2025-12-01") and last < pd.Timestamp("2026-12-01")
    assert first >= pd.Timestamp("2027-12-31") - pd.Timedelta(days=agreement["retention_days"])
    assert agreement["end"] >= dt.date(2028, 1, 1)  # far from expiry for the tests
    assert agreement["datasets"] == ["sessions"] and agreement["personal_data"] is False


def test_sessions_follow_the_patterns_of_real_charging(
    big: dict[str, Path], charging_sessions: pd.DataFrame
) -> None:
    points = pd.read_csv(EXAMPLES / "recharge" / "data" / "irve.csv")
    frame = pd.read_parquet(SHIPPED_SESSIONS).merge(points, on="id_pdc_itinerance")
    fast = frame["puissance_nominale_kw"] >= 50
    # Fast chargers: more sessions a point, shorter ones.
    per_point = frame.groupby("id_pdc_itinerance").size().reindex(points["id_pdc_itinerance"])
    power = points.set_index("id_pdc_itinerance")["puissance_nominale_kw"]
    per_point = per_point.fillna(0)
    assert per_point[power >= 50].mean() > 3 * per_point[power < 50].mean()
    assert frame.loc[fast, "duree_min"].median() < 45 < frame.loc[~fast, "duree_min"].median()
    # Normal points are plugged in the evening; weekends and summer are busier.
    hour = frame["debut"].dt.hour
    evening = hour.between(17, 20)
    assert evening[~fast].mean() > evening[fast].mean()
    day = frame["debut"].dt.normalize()
    daily = frame.groupby(day).size()
    weekend = daily.index.day_of_week >= 5
    assert daily[weekend].mean() > 1.15 * daily[~weekend].mean()
    by_month = frame.groupby(frame["debut"].dt.month).size()
    assert by_month[[7, 8]].min() > 1.3 * by_month[[12, 1, 2]].max()
    # More energy at fast chargers for a shorter time: their mean power is higher.
    kw = frame["energie_kwh"] / (frame["duree_min"] / 60)
    assert kw[fast].median() > 4 * kw[~fast].median()
    # Bigger generated networks spread the same year over more points.
    assert charging_sessions["id_pdc_itinerance"].nunique() > per_point.gt(0).sum()


# DPE consistency -----------------------------------------------------------------------------


def test_every_label_follows_the_official_thresholds(
    dwellings: pd.DataFrame, public_dpe: pd.DataFrame
) -> None:
    shipped = pd.read_parquet(EXAMPLES / "passoires_thermiques" / "data" / "dpe_logements.parquet")
    for frame in (dwellings, public_dpe, shipped):
        cep = frame["conso_5_usages_par_m2_ep"]
        eges = frame["emission_ges_5_usages_par_m2"]
        want = expected_label(cep, eges)
        wrong = frame[frame["etiquette_dpe"] != want]
        assert wrong.empty, wrong.head()
        ges = expected_label(pd.Series(np.zeros(len(frame))), eges)
        assert (frame["etiquette_ges"] == ges).all()
    # Both sides decide some labels: low-carbon but energy-hungry, and the reverse.
    fuel = dwellings["etiquette_ges"] > expected_label(
        dwellings["conso_5_usages_par_m2_ep"], pd.Series(np.zeros(len(dwellings)))
    )
    assert 0.05 < fuel.mean() < 0.6
    assert set(dwellings["etiquette_dpe"]) == set(LABELS)


def test_older_and_fuel_or_electric_heated_dwellings_are_worse(dwellings: pd.DataFrame) -> None:
    fg = dwellings["etiquette_dpe"].isin(["F", "G"])
    by_period = fg.groupby(dwellings["periode_construction"]).mean()
    assert by_period["avant 1948"] > by_period["1975-1977"] > by_period["2006-2012"]
    assert by_period["2013-2021"] < 0.02
    by_energy = fg.groupby(dwellings["type_energie_principale_chauffage"]).mean()
    granules = by_energy["Bois – Granulés (pellets) ou briquettes"]
    assert by_energy["Fioul domestique"] > by_energy["Gaz naturel"] > granules
    assert by_energy["Électricité"] > granules
    assert 0.12 < fg.mean() < 0.30  # about the national share of passoires
    years = dwellings["annee_construction"]
    low = dwellings["periode_construction"].str.extract(r"(\d{4})-")[0].astype(float)
    inside = low.isna() | (years >= low)
    assert inside.all()
    assert (years[dwellings["periode_construction"] == "avant 1948"] < 1948).all()


def test_public_dpe_is_the_same_dpe_without_address(
    dwellings: pd.DataFrame, public_dpe: pd.DataFrame
) -> None:
    assert not {"identifiant_ban", "_geopoint", "code_postal_ban"} & set(public_dpe.columns)
    merged = dwellings.merge(public_dpe, on="numero_dpe", suffixes=("", "_public"))
    assert len(merged) == len(dwellings) == len(public_dpe)
    for column in ("etiquette_dpe", "conso_5_usages_par_m2_ep", "code_insee_ban"):
        assert (merged[column] == merged[f"{column}_public"]).all()
    assert (public_dpe["code_iris"].str[:5] == public_dpe["code_insee_ban"]).all()


def test_open_aggregate_counts_the_dpe(big: dict[str, Path], dwellings: pd.DataFrame) -> None:
    data = big["passoires_thermiques"] / "data"
    published = pd.read_csv(data / "dpe_communes.csv", sep=";", dtype={"code_insee": str})
    counts = dwellings.groupby(["code_insee_ban", "etiquette_dpe"]).size()
    for row in published.itertuples():
        assert row.nb_dpe == counts.get((row.code_insee, row.etiquette_dpe), 0)
    assert published["nb_dpe"].sum() == len(dwellings)


# Geography ------------------------------------------------------------------------------------


def inside_polygon(lon: np.ndarray, lat: np.ndarray, ring: list[list[float]]) -> np.ndarray:
    """Ray casting: which points are inside the ring."""
    inside = np.zeros(len(lon), dtype=bool)
    for (x1, y1), (x2, y2) in itertools.pairwise(ring):
        crosses = (y1 > lat) != (y2 > lat)
        with np.errstate(divide="ignore", invalid="ignore"):
            x_cross = x1 + (lat - y1) * (x2 - x1) / (y2 - y1)
        inside ^= crosses & (lon < x_cross)
    return inside


def in_box(lon: np.ndarray, lat: np.ndarray, box: tuple[float, ...]) -> bool:
    return bool(((lon > box[0]) & (lon < box[2]) & (lat > box[1]) & (lat < box[3])).all())


def test_dpe_geopoints_lie_in_their_commune_and_iris(
    big: dict[str, Path], dwellings: pd.DataFrame, public_dpe: pd.DataFrame
) -> None:
    parts = dwellings["_geopoint"].str.split(",", expand=True)
    lat, lon = parts[0].astype(float).to_numpy(), parts[1].astype(float).to_numpy()
    assert in_box(lon, lat, BBOX["passoires_thermiques"])
    data = big["passoires_thermiques"] / "data"
    iris_of = dict(zip(public_dpe["numero_dpe"], public_dpe["code_iris"], strict=True))
    iris = dwellings["numero_dpe"].map(iris_of).to_numpy()
    for layer, codes, prop in (
        ("communes", dwellings["code_insee_ban"].to_numpy(), "code_insee"),
        ("iris", iris, "code_iris"),
    ):
        shapes = json.loads((data / f"{layer}.geojson").read_text(encoding="utf-8"))
        assert len(shapes["features"]) >= 10
        for feature in shapes["features"]:
            ring = feature["geometry"]["coordinates"][0]
            mine = codes == feature["properties"][prop]
            assert mine.any(), feature["properties"]
            assert inside_polygon(lon[mine], lat[mine], ring).all(), feature["properties"]


def test_irve_and_parking_coordinates_lie_in_the_territory(
    big: dict[str, Path], charge_points: pd.DataFrame
) -> None:
    xy = charge_points["coordonneesXY"].str.fullmatch(r"\[-?\d+\.\d+,-?\d+\.\d+\]")
    assert xy.all()
    parts = charge_points["coordonneesXY"].str.strip("[]").str.split(",", expand=True)
    lon, lat = parts[0].astype(float).to_numpy(), parts[1].astype(float).to_numpy()
    assert in_box(lon, lat, BBOX["recharge"])
    parks = pd.read_csv(big["recharge"] / "data" / "stationnement.csv")
    assert in_box(parks["Xlong"].to_numpy(), parks["Ylat"].to_numpy(), BBOX["recharge"])


# Blueprints -----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_example_blueprint_is_valid_without_warnings(name: str) -> None:
    result = inspect_blueprint(EXAMPLES / name / "blueprint.yaml")
    assert result.ok, result.problems
    assert not result.warnings


@pytest.mark.parametrize("name", NAMES)
def test_validate_data_exits_zero(name: str, tmp_path: Path, run_script) -> None:  # type: ignore[no-untyped-def]
    project = copy_example(name, tmp_path)
    result = run_script("validate", "--data", project)
    assert result.code == 0, result.output
    report = run_script("validate", "--data", "--format", "json", project)
    [checked] = json.loads(report.out)["files"]
    assert checked["valid"] and checked["errors"] == [] and checked["warnings"] == []


def test_passoires_keeps_addresses_off_public_pages() -> None:
    blueprint = inspect_blueprint(EXAMPLES / "passoires_thermiques" / "blueprint.yaml").blueprint
    assert blueprint is not None
    assert blueprint.datasets["logements"].governance.access == "restricted"
    assert blueprint.datasets["dpe"].governance.access == "shared"
    assert blueprint.datasets["dpe_communes"].governance.access == "open"
    for page in blueprint.pages:
        used = set()
        for view in (placed.view for placed in page.all_views()):
            for ref in view.references():
                if ref.kind == "dataset":
                    used.add(ref.name)
                elif ref.kind == "indicator":
                    used.add(blueprint.indicators[ref.name].dataset)
                elif ref.dataset is not None:
                    used.add(ref.dataset)
        if page.access == "public":
            assert "logements" not in used, page.title
        elif page.url_slug == "adresses":
            assert "logements" in used


# Indicators through Service ------------------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_every_indicator_computes(name: str, big: dict[str, Path]) -> None:
    with Service.from_blueprint(big[name] / "blueprint.yaml", in_memory=True) as service:
        for indicator in service.blueprint.indicators:
            value = service.compute(indicator, audience="team")[indicator].iloc[0]
            assert np.isfinite(value) and value > 0, indicator


def test_passoires_indicators_match_pandas(
    big: dict[str, Path], public_dpe: pd.DataFrame, dwellings: pd.DataFrame
) -> None:
    frame = public_dpe
    fg = frame["etiquette_dpe"].isin(["F", "G"])
    with Service.from_blueprint(
        big["passoires_thermiques"] / "blueprint.yaml", in_memory=True
    ) as service:
        part_fg = service.compute("part_fg", audience="team")["part_fg"].iloc[0]
        assert part_fg == pytest.approx(fg.mean())
        by_period = service.compute("part_fg", by="periode_construction", audience="team")
        want = fg.groupby(frame["periode_construction"]).mean()
        got = dict(zip(by_period["periode_construction"], by_period["part_fg"], strict=True))
        assert got == pytest.approx(want.to_dict())
        chosen = {"commune": ["Quimperlé", "Scaër"], "energie": ["Fioul domestique"]}
        by_commune = service.compute(
            "part_fg", by="communes.nom_commune", filters=chosen, audience="team"
        )
        keep = frame["code_insee_ban"].isin(["29233", "29274"]) & (
            frame["type_energie_principale_chauffage"] == "Fioul domestique"
        )
        want = fg[keep].groupby(frame["code_insee_ban"][keep]).mean()
        got = dict(zip(by_commune["communes.nom_commune"], by_commune["part_fg"], strict=True))
        assert got == pytest.approx({"Quimperlé": want["29233"], "Scaër": want["29274"]})
        for indicator, labels in (
            ("interdits_2025", ["G"]),
            ("interdits_2028", ["F", "G"]),
            ("interdits_2034", ["E", "F", "G"]),
        ):
            count = frame["etiquette_dpe"].isin(labels).sum()
            assert service.compute(indicator, audience="team")[indicator].iloc[0] == count
        median = frame["conso_5_usages_par_m2_ep"].median()
        cep_median = service.compute("cep_median", audience="team")["cep_median"].iloc[0]
        assert cep_median == pytest.approx(median)
        by_iris = service.compute("nb_dpe", by="code_iris", audience="team")
        assert by_iris["nb_dpe"].sum() == len(frame)
        # The team's count of addresses, through the restricted dataset.
        addresses = dwellings.loc[dwellings["etiquette_dpe"].isin(["F", "G"]), "identifiant_ban"]
        adresses_fg = service.compute("adresses_fg", audience="team")["adresses_fg"].iloc[0]
        assert adresses_fg == addresses.nunique()


def test_recharge_indicators_match_pandas(
    big: dict[str, Path], charge_points: pd.DataFrame
) -> None:
    data = big["recharge"] / "data"
    population = pd.read_csv(data / "population.csv", sep=";", dtype={"code_insee": str})
    people = population.set_index("nom_commune")["population"]
    code_to_name = dict(zip(population["code_insee"], population["nom_commune"], strict=True))
    names = charge_points["code_insee_commune"].map(code_to_name)
    fast = charge_points["puissance_nominale_kw"] >= 50
    with Service.from_blueprint(big["recharge"] / "blueprint.yaml", in_memory=True) as service:
        per_1000 = service.compute("pdc_pour_1000", by="communes.nom_commune")
        want = names.value_counts() / people * 1000
        got = dict(zip(per_1000["communes.nom_commune"], per_1000["pdc_pour_1000"], strict=True))
        assert got == pytest.approx(want.to_dict())
        total = service.compute("pdc_pour_1000")["pdc_pour_1000"].iloc[0]
        assert total == pytest.approx(len(charge_points) / people.sum() * 1000)
        assert service.compute("part_rapide")["part_rapide"].iloc[0] == pytest.approx(fast.mean())
        chosen = {"commune": ["Concarneau"], "ccs": True}
        keep = (names == "Concarneau") & charge_points["prise_type_combo_ccs"]
        got = service.compute("part_rapide", filters=chosen)["part_rapide"].iloc[0]
        assert got == pytest.approx(fast[keep].mean())
        ranged = service.compute("points_de_charge", filters={"puissance": [20, 60]})
        want_count = charge_points["puissance_nominale_kw"].between(20, 60).sum()
        assert ranged["points_de_charge"].iloc[0] == want_count
        free = charge_points["gratuit"].mean()
        assert service.compute("part_gratuit")["part_gratuit"].iloc[0] == pytest.approx(free)
        parks = pd.read_csv(data / "stationnement.csv")
        places = service.compute("places_recharge")["places_recharge"].iloc[0]
        assert places == parks["nb_voitures_electriques"].sum()


def test_recharge_session_indicators_match_pandas(
    big: dict[str, Path], charge_points: pd.DataFrame, charging_sessions: pd.DataFrame
) -> None:
    """The team sees every session; by commune through sessions -> irve -> communes."""
    frame = charging_sessions.merge(charge_points, on="id_pdc_itinerance")
    population = pd.read_csv(
        big["recharge"] / "data" / "population.csv", sep=";", dtype={"code_insee": str}
    )
    names = frame["code_insee_commune"].map(
        dict(zip(population["code_insee"], population["nom_commune"], strict=True))
    )
    with Service.from_blueprint(big["recharge"] / "blueprint.yaml", in_memory=True) as service:

        def team(indicator: str, **kwargs: object) -> pd.DataFrame:
            return service.compute(indicator, audience="team", **kwargs)  # type: ignore[arg-type]

        assert team("sessions")["sessions"].iloc[0] == len(frame)
        assert team("energie")["energie"].iloc[0] == pytest.approx(frame["energie_kwh"].sum())
        mean = team("duree_moyenne")["duree_moyenne"].iloc[0]
        assert mean == pytest.approx(frame["duree_min"].mean())
        per_kwh = team("energie_par_session")["energie_par_session"].iloc[0]
        assert per_kwh == pytest.approx(frame["energie_kwh"].mean())
        by_commune = team("sessions", by="communes.nom_commune")
        got = dict(zip(by_commune["communes.nom_commune"], by_commune["sessions"], strict=True))
        assert got == names.value_counts().to_dict()
        # The public sees totals of at least 11 sessions only: never more than the team.
        public = service.compute("sessions")["sessions"].iloc[0]
        assert len(frame) * 0.95 <= public <= len(frame)
