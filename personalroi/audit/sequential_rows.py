"""Sequential mode: swap every row's intervals and p-value for always-valid ones."""

from __future__ import annotations

from dataclasses import replace

from personalroi.audit.metric_row import MetricRow
from personalroi.config.model import Experiment
from personalroi.stats.sequential import sequential


def make_sequential(rows: list[MetricRow], experiment: Experiment) -> list[MetricRow]:
    """Rows unchanged unless `experiment.sequential`; re-run `finalize` afterwards."""
    if not experiment.sequential:
        return rows
    return [
        replace(
            row,
            comparison=sequential(row.comparison, experiment.alpha, experiment.sequential_tuning),
        )
        for row in rows
    ]
