"""compile_plan on the bundled sample: the query plan's metrics, checks and inputs, by hand."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from personalroi.config import load_config
from personalroi.plan.compile import compile_plan
from personalroi.plan.inputs import Dimension, RowFilter, Window
from personalroi.plan.query_plan import QueryPlan
from personalroi.plan.refs import PrePeriod, ValueRef

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "configs" / "example.yaml"


@pytest.fixture(scope="module")
def plan() -> QueryPlan:
    return compile_plan(load_config(SAMPLE))


def test_the_window_and_arms_are_the_experiments(plan: QueryPlan) -> None:
    assert plan.experiment == "Homepage personalization Q3"
    assert plan.window == Window(dt.date(2026, 7, 1), dt.date(2026, 8, 31))
    assert plan.arms.control == "generic"
    assert plan.arms.treatments == ("subtle", "extreme")
    assert plan.calendar == (Window(dt.date(2026, 8, 1), dt.date(2026, 8, 7)),)
    assert plan.changes == {0: dt.date(2026, 7, 15)}


def test_the_clv_metric_is_not_computed_by_the_data_layer(plan: QueryPlan) -> None:
    assert "clv_forecast" not in plan.metrics
    assert list(plan.metrics) == [
        "conversion_rate",
        "revenue_per_visitor",
        "average_order_value",
        "bounce_rate",
        "pages_per_visitor",
        "nps",
        "page_load_errors",
    ]


def test_value_references_by_role(plan: QueryPlan) -> None:
    assert plan.metrics["conversion_rate"].refs == {"value": ValueRef("orders", "count", "sum")}
    assert plan.metrics["average_order_value"].refs == {
        "num": ValueRef("orders", "amount", "sum"),
        "den": ValueRef("orders", "count", "sum"),
    }
    assert plan.metrics["bounce_rate"].refs == {"value": ValueRef("sessions", "bounced", "max")}
    assert plan.metrics["nps"].refs["value"].alias == "survey__score__mean"


def test_statistics_follow_type_and_covariate(plan: QueryPlan) -> None:
    revenue = plan.metrics["revenue_per_visitor"]
    assert revenue.pre_period == PrePeriod("pre_revenue")
    assert revenue.winsorize == 0.999
    # A mean metric with a covariate: the x sums and the x-y cross sums.
    assert revenue.statistics == ("n", "sum", "sum_sq", "sum_y", "sum_y_sq", "sum_xy")
    assert plan.metrics["conversion_rate"].statistics == ("n", "sum", "sum_sq")
    assert plan.metrics["average_order_value"].statistics == (
        "n",
        "sum",
        "sum_sq",
        "sum_y",
        "sum_y_sq",
        "sum_xy",
    )
    assert plan.metrics["nps"].statistic_columns == ["nps__n", "nps__sum", "nps__sum_sq"]


def test_covariates_and_unit_columns(plan: QueryPlan) -> None:
    assert plan.units.covariate_columns == {"revenue_per_visitor": "pre_revenue"}
    assert plan.unit_value_columns == ["pre_revenue"]
    assert plan.units.own_dimensions == ["segment", "channel", "device"]
    assert plan.units.joined_dimensions == {}


def test_check_columns(plan: QueryPlan) -> None:
    # `orders.count` counts rows: no column of its own to check.
    assert plan.numeric_columns == {
        "units": ["pre_revenue"],
        "orders": ["amount"],
        "sessions": ["bounced", "pages", "errors"],
        "survey": ["score"],
    }
    # Only mean and ratio metrics' amounts: bounced (binary) and score (nps) may not warn.
    assert plan.negative_columns == {"orders": ["amount"], "sessions": ["pages", "errors"]}


def test_engagement_plan_names_its_numeric_columns(plan: QueryPlan) -> None:
    eng = plan.engagement
    assert eng is not None and eng.has_clicks
    assert eng.columns() == [
        ("time_on_site", "sessions", "time_on_site"),
        ("pages", "sessions", "pages"),
        ("bounced", "sessions", "bounced"),
        ("personalized_impressions", "sessions", "personalized_impressions"),
        ("personalized_clicks", "sessions", "personalized_clicks"),
        ("default_impressions", "sessions", "default_impressions"),
        ("default_clicks", "sessions", "default_clicks"),
        ("value", "orders", "amount"),
    ]


def test_refs_by_source_and_weekly_metrics(plan: QueryPlan) -> None:
    assert sorted(plan.refs_by_source["orders"]) == ["orders__amount__sum", "orders__count__sum"]
    assert sorted(plan.refs_by_source["sessions"]) == [
        "sessions__bounced__max",
        "sessions__errors__sum",
        "sessions__pages__sum",
    ]
    # The survey has no timestamp: nps has no week since exposure.
    assert "nps" not in plan.weekly_metrics
    assert "revenue_per_visitor" in plan.weekly_metrics


def test_narrowed_plans_drop_covariates_and_set_the_dimensions(plan: QueryPlan) -> None:
    weekly = plan.narrowed(plan.weekly_metrics, ["trend__week"])
    assert weekly.units.dimensions == (Dimension.own("trend__week"),)
    assert weekly.units.covariate_columns == {}
    assert weekly.metrics["revenue_per_visitor"].statistics == ("n", "sum", "sum_sq")
    bare = plan.units_only()
    assert bare.metrics == {} and bare.units.dimensions == () and bare.refs_by_source == {}


def test_joined_dimensions_and_row_filters(tmp_path: Path) -> None:
    text = SAMPLE.read_text().replace("../sample_data/", f"{ROOT}/sample_data/")
    text = text.replace(
        "dimensions: [segment, channel, device]", "dimensions: [segment, survey.score, a.b]"
    )
    text = text.replace("  covariates:", "  where: \"segment <> 'x'\"\n  covariates:", 1)
    (tmp_path / "c.yaml").write_text(text)
    plan = compile_plan(load_config(tmp_path / "c.yaml"))
    assert plan.units.joined_dimensions == {"survey.score": ("survey", "score")}
    # `a` is no source: a units column whose name has a dot.
    assert plan.units.own_dimensions == ["segment", "a.b"]
    assert plan.row_filters == {"units": RowFilter("segment <> 'x'", "units.where")}


def test_clv_and_attribution_read_resolved_sources(plan: QueryPlan) -> None:
    assert plan.clv is not None and plan.attribution is not None
    assert plan.clv.orders == plan.sources["orders"]
    clv = plan.clv
    assert (clv.amount, clv.category, clv.time_unit) == ("amount", "category", "week")
    assert plan.attribution.touches.timestamp == "touched_at"
    assert plan.attribution.conversions.name == "orders"
    assert (plan.attribution.channel, plan.attribution.personalized) == (
        "channel",
        "is_personalized",
    )
    assert plan.attribution.half_life_days == 7.0
