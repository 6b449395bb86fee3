"""Every output format renders a full result and a minimal one; user text is escaped."""

from __future__ import annotations

import copy
import csv
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console

from personalroi.report.csv_format import COLUMNS, cell, render_csv
from personalroi.report.formats import Format, render
from personalroi.report.html import render_html
from personalroi.report.markdown import render_markdown, text

FIXTURE = Path(__file__).parent / "data" / "result_full.json"
EVIL = "<script>alert(1)</script>"
OPTIONAL = ("roi", "scorecard", "gaps", "priorities", "provenance")


@pytest.fixture(scope="module")
def full() -> dict[str, Any]:
    result: dict[str, Any] = json.loads(FIXTURE.read_text())
    return result


@pytest.fixture(scope="module")
def minimal(full: dict[str, Any]) -> dict[str, Any]:
    """A result as the core audit writes it: none of the ROI/scorecard sections."""
    return {k: v for k, v in full.items() if k not in OPTIONAL}


def as_text(rendered: Any) -> str:
    if isinstance(rendered, str):
        return rendered
    buffer = io.StringIO()
    Console(file=buffer, width=160, no_color=True).print(rendered)
    return buffer.getvalue()


@pytest.mark.parametrize("fmt", list(Format))
@pytest.mark.parametrize("which", ["full", "minimal"])
def test_every_format_renders(fmt: Format, which: str, request: pytest.FixtureRequest) -> None:
    result = request.getfixturevalue(which)
    out = as_text(render(result, fmt))
    assert out.strip()
    if fmt is not Format.csv:
        assert "Homepage personalization Q3" in out


def test_markdown_renders_optional_sections_only_when_present(
    full: dict[str, Any], minimal: dict[str, Any]
) -> None:
    md = render_markdown(full)
    for heading in ("### ROI", "### Scorecard 64/100, pass mark 70: FAIL", "### Gaps"):
        assert heading in md
    assert "### Priorities" in md
    assert "**✅ extreme pays off: ROI +67% (95% CI +12% to +125%), 99% chance it pays.**" in md
    assert "| extreme | 162,000 | 252,000 | 18,000 | +67.0% [+12.0%, +125.0%] | 99.0% |" in md
    bare = render_markdown(minimal)
    for heading in ("### ROI", "### Scorecard", "### Gaps", "### Priorities"):
        assert heading not in bare
    assert "### Metrics: treatment vs control" in bare


def test_markdown_escapes_user_text() -> None:
    assert text("a|b") == r"a\|b"
    assert text("[x](http://evil)") == r"\[x\](http://evil)"
    assert text(EVIL) == "&lt;script&gt;alert(1)&lt;/script&gt;"
    assert text("two\nlines") == "two lines"


def test_csv_opens_with_the_headline_as_a_comment(full: dict[str, Any]) -> None:
    first = render_csv(full).split("\r\n", 1)[0]
    assert first == "# " + full["verdict"]["headline"]


def _csv_rows(result: dict[str, Any]) -> list[list[str]]:
    """Rows after the leading comment line, as `csv.reader(..., comment="#")` would."""
    text = render_csv(result).split("\r\n", 1)[1]
    return list(csv.reader(io.StringIO(text, newline="")))


def test_csv_one_row_per_metric_arm_level(full: dict[str, Any]) -> None:
    header, *body = _csv_rows(full)
    rows = [dict(zip(header, r, strict=True)) for r in body]
    assert len(rows) == len(full["metrics"])
    assert list(rows[0]) == list(COLUMNS)
    keys = {(r["metric"], r["arm"], r["dimension"], r["level"]) for r in rows}
    assert len(keys) == len(rows)
    first = full["metrics"][0]
    assert float(rows[0]["absolute_ci_low"]) == first["absolute_ci"][0]
    assert float(rows[0]["relative_lift"]) == first["relative_lift"]


@pytest.mark.parametrize("danger", ["=1+1", "+cmd", "-2+3", "@SUM(A1)", "\tx", "\rx"])
def test_csv_defuses_formula_cells(full: dict[str, Any], danger: str) -> None:
    result = copy.deepcopy(full)
    row = result["metrics"][-1]
    row["level"] = danger
    row["arm"] = danger
    parsed = _csv_rows(result)
    last = dict(zip(parsed[0], parsed[-1], strict=True))
    assert last["level"] == "'" + danger
    assert last["arm"] == "'" + danger


def test_csv_numbers_stay_numbers() -> None:
    assert cell(-0.5) == -0.5
    assert cell(None) == ""
    assert cell(True) == "true"
    assert cell("-x") == "'-x"
    assert cell("plain") == "plain"


def poisoned(full: dict[str, Any]) -> dict[str, Any]:
    """Every user-supplied string replaced by a script tag."""
    result = copy.deepcopy(full)
    exp = result["experiment"]
    exp["name"] = exp["hypothesis"] = exp["control"] = EVIL + "$x$"
    exp["treatments"] = [EVIL + t for t in exp["treatments"]]
    for row in result["metrics"]:
        row["arm"] = EVIL + row["arm"]
        row["metric"] = EVIL + row["metric"]
        if row["level"] is not None:
            row["level"] = EVIL + row["level"]
            row["dimension"] = EVIL + row["dimension"]
    for section in ("roi", "priorities", "gaps"):
        for row in result[section]:
            for key, value in row.items():
                if isinstance(value, str):
                    row[key] = EVIL + value
    for item in result["scorecard"]["items"]:
        item["name"], item["arm"] = EVIL, EVIL
    result["data_quality"]["srm"]["observed"] = {EVIL: 1}
    for check in result["data_quality"]["checks"]:
        check["name"] = check["detail"] = EVIL
    return result


def test_html_escapes_every_user_string(full: dict[str, Any]) -> None:
    page = render_html(poisoned(full), [{"recorded_at": EVIL, "score": 1, "roi": 0.1}] * 3)
    assert "<script" not in page.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "script-src" not in page and "default-src 'none'" in page


def test_markdown_escapes_every_user_string(full: dict[str, Any]) -> None:
    md = render_markdown(poisoned(full))
    assert "<script" not in md.lower()


def test_html_is_self_contained_and_deterministic(full: dict[str, Any]) -> None:
    page = render_html(full)
    assert page == render_html(full)
    urls = set(re.findall(r"https?://[^\s\"'<>]+", page))
    assert all(u.startswith("http://www.w3.org/") for u in urls), urls  # SVG namespaces only
    assert "src=" not in page and "<link" not in page and "@import" not in page
    assert page.count("<svg") >= 4  # build-up, forest, two segment charts
    for section in ("id='verdict'", "id='roi'", "id='scorecard'", "id='lifts'", "id='gaps'"):
        assert section in page
    assert "sha256:abab" in page


def test_html_without_optional_sections(minimal: dict[str, Any]) -> None:
    page = render_html(minimal)
    assert "id='roi'" not in page and "id='scorecard'" not in page
    assert "id='lifts'" in page and "id='verdict'" in page
