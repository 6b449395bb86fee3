"""The experiment as the audit reads it: per-arm sufficient statistics and the open engine."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from personalroi.data.check import Check
from personalroi.data.grouped import ArmKey, MetricStats
from personalroi.data.heavy_tail import TailShift
from personalroi.data.sources import Table, ident, sql_string

if TYPE_CHECKING:
    from personalroi.engines.base import Connection

UNIT_TABLE = "unit_values"


@dataclass
class Dataset:
    """The experiment reduced to per-arm sufficient statistics, plus the open engine.

    `con` keeps the per-unit table for the few methods that need unit values
    (Mann-Whitney, bootstrap).
    """

    con: Connection
    control: str
    treatments: list[str]
    units_per_arm: dict[str, int]
    stats: dict[str, MetricStats]
    by_dimension: dict[str, dict[ArmKey, MetricStats]]
    checks: list[Check] = field(default_factory=list)
    # False for aggregated input: Mann-Whitney/bootstrap fall back to Welch.
    has_unit_values: bool = True
    # The registered files by config name ('units' and each source), for extra queries.
    tables: dict[str, Table] = field(default_factory=dict)
    # Lifts that a few extreme units decide (the heavy_tail check's findings).
    tail_shifts: tuple[TailShift, ...] = ()
    # Winsorization caps by metric (the quantile over every unit the sums use), so the
    # unit-level tests (Mann-Whitney, bootstrap) see the same capped values.
    caps: dict[str, float] = field(default_factory=dict)

    def unit_values(self, metric: str, arm: str) -> np.ndarray:
        value = ident(metric)
        if metric in self.caps:
            value = f"LEAST({value}, {self.caps[metric]!r})"
        sql = (
            f"SELECT {value} AS v FROM {UNIT_TABLE} WHERE arm = {sql_string(arm)} "
            f"AND {ident(metric)} IS NOT NULL ORDER BY unit_id"
        )
        return np.asarray(self.con.execute(sql).fetchnumpy()["v"], dtype=float)
