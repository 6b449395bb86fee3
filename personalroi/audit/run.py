"""Run an audit: load the data, test every metric, check quality. No printing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING

from personalroi.attribution.section import attribution_section
from personalroi.audit.baseline import baseline_rows
from personalroi.audit.business import business_sections
from personalroi.audit.clv_metric import clv_metric_rows
from personalroi.audit.governance import governance_section
from personalroi.audit.metrics import dimension_rows, finalize, level_units, metric_rows
from personalroi.audit.moments_table import moment_columns, read_moments_file
from personalroi.audit.money_units import engine_moments, unit_correlations
from personalroi.audit.result import AuditResult, ExperimentInfo
from personalroi.audit.roi_inputs import find_revenue_metrics
from personalroi.audit.segments import heterogeneity_findings
from personalroi.audit.sequential_rows import make_sequential
from personalroi.audit.summary import summary
from personalroi.audit.trend import build_trend
from personalroi.audit.trend_result import TrendSection
from personalroi.audit.verdict import revenue_buyers, verdict
from personalroi.clv.summary import AnalysedUnits
from personalroi.config.model import Config
from personalroi.data.dataset import UNIT_TABLE, Dataset
from personalroi.data.load import load_dataset
from personalroi.data.trend import load_trend
from personalroi.data.trend_table import read_trend_file
from personalroi.engagement.confusion import confusion_gaps
from personalroi.engagement.section import engagement_section
from personalroi.plan.compile import compile_plan
from personalroi.plan.query_plan import QueryPlan
from personalroi.roi.joint import LiftCorrelation
from personalroi.scorecard.cadence import NO_HISTORY, AuditHistory
from personalroi.scorecard.gaps import Gap
from personalroi.stats.srm import srm_test

if TYPE_CHECKING:
    from personalroi.clv.forecast import UnitForecasts


def run_audit(
    config: Config,
    seed: int = 0,
    history: AuditHistory = NO_HISTORY,
    now: dt.datetime | None = None,
) -> AuditResult:
    """`history`: what the audit history knows of this experiment (the cadence rule, and
    the decisions on record shown in the governance section)."""
    exp = config.experiment
    # Compiled once: the data layer reads the plan, the business sections the config.
    plan = compile_plan(config)
    # CLV forecast metrics come from their own model, not from per-unit sufficient statistics.
    full_config, config = config, config.per_unit()
    data = load_dataset(plan)
    arms = [data.control, *data.treatments]
    analysed = (
        AnalysedUnits(data.con, UNIT_TABLE, arms, data.tables) if data.has_unit_values else None
    )
    clv_rows, clv, clv_units = clv_metric_rows(full_config, plan, data.treatments, seed, analysed)
    expected = exp.expected_split or dict.fromkeys(arms, 1.0)
    srm = srm_test(data.units_per_arm, {a: expected.get(a, 0.0) for a in arms if a in expected})
    overall = metric_rows(
        config.metrics,
        data.stats,
        data.control,
        data.treatments,
        exp.alpha,
        exp.correction,
        unit_values=data.unit_values if data.has_unit_values else None,
        seed=seed,
    )
    rows = finalize(
        make_sequential(overall + clv_rows, exp), full_config.metrics, exp.alpha, exp.correction
    )
    for dimension, by_level in data.by_dimension.items():
        level_rows = dimension_rows(
            config.metrics,
            by_level,
            dimension,
            data.control,
            data.treatments,
            exp.alpha,
            exp.correction,
        )
        if exp.sequential:
            level_rows = finalize(
                make_sequential(level_rows, exp), config.metrics, exp.alpha, exp.correction
            )
        rows += level_rows
    trend: TrendSection | None = None
    trend_gaps: list[Gap] = []
    saved_trend = plan.units.section_files.get("trend")
    trend_stats = (
        read_trend_file(plan, saved_trend, arms)
        if saved_trend is not None
        else load_trend(plan, data, UNIT_TABLE)
    )
    if trend_stats is not None:
        trend, trend_gaps = build_trend(
            config, trend_stats, data.control, data.treatments, exp.alpha, exp.correction
        )
    governance, governance_gaps = governance_section(
        config,
        trend_stats,
        data.control,
        data.treatments,
        exp.alpha,
        exp.correction,
        history.decisions,
    )
    info = ExperimentInfo(
        name=exp.name,
        control=data.control,
        treatments=data.treatments,
        alpha=exp.alpha,
        correction=exp.correction,
        hypothesis=exp.hypothesis,
        sequential_tuning=exp.sequential_tuning if exp.sequential else None,
    )
    engagement = engagement_section(full_config, plan, data, UNIT_TABLE)
    heterogeneity = heterogeneity_findings(rows, exp.alpha, exp.correction)
    business = business_sections(
        full_config,
        rows,
        data.treatments,
        srm_ok=srm.ok,
        srm_p=srm.p_value,
        heterogeneity=heterogeneity,
        history=history,
        now=now or dt.datetime.now(dt.timezone.utc),
        findings=[
            *trend_gaps,
            *governance_gaps,
            *confusion_gaps(engagement.confusion if engagement else None),
        ],
        correlations=_correlations(full_config, plan, data, clv_units),
        level_units={d: level_units(by_level) for d, by_level in data.by_dimension.items()},
        tail_shifts=data.tail_shifts,
    )
    decision = verdict(
        rows=rows,
        roi=business.roi,
        priorities=business.priorities,
        heterogeneity=heterogeneity,
        srm=srm,
        checks=data.checks,
        revenue_metric=full_config.economics.revenue_metric,
        alpha=exp.alpha,
        control=data.control,
        buyers=revenue_buyers(data.stats, full_config.economics.revenue_metric),
    )
    return AuditResult(
        experiment=info,
        verdict=decision,
        summary=summary(
            verdict=decision,
            roi=business.roi,
            gaps=business.gaps,
            control=data.control,
            treatments=data.treatments,
            units=sum(data.units_per_arm.values()),
            hypothesis=exp.hypothesis,
        ),
        srm=srm,
        checks=tuple(data.checks),
        metrics=tuple(rows),
        units_per_arm=data.units_per_arm,
        roi=business.roi,
        scorecard=business.scorecard,
        gaps=business.gaps,
        priorities=business.priorities,
        heterogeneity=tuple(heterogeneity),
        baseline=baseline_rows(config, data.stats, arms),
        clv=clv,
        trend=trend,
        engagement=engagement,
        governance=governance,
        attribution=attribution_section(full_config, plan, data, UNIT_TABLE),
        roi_by_level=business.roi_by_level,
    )


def _correlations(
    config: Config,
    plan: QueryPlan,
    data: Dataset,
    clv_units: Mapping[str, UnitForecasts],
) -> dict[str, LiftCorrelation] | None:
    """The ROI lifts' correlations from the moments table: the engine's, or the saved one
    (aggregated input); None without either (the ROI then takes the conservative one)."""
    columns = moment_columns(config, find_revenue_metrics(config))
    arms = [data.control, *data.treatments]
    saved = plan.units.section_files.get("moments")
    if data.has_unit_values:
        if not columns:
            return {}
        found = engine_moments(columns, data.con, UNIT_TABLE, arms, _clv_orders(config, data))
    elif saved is not None and columns:
        found = read_moments_file(saved, list(columns))
    else:
        return None
    return unit_correlations(columns, *found, data.control, data.treatments, clv_units)


def _clv_orders(config: Config, data: Dataset) -> tuple[str, str] | None:
    """The CLV source's view and id column: its units are the buyers with a forecast."""
    if config.clv is None or config.clv.source not in data.tables:
        return None
    return data.tables[config.clv.source].view, config.sources[config.clv.source].id
