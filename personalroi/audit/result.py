"""The audit's result as typed objects; `report/` renders them (JSON per SPEC section 5)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from personalroi.audit.metric_row import MetricRow
from personalroi.data.check import Check
from personalroi.stats.srm import SrmResult

if TYPE_CHECKING:
    from personalroi.attribution.result import AttributionSection
    from personalroi.audit.baseline import BaselineRow
    from personalroi.audit.governance_result import GovernanceSection
    from personalroi.audit.roi_levels import LevelRoi
    from personalroi.audit.roi_section import RoiEntry
    from personalroi.audit.segments import Heterogeneity
    from personalroi.audit.summary import Summary
    from personalroi.audit.trend_result import TrendSection
    from personalroi.audit.verdict import Verdict
    from personalroi.clv.document import ClvDocument
    from personalroi.engagement.result import EngagementSection
    from personalroi.scorecard.gaps import Gap
    from personalroi.scorecard.priorities import Priority
    from personalroi.scorecard.scorecard import Scorecard


@dataclass(frozen=True)
class ExperimentInfo:
    name: str
    control: str
    treatments: list[str]
    alpha: float
    correction: str
    hypothesis: str | None
    # Sequential mode's N* (None: fixed-horizon tests).
    sequential_tuning: int | None = None


@dataclass(frozen=True)
class AuditResult:
    """Every section, built once by `run_audit`; renderers and the JSON encoder only format."""

    experiment: ExperimentInfo
    verdict: Verdict
    summary: Summary
    srm: SrmResult
    checks: tuple[Check, ...]
    metrics: tuple[MetricRow, ...]
    units_per_arm: dict[str, int]
    roi: tuple[RoiEntry, ...]
    scorecard: Scorecard | None
    gaps: tuple[Gap, ...]
    priorities: tuple[Priority, ...]
    heterogeneity: tuple[Heterogeneity, ...]
    # Pre-period level vs the test period, per covariate and arm (empty without covariates).
    baseline: tuple[BaselineRow, ...] = ()
    # Built by their own packages (clv/, audit/trend.py, engagement/, attribution/);
    # None when not configured.
    clv: ClvDocument | None = None
    trend: TrendSection | None = None
    engagement: EngagementSection | None = None
    # The change log, with/without each change inside the window, decisions on record.
    governance: GovernanceSection | None = None
    attribution: AttributionSection | None = None
    # The ROI of rolling each arm out to one dimension level only (SPEC 7.2).
    roi_by_level: tuple[LevelRoi, ...] = ()
