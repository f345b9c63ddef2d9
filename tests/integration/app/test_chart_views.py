"""The chart and table views in the real app (AppTest), checked against pandas.

The blueprint is tests/blueprints/views: every view type (line, bar, area, heatmap,
histogram, table) on small data, a formula indicator, a breakdown through a relation, a
`shared` dataset with small groups, an empty result.
"""

from __future__ import annotations

import io
import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
import sqlalchemy as sa
from streamlit.dataframe_util import convert_arrow_bytes_to_pandas_df
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.testing.v1 import AppTest

from datacites_proto import Service, load_blueprint
from datacites_proto.engine.histogram import histogram
from datacites_proto.i18n.formatting import Formatter
from tests.conftest import REPO
from tests.support.apptest import (
    app_for,
    open_page,
    open_see_data,
    see_data_expanders,
    texts,
)
from tests.support.vega_lite import vega_lite_errors

VIEWS = REPO / "tests" / "blueprints" / "views"
EXAMPLE = REPO / "examples" / "coeur_de_ville" / "blueprint.yaml"
FR = Formatter("fr")
DAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]


# The project, copied (the app writes its cache next to the blueprint) -------------------


def copy_project(folder: Path, lang: str = "fr") -> Path:
    shutil.copytree(VIEWS, folder, ignore=shutil.ignore_patterns(".datacites"))
    path = folder / "blueprint.yaml"
    if lang != "fr":
        text = path.read_text(encoding="utf-8").replace("lang: fr", f"lang: {lang}")
        path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_project(tmp_path_factory.mktemp("views") / "essai")


@pytest.fixture(scope="module")
def english(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_project(tmp_path_factory.mktemp("views_en") / "essai", "en")


@pytest.fixture(scope="module")
def downloads() -> Iterator[list[tuple[bytes, str, str | None]]]:
    """Every file the app hands to a download button: (data, mime type, file name)."""
    seen: list[tuple[bytes, str, str | None]] = []
    original = MemoryMediaFileStorage.load_and_get_id

    def recording(self: Any, path_or_data: Any, mimetype: str, kind: Any, filename: Any = None):  # type: ignore[no-untyped-def]
        if isinstance(path_or_data, bytes):
            seen.append((path_or_data, mimetype, filename))
        return original(self, path_or_data, mimetype, kind, filename)

    MemoryMediaFileStorage.load_and_get_id = recording  # type: ignore[method-assign]
    yield seen
    MemoryMediaFileStorage.load_and_get_id = original  # type: ignore[method-assign]


def run_page(blueprint: Path, slug: str, query: dict[str, Any] | None = None) -> AppTest:
    at = open_page(app_for(blueprint, query), slug).run()
    assert not at.exception, [e.value for e in at.exception]
    page = texts(at)
    assert "n'a pas pu s'afficher" not in page and "ne sait pas encore" not in page, page
    return at


@pytest.fixture(scope="module")
def frequentation(project: Path) -> AppTest:
    return run_page(project, "frequentation")


@pytest.fixture(scope="module")
def recharge_run(project: Path, downloads: list) -> tuple[AppTest, list]:  # type: ignore[type-arg]
    """The page, and the files its run handed to download buttons."""
    before = len(downloads)
    at = run_page(project, "recharge")
    return at, downloads[before:]


@pytest.fixture(scope="module")
def recharge(recharge_run: tuple[AppTest, list]) -> AppTest:  # type: ignore[type-arg]
    return recharge_run[0]


@pytest.fixture(scope="module")
def visites(project: Path) -> AppTest:
    return run_page(project, "visites")


# What the page drew -----------------------------------------------------------------------


def charts_of(at: AppTest) -> list[dict[str, Any]]:
    """Each chart: its Vega-Lite spec, text alternative and data (a DataFrame).

    (tests/support/apptest.vega_specs looks for "arrow_vega_lite_chart"; in Streamlit
    1.67 the element is "vega_lite_chart", with its datasets as Arrow bytes.)
    """
    found = []
    for element in at.get("vega_lite_chart"):
        proto = element.proto
        data = [convert_arrow_bytes_to_pandas_df(d.data.data) for d in proto.datasets]
        spec = json.loads(proto.spec)
        assert not vega_lite_errors(spec), vega_lite_errors(spec)[:3]  # every chart, checked
        found.append({"spec": spec, "alt": proto.alt, "data": data[0]})
    return found


def see_data(at: AppTest) -> list[pd.DataFrame]:
    """The tables of the « Voir les données » expanders, in page order, once opened."""
    if any(not e.dataframe for e in see_data_expanders(at)):
        open_see_data(at)
    return [e.dataframe[0].value for e in see_data_expanders(at)]


def tables(at: AppTest) -> list[Any]:
    """The dataframes of table views (not those of the « Voir les données » expanders)."""
    inside = {id(e.dataframe[0].proto) for e in see_data_expanders(at)}
    return [d for d in at.dataframe if id(d.proto) not in inside]


def subheaders(at: AppTest) -> list[str]:
    return [s.value for s in at.main.header]


# The data, read with pandas ---------------------------------------------------------------


def read(name: str, **kw: Any) -> pd.DataFrame:
    return pd.read_csv(VIEWS / "data" / f"{name}.csv", sep=";", **kw)


@pytest.fixture(scope="module")
def measures() -> pd.DataFrame:
    frame = read("measures", parse_dates=["start_datetime"])
    return frame.merge(read("sites"), on="site_id", how="left")


def passages(n: float) -> str:
    return FR.value(n, "integer", None, "passages")


# Line, bar, area, heatmap --------------------------------------------------------------------


def test_see_the_data_tables_are_made_only_once_opened(project: Path) -> None:
    at = run_page(project, "frequentation")
    closed = see_data_expanders(at)
    assert len(closed) == len(charts_of(at))  # one per chart
    assert all(not e.dataframe for e in closed)  # nothing sent while closed
    open_see_data(at)
    opened = see_data_expanders(at)
    assert len(opened) == len(closed) and all(len(e.dataframe) == 1 for e in opened)


def test_page_titles_are_generated_or_declared(frequentation: AppTest) -> None:
    assert subheaders(frequentation) == [
        "Passages par jour",
        "Passages par sens",
        "Passages par lieu",
        "Passages par m² par lieu",
        "Passages par heure de la journée et par jour de la semaine",
        "Passages par heure de la journée, par sens",
        "Passages par jour de la semaine",
        "Passages négatifs par lieu",
    ]
    assert len(charts_of(frequentation)) == 7  # the last view has no data


def test_line_by_day(frequentation: AppTest, measures: pd.DataFrame) -> None:
    chart = charts_of(frequentation)[0]
    spec = chart["spec"]
    assert spec["mark"]["type"] == "line"
    assert spec["encoding"]["x"]["type"] == "temporal"
    assert spec["encoding"]["x"]["title"] == "Horodatage (jour)"
    assert spec["encoding"]["x"]["axis"]["format"] == "%-d %b"
    assert spec["encoding"]["y"]["title"] == "Passages"
    assert spec["encoding"]["color"] == {"value": "#0072B2"}
    assert spec["config"]["locale"]["number"]["thousands"] == "\u202f"
    daily = measures.groupby(measures["start_datetime"].dt.normalize())["count"].sum()
    table = see_data(frequentation)[0]
    assert table.columns.tolist() == ["Horodatage (jour)", "Passages"]
    assert table["Horodatage (jour)"].tolist() == [FR.date(d) for d in daily.index]
    assert table["Passages"].tolist() == [passages(v) for v in daily]
    assert chart["data"]["value"].tolist() == daily.astype(float).tolist()
    top, low = daily.idxmax(), daily.idxmin()
    assert chart["alt"] == (
        f"Courbe de passages par jour, du 7 sept. 2026 au 13 sept. 2026 ; "
        f"maximum {passages(daily[top])} ({FR.date(top)}) ; "
        f"minimum {passages(daily[low])} ({FR.date(low)})."
    )


def test_line_with_series_uses_the_description_as_its_alternative(
    frequentation: AppTest, measures: pd.DataFrame
) -> None:
    chart = charts_of(frequentation)[1]
    assert chart["alt"] == "Deux courbes, les entrées et les sorties, jour par jour."
    assert "Deux courbes, les entrées et les sorties, jour par jour." in [
        c.value for c in frequentation.caption
    ]
    colour = chart["spec"]["encoding"]["color"]
    assert colour["scale"] == {"domain": ["IN", "OUT"], "range": ["#0072B2", "#E69F00"]}
    assert colour["title"] == "Sens"
    sums = measures.groupby([measures["start_datetime"].dt.normalize(), "direction"])["count"].sum()
    table = see_data(frequentation)[1]
    assert table.columns.tolist() == ["Horodatage (jour)", "Sens", "Passages"]
    assert table["Passages"].tolist() == [passages(v) for v in sums]
    assert table["Sens"].tolist()[:2] == ["IN", "OUT"]


def test_bar_sorted_and_limited_through_a_relation(
    frequentation: AppTest, measures: pd.DataFrame
) -> None:
    chart = charts_of(frequentation)[2]
    spec = chart["spec"]
    per_site = measures.groupby("site_name")["count"].sum().sort_values(ascending=False)
    top5 = per_site.index[:5].tolist()
    assert spec["mark"]["type"] == "bar"
    assert spec["encoding"]["x"]["sort"] == top5
    assert spec["encoding"]["x"]["title"] == "Lieu"
    assert chart["data"]["x"].tolist() == top5  # only the first five are sent
    assert "5 premiers sur 8" in [c.value for c in frequentation.caption]
    assert chart["alt"].endswith("; 5 premiers sur 8.")
    table = see_data(frequentation)[2]
    assert table["Lieu"].tolist() == top5
    assert table["Passages"].tolist() == [passages(v) for v in per_site.iloc[:5]]


def test_horizontal_bar_of_a_formula_indicator(
    frequentation: AppTest, measures: pd.DataFrame
) -> None:
    chart = charts_of(frequentation)[3]
    spec = chart["spec"]
    sites = read("sites").set_index("site_name")
    density = (measures.groupby("site_name")["count"].sum() / sites["surface"]).sort_values()
    assert spec["encoding"]["y"]["sort"] == density.index.tolist()  # asc, categories on y
    assert spec["encoding"]["x"]["field"] == "value"
    assert spec["encoding"]["x"]["axis"]["format"] == ",.2~f"
    table = see_data(frequentation)[3]
    assert table["Passages par m²"].tolist() == [FR.number(v, 2) for v in density]


def test_heatmap_hour_by_weekday(frequentation: AppTest, measures: pd.DataFrame) -> None:
    chart = charts_of(frequentation)[4]
    spec = chart["spec"]
    assert spec["mark"]["type"] == "rect"
    assert spec["encoding"]["color"]["scale"] == {"scheme": "viridis"}
    assert spec["encoding"]["x"]["sort"] == list(range(24))
    assert spec["encoding"]["y"]["sort"] == DAYS
    assert spec["encoding"]["y"]["title"] == "jour de la semaine"
    stamps = measures["start_datetime"]
    cells = measures.groupby([stamps.dt.hour, stamps.dt.day_of_week])["count"].sum()
    table = see_data(frequentation)[4]
    assert len(table) == 24 * 7
    assert table.iloc[0].tolist() == ["0 h", "lundi", passages(cells[(0, 0)])]
    expected = [passages(cells[(h, d)]) for h in range(24) for d in range(7)]
    assert table["Passages"].tolist() == expected
    top = cells.idxmax()
    assert f"maximum {passages(cells[top])} ({top[0]} h, {DAYS[top[1]]})" in chart["alt"]
    assert chart["alt"].startswith("Carte de chaleur de passages par heure de la journée")


def test_area_by_hour_of_day_stacked_by_direction(
    frequentation: AppTest, measures: pd.DataFrame
) -> None:
    chart = charts_of(frequentation)[5]
    spec = chart["spec"]
    assert spec["mark"]["type"] == "area"
    assert spec["encoding"]["y"]["stack"] == "zero"
    assert spec["encoding"]["x"]["type"] == "ordinal"
    assert spec["encoding"]["x"]["sort"] == list(range(24))  # hours 0–23, not names
    sums = measures.groupby([measures["start_datetime"].dt.hour, "direction"])["count"].sum()
    assert chart["data"]["value"].tolist() == sums.astype(float).tolist()
    assert "2 séries : IN, OUT" in chart["alt"]


def test_line_by_weekday_shows_day_names(frequentation: AppTest, measures: pd.DataFrame) -> None:
    chart = charts_of(frequentation)[6]
    assert chart["spec"]["encoding"]["x"]["sort"] == DAYS
    assert chart["data"]["x"].tolist() == DAYS
    per_day = measures.groupby(measures["start_datetime"].dt.day_of_week)["count"].sum()
    assert see_data(frequentation)[6]["Passages"].tolist() == [passages(v) for v in per_day]


def test_empty_result_says_so(frequentation: AppTest) -> None:
    assert [i.value for i in frequentation.info] == ["Aucune donnée pour ces filtres."]


def test_page_filters_reach_the_charts(project: Path, measures: pd.DataFrame) -> None:
    at = run_page(project, "frequentation", {"lieux": ["Gare", "Port"]})
    chart = charts_of(at)[2]
    per_site = measures[measures["site_name"].isin(["Gare", "Port"])].groupby("site_name")
    expected = per_site["count"].sum().sort_values(ascending=False)
    assert chart["spec"]["encoding"]["x"]["sort"] == expected.index.tolist()
    assert "premiers sur" not in texts(at)  # 2 bars, under the limit of 5


# Shared data: small groups hidden and explained -----------------------------------------------


def test_shared_bar_hides_small_groups(visites: AppTest) -> None:
    chart = charts_of(visites)[0]
    zones = read("visits")["zone"].value_counts()
    shown = zones[zones >= 11]
    assert chart["spec"]["encoding"]["x"]["sort"] == [*shown.index, "Forêt", "Plage"]
    data = chart["data"].set_index("x")
    assert data.loc[shown.index, "value"].tolist() == shown.astype(float).tolist()
    assert data.loc[["Forêt", "Plage"], "value"].isna().all()  # drawn as missing
    table = see_data(visites)[0]
    assert table["Visiteurs"].tolist() == [*map(str, shown), "masqué", "masqué"]
    captions = [c.value for c in visites.caption]
    assert any(
        c.startswith("Masqué : Forêt, Plage.") and "moins de 11 unités" in c for c in captions
    )
    assert "2 valeurs masquées" in chart["alt"]


def test_shared_histogram_hides_small_bins(visites: AppTest) -> None:
    chart = charts_of(visites)[1]
    durations = read("visits")["duree_min"]
    counts = np.histogram(durations, bins=np.arange(0, 121, 20))[0]  # the last bin is closed
    labels = ["de 0 à 19", "de 20 à 39", "de 40 à 59", "de 60 à 79", "de 80 à 99", "de 100 à 120"]
    table = see_data(visites)[1]
    assert table.columns.tolist() == ["Durée (min)", "Nombre de lignes"]
    assert table["Durée (min)"].tolist() == labels
    # 0 < n < 11 hidden; an empty bin stays 0 (hiding it would protect nothing).
    assert table["Nombre de lignes"].tolist() == [
        "masqué" if 0 < n < 11 else str(n) for n in counts
    ]
    assert "Masqué : de 80 à 99, de 100 à 120." in texts(visites)
    assert chart["spec"]["encoding"]["x"]["scale"]["domain"] == [0.0, 120.0]


# Histogram and tables ------------------------------------------------------------------------


def test_histogram_of_an_open_column(recharge: AppTest) -> None:
    chart = charts_of(recharge)[0]
    spec = chart["spec"]
    power = read("stations", decimal=",")["puissance_kw"]
    counts = np.histogram(power, bins=np.arange(0, 161, 20))[0]
    assert spec["mark"]["type"] == "bar"
    assert spec["encoding"]["x"]["bin"] == {"binned": True, "step": 20.0}
    assert spec["encoding"]["x"]["title"] == "Puissance (kW)"
    assert chart["data"]["n"].tolist() == counts.astype(float).tolist()
    table = see_data(recharge)[0]
    assert table.iloc[0].tolist() == ["de 0 à moins de 20", str(counts[0])]
    assert table.iloc[-1].tolist() == ["de 140 à 160", str(counts[-1])]
    most = f"de 0 à moins de 20 ({counts[0]})"
    assert chart["alt"] == (
        f"Histogramme de puissance (kW) : {len(power)} lignes en 8 intervalles, de 0 à 160 ; "
        f"le plus fréquent : {most}."
    )


def test_histogram_and_area_follow_the_page_filter(project: Path) -> None:
    at = run_page(project, "recharge", {"operateur": ["Volta"]})
    stations = read("stations", decimal=",")
    volta = stations.loc[stations["operateur"] == "Volta", "puissance_kw"]
    low, high = volta.min(), volta.max()
    from datacites_proto.engine.histogram import nice_bins

    start, width, count = nice_bins(low, high, 10)
    edges = start + width * np.arange(count + 1)
    chart = charts_of(at)[0]
    assert chart["data"]["n"].tolist() == np.histogram(volta, bins=edges)[0].astype(float).tolist()
    area = charts_of(at)[1]
    assert area["spec"]["encoding"]["color"]["scale"]["domain"] == ["Volta"]


def test_area_by_month_with_series(recharge: AppTest) -> None:
    chart = charts_of(recharge)[1]
    spec = chart["spec"]
    assert spec["mark"]["type"] == "area"
    assert spec["encoding"]["x"]["axis"]["format"] == "%b %Y"
    assert spec["encoding"]["y"]["impute"] == {"value": 0}  # a month without station is 0
    assert spec["encoding"]["color"]["scale"]["range"] == ["#0072B2", "#E69F00", "#009E73"]
    stations = read("stations", decimal=",", parse_dates=["date_mise_en_service"])
    months = stations.groupby([stations["date_mise_en_service"].dt.to_period("M"), "operateur"])
    table = see_data(recharge)[1]
    assert table["Bornes"].tolist() == [str(n) for n in months.size()]
    assert table["Mise en service (mois)"].iloc[0] == "janv. 2025"


def test_table_with_labels_caption_and_csv_download(
    recharge_run: tuple[AppTest, list],  # type: ignore[type-arg]
) -> None:
    recharge, downloads = recharge_run
    first, second = tables(recharge)
    stations = read("stations", decimal=",")
    rows = first.value
    assert rows.columns.tolist() == [
        "nom",
        "operateur",
        "puissance_kw",
        "date_mise_en_service",
        "gratuit",
    ]
    assert len(rows) == len(stations)
    assert rows["puissance_kw"].is_monotonic_decreasing  # sort: -puissance_kw
    config = json.loads(first.proto.columns)
    assert config["nom"]["label"] == "Nom"
    assert config["puissance_kw"]["label"] == "Puissance (kW)"
    assert config["puissance_kw"]["type_config"] == {"type": "number", "format": "localized"}
    assert config["date_mise_en_service"]["type_config"]["format"] == "DD/MM/YYYY"
    captions = [c.value for c in recharge.caption]
    assert "Lignes affichées : 40." in captions
    # The measures table is cut at its limit, and offers no download (none declared).
    assert len(second.value) == 20
    assert "Lignes affichées : les 20 premières ; la liste s'arrête à 20 lignes." in captions
    # The page's own « Télécharger en PDF » aside (tests/integration/test_report_cli.py).
    [button] = [b for b in recharge.get("download_button") if not b.key.endswith("report-pdf")]
    assert button.proto.label == "Télécharger ces lignes (CSV)"
    [(data, mime, name)] = downloads
    assert name == "stations.csv"
    assert mime == "text/csv" and data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert text.split("\r\n")[0] == "nom;operateur;puissance_kw;date_mise_en_service;gratuit"
    assert "3,7" in text and "3.7" not in text
    back = pd.read_csv(io.BytesIO(data), sep=";", decimal=",", encoding="utf-8-sig")
    expected = stations[["nom", "operateur", "puissance_kw", "date_mise_en_service"]]
    got = back[expected.columns].sort_values("nom").reset_index(drop=True)
    pd.testing.assert_frame_equal(got, expected.sort_values("nom").reset_index(drop=True))
    assert back["gratuit"].tolist() == (back["nom"].str[-2:].astype(int) % 4 == 1).tolist()


def test_english_service(english: Path, downloads: list) -> None:  # type: ignore[type-arg]
    at = run_page(english, "frequentation")
    chart = charts_of(at)[6]
    assert chart["spec"]["encoding"]["x"]["sort"][0] == "Monday"
    assert chart["spec"]["config"]["locale"]["number"]["decimal"] == "."
    assert charts_of(at)[0]["alt"].startswith("Line chart of passages by day, from 7 Sept 2026")
    assert "Top 5 of 8" in [c.value for c in at.caption]
    before = len(downloads)
    at = run_page(english, "recharge")
    [(data, _mime, _name)] = downloads[before:]
    assert not data.startswith(b"\xef\xbb\xbf")
    assert (
        data.decode("utf-8").split("\r\n")[0]
        == "nom,operateur,puissance_kw,date_mise_en_service,gratuit"
    )
    assert ",3.7," in data.decode("utf-8")
    assert "Rows shown: 40." in [c.value for c in at.caption]


# The table's refusal path, with a context whose rows() refuses --------------------------------


def _refusing_table_app() -> None:
    from types import SimpleNamespace

    from datacites_proto.engine.query_errors import QueryError
    from datacites_proto.i18n import translate
    from datacites_proto.views.table import TableView

    class Refusing:
        lang = "fr"
        audience = "public"
        blueprint = SimpleNamespace(datasets={"visits": SimpleNamespace(title="Visites")})

        def t(self, code: str, **params: object) -> str:
            return translate(code, "fr", **params)

        def key(self, index: int, suffix: str = "") -> str:
            return f"v{index}-{suffix}"

        def rows(self, *args: object, **kwargs: object) -> object:
            raise QueryError("rows_not_allowed", dataset="visits", access="shared")

    TableView(type="table", dataset="visits", download=True).render(Refusing(), 0)  # type: ignore[arg-type]


def test_refused_rows_show_the_reason_not_a_table() -> None:
    at = AppTest.from_function(_refusing_table_app).run()
    assert not at.exception
    assert [w.value for w in at.warning] == [
        "Les lignes du jeu « visits » (shared) ne sont pas montrées au public : seulement des agrégats."
    ]
    assert not at.dataframe and not at.get("download_button")
    assert [s.value for s in at.header] == ["Visites"]


# The histogram is binned in the database -------------------------------------------------------


def test_histogram_runs_two_aggregate_queries(project: Path) -> None:
    statements: list[str] = []
    with Service.from_blueprint(load_blueprint(project), in_memory=True) as service:
        engine = service.table("visits").engine
        listen = lambda *args: statements.append(args[2])  # noqa: E731
        sa.event.listen(engine, "before_cursor_execute", listen)
        try:
            result = histogram(service, "visits", "duree_min", bins=6)
        finally:
            sa.event.remove(engine, "before_cursor_execute", listen)
    assert len(statements) == 2
    assert "min(" in statements[0].lower() and "max(" in statements[0].lower()
    assert "floor(" in statements[1].lower() and "group by" in statements[1].lower()
    assert result.threshold == 11 and result.frame["hidden"].tolist() == [False] * 4 + [True] * 2


def test_histogram_on_a_sqlite_source(tmp_path: Path) -> None:
    db = tmp_path / "visits.sqlite"
    engine = sa.create_engine(f"sqlite:///{db}")
    read("visits").to_sql("visits", engine, index=False)
    engine.dispose()
    (tmp_path / "blueprint.yaml").write_text(
        """\
datacites: 1
service: {id: essai-sqlite, title: Essai}
datasets:
  visits:
    source: {type: sql, url: "sqlite:///visits.sqlite", table: visits}
    columns: {duree_min: integer, zone: string}
    governance: {access: shared, min_group_size: 11, personal: [device_hash]}
filters:
  zone: {type: multiselect, column: visits.zone}
pages: [{title: Accueil, views: [{type: histogram, dataset: visits, column: duree_min}]}]
""",
        encoding="utf-8",
    )
    durations = read("visits")
    with Service.from_blueprint(tmp_path / "blueprint.yaml", in_memory=True) as service:
        result = histogram(service, "visits", "duree_min", {"zone": ["Centre", "Gare"]}, bins=6)
    kept = durations.loc[durations["zone"].isin(["Centre", "Gare"]), "duree_min"]
    start, width = result.frame["start"].iloc[0], result.width
    edges = start + width * np.arange(len(result) + 1)
    assert result.frame["n"].tolist() == np.histogram(kept, bins=edges)[0].tolist()
    assert result.frame.loc[result.frame["n"].between(1, 10), "hidden"].all()


# The example renders without failure --------------------------------------------------------


@pytest.mark.parametrize(
    "slug", [p.url_slug for p in load_blueprint(EXAMPLE).pages if p.access == "public"]
)
def test_every_public_page_of_the_example_renders_cleanly(slug: str) -> None:
    page = next(p for p in load_blueprint(EXAMPLE).pages if p.url_slug == slug)
    at = open_page(app_for(EXAMPLE), slug).run()
    assert not at.exception, [e.value for e in at.exception]
    assert [t.value for t in at.title] == [page.title]
    shown = texts(at)
    assert "n'a pas pu s'afficher" not in shown  # app_view_failed
    assert "ne sait pas encore s'afficher" not in shown  # app_view_not_drawable
    assert not at.error
    for chart in charts_of(at):
        assert chart["alt"]


def test_a_missing_text_reads_as_a_dash_and_stays_empty_in_the_csv(
    tmp_path: Path,
    downloads: list,  # type: ignore[type-arg]
) -> None:
    shutil.copytree(EXAMPLE.parent, tmp_path / "cdv", ignore=shutil.ignore_patterns(".datacites"))
    before = len(downloads)
    at = run_page(tmp_path / "cdv" / "blueprint.yaml", "commerces")
    (rows,) = [d.value for d in at.dataframe if "statut" in d.value.columns]
    vacant = rows[rows["statut"] == "vacant"]
    assert len(vacant) and (vacant["activite"] == "—").all()  # not Streamlit's « None »
    assert (rows.loc[rows["statut"] != "vacant", "activite"] != "—").all()
    [(data, _mime, _name)] = downloads[before:]
    back = pd.read_csv(io.BytesIO(data), sep=";", encoding="utf-8-sig", keep_default_na=False)
    assert (back.loc[back["statut"] == "vacant", "activite"] == "").all()
