"""Multiple-comparison corrections across metrics x arms.

Both return adjusted p-values in the input order; None (an untestable metric)
stays None and does not count towards the family size.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import numpy as np

Correction = Literal["none", "holm", "bh"]


def adjust(p_values: Sequence[float | None], method: Correction) -> list[float | None]:
    present = [i for i, p in enumerate(p_values) if p is not None]
    raw = np.array([p_values[i] for i in present], dtype=float)
    if method == "none" or raw.size == 0:
        adjusted = raw
    elif method == "holm":
        adjusted = holm(raw)
    else:
        adjusted = benjamini_hochberg(raw)
    out: list[float | None] = [None] * len(p_values)
    for i, p in zip(present, adjusted, strict=True):
        out[i] = float(p)
    return out


def holm(p: np.ndarray) -> np.ndarray:
    """Holm step-down: p_(i) * (m - i + 1), made monotone from the smallest up."""
    m = p.size
    order = np.argsort(p, kind="stable")
    stepped = np.maximum.accumulate(p[order] * (m - np.arange(m)))
    out = np.empty(m)
    out[order] = np.minimum(stepped, 1.0)
    return out


def benjamini_hochberg(p: np.ndarray) -> np.ndarray:
    """Benjamini-Hochberg step-up: p_(i) * m / i, made monotone from the largest down."""
    m = p.size
    order = np.argsort(p, kind="stable")
    scaled = p[order] * m / np.arange(1, m + 1)
    stepped = np.minimum.accumulate(scaled[::-1])[::-1]
    out = np.empty(m)
    out[order] = np.minimum(stepped, 1.0)
    return out
