"""The evidence sections in English: their headings and notes, the HTML page, the charts and
the `clv` and `attribute` commands' views."""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    # Evidence sections
    "metrics.title_terminal": "Metrics: lift vs control [{level} CI]",
    "metrics.title_markdown": "Metrics: treatment vs control",
    "metrics.caption_terminal": "* significant after correction; (g) guardrail; NPS lift in points",
    "metrics.guardrail_mark": "(g)",
    "metrics.guardrail": "(guardrail)",
    "segments.significant_title": "Segments with a significant difference",
    "segments.breakdown_rows": "Segment breakdown ({n} rows)",
    "baseline.title": "Baseline: pre-period level vs the test period",
    "baseline.caption": (
        "before: the covariate's pre-period level per unit (CUPED's baseline); vs control: the "
        "arm's pre-period level against control's, near 0 when randomization balanced the "
        "arms; change: during test / before - 1 (the periods may differ in length: compare arms)"
    ),
    "clv.arms_title": (
        "Lifetime value per arm (orders to {end}; per buyer: orders, days apart, categories; "
        "per unit: CLV so far and forecast over {months} months)"
    ),
    "clv.vs_control": "Lifetime value vs control {control}",
    "clv.caption": (
        "reading: from the interval, which agrees with the p-value, not corrected across these "
        "comparisons (the clv metric in the metric table is); days between purchases: lower "
        "is better"
    ),
    "trend.exposure_title": "Lift by week since first exposure (novelty check)",
    "trend.cohort_title": "Lift by calendar week of first exposure (week starting)",
    "trend.calendar_title": "Lift with and without calendar periods ({periods})",
    "trend.period": "{name} {start} to {end}",
    "trend.week": "wk{week}",
    "trend.note_terminal": (
        "relative lifts without CUPED; slope per week; – = too little data; by calendar week "
        "of first exposure: --format json (trend.by_calendar_week)"
    ),
    "engagement.title": "Engagement insights",
    "engagement.caption": (
        "r: time on site vs conversion; bounce rate per session; saved/month: prevented "
        "bounces x control's revenue per engaged session; CTR: personalized elements vs "
        "control's default ones; * significant after correction"
    ),
    "attribution.title": "Attribution: who gets the credit for each arm's conversions",
    "attribution.caption": (
        "Share of each arm's converted value credited to personalized touches; for a "
        "treatment, the difference from control in percentage points [CI], * significant "
        "after correction (rule models; Markov has no interval)."
    ),
    "attribution.arm_title": "{arm}: {conversions} conversions, {value} converted value",
    "governance.title": "Governance",
    "governance.concurrent_one": (
        "{n} other change went live during the test ({start} to {end}{allowed}){over}"
    ),
    "governance.concurrent_many": (
        "{n} other changes went live during the test ({start} to {end}{allowed}){over}"
    ),
    "governance.start": "start",
    "governance.end": "end",
    "governance.allowed": "; at most {limit} allowed",
    "governance.over_limit": " (over the limit)",
    "governance.change_log": "Change log",
    "governance.decisions": "Decisions on record",
    "governance.before_after": "Lift for units first exposed before and after each change",
    "governance.caption": (
        "Before/after: units first exposed before the change went live vs on or after it; "
        "relative lifts without CUPED (NPS in points); p adjusted across all changes."
    ),
    "quality.title": "Data quality",
    "quality.srm_ok": "ok",
    "quality.mismatch": "MISMATCH: the split is not as planned",
    "quality.passed": "{passed} of {total} checks passed",
    # HTML page
    "html.kicker": "personalroi audit",
    "html.in_plain_words": "In plain words",
    "html.the_experiment": "The experiment",
    "html.hypothesis": "Hypothesis:",
    "html.setup": (
        "Control {control} vs {arms}; significance level alpha {alpha}, multiple-comparison "
        "correction {correction}."
    ),
    "html.roi_title": "Return on investment",
    "html.interval": "interval",
    "html.roi_note": (
        "Revenue lift on a {basis} basis. The build-up: revenue lift parts and savings add, "
        "the investment subtracts, the last bar is the net gain."
    ),
    "html.sensitivity_of": "Sensitivity of {arm}",
    "html.priorities_note": (
        "Biggest impact for the least resources first; keep testing new ideas against the "
        "current winner."
    ),
    "html.lifts_title": "Lift per metric and arm",
    "html.lifts_note": (
        "Dots are the lift, lines the confidence interval; a line crossing 0 means no clear "
        "effect. NPS is in points."
    ),
    "html.segments_title": "Segment breakdown",
    "html.table": "table",
    "html.lift_trend_title": "Lift over time",
    "html.lift_trend_note": (
        "Relative lifts without CUPED (NPS in points); – where a week has too little data. "
        "Novelty: the lift fades significantly with weeks since first exposure."
    ),
    "html.clv_title": "Lifetime value",
    "html.clv_note": (
        "Forecast: BG/NBD x Gamma-Gamma fitted on all arms (shared shapes, each arm's "
        "scales); the same numbers as"
    ),
    "html.history_title": "Trend over earlier audits",
    "html.sample_ratio": "Sample ratio: p = {p} ({counts})",
    "html.glossary": "Glossary",
    "html.footer_tool": "{tool}, result schema {schema}",
    "html.config_hash": "config hash: {hash}",
    "html.data_fingerprint": "data fingerprint: {fingerprint}",
    "html.not_recorded": "not recorded",
    "glossary.p_adj.term": "p adj.",
    "glossary.p_adj": (
        "The chance of seeing a difference this large if personalization changed nothing, "
        "corrected for testing many metrics at once; below the significance level counts as "
        "a real effect."
    ),
    "glossary.p_beat.term": "P(beat control)",
    "glossary.p_beat": (
        "How likely the personalized version is better than the generic one for this metric, "
        "given the data."
    ),
    "glossary.p_roi.term": "P(ROI>0)",
    "glossary.p_roi": "How likely the investment earns back more than it costs over the horizon.",
    "glossary.cuped.term": "CUPED",
    "glossary.cuped": (
        "A variance-reduction technique that uses each visitor's behaviour before the test to "
        "measure the lift more precisely."
    ),
    "glossary.ci.term": "CI",
    "glossary.ci": (
        "Confidence interval: the range of lifts the data are consistent with; an interval "
        "crossing zero means no clear effect."
    ),
    "glossary.srm.term": "SRM",
    "glossary.srm": (
        "Sample ratio mismatch: the traffic split between versions differs from the plan, a "
        "sign that the test setup is broken."
    ),
    "glossary.guardrail.term": "guardrail",
    "glossary.guardrail": (
        "A metric that must not get worse (such as errors or satisfaction), whatever the "
        "revenue does."
    ),
    "glossary.break_even.term": "break-even",
    "glossary.break_even": (
        "The lift at which the extra profit exactly pays for the investment; below it the "
        "personalization loses money."
    ),
    # Charts
    "chart.lift_axis_pct": "lift vs control (%)",
    "chart.lift_axis_points": "lift vs control (NPS points)",
    "chart.by_dimension": "{metric} by {dimension}",
    "chart.part_conversion": "conversion",
    "chart.part_order_value": "order value",
    "chart.part_clv": "clv",
    "chart.net": "net",
    "chart.score_axis": "score (0-100)",
    "chart.roi_axis": "ROI (%)",
    "chart.tornado_axis": "ROI with the assumption at its low or high value",
    "chart.tornado_title": "{arm}: sensitivity of ROI",
    # The clv and attribute commands
    "time_unit.day": "days",
    "time_unit.week": "weeks",
    "time_unit.month": "months",
    "col.customers": "customers",
    "col.customers_units": "customers / units",
    "col.repeat_rate": "repeat rate",
    "col.orders_cust": "orders/cust.",
    "col.days_between": "days between",
    "col.revenue_cust": "revenue/cust.",
    "col.own_bgnbd": "own BG/NBD r, alpha, a, b",
    "col.own_gamma_gamma": "own Gamma-Gamma p, q, v",
    "col.future_clv_cust": "future CLV/cust.*",
    "col.future_clv_unit": "future CLV/unit*",
    "col.future_clv_unit_plain": "future CLV/unit",
    "col.bgnbd": "BG/NBD",
    "col.gamma_gamma": "Gamma-Gamma",
    "col.method": "method",
    "clv_doc.title_terminal": (
        "Lifetime value per arm (orders to {end}; forecast over {months} months, fitted in {unit})"
    ),
    "clv_doc.title_markdown": "Lifetime value per arm (orders to {end})",
    "clv_doc.setup": "Forecast over {months} months, models fitted in {unit}; control {control}.",
    "clv_doc.setup_no_control": (
        "Forecast over {months} months, models fitted in {unit}; the units file has no "
        "control arm, so no arm is compared with it."
    ),
    "clv_doc.pooled_note": (
        "* forecast under one fit on all arms (shared shapes, each arm's scales; control's)"
    ),
    "clv_doc.vs_control": "vs control {control}",
    "clv_doc.warning": "warning",
    "attribution_doc.title": (
        "Converted value credited per channel ({conversions} conversions, {total} in total)"
    ),
    "attribution_doc.touches_true": "personalized touches",
    "attribution_doc.touches_false": "generic touches",
    "attribution_doc.spread": (
        "Personalized touches earn {low} to {high} of the value depending on the model: the "
        "spread is how much the ROI verdict leans on the rule."
    ),
}
