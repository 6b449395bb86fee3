"""The trend section in the table, markdown and HTML reports: shown when present, escaped."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from test_report_formats import as_text

from personalroi.report.formats import Format, render
from personalroi.report.html import render_html
from personalroi.report.markdown import render_markdown
from personalroi.report.trend_view import calendar_periods, exposure_weeks

FIXTURE = Path(__file__).parent / "data" / "result_full.json"
EVIL = "<script>alert(1)</script>"


def week(metric: str, k: int | str, lift: float | None, code: str = "ok") -> dict[str, Any]:
    return {"metric": metric, "arm": "extreme", "week": k, "relative_lift": lift, "code": code}


TREND: dict[str, Any] = {
    "observation_end": "2026-09-01T00:00:00",
    "weekly_metrics": ["revenue_per_visitor"],
    "by_exposure_week": [
        week("revenue_per_visitor", 0, 0.3),
        week("revenue_per_visitor", 1, 0.1),
        week("revenue_per_visitor", 2, 0.02, code="below_minimum"),
    ],
    "by_calendar_week": [week("revenue_per_visitor", "2026-07-06", 0.05)],
    "novelty": [
        {
            "metric": "revenue_per_visitor",
            "arm": "extreme",
            "better": "higher",
            "scale": "relative",
            "slope": -0.12,
            "p_value_adjusted": 0.004,
            "drifts": True,
            "novelty": True,
        }
    ],
    "calendar": [
        {
            "period": "summer sale",
            "start": "2026-08-01",
            "end": "2026-08-07",
            "metric": "revenue_per_visitor",
            "arm": "extreme",
            "scale": "relative",
            "lift_with": 0.138,
            "lift_without": 0.143,
            "lift_in": 0.115,
            "p_value_adjusted": 1.0,
            "differs": False,
        }
    ],
}


@pytest.fixture
def result() -> dict[str, Any]:
    out: dict[str, Any] = json.loads(FIXTURE.read_text())
    out["trend"] = copy.deepcopy(TREND)
    return out


def test_views_read_the_section(result: dict[str, Any]) -> None:
    weekly = exposure_weeks(result)
    assert weekly is not None
    _, header, rows = weekly
    assert header == ["metric", "arm", "wk0", "wk1", "wk2", "slope", "p adj.", "reading"]
    # A week below the minimum shows no lift.
    assert rows == [
        ["revenue_per_visitor", "extreme", "+30%", "+10%", "–", "-12.0%", "0.004", "novelty"]
    ]
    calendar = calendar_periods(result)
    assert calendar is not None
    title, header, rows = calendar
    assert "summer sale 2026-08-01 to 2026-08-07" in title and header[0] == "metric"
    assert rows[0][2:5] == ["+13.8%", "+14.3%", "+11.5%"]


@pytest.mark.parametrize("fmt", [Format.table, Format.markdown, Format.html])
def test_every_human_format_shows_the_trend(fmt: Format, result: dict[str, Any]) -> None:
    out = as_text(render(result, fmt))
    assert "Lift by week since first exposure" in out
    assert "Lift with and without calendar periods" in out
    assert "novelty" in out


def test_formats_without_the_section_show_nothing_of_it(result: dict[str, Any]) -> None:
    del result["trend"]
    for fmt in (Format.table, Format.markdown, Format.html):
        assert "Lift by week since first exposure" not in as_text(render(result, fmt))


def test_user_text_in_the_trend_is_escaped(result: dict[str, Any]) -> None:
    for entry in result["trend"]["by_exposure_week"] + result["trend"]["calendar"]:
        entry["metric"] = EVIL
    result["trend"]["calendar"][0]["period"] = EVIL
    result["trend"]["novelty"][0]["metric"] = EVIL
    assert EVIL not in render_html(result)
    assert EVIL not in render_markdown(result)
