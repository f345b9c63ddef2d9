"""Evaluate formula indicators over the results of their parts, in pandas (results are small)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from datacites_proto.blueprint import expressions as ex


def evaluate(node: Any, part: Callable[[str], pd.Series | float]) -> pd.Series | float:
    """The value of a formula; division by zero gives a missing value, never infinity."""
    if isinstance(node, ex.Number):
        return float(node.value)
    if isinstance(node, ex.IndicatorRef):
        return part(node.name)
    if isinstance(node, ex.Neg):
        return -evaluate(node.operand, part)
    if isinstance(node, ex.BinOp):
        left, right = evaluate(node.left, part), evaluate(node.right, part)
        with np.errstate(divide="ignore", invalid="ignore"):
            if node.op == "+":
                result = left + right
            elif node.op == "-":
                result = left - right
            elif node.op == "*":
                result = left * right
            else:
                result = _divide(left, right)
        return result
    raise TypeError(f"not a formula node: {node!r}")


def _divide(left: Any, right: Any) -> Any:
    if isinstance(right, pd.Series):
        return left / right.where(right != 0)
    if right == 0:
        return left * np.nan if isinstance(left, pd.Series) else np.nan
    return left / right
