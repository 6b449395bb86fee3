"""The data-quality checks in English: the details the audit has always written.

Counts keep the notation each detail always had (plain, or grouped as `{n:int}`); the
config's own words (keys, conditions, windows, column names, a winsorize value to paste
into YAML) are text parameters and stay as written in every language.
"""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    # duplicate_ids and the units.duplicates policy it applied
    "dq.duplicates_none": "0 repeated unit rows; {policy}",
    "dq.duplicates_dropped": (
        "{repeated} repeated unit rows of {units} units dropped, one whole row kept per unit; "
        "{policy}. {disagreeing} of the {units} units' rows disagree in a metric or dimension "
        "column{where}"
    ),
    "dq.in_columns": " ({columns})",
    "dq.policy.error": "units.duplicates: error",
    "dq.policy.first_by": (
        "units.duplicates: first (the earliest row by {timestamp}, then file order)"
    ),
    "dq.policy.last_by": "units.duplicates: last (the latest row by {timestamp}, then file order)",
    "dq.policy.first": "units.duplicates: first (the earliest row in file order)",
    "dq.policy.last": "units.duplicates: last (the latest row in file order)",
    # Contamination, arms, the window
    "dq.multi_arm": "{units} units seen in more than one arm (excluded)",
    "dq.missing_arm": "{rows} unit rows without id or arm (excluded)",
    "dq.unanalysed_arms": "arms in the data but not in the config: {arms}",
    "dq.units_outside": "{rows} unit rows outside {window} (dropped)",
    # Each source
    "dq.join_coverage": (
        "{matched} of {rows} rows ({share:loc}) match a unit; {units_hit} of {units} units "
        "have rows"
    ),
    "dq.source_outside": "{rows} rows outside {window} (dropped)",
    "dq.negative": "{rows} rows with negative {column} (refunds? kept as they are)",
    "dq.no_negatives": "no negative values in value columns",
    "dq.dimension_rows": (
        "{repeated:int} unit(s) with more than one row in {source}, {kept} kept "
        "(units.duplicates); {differing:int} of them disagree in {columns}"
    ),
    "dq.kept.first_by": "the earliest by {timestamp}",
    "dq.kept.last_by": "the latest by {timestamp}",
    "dq.kept.first": "the earliest in file order",
    "dq.kept.last": "the latest in file order",
    "dq.rows_excluded": "{excluded:int} of {total:int} rows excluded by {setting}: {where}",
    # heavy_tail
    "dq.heavy_tail": (
        "{metric}: the largest value is {largest:loc} (the next {second:loc}); capping the "
        "top 0.1 % of units at {cap:loc} moves the lift by more than half its confidence "
        "interval ({arms:semi}). A few units decide this metric: set winsorize: {quantile} on "
        "{metric} to cap them in the analysis"
    ),
    "dq.heavy_tail_arm": "{arm}: {lift:pct1} -> {capped:pct1}",
    "dq.heavy_tail_none": (
        "no mean or ratio metric's lift moves by half its CI when the top 0.1 % of units are capped"
    ),
    # Aggregated input
    "dq.aggregated_input": (
        "per-arm statistics read from {path}; unit-level checks (duplicates, window, join "
        "coverage) belong where they were computed: save the checks query of `personalroi "
        "sql` and give it as units.aggregated.checks to see them"
    ),
    "dq.unit_level_tests": (
        "{metrics}: Mann-Whitney/bootstrap need unit values; Welch t-test used on aggregated input"
    ),
    "dq.winsorized_upstream": (
        "{metrics}: winsorization is taken as applied by the aggregation query (`personalroi "
        "sql` does); it cannot be applied to sums"
    ),
    # The CLV models' own checks (clv/): each arm's fits and the holdout
    "clv_check.arm": "arm {arm}: {problem}",
    "clv_check.few_repeaters": (
        "{repeaters} repeat buyers (fewer than {needed}): too few to fit the repeat-purchase model"
    ),
    "clv_check.bgnbd_rough": (
        "the BG/NBD fit hit a bound or did not converge; treat the forecast as rough"
    ),
    "clv_check.gamma_gamma_rough": (
        "the Gamma-Gamma fit hit a bound or did not converge; treat the forecast as rough"
    ),
    "clv_check.gamma_gamma_q": (
        "Gamma-Gamma q <= 1 (spend has no finite mean); observed means used instead"
    ),
    "clv_check.holdout": (
        "the model fits badly: it predicts {predicted:f1} repeat purchase days after {end} "
        "where {actual:f0} happened"
    ),
}
