"""The HTML report: the audit's verdict first, PASS never dressed as success unless the
result pays, plain-language summary and glossary, units and rounding, safe templates."""

from __future__ import annotations

import copy
import html
import re
import subprocess
import sys
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from html_results import STATUSES, SUMMARY, fixture, read, with_verdict

from personalroi.document import audit_json_problem
from personalroi.report import html_charts
from personalroi.report.html import render_html
from personalroi.report.verdict_view import older_result

EVIL = "<script>alert(1)</script>"
PASS_FAIL = re.compile(r"\b(PASS|FAIL)\b")


@pytest.fixture(scope="module")
def full() -> dict[str, Any]:
    return fixture()


def text_of(page: str) -> str:
    """The page's visible text, in order (tags dropped)."""
    body = page[page.index("<body>") :]
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


@pytest.mark.parametrize("status", STATUSES)
def test_headline_comes_before_any_pass_or_fail(full: dict[str, Any], status: str) -> None:
    result = with_verdict(full, status)
    shown = text_of(render_html(result))
    first = PASS_FAIL.search(shown)
    assert first is not None  # the fixture's scorecard has a pass mark: FAIL is shown
    assert shown.index(result["verdict"]["headline"]) < first.start()
    title = shown.index("Homepage personalization Q3")
    # Nothing but the title comes before the headline.
    assert shown[title:].startswith("Homepage personalization Q3 " + result["verdict"]["headline"])


@pytest.mark.parametrize("status", STATUSES)
def test_pass_is_green_only_when_the_verdict_pays(full: dict[str, Any], status: str) -> None:
    result = with_verdict(full, status)
    result["scorecard"].update(score=81.0, passed=True)
    page = read(render_html(result))
    assert page.texts["score-line"] == "Scorecard 81/100, pass mark 70: PASS"
    assert ("good" in page.classes["score-line"]) is (status == "pays")
    tone = {"pays": "good", "harmful": "bad", "does_not_pay": "bad"}.get(status, "neutral")
    assert page.classes["verdict"] == ["verdict", tone]


def test_a_failed_scorecard_is_never_green(full: dict[str, Any]) -> None:
    page = read(render_html(with_verdict(full, "pays")))
    assert page.texts["score-line"] == "Scorecard 64/100, pass mark 70: FAIL"
    assert "good" not in page.classes["score-line"]


def test_no_pass_mark_gates_nothing(full: dict[str, Any]) -> None:
    result = with_verdict(full, "promising")
    result["scorecard"].update(pass_score=None, passed=None)
    page_html = render_html(result)
    assert read(page_html).texts["score-line"] == "Scorecard 64/100 (no pass mark set)"
    assert "No pass mark set: the score gates nothing." in page_html
    assert not PASS_FAIL.search(text_of(page_html))


def test_reasons_are_listed_under_the_headline(full: dict[str, Any]) -> None:
    shown = text_of(render_html(with_verdict(full, "harmful")))
    verdict = shown[: shown.index("In plain words")]
    assert "ROI P(ROI > 0) for extreme is 99%." in verdict
    assert "Guardrail page_load_errors in extreme rose 13%." in verdict
    assert "Harmful" in verdict  # the status in words


def test_summary_for_non_technical_readers_skips_null_sentences(full: dict[str, Any]) -> None:
    shown = text_of(render_html(with_verdict(full)))
    summary = shown[shown.index("In plain words") : shown.index("Return on investment")]
    assert f"What was tested {SUMMARY['tested']}" in summary
    assert f"What it is worth {SUMMARY['worth']}" in summary
    assert f"What to do next {SUMMARY['next_step']}" in summary
    assert "What was harmed" not in summary and "How much more data" not in summary


def test_sections_in_order(full: dict[str, Any]) -> None:
    earlier = {"recorded_at": "2026-08-01", "score": 1, "roi": None}
    page = render_html(with_verdict(full), [earlier] * 2)
    ids = re.findall(r"<section[^>]* id='([a-z-]+)'", page)
    assert ids == [
        "verdict", "summary", "roi", "scorecard", "gaps", "priorities", "lifts", "segments",
        "trend", "quality", "glossary",
    ]  # fmt: skip


def test_gaps_keep_the_results_order(full: dict[str, Any]) -> None:
    result = with_verdict(full)
    result["gaps"] = list(reversed(result["gaps"]))
    rows = read(render_html(result)).tables["gaps"][0][1:]
    assert [r[2] for r in rows] == [g["finding"] for g in result["gaps"]]


def test_glossary_explains_the_terms(full: dict[str, Any]) -> None:
    shown = text_of(render_html(with_verdict(full)))
    glossary = shown[shown.index("Glossary") :]
    for term in ("p adj.", "P(beat control)", "P(ROI>0)", "CUPED", "CI", "SRM", "guardrail"):
        assert re.search(rf"{re.escape(term)} [A-Z]", glossary), term
    assert "break-even The lift at which" in glossary


def test_nps_lifts_are_points(full: dict[str, Any]) -> None:
    page = read(render_html(with_verdict(full)))
    header, *rows = page.tables["lifts"][0]
    lift = header.index("lift (95% CI)")
    nps = {r[1]: r[lift] for r in rows if r[0] == "nps"}
    assert nps == {"subtle": "+1.7 pts [-6.1, +9.5] pts", "extreme": "-6.6 pts [-14.2, +1.1] pts"}
    assert all("%" in r[lift] for r in rows if r[0] != "nps")
    segments = [r for table in page.tables["segments"] for r in table]
    assert all("pts" in r[4] and "%" not in r[4] for r in segments if "nps" in r[0])


def test_money_and_months_are_rounded(full: dict[str, Any]) -> None:
    result = with_verdict(full)
    result["roi"][1].update(payback_months=9.50355, investment=162000.4, npv=108123.456)
    page_html = render_html(result)
    header, *rows = read(page_html).tables["roi"][0]
    extreme = dict(zip(header, rows[1], strict=True))
    assert extreme["payback"] == "9.5 months"
    assert extreme["investment"] == "162,000 EUR"
    assert extreme["NPV"] == "108,123 EUR"
    assert "9.50355" not in page_html and "108123" not in page_html


def test_a_result_without_verdict_says_it_is_old(full: dict[str, Any]) -> None:
    old = {k: v for k, v in full.items() if k not in ("verdict", "summary")}
    page = read(render_html(old))
    assert page.texts["headline"] == older_result()
    assert page.classes["verdict"] == ["verdict", "neutral"]
    assert "In plain words" not in render_html(old)


def test_verdict_and_summary_text_is_escaped(full: dict[str, Any]) -> None:
    result = with_verdict(full, headline=EVIL)
    result["verdict"]["reasons"][0]["text"] = EVIL
    result["verdict"]["status"] = EVIL
    result["summary"] = dict.fromkeys(SUMMARY, EVIL)
    page_html = render_html(result)
    assert "<script" not in page_html.lower()
    assert page_html.count("&lt;script&gt;") >= 8


def test_charts_must_pass_the_svg_allow_list() -> None:
    ok = "<svg xmlns='http://www.w3.org/2000/svg'><g><text>a &lt; b</text></g></svg>"
    assert str(html_charts.safe_svg(ok)) == ok
    for bad in (
        "<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>",
        "<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'></svg>",
        "<svg xmlns='http://www.w3.org/2000/svg' xmlns:x='http://www.w3.org/1999/xlink'>"
        "<use x:href='http://evil/x.svg#a'/></svg>",
        "<svg xmlns='http://www.w3.org/2000/svg'><text>a <b></text></svg>",
        "<svg xmlns='http://www.w3.org/2000/svg'><foreignObject/></svg>",
        "<svg xmlns='http://www.w3.org/2000/svg'><rect style='fill:url(http://evil)'/></svg>",
    ):
        with pytest.raises(html_charts.UnsafeSvgError):
            html_charts.safe_svg(bad)


def test_user_labels_in_charts_stay_text(full: dict[str, Any]) -> None:
    result = with_verdict(full)
    for row in result["metrics"]:
        row["arm"] = EVIL + row["arm"]
    chart = html_charts.forest_plot([r for r in result["metrics"] if r["dimension"] is None])
    assert "<script" not in chart and "&lt;script&gt;" in chart


def test_templates_ship_with_the_package() -> None:
    templates = resources.files("personalroi.report") / "templates"
    names = {p.name for p in templates.iterdir()}
    assert {"report.html.j2", "_macros.html.j2", "_style.css"} <= names


def test_help_does_not_import_jinja2() -> None:
    code = "import sys; from personalroi.cli import app; print('jinja2' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_minimal_result_renders(full: dict[str, Any]) -> None:
    kept = ("schema_version", "experiment", "data_quality")
    bare = copy.deepcopy({k: v for k, v in full.items() if k in kept})
    bare["metrics"] = []
    assert audit_json_problem(bare) is None  # the least a saved result may hold
    page_html = render_html(bare)
    assert (
        older_result() in page_html and "id='quality'" in page_html and "id='glossary'" in page_html
    )


def test_the_sample_audit_shows_nps_in_points_over_time(example_config: Path) -> None:
    from personalroi.audit.run import run_audit
    from personalroi.config import load_config
    from personalroi.report.json_format import result_to_dict

    result = result_to_dict(run_audit(load_config(example_config)))
    if "verdict" not in result:  # until the audit writes one
        result = with_verdict(result, "promising")
    page = read(render_html(result))
    exposure, calendar, cohort = page.tables["lift-trend"]
    nps_rows = [r for r in calendar[1:] + cohort[1:] if r[0] == "nps"]
    assert len(nps_rows) == 4  # both arms, in the calendar period and per cohort week
    for row in nps_rows:
        assert "pts" in " ".join(row) and not any(c.endswith("%") for c in row), row
    payback = [r[6] for r in page.tables["roi"][0][1:]]
    assert all(re.fullmatch(r"–|never|[\d,]+\.\d months", p) for p in payback), payback
