"""Measurement-reality gaps: the framework's own checklist, read from the config.

Each check returns findings (area, severity, finding, recommendation), written as
catalogue phrases (i18n/checklist/); an empty list means the item is covered. Which
metrics count as engagement or voice of customer is decided from their type and
names (documented keyword lists).
"""

from __future__ import annotations

from personalroi.config.change_window import changes_in_window
from personalroi.config.model import Config, MetricConfig
from personalroi.i18n import Phrase
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


def _gap(area: str, severity: str, item: str, advice: str = "advice", **params: object) -> Gap:
    """The gap `check.<item>` with its advice `check.<item>.<advice>`; one set of parameters."""
    finding = Phrase.of(f"check.{item}", **params)
    return Gap.said(area, severity, finding, Phrase.of(f"check.{item}.{advice}", **params))


def control_and_srm(srm_ok: bool, srm_p: float | None) -> list[Gap]:
    if srm_ok:
        return []
    if srm_p is None:
        return [
            Gap.said(
                "control group",
                "high",
                Phrase.of("check.srm_no_p"),
                Phrase.of("check.srm.advice"),
            )
        ]
    return [_gap("control group", "high", "srm", p=srm_p)]


def hypothesis(config: Config) -> list[Gap]:
    if (config.experiment.hypothesis or "").strip():
        return []
    return [_gap("hypothesis", "medium", "hypothesis")]


def goals(config: Config) -> list[Gap]:
    """Scored metrics (weight > 0, not guardrails) that have no goal to be scored against."""
    missing = [
        name
        for name, m in config.metrics.items()
        if m.goal is None and m.weight > 0 and not m.guardrail
    ]
    if not missing:
        return []
    return [_gap("goals", "low", "goals", n=len(missing), names=", ".join(missing))]


def baseline(config: Config) -> list[Gap]:
    covariates = config.units.covariates
    if not covariates:
        return [_gap("baseline", "medium", "baseline")]
    revenue = config.economics.revenue_metric
    if revenue and revenue not in covariates:
        return [_gap("baseline", "low", "baseline_revenue", metric=revenue)]
    return []


def clv(config: Config) -> list[Gap]:
    if any(str(m.type) == "clv" for m in config.metrics.values()):
        return []
    return [_gap("lifetime value", "high", "clv")]


def engagement(config: Config) -> list[Gap]:
    if any(any(w in _words(n, m) for w in ENGAGEMENT_WORDS) for n, m in config.metrics.items()):
        return []
    return [_gap("engagement", "medium", "engagement")]


# The engagement section's columns, each with the insight it enables (check.insight.<key>).
ENGAGEMENT_PARTS = ("time_on_site", "pages", "bounced", "value", "personalized_clicks", "segment")


def engagement_insights(config: Config) -> list[Gap]:
    """The engagement section (docs/engagement.md): absent, or missing some columns."""
    eng = getattr(config, "engagement", None)
    if eng is None:
        return [_gap("engagement", "low", "insights")]
    missing = [k for k in ENGAGEMENT_PARTS if getattr(eng, k) is None]
    if not missing:
        return []
    return [
        _gap(
            "engagement",
            "low",
            "insights_partial",
            "advice" if eng.personalized_clicks is not None else "advice_clicks",
            parts=tuple(Phrase.of(f"check.insight.{k}") for k in missing),
            keys=", ".join(f"engagement.{k}" for k in missing),
        )
    ]


def voice_of_customer(config: Config) -> list[Gap]:
    if any(
        m.type == "nps" or any(w in _words(n, m) for w in VOICE_WORDS)
        for n, m in config.metrics.items()
    ):
        return []
    return [_gap("voice of customer", "medium", "voice")]


def qualitative(config: Config) -> list[Gap]:
    """Scores say how much; open feedback says why. Recognised by source name or file name."""
    named = [f"{n} {s.path.name}".lower() for n, s in config.sources.items()]
    if any(w in text for text in named for w in QUALITATIVE_WORDS):
        return []
    return [_gap("voice of customer", "low", "qualitative")]


def segments(config: Config) -> list[Gap]:
    dims = [d.lower() for d in config.units.dimensions]
    if not dims:
        return [_gap("segments", "medium", "segments")]
    if not any(w in d for d in dims for w in CHANNEL_WORDS):
        return [_gap("segments", "medium", "channels")]
    return []


def cost_model(config: Config) -> list[Gap]:
    if not config.costs:
        return [_gap("costs", "high", "costs")]
    present = {c.category for c in config.costs}
    return [
        _gap("costs", "medium", "cost_category", category=Phrase.of(f"check.category.{category}"))
        for category in COST_CATEGORIES
        if category not in present
    ]


def savings(config: Config) -> list[Gap]:
    if config.savings:
        return []
    return [_gap("savings", "low", "savings")]


def economics(config: Config) -> list[Gap]:
    econ, out = config.economics, []
    if not econ.revenue_metric:
        out.append(_gap("economics", "high", "revenue_metric"))
    if econ.eligible_units_per_month <= 0:
        out.append(_gap("economics", "high", "traffic"))
    if econ.gross_margin is None:
        out.append(_gap("economics", "low", "margin"))
    return out


def attribution(config: Config) -> list[Gap]:
    if getattr(config, "attribution", None) is not None:
        return []
    return [_gap("attribution", "low", "attribution")]


def calendar(config: Config) -> list[Gap]:
    if config.calendar:
        return []
    return [_gap("calendar", "low", "calendar")]


def trend(config: Config) -> list[Gap]:
    if config.units.timestamp or "trend" in config.units.aggregated_files():
        return []
    why = "trend_aggregated" if config.units.aggregated is not None else "trend_no_timestamp"
    return [_gap("trend", "low", "trend", why=Phrase.of(f"check.{why}"))]


def governance(config: Config) -> list[Gap]:
    gov = config.governance
    in_window = changes_in_window(config)
    if gov.max_concurrent_changes is not None and len(in_window) > gov.max_concurrent_changes:
        return [
            _gap(
                "governance", "medium", "changes", n=len(in_window), most=gov.max_concurrent_changes
            )
        ]
    if gov.max_concurrent_changes is None and not gov.changes:
        return [_gap("governance", "low", "change_log")]
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
