"""English: the language the audit has always written its results in.

Keys are `area.name`; fields are `{param}` or `{param:kind}` (see `phrase.py`). German
and Swedish use the same keys and the same fields. This module holds the sentences the
audit composes (lifts, verdict, heterogeneity, summary, the ROI's uncertainty driver,
goal gaps and priorities); the renderers' words are in `labels/` and `sections/`, the
checklist, findings over time, engagement and programme in their own packages.
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
