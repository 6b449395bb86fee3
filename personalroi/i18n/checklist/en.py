"""The checklist in English: the text the audit has always written."""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    "check.srm": "sample ratio mismatch (p = {p:g2}): the arms are not split as planned",
    "check.srm_no_p": "sample ratio mismatch: the arms are not split as planned",
    "check.srm.advice": "find the assignment or logging bug before trusting any lift",
    "check.hypothesis": "no hypothesis stated: nothing says what the test was meant to show",
    "check.hypothesis.advice": (
        "state it before the test in experiment.hypothesis, with the metric and the smallest "
        "lift that matters (e.g. 'recommendations raise revenue per visitor by 3 %')"
    ),
    "check.goals": "{n} metric(s) without a goal: {names}",
    "check.goals.advice": (
        "give each a goal (e.g. goal: {{relative_lift: 0.03}}) so the scorecard can judge it, "
        "or weight: 0 to show it without scoring"
    ),
    "check.baseline": "no pre-period baseline covariate (CUPED)",
    "check.baseline.advice": (
        "add units.covariates, e.g. {{revenue_per_visitor: pre_revenue}}, to cut variance"
    ),
    "check.baseline_revenue": "the revenue metric {metric} has no baseline covariate",
    "check.baseline_revenue.advice": "add units.covariates.{metric}: <pre-period revenue column>",
    "check.clv": "CLV not measured: ROI counts only short-term revenue",
    "check.clv.advice": "CLV or bust: add an orders history source and a metric of type clv",
    "check.engagement": "no engagement metric (bounce rate, pages, time on site, CTR)",
    "check.engagement.advice": (
        "add a sessions source and engagement metrics to see why revenue moves"
    ),
    "check.insights": (
        "no engagement insights: time on site vs conversion, pages per session, value of a "
        "prevented bounce, CTR of personalized elements"
    ),
    "check.insights.advice": (
        "add an engagement section naming the sessions source and its columns"
    ),
    "check.insights_partial": "engagement insights without {parts}",
    "check.insights_partial.advice": "set {keys}",
    "check.insights_partial.advice_clicks": "set {keys} (all four click columns)",
    "check.insight.time_on_site": "time on site vs conversion",
    "check.insight.pages": "pages per session distribution",
    "check.insight.bounced": "bounce rate per segment",
    "check.insight.value": "money value of a prevented bounce",
    "check.insight.personalized_clicks": "CTR of personalized vs default elements",
    "check.insight.segment": "per-segment breakdown",
    "check.voice": "no NPS or satisfaction metric",
    "check.voice.advice": "survey a sample of each arm and add a metric of type nps",
    "check.qualitative": (
        "no qualitative feedback source (comments, reviews, interviews, session recordings)"
    ),
    "check.qualitative.advice": (
        "add the open-text answers or reviews per visitor as a source (e.g. sources.feedback) "
        "and read them per arm: NPS says how much, comments say why"
    ),
    "check.segments": "no breakdown by segment or channel",
    "check.segments.advice": "add units.dimensions (e.g. segment, channel, device)",
    "check.channels": (
        "no breakdown by channel or touchpoint: omnichannel consistency is never examined"
    ),
    "check.channels.advice": (
        "add a channel/touchpoint column to units.dimensions; the audit then flags an arm "
        "that helps in one channel and hurts in another"
    ),
    "check.costs": "no costs configured: ROI is undefined",
    "check.costs.advice": "add costs for technology, personnel and ongoing operations",
    "check.cost_category": "no {category} costs: the investment is understated",
    "check.cost_category.advice": "add the {category} costs (one_off, monthly or annual)",
    "check.category.technology": "technology",
    "check.category.personnel": "personnel",
    "check.category.ongoing": "ongoing",
    "check.savings": "no cost savings considered",
    "check.savings.advice": (
        "add savings (marketing efficiency, operations) if personalization brings any"
    ),
    "check.revenue_metric": "no economics.revenue_metric: no revenue lift, no ROI",
    "check.revenue_metric.advice": (
        "set economics.revenue_metric to the revenue-per-visitor metric"
    ),
    "check.traffic": "economics.eligible_units_per_month is 0: nothing to extrapolate",
    "check.traffic.advice": "set the monthly traffic that would get the personalized experience",
    "check.margin": "ROI is on revenue, not gross profit",
    "check.margin.advice": "set economics.gross_margin so ROI compares profit with cost",
    "check.attribution": (
        "no multi-touch attribution: touchpoints are judged by last click at best"
    ),
    "check.attribution.advice": "add an attribution section with a touchpoints source",
    "check.calendar": "no calendar of campaigns and holidays",
    "check.calendar.advice": (
        "list sales and holidays under calendar so lifts are shown with and without them"
    ),
    "check.trend": (
        "{why}: trend and novelty can't be checked (lift by week since exposure, with and "
        "without calendar periods)"
    ),
    "check.trend.advice": (
        "add units.timestamp with each unit's first exposure time (per-unit data)"
    ),
    "check.trend_aggregated": "aggregated input has no per-unit exposure times",
    "check.trend_no_timestamp": "no units.timestamp (first exposure)",
    "check.changes": (
        "{n} other changes went live during the test (max_concurrent_changes is {most})"
    ),
    "check.changes.advice": (
        "freeze unrelated changes during tests; the governance section shows each change's "
        "lift for units first exposed before and after it"
    ),
    "check.change_log": "no change log for the test window",
    "check.change_log.advice": "list other site changes under governance.changes",
    "check.cadence_off": "audit cadence not checked: {why}",
    "check.cadence_off.advice": (
        "keep the audit history (the default) and re-run the audit at least every {every} "
        "days, e.g. from cron"
    ),
    "check.history_off": "the audit history is off (--no-history)",
    "check.cadence_late": (
        "no audit for {days:f0} days before this one (audit every {every} days, {source})"
    ),
    "check.cadence_late.advice": (
        "schedule the audit from cron or CI with --sequential so regular looks stay valid"
    ),
    "check.every_configured": "governance.audit_every_days",
    "check.every_default": "default when not configured",
}
