"""Measurement-reality gaps: the framework's own checklist, read from the config.

Each check returns findings (area, severity, finding, recommendation); an empty
list means the item is covered. Which metrics count as engagement or voice of
customer is decided from their type and names (documented keyword lists).
"""

from __future__ import annotations

from personalroi.config.change_window import changes_in_window
from personalroi.config.model import Config, MetricConfig
from personalroi.scorecard.gaps import Gap, by_severity

ENGAGEMENT_WORDS = ("bounce", "page", "time_on_site", "session", "click", "ctr", "engag", "dwell")
VOICE_WORDS = ("nps", "satisf", "csat", "survey")
CHANNEL_WORDS = ("channel", "touchpoint", "source", "medium", "placement", "campaign")
# A source whose name or file says it holds what customers said in their own words.
QUALITATIVE_WORDS = (
    "feedback", "comment", "review", "verbatim", "interview", "recording", "open_text", "ticket",
)  # fmt: skip
COST_CATEGORIES = ("technology", "personnel", "ongoing")


def _words(name: str, metric: MetricConfig) -> str:
    return " ".join(filter(None, [name, metric.value, metric.numerator])).lower()


def control_and_srm(srm_ok: bool, srm_p: float | None) -> list[Gap]:
    if srm_ok:
        return []
    p = "" if srm_p is None else f" (p = {srm_p:.2g})"
    return [
        Gap(
            "control group",
            "high",
            f"sample ratio mismatch{p}: the arms are not split as planned",
            "find the assignment or logging bug before trusting any lift",
        )
    ]


def hypothesis(config: Config) -> list[Gap]:
    if (config.experiment.hypothesis or "").strip():
        return []
    return [
        Gap(
            "hypothesis",
            "medium",
            "no hypothesis stated: nothing says what the test was meant to show",
            "state it before the test in experiment.hypothesis, with the metric and the "
            "smallest lift that matters (e.g. 'recommendations raise revenue per visitor by 3 %')",
        )
    ]


def goals(config: Config) -> list[Gap]:
    """Scored metrics (weight > 0, not guardrails) that have no goal to be scored against."""
    missing = [
        name
        for name, m in config.metrics.items()
        if m.goal is None and m.weight > 0 and not m.guardrail
    ]
    if not missing:
        return []
    return [
        Gap(
            "goals",
            "low",
            f"{len(missing)} metric(s) without a goal: {', '.join(missing)}",
            "give each a goal (e.g. goal: {relative_lift: 0.03}) so the scorecard can judge it, "
            "or weight: 0 to show it without scoring",
        )
    ]


def baseline(config: Config) -> list[Gap]:
    covariates = config.units.covariates
    if not covariates:
        return [
            Gap(
                "baseline",
                "medium",
                "no pre-period baseline covariate (CUPED)",
                "add units.covariates, e.g. {revenue_per_visitor: pre_revenue}, to cut variance",
            )
        ]
    revenue = config.economics.revenue_metric
    if revenue and revenue not in covariates:
        return [
            Gap(
                "baseline",
                "low",
                f"the revenue metric {revenue} has no baseline covariate",
                f"add units.covariates.{revenue}: <pre-period revenue column>",
            )
        ]
    return []


def clv(config: Config) -> list[Gap]:
    if any(str(m.type) == "clv" for m in config.metrics.values()):
        return []
    return [
        Gap(
            "lifetime value",
            "high",
            "CLV not measured: ROI counts only short-term revenue",
            "CLV or bust: add an orders history source and a metric of type clv",
        )
    ]


def engagement(config: Config) -> list[Gap]:
    if any(any(w in _words(n, m) for w in ENGAGEMENT_WORDS) for n, m in config.metrics.items()):
        return []
    return [
        Gap(
            "engagement",
            "medium",
            "no engagement metric (bounce rate, pages, time on site, CTR)",
            "add a sessions source and engagement metrics to see why revenue moves",
        )
    ]


ENGAGEMENT_PARTS = {
    "time_on_site": "time on site vs conversion",
    "pages": "pages per session distribution",
    "bounced": "bounce rate per segment",
    "value": "money value of a prevented bounce",
    "personalized_clicks": "CTR of personalized vs default elements",
    "segment": "per-segment breakdown",
}


def engagement_insights(config: Config) -> list[Gap]:
    """The engagement section (docs/engagement.md): absent, or missing some columns."""
    eng = getattr(config, "engagement", None)
    if eng is None:
        return [
            Gap(
                "engagement",
                "low",
                "no engagement insights: time on site vs conversion, pages per session, "
                "value of a prevented bounce, CTR of personalized elements",
                "add an engagement section naming the sessions source and its columns",
            )
        ]
    missing = [(k, what) for k, what in ENGAGEMENT_PARTS.items() if getattr(eng, k) is None]
    if not missing:
        return []
    keys = ", ".join(f"engagement.{k}" for k, _ in missing)
    return [
        Gap(
            "engagement",
            "low",
            "engagement insights without " + ", ".join(what for _, what in missing),
            f"set {keys}"
            + (" (all four click columns)" if eng.personalized_clicks is None else ""),
        )
    ]


def voice_of_customer(config: Config) -> list[Gap]:
    if any(
        m.type == "nps" or any(w in _words(n, m) for w in VOICE_WORDS)
        for n, m in config.metrics.items()
    ):
        return []
    return [
        Gap(
            "voice of customer",
            "medium",
            "no NPS or satisfaction metric",
            "survey a sample of each arm and add a metric of type nps",
        )
    ]


def qualitative(config: Config) -> list[Gap]:
    """Scores say how much; open feedback says why. Recognised by source name or file name."""
    named = [f"{n} {s.path.name}".lower() for n, s in config.sources.items()]
    if any(w in text for text in named for w in QUALITATIVE_WORDS):
        return []
    return [
        Gap(
            "voice of customer",
            "low",
            "no qualitative feedback source (comments, reviews, interviews, session recordings)",
            "add the open-text answers or reviews per visitor as a source (e.g. sources.feedback) "
            "and read them per arm: NPS says how much, comments say why",
        )
    ]


def segments(config: Config) -> list[Gap]:
    dims = [d.lower() for d in config.units.dimensions]
    if not dims:
        return [
            Gap(
                "segments",
                "medium",
                "no breakdown by segment or channel",
                "add units.dimensions (e.g. segment, channel, device)",
            )
        ]
    if not any(w in d for d in dims for w in CHANNEL_WORDS):
        return [
            Gap(
                "segments",
                "medium",
                "no breakdown by channel or touchpoint: omnichannel consistency is never examined",
                "add a channel/touchpoint column to units.dimensions; the audit then flags an arm "
                "that helps in one channel and hurts in another",
            )
        ]
    return []


def cost_model(config: Config) -> list[Gap]:
    if not config.costs:
        return [
            Gap(
                "costs",
                "high",
                "no costs configured: ROI is undefined",
                "add costs for technology, personnel and ongoing operations",
            )
        ]
    present = {c.category for c in config.costs}
    return [
        Gap(
            "costs",
            "medium",
            f"no {category} costs: the investment is understated",
            f"add the {category} costs (one_off, monthly or annual)",
        )
        for category in COST_CATEGORIES
        if category not in present
    ]


def savings(config: Config) -> list[Gap]:
    if config.savings:
        return []
    return [
        Gap(
            "savings",
            "low",
            "no cost savings considered",
            "add savings (marketing efficiency, operations) if personalization brings any",
        )
    ]


def economics(config: Config) -> list[Gap]:
    econ, out = config.economics, []
    if not econ.revenue_metric:
        out.append(
            Gap(
                "economics",
                "high",
                "no economics.revenue_metric: no revenue lift, no ROI",
                "set economics.revenue_metric to the revenue-per-visitor metric",
            )
        )
    if econ.eligible_units_per_month <= 0:
        out.append(
            Gap(
                "economics",
                "high",
                "economics.eligible_units_per_month is 0: nothing to extrapolate",
                "set the monthly traffic that would get the personalized experience",
            )
        )
    if econ.gross_margin is None:
        out.append(
            Gap(
                "economics",
                "low",
                "ROI is on revenue, not gross profit",
                "set economics.gross_margin so ROI compares profit with cost",
            )
        )
    return out


def attribution(config: Config) -> list[Gap]:
    if getattr(config, "attribution", None) is not None:
        return []
    return [
        Gap(
            "attribution",
            "low",
            "no multi-touch attribution: touchpoints are judged by last click at best",
            "add an attribution section with a touchpoints source",
        )
    ]


def calendar(config: Config) -> list[Gap]:
    if config.calendar:
        return []
    return [
        Gap(
            "calendar",
            "low",
            "no calendar of campaigns and holidays",
            "list sales and holidays under calendar so lifts are shown with and without them",
        )
    ]


def trend(config: Config) -> list[Gap]:
    if config.units.timestamp:
        return []
    why = (
        "aggregated input has no per-unit exposure times"
        if config.units.aggregated is not None
        else "no units.timestamp (first exposure)"
    )
    return [
        Gap(
            "trend",
            "low",
            f"{why}: trend and novelty can't be checked (lift by week since exposure, "
            "with and without calendar periods)",
            "add units.timestamp with each unit's first exposure time (per-unit data)",
        )
    ]


def governance(config: Config) -> list[Gap]:
    gov = config.governance
    in_window = changes_in_window(config)
    if gov.max_concurrent_changes is not None and len(in_window) > gov.max_concurrent_changes:
        return [
            Gap(
                "governance",
                "medium",
                f"{len(in_window)} other changes went live during the test "
                f"(max_concurrent_changes is {gov.max_concurrent_changes})",
                "freeze unrelated changes during tests; the governance section shows each "
                "change's lift for units first exposed before and after it",
            )
        ]
    if gov.max_concurrent_changes is None and not gov.changes:
        return [
            Gap(
                "governance",
                "low",
                "no change log for the test window",
                "list other site changes under governance.changes",
            )
        ]
    return []


def measurement_gaps(
    config: Config,
    *,
    srm_ok: bool,
    srm_p: float | None = None,
) -> list[Gap]:
    gaps = [
        *control_and_srm(srm_ok, srm_p),
        *hypothesis(config),
        *goals(config),
        *economics(config),
        *baseline(config),
        *clv(config),
        *engagement(config),
        *engagement_insights(config),
        *voice_of_customer(config),
        *qualitative(config),
        *segments(config),
        *cost_model(config),
        *savings(config),
        *attribution(config),
        *calendar(config),
        *trend(config),
        *governance(config),
    ]
    return by_severity(gaps)
