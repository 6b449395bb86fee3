"""English: the language the audit has always written its results in.

Keys are `area.name`; fields are `{param}` or `{param:kind}` (see `phrase.py`). German
and Swedish use the same keys and the same fields.
"""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    # Number notation
    "fmt.money": "{sign}{currency} {amount}",
    "fmt.list_sep": ", ",
    # Lifts with their interval (the audit's sentences)
    "lift.none": "–",
    "lift.pct": "{lift:pct1}",
    "lift.pct_ci": "{lift:pct1} [{low:pct1}, {high:pct1}]",
    "lift.pts": "{lift:pts1} points",
    "lift.pts_ci": "{lift:pts1} [{low:pts1}, {high:pts1}] points",
    "lift.abs": "{lift:sg4}",
    "lift.abs_ci": "{lift:sg4} [{low:sg4}, {high:sg4}]",
    "roi.phrase": "ROI {roi:spct0}{ci}{chance}",
    "roi.ci": " ({level:pct0} CI {low:spct0} to {high:spct0})",
    "roi.chance": ", {p:pct0} chance it pays",
    # Verdict
    "verdict.headline": "{srm}{body}{harms}.",
    "verdict.srm_lead": "Sample ratio mismatch, lifts untrustworthy; ",
    "verdict.pays": "{arm} pays off: {money}",
    "verdict.promising": "{arm} looks promising but is not proven: {money}",
    "verdict.does_not_pay": "{arm} does not pay: {money}",
    "verdict.inconclusive": "Inconclusive: {arm} at {money}",
    "verdict.unlikely_not_proven": "{arm} looks unlikely to pay, but it is not proven: {money}",
    "verdict.would_pay": "{arm} would pay off, {money}",
    "verdict.harmed": "; harmed:",
    "verdict.but_it_harms": ", but it harms",
    "verdict.harm_clause": "{lead} {named:join}{more}",
    "verdict.more": " and {n} more",
    "verdict.harmful": "Harmful: {harm}; do not roll {arm} out{alternative}",
    "verdict.alternative": "; {arm}: {money}",
    "verdict.no_money": (
        "No money verdict ({why}): {better} of {total} metric comparisons "
        "significantly better, {worse} significantly worse"
    ),
    "verdict.no_revenue_metric": "no revenue metric",
    "verdict.no_costs": "no costs or no revenue lift",
    "harm.short": "{metric}{who}{where} {lift}",
    "harm.in_arm": " in {arm}",
    "harm.for_level": " for {dimension} {level}",
    "reason.guardrail_worse": "{metric} (guardrail) significantly worse in {arm}: {lift}",
    "reason.guardrail_not_shown": "{metric} (guardrail) not shown non-inferior in {arm}: {lift}",
    "reason.harm": "{metric} significantly worse in {arm}{where}: {lift}",
    "reason.srm": "sample ratio mismatch (p = {p:g2}): lifts are not trustworthy",
    "reason.data": "data check {name} failed: {detail}",
    "reason.few_buyers": (
        "{metric} rests on few buyers: {arm} has about {buyers:f0} effective buyers "
        "(its revenue spread evenly), and a firm 'does not pay' needs {needed} per arm: "
        "a few large orders set both the lift and its interval"
    ),
    # Heterogeneity findings
    "het.finding": "{parts:semi}",
    "het.differs": (
        "the {scale} lift of {metric} in {arm} {lead}: Cochran's Q = {q:f1} on {df} df, "
        "adjusted p = {p:g2}, I^2 = {i2:pct0}; worst {dimension} {level}: {lift}"
    ),
    "het.scale_relative": "relative",
    "het.scale_absolute": "absolute",
    "het.across_channels": "is inconsistent across channels (omnichannel)",
    "het.across_levels": "differs across {dimension} levels",
    "het.simpson": (
        "the overall lift of {metric} in {arm} points the other way from most {dimension} "
        "levels (Simpson's paradox): check the arm mix per level before trusting the total"
    ),
    # Summary for non-technical readers
    "summary.tested_one": (
        "Personalized experience {arms} against the generic experience (control arm "
        "{control}), on {units:int} randomized units.{hypothesis}"
    ),
    "summary.tested_many": (
        "Personalized experiences {arms} against the generic experience (control arm "
        "{control}), on {units:int} randomized units.{hypothesis}"
    ),
    "summary.hypothesis": " Hypothesis: {hypothesis}.",
    "summary.worth": (
        "{arm} brings about {benefit:money} of {basis} and savings over {months} months "
        "for {investment:money} invested (ROI {roi:spct0}){chance}."
    ),
    "summary.chance": "; the chance that it pays is {p:pct0}",
    "basis.gross_profit": "gross profit",
    "basis.revenue": "revenue",
    "summary.nothing_harmed": "Nothing was significantly harmed.",
    "summary.harmed": "{harms:semi}{more}.",
    "summary.harmed_more": "; and {n} more (see the gaps)",
    "summary.below_break_even": (
        "More data will not make {arm} pay: its lift is below break-even ({lift:pct1} on {metric})."
    ),
    "summary.units_to_prove": (
        "About {units:int} more units per arm, at the lift seen so far, would make the "
        "ROI interval exclude zero."
    ),
    "summary.units_for_goals": (
        "About {units:int} more units per arm would settle every goal at 80 % power."
    ),
    "next.pays": (
        "Roll out {arm}, keep its guardrails monitored, and test the next idea against it."
    ),
    "next.promising": "Keep {arm} running (or test it on more traffic) before a full rollout.",
    "next.inconclusive": "Do not decide yet: keep the test running, or test a bolder change.",
    "next.does_not_pay": "Do not roll {arm} out: rethink the idea or cut its costs.",
    "next.harmful": "Stop or fix {arm} before any rollout.",
    "next.no_money": ("Add the costs and a revenue metric to the config to learn whether it pays."),
    "next.harmed": (
        "Fix what {arm} harms, or roll it out only where it helps, before any wider rollout."
    ),
    "next.the_arm": "the personalized arm",
    # What drives the ROI's uncertainty (audit/roi_section.py)
    "driver.part_conversion": "The conversion lift",
    "driver.part_order_value": "The order-value lift",
    "driver.part_clv": "The CLV forecast",
    "driver.part_costs": "The cost ranges",
    "driver.part_savings": "The saving ranges",
    "driver.settled": (
        "{part} is {share:pct0} of the ROI's uncertainty; the interval already excludes 0."
    ),
    "driver.more_units": (
        "{part} is {share:pct0} of the ROI's uncertainty; about {units:int} more units per arm "
        "at the observed lift would settle it."
    ),
    "driver.below_break_even": (
        "{part} is {share:pct0} of the ROI's uncertainty; the observed lift is below "
        "break-even, so more data would not make it pay."
    ),
    "driver.ranges": (
        "{part} is {share:pct0} of the ROI's uncertainty; the cost and saving ranges alone "
        "keep it open: narrow them."
    ),
    # Units and words the renderers put next to numbers
    "unit.pp": "pp",
    "unit.pts": "pts",
    "unit.mo": "mo",
    "unit.months": "months",
    "word.yes": "yes",
    "word.no": "no",
    # Report header and verdict block
    "report.title": "personalroi audit: {name}",
    "header.control_vs": "control {control} vs {arms}",
    "header.alpha": "alpha {alpha}  correction {correction}",
    "header.hypothesis": "Hypothesis: {hypothesis}",
    "markdown.setup": "Control {control} vs {arms}; alpha {alpha}, correction {correction}.",
    "verdict.label": "VERDICT",
    "verdict.more_reasons": "{n} more reasons in the gaps below",
    "verdict.older_result": (
        "No verdict in this result: it was saved by an older personalroi; re-run the audit."
    ),
    "verdict.status.pays": "Pays off",
    "verdict.status.promising": "Promising, not proven",
    "verdict.status.inconclusive": "Inconclusive",
    "verdict.status.does_not_pay": "Does not pay",
    "verdict.status.harmful": "Harmful",
    "verdict.status.no_money": "No money figures",
    "verdict.reason.roi": "ROI",
    "verdict.reason.harm": "Harm",
    "verdict.reason.guardrail": "Guardrail",
    "verdict.reason.heterogeneity": "Segments",
    "verdict.reason.srm": "Traffic split",
    "verdict.reason.data": "Data",
    "verdict.reason.heavy_tail": "Few buyers",
    "score.line": "Scorecard {score:f0}/100, pass mark {mark:g}: {outcome}",
    "score.no_mark": "Scorecard {score:f0}/100 (no pass mark set)",
    "score.pass": "PASS",
    "score.fail": "FAIL",
    "summary.title_markdown": "In short",
    "summary.label.tested": "What was tested",
    "summary.label.worth": "What it is worth",
    "summary.label.harmed": "What was harmed",
    "summary.label.next_step": "What to do next",
    "summary.label.data_needed": "How much more data",
    # Column headings
    "col.arm": "arm",
    "col.metric": "metric",
    "col.metric_segment": "metric: segment",
    "col.segment": "segment",
    "col.control": "control",
    "col.treatment": "treatment",
    "col.lift_ci": "lift [CI]",
    "col.lift_ci_paren": "lift (CI)",
    "col.lift_level_ci": "lift ({level} CI)",
    "col.abs_lift_ci": "abs. lift [CI]",
    "col.rel_lift_ci": "rel. lift [CI]",
    "col.p": "p",
    "col.p_adj": "p adj.",
    "col.p_beat": "P(beat control)",
    "col.status": "status",
    "col.invest": "invest",
    "col.investment": "investment",
    "col.benefit": "benefit",
    "col.revenue_lift": "revenue lift",
    "col.savings": "savings",
    "col.roi": "ROI",
    "col.roi_ci": "ROI [{level} CI]",
    "col.roi_ci_plain": "ROI [CI]",
    "col.p_roi": "P(ROI>0)",
    "col.npv": "NPV",
    "col.payback": "payback",
    "col.payback_short": "payback",
    "col.npv_short": "NPV",
    "col.break_even": "break-even",
    "col.break_even_lift": "break-even lift",
    "col.benefit_cost": "benefit/cost",
    "col.assumption": "assumption",
    "col.low": "low",
    "col.high": "high",
    "col.roi_low": "ROI at low",
    "col.roi_high": "ROI at high",
    "col.npv_low": "NPV at low",
    "col.npv_high": "NPV at high",
    "col.dimension": "dimension",
    "col.level": "level",
    "col.share": "share",
    "col.rank": "rank",
    "col.flag": "flag",
    "col.recommendation": "recommendation",
    "col.goal": "goal",
    "col.item": "item",
    "col.weight": "weight",
    "col.target": "target",
    "col.achieved": "achieved",
    "col.attainment": "attainment",
    "col.severity": "severity",
    "col.area": "area",
    "col.finding": "finding",
    "col.finding_todo": "finding → what to do",
    "col.pre_column": "pre-period column",
    "col.before": "before",
    "col.vs_control": "vs control",
    "col.during_test": "during test",
    "col.change": "change",
    "col.buyers_units": "buyers/units",
    "col.repeat": "repeat",
    "col.orders": "orders",
    "col.days_apart": "days apart",
    "col.categories": "categories",
    "col.clv_so_far": "CLV so far",
    "col.forecast": "forecast",
    "col.measure": "measure",
    "col.reading": "reading",
    "col.slope": "slope",
    "col.period": "period",
    "col.with": "with",
    "col.without": "without",
    "col.in_period": "in period",
    "col.r_time_conv": "r(time,conv)",
    "col.pages_session": "pages/sess.",
    "col.one_page": "1 page",
    "col.bounce_lift": "bounce, lift",
    "col.saved_month": "saved/month",
    "col.ctr_lift": "CTR, lift",
    "col.model": "model",
    "col.channel": "channel",
    "col.date": "date",
    "col.during_test_window": "during the test",
    "col.split": "before/after analysis",
    "col.all_units": "all units",
    "col.after": "after",
    "col.audit": "audit",
    "col.decision": "decision",
    "col.by": "by",
    "col.note": "note",
    "col.check": "check",
    "col.detail": "detail",
    # Values the result keeps in English, as shown
    "status.met": "met",
    "status.on track": "on track",
    "status.not significant": "not significant",
    "status.missed": "missed",
    "status.harmful": "harmful",
    "status.insufficient data": "insufficient data",
    "check.pass": "pass",
    "check.warn": "warn",
    "check.fail": "fail",
    "severity.high": "high",
    "severity.medium": "medium",
    "severity.low": "low",
    "reading.better": "better",
    "reading.worse": "worse",
    "reading.no significant difference": "no significant difference",
    "reading.novelty": "novelty",
    "reading.grows": "grows",
    "reading.worsens": "worsens",
    "reading.differs": "differs",
    "reading.shifts": "shifts",
    "area.attribution": "attribution",
    "area.baseline": "baseline",
    "area.cadence": "cadence",
    "area.calendar": "calendar",
    "area.control group": "control group",
    "area.costs": "costs",
    "area.economics": "economics",
    "area.engagement": "engagement",
    "area.goal": "goal",
    "area.goals": "goals",
    "area.governance": "governance",
    "area.harm": "harm",
    "area.heterogeneity": "heterogeneity",
    "area.hypothesis": "hypothesis",
    "area.lifetime value": "lifetime value",
    "area.omnichannel": "omnichannel",
    "area.revenue decomposition": "revenue decomposition",
    "area.savings": "savings",
    "area.segments": "segments",
    "area.trend": "trend",
    "area.voice of customer": "voice of customer",
    "model.first_touch": "first touch",
    "model.last_touch": "last touch",
    "model.linear": "linear",
    "model.time_decay": "time decay",
    "model.position_based": "position based",
    "model.markov": "markov",
    "clv_measure.repeat_rate": "repeat rate",
    "clv_measure.purchase_frequency": "orders/customer",
    "clv_measure.mean_days_between_purchases": "days between (lower better)",
    "clv_measure.categories_per_customer": "categories/customer",
    "clv_measure.revenue_per_customer": "revenue/customer",
    "clv_measure.historical_clv_per_unit": "CLV so far/unit",
    "clv_measure.forecast_clv_per_unit": "forecast CLV/unit",
    # Money
    "roi.title": "ROI over {months} months ({basis} basis, {currency})",
    "roi.title_markdown": "ROI ({currency}, {basis} basis)",
    "roi.caption": (
        "benefit = revenue lift + savings; break-even = relative lift of {metric} at which "
        "ROI is 0; * = after the horizon"
    ),
    "money.undefined": "undefined",
    "money.never": "never",
    "money.heavy_tail": (
        "{arm}: a few extreme units decide {metric}'s lift ({lift} -> {capped} per unit with "
        "the top 0.1 % capped); capped, ROI would be {capped_roi} instead of {roi}"
    ),
    "effort.line": "{arm}: effort {parts}, {cost} of the {investment} {currency} invested",
    "effort.hours": "{hours} hours",
    "effort.fte_months": "{months} FTE-months",
    "effort.and": " and ",
    "sensitivity.title": "Sensitivity of {arm}'s ROI {roi}, one assumption moved",
    "sensitivity.title_markdown": "Sensitivity of {arm} ({currency})",
    "sensitivity.other_arms": "; other arms: --format markdown or json ({arms})",
    "sensitivity.note": (
        "cost and saving lines: totals over the horizon; ranges from the config{spread}; "
        "widest ROI swing first; the discount rate moves only the NPV"
    ),
    "sensitivity.default_spread": ", else -+{spread}",
    "sensitivity.config_range": "(config range)",
    "sensitivity.cost": "cost",
    "sensitivity.saving": "saving",
    "roi_level.title": "ROI by level",
    "roi_level.note": (
        "ROI of rolling the arm out to that level only: the level's share of the units and "
        "its own lift, the arm's CLV lift, the full investment; levels are not adjusted "
        "for multiple comparisons"
    ),
    # Scorecard, gaps, priorities
    "scorecard.title": "Scorecard",
    "scorecard.title_html": "Scorecard: {score} / 100",
    "scorecard.per_arm": "per arm: {scores}",
    "scorecard.no_mark": "No pass mark set: the score gates nothing.",
    "scorecard.mark_passed": "Pass mark {mark:g}: passed.",
    "scorecard.mark_not_passed": "Pass mark {mark:g}: not passed.",
    "scorecard.how": "Score = weighted mean attainment of the goals.",
    "gaps.title": "Gaps",
    "gaps.top": "Top gaps ({n} in all)",
    "gaps.hidden": "{n} more ({which}) in the JSON result (--format json)",
    "priorities.title": "Priorities",
    "priorities.title_terminal": "Priorities (impact per unit of cost)",
    "priorities.no_components": "no components listed",
    "priorities.invest": "invest {amount}",
    "priorities.increment": (
        "{components} over {over}: {benefit} benefit for {investment} (ROI {roi})"
    ),
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
    # Goal gaps and priorities (scorecard/)
    "gap.goal": "{metric} in {arm}: goal {goal}, achieved {achieved} ({status})",
    "gap.goal_harmful": (
        "{arm} makes {metric} significantly worse: fix or stop it before any rollout"
    ),
    "gap.goal_missed": "the interval rules the goal out: revise the idea or the goal",
    "gap.goal_run_longer": (
        "run longer: about {needed:int} units per arm ({extra:int} more) detect the goal lift "
        "at 80 % power"
    ),
    "gap.harm_advice": "find out why {arm} hurts {metric} and fix it before any rollout",
    "gap.harm_advice_level": (
        "find out why {arm} hurts {metric} for {dimension} {level} and fix it before any rollout"
    ),
    "gap.level_harmed_advice": (
        "do not roll {arm} out to {dimension} {level} as it is: fix it there or roll out only "
        "where it helps"
    ),
    "gap.uneven_advice": (
        "report {metric} per {dimension}; the overall lift does not hold everywhere"
    ),
    "gap.revenue_split": (
        "no conversion-rate and AOV metrics next to the revenue metric: the whole revenue lift "
        "is attributed to conversion"
    ),
    "gap.revenue_split_advice": (
        "add a binary metric on <orders>.count and a ratio metric <orders>.amount / <orders>.count"
    ),
    "gap.goal_detectable": "the sample can detect the goal; the lift is just below it so far",
    "priority.recommendation": "{advice}{targeted}",
    "priority.harms": "significantly harms {harm}: fix or stop it before any rollout",
    "priority.roi_unknown": "ROI unknown: complete the revenue metric and costs",
    "priority.does_not_pay": (
        "does not pay on current evidence: redesign or stop before spending more"
    ),
    "priority.roll_out": "roll out, and keep A/B testing new ideas against it as the new control",
    "priority.best_bet": "best bet but not yet certain: keep testing before a full rollout",
    "priority.pays_less": "pays less per unit of cost than a higher-ranked arm",
    "priority.flag_blocked": "harms a guardrail or the revenue metric: ranked last",
    "priority.flag_customers": "harms customers (NPS): ranked after arms without harm",
    "priority.targeted": (
        ". Targeted rollout candidate, proven where the arm is not: {named:semi}; confirm it "
        "with a test in that segment"
    ),
    "priority.level": (
        "{dimension} {level} ({share:pct0} of units): ROI {roi:spct0}, P(ROI>0) {p:pct0}"
    ),
}
