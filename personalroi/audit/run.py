"""Run an audit: load the data, test every metric, check quality. No printing."""

from __future__ import annotations

from personalroi.audit.metrics import dimension_rows, finalize, metric_rows
from personalroi.audit.result import AuditResult, ExperimentInfo
from personalroi.config.model import Config
from personalroi.data.dataset import load_dataset
from personalroi.stats.srm import srm_test


def run_audit(config: Config, seed: int = 0) -> AuditResult:
    exp = config.experiment
    data = load_dataset(config)
    arms = [data.control, *data.treatments]
    expected = exp.expected_split or dict.fromkeys(arms, 1.0)
    srm = srm_test(data.units_per_arm, {a: expected.get(a, 0.0) for a in arms if a in expected})
    rows = finalize(
        metric_rows(
            config.metrics,
            data.stats,
            data.control,
            data.treatments,
            exp.alpha,
            exp.correction,
            unit_values=data.unit_values if data.has_unit_values else None,
            seed=seed,
        ),
        config.metrics,
        exp.alpha,
        exp.correction,
    )
    for dimension, by_level in data.by_dimension.items():
        rows += dimension_rows(
            config.metrics,
            by_level,
            dimension,
            data.control,
            data.treatments,
            exp.alpha,
            exp.correction,
        )
    info = ExperimentInfo(
        name=exp.name,
        control=data.control,
        treatments=data.treatments,
        alpha=exp.alpha,
        correction=exp.correction,
        hypothesis=exp.hypothesis,
    )
    return AuditResult(
        experiment=info,
        srm=srm,
        checks=data.checks,
        metrics=rows,
        units_per_arm=data.units_per_arm,
    )
