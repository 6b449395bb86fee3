"""The query plan: everything the data layer computes for one audit, engine-independent.

Built once from the validated config (`compile.py`); the SQL builders render it
for an engine and the loaders run it. The derived maps (which values each source
is reduced to, which unit columns are read, which columns must hold finite or
non-negative numbers) are properties here, so each is derived in one place and a
narrowed plan (the trend's, the unit ids') cannot disagree with its parts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from personalroi.plan.inputs import Dimension, RowFilter, SourceInput, UnitsInput, Window
from personalroi.plan.metrics import MetricPlan
from personalroi.plan.refs import UNITS, ValueRef
from personalroi.plan.sections import AttributionPlan, ClvPlan, EngagementPlan

if TYPE_CHECKING:
    from personalroi.config.engine import EngineConfig


@dataclass(frozen=True)
class ArmChoice:
    """The arms the experiment compares, as configured (the data decides the rest)."""

    control: str
    treatments: tuple[str, ...] | None = None
    expected_split: Mapping[str, float] | None = None


@dataclass(frozen=True)
class QueryPlan:
    experiment: str
    alpha: float
    window: Window
    arms: ArmChoice
    engine: EngineConfig
    units: UnitsInput
    sources: Mapping[str, SourceInput]
    # The per-unit metrics in config order; model-based ones (clv) are not computed here.
    metrics: Mapping[str, MetricPlan]
    # Calendar periods, and the governance changes dated inside the window by their index.
    calendar: tuple[Window, ...] = ()
    changes: Mapping[int, dt.date] = field(default_factory=dict)
    engagement: EngagementPlan | None = None
    clv: ClvPlan | None = None
    attribution: AttributionPlan | None = None

    @property
    def inputs(self) -> dict[str, UnitsInput | SourceInput]:
        """'units' first, then the sources in config order."""
        return {UNITS: self.units, **self.sources}

    @property
    def row_filters(self) -> dict[str, RowFilter]:
        """Every configured row filter, by input name."""
        return {n: i.row_filter for n, i in self.inputs.items() if i.row_filter is not None}

    @property
    def refs_by_source(self) -> dict[str, dict[str, ValueRef]]:
        """The event-source values the metrics read, per source, keyed by column alias."""
        by_source: dict[str, dict[str, ValueRef]] = {}
        for metric in self.metrics.values():
            for ref in metric.refs.values():
                if ref.source != UNITS:
                    by_source.setdefault(ref.source, {})[ref.alias] = ref
        return by_source

    @property
    def unit_value_columns(self) -> list[str]:
        """The units' columns the metrics and covariates read, sorted."""
        read = {
            ref.column
            for metric in self.metrics.values()
            for ref in metric.refs.values()
            if ref.source == UNITS
        }
        return sorted(read | set(self.units.covariate_columns.values()))

    @property
    def numeric_columns(self) -> dict[str, list[str]]:
        """Per input, the columns that must hold finite numbers: covariates and metric values."""
        out: dict[str, list[str]] = {UNITS: list(self.units.covariate_columns.values())}
        for metric in self.metrics.values():
            for ref in metric.refs.values():
                if ref.counts_rows:
                    continue
                columns = out.setdefault(ref.source, [])
                if ref.column not in columns:
                    columns.append(ref.column)
        return out

    @property
    def negative_columns(self) -> dict[str, list[str]]:
        """Value columns of mean and ratio metrics, per input, where a negative is suspect."""
        out: dict[str, list[str]] = {}
        for metric in self.metrics.values():
            if not metric.suspect_negatives:
                continue
            for ref in metric.refs.values():
                columns = out.setdefault(ref.source, [])
                if ref.column != "count" and ref.column not in columns:
                    columns.append(ref.column)
        return out

    @property
    def weekly_metrics(self) -> dict[str, MetricPlan]:
        """Metrics whose every value comes from an event source with a timestamp.

        Unit columns (units.<col>) and sources without time have no week of their own:
        they appear in the cohort and calendar analysis only.
        """
        return {
            name: metric
            for name, metric in self.metrics.items()
            if metric.refs
            and all(
                r.source != UNITS and self.sources[r.source].timestamp for r in metric.refs.values()
            )
        }

    def narrowed(self, metrics: Mapping[str, MetricPlan], dimensions: list[str]) -> QueryPlan:
        """The plan for statistics of `metrics` by the unit-table columns `dimensions`, with
        no covariate (the trend's: a pre-period total says nothing of one week)."""
        bare = {n: replace(m, pre_period=None) for n, m in metrics.items()}
        units = replace(
            self.units,
            dimensions=tuple(Dimension.own(d) for d in dimensions),
            covariate_columns={},
        )
        return replace(self, metrics=bare, units=units)

    def units_only(self) -> QueryPlan:
        """The plan of a query of unit ids and arms only: no metrics, no dimensions."""
        units = replace(self.units, dimensions=(), covariate_columns={})
        return replace(self, metrics={}, units=units)
