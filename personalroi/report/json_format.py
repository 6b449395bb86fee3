"""The JSON result of SPEC section 5 (schema_version 1)."""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import asdict, fields, is_dataclass
from typing import TYPE_CHECKING, Any

from personalroi import __version__
from personalroi.audit.metric_row import MetricRow
from personalroi.audit.result import AuditResult
from personalroi.document import SCHEMA_VERSION
from personalroi.stats.comparison import comparison_fields

if TYPE_CHECKING:
    from personalroi.document import AuditJson


def clean(value: Any) -> Any:
    """Plain JSON values: NaN/inf become null, tuples become lists, dataclasses objects."""
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: clean(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {str(k): clean(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [clean(v) for v in value]
    return value


def metric_dict(row: MetricRow) -> dict[str, object]:
    """One `MetricJson` before `clean` (its intervals still tuples, NaN not yet null)."""
    c = row.comparison
    return {
        "metric": row.metric,
        "type": row.type,
        "arm": row.arm,
        "dimension": row.dimension,
        "level": row.level,
        **comparison_fields(c),
        "p_value_adjusted": row.p_value_adjusted,
        "significant": row.significant,
        "chance_to_beat_control": row.chance_to_beat_control,
        "method": c.method,
        "variance_reduction": c.variance_reduction,
        "goal": row.goal,
        "status": row.status,
        "better": row.better,
        "guardrail": row.guardrail,
        "non_inferiority": None if row.non_inferiority is None else asdict(row.non_inferiority),
        "code": c.code,
        "explanation": c.explanation or None,
    }


def result_to_dict(result: AuditResult) -> AuditJson:
    exp = result.experiment
    # Dataclasses and values on their way to JSON: `clean` makes them an AuditJson.
    out: dict[str, object] = {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "personalroi", "version": __version__},
        "experiment": {
            "name": exp.name,
            "control": exp.control,
            "treatments": exp.treatments,
            "alpha": exp.alpha,
            "correction": exp.correction,
            "hypothesis": exp.hypothesis,
            "sequential": (
                None if exp.sequential_tuning is None else {"tuning": exp.sequential_tuning}
            ),
        },
        "verdict": result.verdict,
        "summary": result.summary,
        "data_quality": {
            "srm": result.srm,
            "units_per_arm": result.units_per_arm,
            "checks": result.checks,
        },
        "metrics": [metric_dict(r) for r in result.metrics],
        "roi": result.roi,
        "roi_by_level": result.roi_by_level,
        "scorecard": result.scorecard,
        "gaps": [g.as_dict() for g in result.gaps],
        "priorities": result.priorities,
    }
    # Sections of what the config asked for: absent, not null, when it did not.
    optional: dict[str, object] = {
        "clv": result.clv,
        "heterogeneity": result.heterogeneity,
        "baseline": result.baseline or None,
        "trend": result.trend,
        "engagement": result.engagement,
        "governance": result.governance,
        "attribution": result.attribution,
    }
    out.update({k: v for k, v in optional.items() if v is not None})
    # The shape `AuditJson` declares; the tests check real results against it, key by key.
    cleaned: AuditJson = clean(out)
    return cleaned


def render_json(document: Mapping[str, object]) -> str:
    """Any of the commands' JSON documents (SPEC section 5 for `audit`), as written."""
    return json.dumps(document, indent=2, ensure_ascii=False, allow_nan=False) + "\n"
