"""Property: over random shared datasets and random filter states, no masked group can be
recomputed by adding and subtracting the figures public pages show.

Each shown figure's rows are recomputed here from the raw data, independently of the
engine, from the effective (snapped) state the engine reports; then the partition of the
rows induced by all shown figures must have no block of 0 < size < k, and no originally
small group's indicator vector may lie in the span of the figures' vectors.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from datacites_proto.engine.histogram import histogram
from datacites_proto.engine.protection import AUTRES
from datacites_proto.engine.service import Service
from tests.support.frames import service_over_frames

CATS_A = ["a1", "a2", "a3", "a4", "a5"]
CATS_B = ["b1", "b2", "b3"]
REGIONS = ["nord", "sud", "est"]
START = dt.date(2025, 1, 1)

FILTERS = {
    "fa": "{type: multiselect, column: facts.cat_a}",
    "fb": "{type: select, column: facts.cat_b}",
    "region": "{type: multiselect, column: zones.region}",
    "amount": "{type: range, column: facts.amount}",
    "period": "{type: date_range, column: facts.day, default: all}",
}
BREAKDOWNS = {"cat_a": "cat_a", "region": "zones.region", "month": "month(day)"}


def blueprint_text(k: int, page_filters: list[str], breakdowns: list[str], hist: bool) -> str:
    """A blueprint with one public page using the chosen filters and breakdowns."""
    views = ["      - {type: kpi, indicator: n}", "      - {type: kpi, indicator: total}"]
    views.append("      - {type: kpi, indicator: big}")
    for b in breakdowns:
        views.append(f"      - {{type: bar, indicator: n, by: '{BREAKDOWNS[b]}'}}")
    if hist:
        views.append("      - {type: histogram, dataset: facts, column: amount, bins: 8}")
    filters = "\n".join(f"  {f}: {FILTERS[f]}" for f in FILTERS)
    return f"""\
datacites: 1
service: {{id: essai, title: Essai}}
datasets:
  zones:
    source: {{type: csv, path: zones.csv}}
    columns: {{zone_id: string, region: string}}
    key: zone_id
  facts:
    source: {{type: csv, path: facts.csv}}
    columns: {{row_id: integer, cat_a: string, cat_b: string, zone_id: string, day: date, amount: number}}
    governance: {{access: shared, min_group_size: {k}}}
relations:
  - facts.zone_id -> zones.zone_id
indicators:
  n: {{label: N, dataset: facts, measure: count(*)}}
  total: {{label: Total, dataset: facts, measure: sum(amount)}}
  big: {{label: Gros, dataset: facts, measure: count(*), where: amount > 50}}
filters:
{filters}
pages:
  - title: Public
    filters: [{", ".join(page_filters)}]
    views:
{chr(10).join(views)}
  - title: Équipe
    access: team
    views:
      - {{type: kpi, indicator: n}}
"""


def make_data(seed: int, rows: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Skewed random facts (so that small groups exist) and their zones."""
    rng = np.random.default_rng(seed)
    zones = pd.DataFrame(
        {"zone_id": [f"z{i}" for i in range(6)], "region": [REGIONS[i % 3] for i in range(6)]}
    )
    weights_a = rng.dirichlet(np.full(len(CATS_A), 0.6))
    facts = pd.DataFrame(
        {
            "row_id": np.arange(rows, dtype="int64"),
            "cat_a": rng.choice(CATS_A, rows, p=weights_a),
            "cat_b": rng.choice(CATS_B, rows, p=[0.6, 0.3, 0.1]),
            "zone_id": rng.choice(zones["zone_id"], rows),
            "day": [START + dt.timedelta(days=int(d)) for d in rng.integers(0, 150, rows)],
            "amount": np.round(rng.gamma(2.0, 20.0, rows), 1),
        }
    )
    return facts, zones


TYPES_FACTS = {
    "row_id": "integer",
    "cat_a": "string",
    "cat_b": "string",
    "zone_id": "string",
    "day": "date",
    "amount": "number",
}
TYPES_ZONES = {"zone_id": "string", "region": "string"}


def build(tmp: Path, k: int, page_filters: list[str], breakdowns: list[str], hist: bool,
          facts: pd.DataFrame, zones: pd.DataFrame) -> Service:  # fmt: skip
    (tmp / "blueprint.yaml").write_text(
        blueprint_text(k, page_filters, breakdowns, hist), encoding="utf-8"
    )
    facts.to_csv(tmp / "facts.csv", index=False)
    zones.to_csv(tmp / "zones.csv", index=False)
    return service_over_frames(
        tmp / "blueprint.yaml", {"facts": (facts, TYPES_FACTS), "zones": (zones, TYPES_ZONES)}
    )


# Filter states: unions, "all but one", ranges and windows that differ by a sliver --------


@st.composite
def states(draw: Any, page_filters: list[str]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = [{}]
    for _ in range(draw(st.integers(2, 5))):
        state: dict[str, Any] = {}
        for f in page_filters:
            if not draw(st.booleans()):
                continue
            if f == "fa":
                chosen = draw(st.lists(st.sampled_from(CATS_A), min_size=1, unique=True))
                state[f] = chosen
                out.append({**state, f: [c for c in CATS_A if c != chosen[0]]})  # all but one
            elif f == "fb":
                state[f] = [draw(st.sampled_from(CATS_B))]
            elif f == "region":
                state[f] = draw(st.lists(st.sampled_from(REGIONS), min_size=1, unique=True))
            elif f == "amount":
                low = draw(st.floats(0, 100))
                high = low + draw(st.floats(0, 100))
                state[f] = [low, high]
                out.append({**state, f: [low, high + 0.05]})  # a sliver wider
            elif f == "period":
                first = START + dt.timedelta(days=draw(st.integers(0, 150)))
                last = first + dt.timedelta(days=draw(st.integers(0, 90)))
                state[f] = [first.isoformat(), last.isoformat()]
                wider = [first.isoformat(), (last + dt.timedelta(days=1)).isoformat()]
                out.append({**state, f: wider})  # one day longer
        out.append(state)
    return out


# The independent recomputation ------------------------------------------------------------


def generalised(facts: pd.DataFrame, zones: pd.DataFrame, summary: Any) -> pd.DataFrame:
    """The raw rows as protection generalises them (merged values, dates cut to the grain)."""
    frame = facts.merge(zones, on="zone_id", how="left")
    for column, values in summary.merged.items():
        frame[column] = frame[column].where(~frame[column].isin(values), AUTRES)
    day = pd.to_datetime(frame["day"])
    grain = summary.grain or "month"
    cut = day.dt.to_period("M" if grain == "month" else "Y").dt.start_time
    frame["day_cut"] = cut.dt.date
    return frame


def bins_of(values: pd.Series, edges: list[float]) -> np.ndarray:
    width = edges[1] - edges[0]
    raw = np.floor((values.to_numpy(dtype="float64") - edges[0]) / width)
    return np.clip(raw, 0, len(edges) - 2).astype(int)


def public_dims(frame: pd.DataFrame, page_filters: list[str], breakdowns: list[str],
                hist: bool, summary: Any) -> list[np.ndarray]:  # fmt: skip
    """The splits the page makes, as this test understands the blueprint it wrote."""
    dims = [(frame["amount"] > 50).to_numpy()]  # the condition of `big`
    if "fa" in page_filters or "cat_a" in breakdowns:
        dims.append(frame["cat_a"].to_numpy())
    if "fb" in page_filters:
        dims.append(frame["cat_b"].to_numpy())
    if "region" in page_filters or "region" in breakdowns:
        dims.append(frame["region"].to_numpy())
    if "period" in page_filters or "month" in breakdowns:
        dims.append(frame["day_cut"].to_numpy())
    if "amount" in page_filters or hist:
        dims.append(bins_of(frame["amount"], summary.edges["facts.amount"]))
    return dims


def retained(frame: pd.DataFrame, dims: list[np.ndarray], k: int) -> np.ndarray:
    keys = pd.DataFrame({f"d{i}": d for i, d in enumerate(dims)}).astype(str)
    sizes = keys.groupby(list(keys.columns))[keys.columns[0]].transform("size")
    return (sizes >= k).to_numpy()


def selected(
    frame: pd.DataFrame, effective: dict[str, Any], edges: list[float] | None
) -> np.ndarray:
    mask = np.ones(len(frame), dtype=bool)
    for f_id, value in effective.items():
        if value is None:
            continue
        if f_id == "fa":
            mask &= frame["cat_a"].isin(value).to_numpy()
        elif f_id == "fb":
            mask &= frame["cat_b"].isin(value).to_numpy()
        elif f_id == "region":
            mask &= frame["region"].isin(value).to_numpy()
        elif f_id == "amount":
            assert edges is not None
            low, high = value
            first, last = edges.index(low), edges.index(high) - 1
            b = bins_of(frame["amount"], edges)
            mask &= (b >= first) & (b <= last)
        elif f_id == "period":
            start, end = value
            mask &= ((frame["day_cut"] >= start) & (frame["day_cut"] <= end)).to_numpy()
    return mask


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_no_masked_group_is_reachable_by_differencing(tmp_path: Path, data: Any) -> None:
    k = data.draw(st.integers(3, 6), label="k")
    page_filters = data.draw(
        st.lists(st.sampled_from(list(FILTERS)), min_size=1, unique=True), label="filters"
    )
    breakdowns = data.draw(st.lists(st.sampled_from(list(BREAKDOWNS)), unique=True), label="by")
    hist = data.draw(st.booleans(), label="histogram")
    seed = data.draw(st.integers(0, 10_000), label="seed")
    facts, zones = make_data(seed, data.draw(st.integers(40, 160), label="rows"))
    folder = tmp_path / f"case{seed}_{k}"
    folder.mkdir(exist_ok=True)
    service = build(folder, k, page_filters, breakdowns, hist, facts, zones)
    summary = service.protection("facts")
    assert summary is not None
    frame = generalised(facts, zones, summary)
    edges = summary.edges.get("facts.amount")
    keep = retained(frame, public_dims(frame, page_filters, breakdowns, hist, summary), k)
    assert summary.set_aside == int((~keep).sum())

    figures: list[np.ndarray] = []
    for state in data.draw(states(page_filters), label="states"):
        effective = service.effective_filters("facts", state)
        rows = keep & selected(frame, effective, edges)
        cells: list[tuple[str, str | None, np.ndarray]] = [
            ("n", None, rows),
            ("total", None, rows),
            ("big", None, rows & (frame["amount"] > 50).to_numpy()),
        ]
        for b in breakdowns:
            column = {"cat_a": "cat_a", "region": "region", "month": "day_cut"}[b]
            for value in frame.loc[rows, column].unique():
                cells.append(("n", b, rows & (frame[column] == value).to_numpy()))
        for indicator, by, members in cells:
            result = service.result(
                indicator, BREAKDOWNS[by] if by else None, state, audience="public"
            )
            if by is None:
                shown = result.frame[indicator].iloc[0]
                hidden = bool(result.suppressed.iloc[0])
            else:
                column = {"cat_a": "cat_a", "region": "region", "month": "day_cut"}[by]
                value = frame.loc[members, column].iloc[0]
                match = result.frame[BREAKDOWNS[by]].astype(str) == str(value)
                assert match.sum() == 1, (by, value, result.frame)
                shown = result.frame.loc[match, indicator].iloc[0]
                hidden = bool(result.suppressed[match.to_numpy()].iloc[0])
            want = (
                float(frame.loc[members, "amount"].sum())
                if indicator == "total"
                else float(members.sum())
            )
            if hidden:
                assert members.sum() < k  # only empty groups may be hidden under protection
                continue
            assert shown == np.float64(want) or abs(shown - want) < 1e-6, (indicator, by, state)
            if members.any():
                figures.append(members)
        if hist:
            drawn = histogram(service, "facts", "amount", state, bins=8, audience="public")
            for i, (n, hidden) in enumerate(
                zip(drawn.frame["n"], drawn.frame["hidden"], strict=True)
            ):
                members = rows & (bins_of(frame["amount"], edges) == i)  # type: ignore[arg-type]
                assert n == members.sum()
                if not hidden and members.any():
                    figures.append(members)

    # (b) The partition induced by the shown figures has no block of 0 < size < k.
    if figures:
        matrix = np.array(figures, dtype=float)
        signatures = pd.DataFrame(matrix.T.astype(int)).astype(str).agg("".join, axis=1)
        inside = matrix.any(axis=0)
        sizes = signatures[inside].value_counts()
        assert (sizes >= k).all(), sizes[sizes < k]
        # (c) No originally small group (raw cells of the page's splits) is in their span.
        rank = np.linalg.matrix_rank(matrix)
        raw = facts.merge(zones, on="zone_id", how="left")
        for keys in ("cat_a", ["cat_a", "cat_b"], ["region", "cat_b"], ["cat_a", "region"]):
            for _, group in raw.groupby(keys).groups.items():
                if 0 < len(group) < k:
                    vector = np.zeros(len(raw))
                    vector[np.asarray(group)] = 1.0
                    assert np.linalg.matrix_rank(np.vstack([matrix, vector])) == rank + 1
    service.close()
