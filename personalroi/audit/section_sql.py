"""The by-hand path: one self-contained query per section, for `personalroi sql` to print.

Each section's query reads the raw tables and yields the small table the audit
reads for that section; saved by hand (CSV or Parquet) and named under
`units: {aggregated: {...}}`, the audit reads each through the same reader it
uses for its own engine's result, so both give the same numbers:

- `stats`: per-arm sufficient statistics, overall and per dimension level
  (data/warehouse_sql.py `composed_query`; read by data/aggregated.py);
- `checks`: every number the data-quality checks need (duplicates, contamination,
  missing arms, the window, join coverage, negative values, dimension sources, row
  filters, heavy tails), in long form (data/checks_sql.py; read by data/checks_read.py);
- `clv`: each arm's size and its buyers' purchase histories (clv/summary.py
  `summary_query`; read by clv/history_table.py);
- `trend`: per-arm statistics by exposure cohort, calendar period, governance change and
  week since exposure (data/trend_table.py; read by data/trend.py);
- `moments`: per-arm moments of the ROI's revenue, conversion and covariate values,
  and each buyer's values (audit/moments_table.py, writer and reader), so the ROI
  interval is the joint one;
- `engagement`: per-arm (x segment) session sums, the pooled quantile windows of time
  on site and pages per session with their counts, and the visitors above the medians
  (engagement/table.py, writer and reader);
- `attribution`: per arm and transition, the rule models' credits and the Markov chain's
  transition counts, and per arm its units and the personalized-share statistics
  (attribution/arm_journeys.py, writer and reader; the Markov chain is solved on read).

Each is written in DuckDB SQL and transpiled for the dialect, one statement a section.
The tests run every statement as printed on PostgreSQL, Spark, Snowflake (fakesnow) and
a BigQuery stand-in, and each engine's saved results audit to the local audit
(tests/test_engine_by_hand.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from personalroi.attribution.journey_sql import share_parts
from personalroi.audit.moments_table import moment_columns, moments_query
from personalroi.audit.roi_inputs import find_revenue_metrics
from personalroi.clv.summary import summary_query
from personalroi.config.model import Config
from personalroi.config.where import where_sql
from personalroi.data.checks_sql import CheckInputs, FilteredTable, checks_parts
from personalroi.data.engagement_sums import carried_sums
from personalroi.data.trend_table import trend_query
from personalroi.data.warehouse_sql import (
    UNIT_CTE,
    composed_query,
    configured_arms,
    duplicates_note,
    over_unit_values,
    raw_tables,
    unfiltered_tables,
)
from personalroi.engagement.aggregates import VISITORS, visitor_view
from personalroi.engagement.table import engagement_parts
from personalroi.engines.dialect import to_dialect
from personalroi.errors import PersonalroiError, did_you_mean
from personalroi.plan.query_plan import QueryPlan

SECTIONS = ("stats", "checks", "clv", "trend", "moments", "engagement", "attribution")


@dataclass(frozen=True)
class SectionQuery:
    """One section's statement in the chosen dialect, ending with a semicolon."""

    name: str
    about: str
    sql: str

    @property
    def label(self) -> str:
        return f"-- section: {self.name}  (save as {self.name}.csv; units.aggregated.{self.name})"

    def text(self) -> str:
        return f"{self.label}\n-- {self.about}\n{self.sql}"


def section_queries(
    config: Config, plan: QueryPlan, dialect: str, overrides: Sequence[str] = ()
) -> list[SectionQuery]:
    """Every section the config has, in SECTIONS order (`plan`: the config's)."""
    tables = raw_tables(plan, dialect, overrides)
    arms = configured_arms(plan)
    out = [
        SectionQuery(
            "stats",
            "Per-arm sufficient statistics, overall and per dimension level.",
            to_dialect(composed_query(plan, tables, arms), dialect),
        )
    ]
    out.append(
        SectionQuery(
            "checks",
            "Every number the data-quality checks need, one row each.",
            to_dialect(_checks_sql(plan, tables, arms, dialect, overrides), dialect),
        )
    )
    clv = plan.clv
    if clv is not None:
        end = clv.observation_end or plan.window.end
        out.append(
            SectionQuery(
                "clv",
                "Each arm's units and its buyers' purchase histories (the CLV models' input).",
                to_dialect(summary_query(plan, tables, arms, end), dialect),
            )
        )
    if plan.units.timestamp:
        ctes, select = trend_query(plan, tables, UNIT_CTE)
        sql = over_unit_values(plan, tables, ctes, select, arms, exposure=True)
        out.append(
            SectionQuery(
                "trend",
                "Per-arm statistics by exposure cohort, calendar period, change and week.",
                to_dialect(sql, dialect),
            )
        )
    columns = moment_columns(config, find_revenue_metrics(config))
    if columns:
        orders = clv.orders if clv is not None else None
        buyers = (tables[orders.name], orders.id) if orders is not None else None
        query = moments_query(columns, UNIT_CTE, arms, buyers)
        out.append(
            SectionQuery(
                "moments",
                "Per-arm moments of the ROI's values, and each buyer's (its joint interval).",
                to_dialect(over_unit_values(plan, tables, [], query, arms), dialect),
            )
        )
    if plan.engagement is not None:
        visitors = f"{VISITORS} AS (\n{visitor_view(plan, UNIT_CTE)}\n)"
        ctes, select = engagement_parts(plan.engagement, VISITORS)
        sql = over_unit_values(
            plan, tables, [visitors, *ctes], select, arms, carry=carried_sums(plan)
        )
        out.append(
            SectionQuery(
                "engagement",
                "Per-arm session sums, time-on-site and pages windows, visitors above the medians.",
                to_dialect(sql, dialect),
            )
        )
    att = plan.attribution
    if att is not None:
        touches, convs = tables[att.touches.name], tables[att.conversions.name]
        ctes, select = share_parts(plan, UNIT_CTE, touches, convs)
        out.append(
            SectionQuery(
                "attribution",
                "Per-arm rule-model credits and Markov transitions, and the share statistics.",
                to_dialect(over_unit_values(plan, tables, ctes, select, arms), dialect),
            )
        )
    return out


def _checks_sql(
    plan: QueryPlan,
    tables: dict[str, str],
    arms: list[str] | None,
    dialect: str,
    overrides: Sequence[str],
) -> str:
    """The checks' statement over the raw tables, the unit table being the CTE UNIT_CTE."""
    every_row = unfiltered_tables(plan, dialect, overrides)
    filtered = {
        name: FilteredTable(every_row[name], where_sql(text), key)
        for name, (text, key) in plan.row_filters.items()
    }
    inputs = CheckInputs(tables, UNIT_CTE, filtered)
    ctes, select = checks_parts(plan, inputs)
    return over_unit_values(plan, tables, ctes, select, arms)


def printed(
    config: Config,
    plan: QueryPlan,
    dialect: str,
    overrides: Sequence[str] = (),
    only: str | None = None,
) -> str:
    """What `personalroi sql` prints: a header and every section's labelled statement, or
    (`only`) the one section's."""
    queries = section_queries(config, plan, dialect, overrides)
    if only is not None:
        names = [q.name for q in queries]
        if only not in names:
            raise PersonalroiError(
                f"--section {only!r}: this config has no such section"
                f"{did_you_mean(only, names)}; sections: {', '.join(names)}."
            )
        return next(q for q in queries if q.name == only).text()
    files = ", ".join(f"{q.name}: {q.name}.csv" for q in queries)
    header = (
        f"-- personalroi sql --dialect {dialect}: the by-hand queries for {plan.experiment!r},\n"
        "-- one statement per section. Run each where the data lives, save its result as CSV\n"
        "-- or Parquet and audit them with\n"
        f"-- units: {{aggregated: {{{files}}}}}.\n"
        f"-- {duplicates_note(plan.units)}\n"
    )
    return header + "\n".join("\n" + q.text() for q in queries)
