"""Small-group suppression: hide aggregates of too few units, and what would reveal them.

A cell of a `shared` dataset aggregating fewer than `min_group_size` rows is hidden
(primary suppression). If a slice of a breakdown (a row or a column of a table) then
holds exactly one hidden cell, it could be recomputed from the slice's total minus the
visible cells, so the smallest visible cell of that slice is hidden too (secondary
suppression), until every slice holding a hidden cell holds at least two.
"""

from __future__ import annotations

import pandas as pd


def suppress(frame: pd.DataFrame, counts: pd.Series, threshold: int, dims: list[str]) -> pd.Series:
    """The mask of cells to hide: `counts` below `threshold`, plus complementary cells."""
    if threshold <= 1:
        return pd.Series(False, index=counts.index)
    hidden = counts < threshold
    if not hidden.any() or not dims:
        return hidden
    # Slices: for each dimension, the groups of cells that share all the other dimensions
    # (a total over that dimension is computable from them).
    slice_keys: list[list[str]] = [[d for d in dims if d != dim] for dim in dims]
    changed = True
    while changed:
        changed = False
        for keys in slice_keys:
            groups = (
                [frame.index]
                if not keys
                else frame.groupby(
                    keys[0] if len(keys) == 1 else keys, dropna=False
                ).groups.values()
            )
            for index in groups:
                cells = hidden.loc[index]
                if cells.sum() != 1 or len(cells) < 2:
                    continue
                visible = counts.loc[index][~cells]
                hidden.loc[visible.idxmin()] = True
                changed = True
    return hidden
