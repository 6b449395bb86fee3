"""`history portfolio`: the programme ROI against a hand-worked example, its closed form and a
simulation; which arm and which experiments count; the CLI in every format."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from scipy import stats
from typer.testing import CliRunner

from personalroi.cli import app
from personalroi.history import store
from personalroi.history.portfolio import PortfolioError, portfolio_from_history
from personalroi.i18n import Lang, say_all, using
from personalroi.roi.programme import ExperimentMoney, programme_roi, roi_se_from_ci

runner = CliRunner()

# Three experiments (investment, benefit, ROI standard error), worked by hand:
#   benefit SEs 0.2 x 100k = 20k, 0.3 x 50k = 15k, 0.4 x 50k = 20k
#   I = 200k, B = 280k, ROI = 80k / 200k = 0.4
#   se(B) = sqrt(20k^2 + 15k^2 + 20k^2) = sqrt(1025) k = 32,015.62; se(ROI) = 0.1600781
#   95 %: 0.4 -+ 1.959964 x 0.1600781 = [0.086253, 0.713747]; P(ROI > 0) = Phi(2.49878) = 0.993769
PARTS = [
    ExperimentMoney(100_000, 150_000, 0.2),
    ExperimentMoney(50_000, 40_000, 0.3),
    ExperimentMoney(50_000, 90_000, 0.4),
]


def test_programme_roi_hand_worked() -> None:
    total = programme_roi(PARTS, 0.05)
    assert (total.investment, total.benefit) == (200_000, 280_000)
    assert total.roi == pytest.approx(0.4, abs=1e-12)
    assert total.benefit_se == pytest.approx(32_015.62, abs=0.01)
    assert total.roi_se == pytest.approx(0.1600781, abs=1e-7)
    assert total.roi_ci == pytest.approx((0.086253, 0.713747), abs=1e-6)
    assert total.probability_roi_positive == pytest.approx(0.993769, abs=1e-6)


def test_programme_roi_closed_form() -> None:
    """Against scipy: the normal of the summed benefits, scaled by the total investment."""
    rng = np.random.default_rng(5)
    for _ in range(50):
        k = int(rng.integers(1, 6))
        inv, ben, se = rng.uniform(1e3, 1e6, k), rng.uniform(0, 2e6, k), rng.uniform(0.01, 3, k)
        alpha = float(rng.choice([0.01, 0.05, 0.1]))
        total = programme_roi([ExperimentMoney(*p) for p in zip(inv, ben, se, strict=True)], alpha)
        dist = stats.norm(ben.sum() / inv.sum() - 1, math.sqrt(((se * inv) ** 2).sum()) / inv.sum())
        assert total.roi == pytest.approx(dist.mean(), rel=1e-12)
        assert total.roi_ci == pytest.approx(dist.interval(1 - alpha), rel=1e-9)
        assert total.probability_roi_positive == pytest.approx(dist.sf(0), abs=1e-12)


def test_programme_roi_simulated() -> None:
    """Known truth: independent normal benefits; the simulated programme ROI's spread and
    chance of being positive match the interval's."""
    rng = np.random.default_rng(18)
    draws = np.column_stack(
        [rng.normal(p.benefit, p.roi_se * p.investment, 400_000) for p in PARTS]
    )
    roi = draws.sum(axis=1) / 200_000 - 1
    total = programme_roi(PARTS, 0.05)
    assert roi.std() == pytest.approx(total.roi_se, rel=0.01)
    assert (roi > 0).mean() == pytest.approx(total.probability_roi_positive, abs=0.001)
    low, high = total.roi_ci  # type: ignore[misc]
    assert ((roi >= low) & (roi <= high)).mean() == pytest.approx(0.95, abs=0.002)


def test_degenerate_totals() -> None:
    assert programme_roi([], 0.05).roi is None
    exact = programme_roi([ExperimentMoney(10, 30, 0.0)], 0.05)
    assert (exact.roi, exact.roi_ci, exact.probability_roi_positive) == (2.0, (2.0, 2.0), 1.0)


def test_se_from_a_recorded_interval() -> None:
    z = stats.norm.ppf(0.975)
    assert roi_se_from_ci((0.5 - z * 0.2, 0.5 + z * 0.2), 0.05) == pytest.approx(0.2)


def result(
    name: str, arms: list[tuple[str, float, float, float]], currency: str = "EUR"
) -> dict[str, Any]:
    """A minimal recorded result (only the keys SPEC section 5 requires): per arm (name,
    investment, benefit, ROI se), ranked by ROI."""
    roi = []
    for arm, inv, benefit, se in arms:
        r = benefit / inv - 1
        roi.append(
            {
                "arm": arm,
                "currency": currency,
                "basis": "gross_profit",
                "horizon_months": 12,
                "investment": inv,
                "incremental_revenue": 4 * benefit,
                "revenue_lift": benefit - 1000.0,
                "revenue_lift_breakdown": {
                    "conversion": benefit - 1000.0,
                    "order_value": 0.0,
                    "clv": 0.0,
                },
                "cost_savings": 1000.0,
                "benefit_cost_ratio": benefit / inv,
                "roi": r,
                "roi_ci": [r - 1.96 * se, r + 1.96 * se],
                "roi_se": se,
                "probability_roi_positive": float(stats.norm.sf(0, r, se)),
                "payback_months": None,
                "npv": benefit - inv,
                "break_even_relative_lift": None,
            }  # fmt: skip
        )
    ranked = sorted(roi, key=lambda x: -x["roi"])
    return {
        "schema_version": 1,
        "experiment": {
            "name": name,
            "control": "generic",
            "treatments": [a[0] for a in arms],
            "alpha": 0.05,
        },  # fmt: skip
        "data_quality": {
            "srm": {"p_value": 0.5, "ok": True, "observed": {}, "expected_share": {}},
            "checks": [],
        },
        "metrics": [],
        "roi": roi,
        "priorities": [
            {"arm": r["arm"], "rank": i + 1, "roi": r["roi"], "investment": r["investment"]}
            for i, r in enumerate(ranked)
        ],
    }


@pytest.fixture
def history(tmp_path: Path) -> Path:
    """Four experiments; the totals are the hand-worked example above:
    - Homepage: two audits; rollout of arm y (ranked 2nd) decided on the first, so y of the
      latest audit counts (100k, 150k, se 0.2)
    - Checkout: no decision, its priority #1 arm z counts (50k, 40k, se 0.3)
    - Search: continue, counts as projected (50k, 90k, se 0.4)
    - Emails: stopped, not in the totals; Legacy: no money figures."""
    path = tmp_path / "h.sqlite"
    home = result("Homepage", [("x", 10_000, 30_000, 0.5), ("y", 100_000, 150_000, 0.2)])
    old_home = result("Homepage", [("x", 10_000, 12_000, 0.5), ("y", 100_000, 90_000, 0.2)])
    store.record(path, old_home)  # 1
    store.record(path, result("Checkout", [("z", 50_000, 40_000, 0.3)]))  # 2
    store.record(path, result("Search", [("s", 50_000, 90_000, 0.4)]))  # 3
    store.record(path, result("Emails", [("e", 20_000, 90_000, 0.1)]))  # 4
    store.record(path, {**result("Legacy", []), "roi": [], "priorities": []})  # 5
    store.record(path, home)  # 6
    store.record_decision(path, 1, "rollout", "y", "Ana Silva")
    store.record_decision(path, 3, "continue", "s", "Bo")
    store.record_decision(path, 4, "rollout", "e", "Bo")
    store.record_decision(path, 4, "stop", "e", "Cy", "no budget")  # the later one is in force
    return path


def portfolio_json(history: Path, *args: str) -> dict[str, Any]:
    res = runner.invoke(
        app, ["history", "portfolio", "--history", str(history), "-f", "json", *args]
    )
    assert res.exit_code == 0, res.output
    out: dict[str, Any] = json.loads(res.stdout)
    return out


def test_portfolio_totals_and_choices(history: Path) -> None:
    doc = portfolio_json(history)
    lines = {x["experiment"]: x for x in doc["experiments"]}
    assert list(lines) == ["Checkout", "Emails", "Homepage", "Legacy", "Search"]
    assert (lines["Homepage"]["audit_id"], lines["Homepage"]["arm"]) == (6, "y")
    assert (lines["Homepage"]["chosen_by"], lines["Homepage"]["decided_by"]) == (
        "decision",
        "Ana Silva",
    )
    assert (lines["Checkout"]["arm"], lines["Checkout"]["chosen_by"]) == ("z", "priority")
    assert lines["Search"]["note"] == "still testing (continue): the audit's projection"
    assert not lines["Emails"]["counted"] and lines["Emails"]["decision"] == "stop"
    assert lines["Emails"]["note"].startswith("stopped by Cy on ")
    assert lines["Legacy"]["note"] == "audit 5 has no money figures (no costs or revenue metric)"
    assert lines["Homepage"]["benefit"] == 150_000  # revenue lift + savings
    total = doc["total"]
    assert total["experiments_counted"] == 3 and total["currency"] == "EUR"
    assert (total["investment"], total["benefit"]) == (200_000, 280_000)
    assert total["roi"] == pytest.approx(0.4)
    assert total["roi_ci"] == pytest.approx([0.086253, 0.713747], abs=1e-6)
    assert total["probability_roi_positive"] == pytest.approx(0.993769, abs=1e-6)
    assert set(total) >= {"investment", "benefit", "roi", "roi_ci", "probability_roi_positive"}


def test_alpha_option(history: Path) -> None:
    total = portfolio_json(history, "--alpha", "0.1")["total"]
    z = stats.norm.ppf(0.95)
    assert total["roi_ci"] == pytest.approx([0.4 - z * 0.1600781, 0.4 + z * 0.1600781], abs=1e-6)


def test_currencies_are_never_added(history: Path) -> None:
    store.record(history, result("US shop", [("u", 40_000, 80_000, 0.1)], currency="USD"))
    res = runner.invoke(app, ["history", "portfolio", "--history", str(history)])
    assert res.exit_code == 2
    assert res.stderr == (
        "personalroi: error: the experiments use different currencies (EUR: Checkout, Homepage, "
        "Search; USD: US shop); money in different currencies is never added: pass --currency "
        "EUR (or another) to total one.\n"
    )
    doc = portfolio_json(history, "--currency", "USD")
    assert doc["total"]["experiments_counted"] == 1 and doc["total"]["investment"] == 40_000
    lines = {x["experiment"]: x for x in doc["experiments"]}
    assert lines["Homepage"]["note"] == "in EUR; the totals are in USD"


def test_recorded_interval_without_se(tmp_path: Path) -> None:
    """Results recorded before `roi_se` was in the JSON: the SE comes from the interval."""
    path = tmp_path / "h.sqlite"
    old = json.loads((Path(__file__).parent / "data" / "result_full.json").read_text())
    store.record(path, old)
    (line,) = portfolio_from_history(path).experiments
    assert line.arm == "extreme" and line.roi_se == pytest.approx(
        (1.25 - 0.12) / (2 * stats.norm.ppf(0.975))
    )


def test_mixed_bases_and_horizons_are_noted(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite"
    a = result("A", [("a", 10_000, 20_000, 0.1)])
    b = result("B", [("b", 10_000, 20_000, 0.1)])
    b["roi"][0].update(basis="revenue", horizon_months=6)
    store.record(path, a)
    store.record(path, b)
    total = portfolio_from_history(path).total
    assert total.basis == "mixed"
    assert total.notes == (
        "benefits on different bases (gross_profit, revenue): set economics.gross_margin in "
        "every config to total gross profit",
        "benefits over different horizons (6 months, 12 months): each experiment's own "
        "economics.horizon_months",
    )
    with using(Lang.sv):
        swedish = say_all(total.note_phrases, total.notes)
    assert swedish[1].startswith("nyttor över olika horisonter (6 månader, 12 månader)")


def test_empty_history_has_no_total(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite"
    with store.connect(path):
        pass
    doc = portfolio_json(path)
    assert doc["experiments"] == [] and doc["total"]["roi"] is None


@pytest.mark.parametrize("fmt", ["table", "markdown", "html"])
def test_every_format_shows_the_totals(history: Path, fmt: str, tmp_path: Path) -> None:
    out = tmp_path / f"p.{fmt}"
    args = ["history", "portfolio", "--history", str(history), "-f", fmt, "-o", str(out)]
    res = runner.invoke(app, args)
    assert res.exit_code == 0, res.output
    text = out.read_text().replace("\\", "")  # markdown escapes [ ]
    # The terminal shows ROI in whole percent, as the audit's terminal ROI table does.
    if fmt == "table":  # money without the currency, which is in the title
        figures = ["(EUR)", "200,000", "280,000", "+40% [+9%, +71%]", "rollout y by Ana Silva"]
        figures.append("Emails: stop e by Cy on ")
    else:
        figures = ["200,000 EUR", "280,000 EUR", "+40.0% [+8.6%, +71.4%]", "rollout by Ana Silva"]
        figures.append("not counted: stopped by Cy")
    for figure in [*figures, "99.4%"]:
        assert figure in text, (fmt, figure)
    if fmt == "html":
        assert text.count("<svg") == 1  # one chart: benefit and investment per experiment
        assert "Content-Security-Policy" in text and "<script" not in text


def test_portfolio_error_type() -> None:
    assert issubclass(PortfolioError, Exception)


def test_notes_and_method_in_german(history: Path, tmp_path: Path) -> None:
    """Every note and the method are phrases: the German view has no English sentence."""
    out = tmp_path / "p.md"
    args = ["history", "portfolio", "--history", str(history), "-f", "markdown"]
    res = runner.invoke(app, [*args, "-o", str(out), "--lang", "de"])
    assert res.exit_code == 0, res.output
    text = out.read_text().replace("\\", "")
    for german in (
        "wird noch getestet (weiterlaufen): die Projektion des Audits",
        "gestoppt von Cy am ",
        "Audit 5 hat keine Geldzahlen (keine Kosten oder Umsatzmetrik)",
        "Experimente unabhängig: die Varianzen des Nutzens addieren sich",
    ):
        assert german in text, german
    for english in ("still testing", "stopped by", "no money figures", "experiments independent"):
        assert english not in text, english
    doc = portfolio_json(history)  # the JSON keeps its English text beside the phrases
    assert doc["total"]["method"].startswith("experiments independent: benefit variances add")
    assert doc["total"]["method_phrase"] == {"key": "programme.method", "params": {}}


@pytest.mark.parametrize(
    ("edit", "problem"),
    [
        (lambda r: r["roi"][0].update(roi_se="wide"), "roi[0].roi_se: input should be a valid"),
        (lambda r: r["roi"][0].update(investment="lots"), "roi[0].investment: input should be"),
        (lambda r: r["roi"][0].update(roi_ci=[0.1]), "roi[0].roi_ci: list should have at least 2"),
    ],
)
def test_an_edited_record_exits_2_naming_the_audit_and_key(
    tmp_path: Path, edit: Any, problem: str
) -> None:
    # Each ended in an internal error before the portfolio checked what it reads.
    path = tmp_path / "h.sqlite"
    edited = result("Checkout", [("z", 50_000, 40_000, 0.3)])
    edit(edited)
    store.record(path, edited)
    res = runner.invoke(app, ["history", "portfolio", "--history", str(path)])
    assert res.exit_code == 2, res.output
    assert res.stderr.startswith(f"personalroi: error: {path}: audit 1: {problem}"), res.stderr
