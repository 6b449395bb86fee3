"""One decision, told the same way everywhere: the verdict, harms, heterogeneity, exit codes.

The experiments here are simulated with known truth: a lift in the app channel
and a loss on the web, or a lower-is-better metric that the arm makes worse.
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from rich.console import Console
from typer.testing import CliRunner

from personalroi.cli import app
from personalroi.report.csv_format import render_csv
from personalroi.report.html import render_html
from personalroi.report.json_format import render_json
from personalroi.report.markdown import render_markdown
from personalroi.report.markdown import text as markdown_text
from personalroi.report.table import render_table

runner = CliRunner()
UNITS_PER_ARM = 20_000
FIRST_SCREEN = 40  # lines of a terminal a reviewer sees without scrolling


def write_experiment(folder: Path, *, app_lift: float, web_lift: float, error_lift: float) -> None:
    """Control converts 10 % in both channels; the arm multiplies that per channel."""
    rng = np.random.default_rng(7)
    lines = ["visitor_id,variant,channel,converted,revenue,errors"]
    for arm, index in (("generic", 0), ("personalized", 1)):
        channel = rng.choice(["app", "web"], size=UNITS_PER_ARM)
        rate = np.full(UNITS_PER_ARM, 0.10)
        if arm == "personalized":
            rate = np.where(channel == "app", 0.10 * (1 + app_lift), 0.10 * (1 + web_lift))
        converted = rng.random(UNITS_PER_ARM) < rate
        revenue = np.where(converted, rng.lognormal(3.5, 0.5, UNITS_PER_ARM), 0.0)
        errors = rng.poisson(1.0 * (1 + error_lift * index), UNITS_PER_ARM)
        lines += [
            f"{arm[0]}{i},{arm},{channel[i]},{int(converted[i])},{revenue[i]:.2f},{errors[i]}"
            for i in range(UNITS_PER_ARM)
        ]
    (folder / "units.csv").write_text("\n".join(lines) + "\n")


def write_config(folder: Path, extra_metrics: str = "", scorecard: str = "") -> Path:
    text = f"""
experiment: {{name: Channel test, control: generic}}
units: {{path: units.csv, id: visitor_id, arm: variant, dimensions: [channel]}}
metrics:
  conversion_rate: {{type: binary, value: units.converted, goal: {{relative_lift: 0.05}}}}
  revenue_per_visitor: {{type: mean, value: units.revenue}}
{extra_metrics}
costs:
  - {{name: engine, category: technology, one_off: 300000}}
economics: {{revenue_metric: revenue_per_visitor, eligible_units_per_month: 100000}}
{scorecard}
"""
    path = folder / "config.yaml"
    path.write_text(text)
    return path


def audit_json(config: Path, *extra: str) -> dict[str, Any]:
    res = runner.invoke(app, ["audit", "-q", "-c", str(config), "-f", "json", *extra])
    assert res.exit_code in (0, 1), res.output
    parsed: dict[str, Any] = json.loads(res.stdout)
    return parsed


def terminal(result: dict[str, Any]) -> str:
    buffer = io.StringIO()
    Console(file=buffer, width=100, no_color=True, color_system=None).print(render_table(result))
    return buffer.getvalue()


@pytest.fixture(scope="module")
def omnichannel(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """App +80 %, web -40 % (both significant), overall positive: it would 'pay off'."""
    folder = tmp_path_factory.mktemp("omnichannel")
    write_experiment(folder, app_lift=0.8, web_lift=-0.4, error_lift=0.0)
    return audit_json(write_config(folder))


@pytest.fixture(scope="module")
def harmed_metric(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Conversion +20 % everywhere, but errors (better: lower, no guardrail) +36 %."""
    folder = tmp_path_factory.mktemp("harmed")
    write_experiment(folder, app_lift=0.2, web_lift=0.2, error_lift=0.36)
    extra = "  errors: {type: mean, value: units.errors, better: lower}"
    return audit_json(write_config(folder, extra))


def test_a_harmed_channel_is_a_reason_a_high_gap_and_on_the_first_screen(
    omnichannel: dict[str, Any],
) -> None:
    verdict = omnichannel["verdict"]
    overall = next(
        r for r in omnichannel["metrics"] if r["metric"] == "conversion_rate" and not r["level"]
    )
    assert overall["relative_lift"] > 0 and overall["significant"]
    # The money alone would pay (P(ROI>0) ~ 1); the harm keeps it from `pays`.
    assert omnichannel["roi"][0]["probability_roi_positive"] > 0.99
    assert verdict["status"] == "promising"
    web = [r for r in verdict["reasons"] if r["kind"] == "harm" and r["level"] == "web"]
    assert web and web[0]["dimension"] == "channel" and web[0]["metric"] == "conversion_rate"
    assert "but it harms conversion_rate for channel web -" in verdict["headline"]
    omni = [g for g in omnichannel["gaps"] if g["area"] == "omnichannel"]
    assert omni and omni[0]["severity"] == "high" and omni[0]["level"] == "web"
    assert "inconsistent across channels (omnichannel)" in omni[0]["finding"]
    assert re.search(r"worst channel web: -\d+\.\d% \[-\d+\.\d%, -\d+\.\d%\]", omni[0]["finding"])
    assert omnichannel["gaps"][0]["severity"] == "high"
    first_screen = "\n".join(terminal(omnichannel).splitlines()[:FIRST_SCREEN])
    assert "channel web" in first_screen
    assert "PAYS OFF" not in terminal(omnichannel)


def test_a_harmed_metric_without_guardrail_reaches_the_verdict(
    harmed_metric: dict[str, Any],
) -> None:
    errors = next(
        r for r in harmed_metric["metrics"] if r["metric"] == "errors" and not r["dimension"]
    )
    assert errors["status"] == "harmful" and errors["relative_lift"] == pytest.approx(0.36, 0.15)
    verdict = harmed_metric["verdict"]
    assert verdict["status"] == "promising"  # money pays, but never `pays` beside a harm
    (reason,) = [r for r in verdict["reasons"] if r["kind"] == "harm" and not r["level"]]
    assert reason["metric"] == "errors" and reason["arm"] == "personalized"
    assert "but it harms errors +" in verdict["headline"]
    (priority,) = harmed_metric["priorities"]
    assert priority["recommendation"].startswith("significantly harms errors +")
    assert "significantly worse" not in priority["recommendation"]
    high = [g for g in harmed_metric["gaps"] if g["area"] == "harm" and g["metric"] == "errors"]
    assert high and high[0]["severity"] == "high"
    assert harmed_metric["summary"]["harmed"].startswith("errors significantly worse")
    first_screen = "\n".join(terminal(harmed_metric).splitlines()[:FIRST_SCREEN])
    assert "errors significantly worse in personalized" in first_screen


def test_a_harmed_guardrail_is_harmful_and_fails_the_gate(tmp_path: Path) -> None:
    write_experiment(tmp_path, app_lift=0.2, web_lift=0.2, error_lift=0.36)
    extra = "  errors: {type: mean, value: units.errors, better: lower, guardrail: true}"
    config = write_config(tmp_path, extra)
    res = runner.invoke(app, ["audit", "-q", "-c", str(config), "-f", "json"])
    assert res.exit_code == 1
    verdict = json.loads(res.stdout)["verdict"]
    assert verdict["status"] == "harmful"
    assert verdict["headline"].startswith("Harmful: errors (guardrail) significantly worse")
    # --quiet silences progress, never the reason for a failing exit code.
    assert "gate failed: guardrail metric significantly harmed: errors in personalized" in (
        res.stderr
    )


def _headline_first(text: str, headline: str) -> None:
    assert headline in text
    at = text.index(headline)
    for word in ("PASS", "FAIL", "Scorecard", "ROI over", "### ROI", "<h2>ROI"):
        if word in text:
            assert at < text.index(word), word


@pytest.mark.parametrize("name", ["omnichannel", "harmed_metric"])
def test_every_format_opens_with_the_same_headline(name: str, request: Any) -> None:
    result: dict[str, Any] = request.getfixturevalue(name)
    headline = result["verdict"]["headline"]
    _headline_first(terminal(result).replace("\n         ", " "), headline[:60])
    _headline_first(render_markdown(result), markdown_text(headline))
    _headline_first(render_html(result), headline.replace("'", "&#x27;"))
    assert render_csv(result).startswith(f"# {headline}\r\n")
    keys = list(json.loads(render_json(result)))
    assert keys.index("verdict") < keys.index("metrics")


def test_the_score_gates_only_with_a_pass_mark(tmp_path: Path) -> None:
    write_experiment(tmp_path, app_lift=0.0, web_lift=0.0, error_lift=0.0)
    config = write_config(tmp_path)
    res = runner.invoke(app, ["audit", "-q", "-c", str(config), "-f", "json"])
    card = json.loads(res.stdout)["scorecard"]
    assert card["score"] < 70 and card["pass_score"] is None and card["passed"] is None
    assert res.exit_code == 0  # no implicit pass mark
    fail = runner.invoke(app, ["audit", "-q", "-c", str(config), "--fail-under", "70"])
    assert fail.exit_code == 1
    assert re.search(r"gate failed: score \d+\.\d is below 70", fail.stderr)
    gated = write_config(tmp_path, scorecard="scorecard: {pass_score: 70}")
    assert runner.invoke(app, ["audit", "-q", "-c", str(gated)]).exit_code == 1


def test_fail_under_without_goals_is_a_usage_error(tmp_path: Path) -> None:
    write_experiment(tmp_path, app_lift=0.0, web_lift=0.0, error_lift=0.0)
    config = write_config(tmp_path)
    config.write_text(config.read_text().replace(", goal: {relative_lift: 0.05}", ""))
    res = runner.invoke(app, ["audit", "-q", "-c", str(config), "--fail-under", "50"])
    assert res.exit_code == 2
    assert "--fail-under 50: the config has no goals to score" in res.stderr
