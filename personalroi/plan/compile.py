"""`compile_plan`: the validated config, read once into the data layer's query plan."""

from __future__ import annotations

from dataclasses import fields

from personalroi.config.change_window import changes_in_window
from personalroi.config.model import (
    Attribution,
    Clv,
    Config,
    Engagement,
    MetricConfig,
    RatioCovariate,
    Source,
    Units,
)
from personalroi.plan.inputs import Dimension, RowFilter, SourceInput, UnitsInput, Window
from personalroi.plan.metrics import MetricPlan
from personalroi.plan.query_plan import ArmChoice, QueryPlan
from personalroi.plan.refs import PrePeriod, ValueRef
from personalroi.plan.sections import AttributionPlan, ClvPlan, EngagementPlan


def compile_plan(config: Config) -> QueryPlan:
    """What the data layer computes for `config`; read nothing else of the config there."""
    exp, units = config.experiment, config.units
    sources = {name: _source(name, s) for name, s in config.sources.items()}
    return QueryPlan(
        experiment=exp.name,
        alpha=exp.alpha,
        window=Window(exp.start, exp.end),
        arms=ArmChoice(
            exp.control,
            tuple(exp.treatments) if exp.treatments else None,
            dict(exp.expected_split) if exp.expected_split is not None else None,
        ),
        engine=config.engine,
        units=_units(units, config.sources),
        sources=sources,
        metrics={
            name: _metric(name, metric, units)
            for name, metric in config.metrics.items()
            if metric.type != "clv"
        },
        calendar=tuple(Window(p.start, p.end) for p in config.calendar),
        changes={i: config.governance.changes[i].date for i in changes_in_window(config)},
        engagement=_engagement(config.engagement) if config.engagement else None,
        clv=_clv(config.clv, sources) if config.clv else None,
        # None on aggregated input: the journeys were summed where the touches live.
        attribution=(
            _attribution(config.attribution, sources)
            if config.attribution and not units.aggregated_files()
            else None
        ),
    )


def _units(units: Units, sources: dict[str, Source]) -> UnitsInput:
    return UnitsInput(
        path=units.path,
        table=units.table,
        id=units.id,
        arm=units.arm,
        timestamp=units.timestamp,
        row_filter=RowFilter(units.where, "units.where") if units.where else None,
        duplicates=units.duplicates,
        dimensions=tuple(_dimension(d, sources) for d in units.dimensions),
        covariate_columns=units.covariate_columns(),
        aggregated=units.aggregated_files().get("stats"),
        section_files={k: f for k, f in units.aggregated_files().items() if k != "stats"},
    )


def _dimension(name: str, sources: dict[str, Source]) -> Dimension:
    """A dotted name whose first part is a source is read from that source
    (`countries.country`); any other name is a units column, dots and all."""
    source, dot, column = name.partition(".")
    if dot and source in sources:
        return Dimension(name, source, column)
    return Dimension.own(name)


def _source(name: str, source: Source) -> SourceInput:
    where = RowFilter(source.where, f"sources.{name}.where") if source.where else None
    return SourceInput(name, source.path, source.table, source.id, source.timestamp, where)


def _metric(name: str, metric: MetricConfig, units: Units) -> MetricPlan:
    assert metric.type != "clv"
    return MetricPlan(
        name=name,
        type=metric.type,
        refs=_refs(metric),
        pre_period=_pre_period(units, name),
        winsorize=metric.winsorize,
        test=metric.test,
    )


def _refs(metric: MetricConfig) -> dict[str, ValueRef]:
    """The per-unit values a metric needs, keyed by role (value | num | den)."""
    if metric.type == "ratio":
        assert metric.numerator and metric.denominator
        return {
            "num": ValueRef.parse(metric.numerator, metric.agg),
            "den": ValueRef.parse(metric.denominator, metric.agg),
        }
    assert metric.value
    return {"value": ValueRef.parse(metric.value, metric.agg)}


def _pre_period(units: Units, name: str) -> PrePeriod | None:
    cov = units.covariates.get(name)
    if cov is None:
        return None
    if isinstance(cov, RatioCovariate):
        return PrePeriod(cov.numerator, cov.denominator)
    return PrePeriod(cov)


def _engagement(eng: Engagement) -> EngagementPlan:
    """The validated section's keys, as the plan reads them (the same names)."""
    return EngagementPlan(**{f.name: getattr(eng, f.name) for f in fields(EngagementPlan)})


def _clv(clv: Clv, sources: dict[str, SourceInput]) -> ClvPlan:
    # None on aggregated input: the histories were computed where the orders live.
    orders = sources.get(clv.source)
    return ClvPlan(orders, clv.amount, clv.category, clv.time_unit, clv.observation_end)


def _attribution(att: Attribution, sources: dict[str, SourceInput]) -> AttributionPlan:
    return AttributionPlan(
        touches=sources[att.source],
        conversions=sources[att.conversions],
        channel=att.channel,
        personalized=att.personalized,
        value=att.value,
        half_life_days=att.half_life_days,
    )
