"""The whole audit result: one `AuditJson` per `personalroi audit --format json`."""

from __future__ import annotations

from typing_extensions import NotRequired, TypedDict

from personalroi.document.attribution import AttributionJson
from personalroi.document.clv import ClvJson
from personalroi.document.core import (
    BaselineJson,
    DataQualityJson,
    ExperimentJson,
    GapJson,
    HeterogeneityJson,
    MetricJson,
    PriorityJson,
    ProvenanceJson,
    ScorecardJson,
    SummaryJson,
    ToolJson,
    VerdictJson,
)
from personalroi.document.engagement import EngagementJson
from personalroi.document.governance import GovernanceJson
from personalroi.document.money import LevelRoiJson, RoiJson
from personalroi.document.trend import TrendJson


class AuditJson(TypedDict):
    """SPEC section 5 and 7. Sections the config did not ask for are absent, not null;
    `verdict`, `summary` and the money additions are absent from results saved before
    they existed."""

    schema_version: int
    tool: NotRequired[ToolJson]
    experiment: ExperimentJson
    verdict: NotRequired[VerdictJson]
    summary: NotRequired[SummaryJson]
    data_quality: DataQualityJson
    metrics: list[MetricJson]
    roi: NotRequired[list[RoiJson]]
    roi_by_level: NotRequired[list[LevelRoiJson]]
    scorecard: NotRequired[ScorecardJson | None]
    gaps: NotRequired[list[GapJson]]
    priorities: NotRequired[list[PriorityJson]]
    clv: NotRequired[ClvJson]
    heterogeneity: NotRequired[list[HeterogeneityJson]]
    baseline: NotRequired[list[BaselineJson]]
    trend: NotRequired[TrendJson]
    engagement: NotRequired[EngagementJson]
    governance: NotRequired[GovernanceJson]
    attribution: NotRequired[AttributionJson]
    provenance: NotRequired[ProvenanceJson]
