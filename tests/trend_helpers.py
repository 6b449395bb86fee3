"""Shared by the trend tests: units randomized to two arms and first exposed over some days."""

from __future__ import annotations

import numpy as np
import pandas as pd

START = pd.Timestamp("2026-03-02")  # a Monday


def exposed_units(
    rng: np.random.Generator, n: int, days: int
) -> tuple[np.ndarray, pd.DatetimeIndex]:
    """Arms (control/treat, half each on average) and first exposures in START + [0, days)."""
    arm = np.where(rng.random(n) < 0.5, "control", "treat")
    exposure = START + pd.to_timedelta(rng.integers(0, days * 86400, n), "s")
    return arm, exposure
