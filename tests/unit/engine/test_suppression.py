"""Small-group suppression, primary and complementary, on hand-made tables."""

from __future__ import annotations

import pandas as pd

from datacites_proto.engine.suppression import suppress


def table(rows: list[tuple]) -> tuple[pd.DataFrame, pd.Series]:  # type: ignore[type-arg]
    frame = pd.DataFrame(rows, columns=["a", "b", "n"])
    return frame[["a", "b"]], frame["n"]


def test_open_data_hides_nothing_even_empty_cells() -> None:
    frame, counts = table([("x", 1, 0), ("y", 1, 3)])
    assert not suppress(frame, counts, 1, ["a"]).any()


def test_total_below_threshold_is_hidden() -> None:
    counts = pd.Series([7])
    assert suppress(pd.DataFrame(index=[0]), counts, 11, []).tolist() == [True]
    assert suppress(pd.DataFrame(index=[0]), pd.Series([11]), 11, []).tolist() == [False]


def test_one_dimension_hides_a_second_cell() -> None:
    frame = pd.DataFrame({"a": ["x", "y", "z"]})
    counts = pd.Series([5, 30, 12])
    # x alone hidden would be total - y - z: the smallest other (z) is hidden too.
    assert suppress(frame, counts, 11, ["a"]).tolist() == [True, False, True]


def test_two_hidden_cells_need_nothing_more() -> None:
    frame = pd.DataFrame({"a": ["x", "y", "z"]})
    counts = pd.Series([5, 3, 40])
    assert suppress(frame, counts, 11, ["a"]).tolist() == [True, True, False]


def test_two_dimensions_protect_rows_and_columns() -> None:
    frame, counts = table(
        [("x", 1, 4), ("x", 2, 20), ("x", 3, 30), ("y", 1, 25), ("y", 2, 15), ("y", 3, 50)]
    )
    hidden = suppress(frame, counts, 11, ["a", "b"])
    result = frame.assign(h=hidden)
    # Every row and every column holding a hidden cell holds at least two.
    for key in ("a", "b"):
        for _, part in result.groupby(key):
            assert part["h"].sum() != 1
    assert hidden[0]  # the primary cell
    assert hidden.sum() == 4  # x1, x2 (row x), y1 (column 1), y2 (row y and column 2)
