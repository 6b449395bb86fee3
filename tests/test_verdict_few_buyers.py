"""The few-buyers guard: `does_not_pay` on a revenue that rests on a few buyers is told as
not proven, the same way by every format and language (audit/verdict.py).

The threshold comes from the calibration harness (tests/calibration_guard.py, slow);
these tests pin the rule at its boundary on hand-built inputs and through the CLI.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from test_verdict_rules import decide, money, row
from typer.testing import CliRunner

from personalroi.audit.verdict import FIRM_BUYERS, revenue_buyers
from personalroi.cli import app
from personalroi.i18n import CATALOGUES, Lang
from personalroi.i18n.phrase import render
from personalroi.stats.sufficient import JointStats, SampleStats

REV = [row("rev", "b", "on track")]


@pytest.mark.parametrize(
    ("control", "treatment", "status"),
    [
        (FIRM_BUYERS, FIRM_BUYERS, "does_not_pay"),
        (FIRM_BUYERS - 0.01, 500.0, "inconclusive"),
        (500.0, FIRM_BUYERS - 0.01, "inconclusive"),
        (500.0, FIRM_BUYERS, "does_not_pay"),
    ],
)
def test_guard_fires_below_the_threshold_in_either_arm(
    control: float, treatment: float, status: str
) -> None:
    result = decide(REV, [money("b", -0.9, 0.03)], buyers={"a": control, "b": treatment})
    assert result.status == status
    kinds = [r.kind for r in result.reasons]
    if status == "does_not_pay":
        assert kinds == ["roi"] and result.headline.startswith("b does not pay: ROI -90%")
        return
    assert kinds == ["roi", "heavy_tail"]
    assert result.headline.startswith("b looks unlikely to pay, but it is not proven: ROI -90%")
    (guard,) = result.reasons[1:]
    fewest = "a" if control < treatment else "b"
    assert (guard.metric, guard.arm) == ("rev", fewest)
    assert guard.phrase is not None
    assert guard.phrase.params["buyers"] == min(control, treatment)
    assert guard.phrase.params["needed"] == FIRM_BUYERS
    assert guard.text == (
        f"rev rests on few buyers: {fewest} has about 20 effective buyers (its revenue "
        "spread evenly), and a firm 'does not pay' needs 20 per arm: a few large orders "
        "set both the lift and its interval"
    )


@pytest.mark.parametrize(("roi", "p", "status"), [(1.2, 0.99, "pays"), (-0.2, 0.3, "inconclusive")])
def test_guard_leaves_every_other_verdict_alone(roi: float, p: float, status: str) -> None:
    result = decide(REV, [money("b", roi, p)], buyers={"a": 3.0, "b": 3.0})
    assert result.status == status
    assert [r.kind for r in result.reasons] == ["roi"]


def test_unknown_buyers_keep_the_money_verdict() -> None:
    """No revenue statistics (e.g. the revenue metric is a CLV forecast): no guard."""
    assert decide(REV, [money("b", -0.9, 0.03)], buyers={}).status == "does_not_pay"


def test_effective_buyers_are_the_buyers_when_they_spend_alike_and_fewer_when_not() -> None:
    """(sum x)^2 / sum x^2 against counts on unit values built by hand."""
    even = np.r_[np.full(30, 40.0), np.zeros(970)]
    whale = np.r_[np.full(29, 40.0), [4000.0], np.zeros(970)]
    stats = {
        arm: {"rev": SampleStats(v.size, float(v.sum()), float((v**2).sum()))}
        for arm, v in (("a", even), ("b", whale))
    }
    # A covariate beside the value (CUPED): the value's own buyers count.
    stats["c"] = {"rev": JointStats(1000, *(float(s) for s in (even.sum(), (even**2).sum())),
                                    1000.0, 1000.0, float(even.sum()))}  # fmt: skip
    found = revenue_buyers(stats, "rev")
    assert found["a"] == pytest.approx(30, rel=1e-12)
    assert found["c"] == pytest.approx(30, rel=1e-12)
    expected = (29 * 40 + 4000) ** 2 / (29 * 40**2 + 4000**2)
    assert found["b"] == pytest.approx(expected, rel=1e-12) and found["b"] < 2
    assert revenue_buyers(stats, None) == {} and revenue_buyers(stats, "other") == {}


@pytest.mark.parametrize("lang", list(Lang))
def test_every_language_tells_the_guard(lang: Lang) -> None:
    result = decide(REV, [money("b", -0.9, 0.03)], buyers={"a": 7.4, "b": 500.0})
    catalogue = CATALOGUES[lang]
    assert result.headline_phrase is not None and result.reasons[1].phrase is not None
    headline = render(result.headline_phrase, catalogue, lang.value)
    reason = render(result.reasons[1].phrase, catalogue, lang.value)
    words = {
        Lang.en: ("looks unlikely to pay", "about 7 effective buyers"),
        Lang.de: ("rechnet sich wohl nicht", "etwa 7 Käufer"),
        Lang.sv: ("lönar sig troligen inte", "ungefär 7 effektiva köpare"),
    }[lang]
    assert words[0] in headline and words[1] in reason, (headline, reason)


CONFIG = """\
experiment: {name: few, control: generic, correction: none}
units: {path: units.csv, id: id, arm: arm}
metrics:
  revenue: {type: mean, value: units.revenue}
costs:
  - {name: engine, category: technology, one_off: 2000000}
economics: {revenue_metric: revenue, eligible_units_per_month: 10000}
"""


def _experiment(folder: Path, sigma: float, buyers: int) -> Path:
    """2,000 units per arm, `buyers` of them buying, log-normal spend; costs far above
    what any lift here could earn, so P(ROI > 0) is about 0."""
    rng = np.random.default_rng(5)
    lines = ["id,arm,revenue"]
    for arm in ("generic", "new"):
        revenue = np.zeros(2000)
        revenue[:buyers] = rng.lognormal(3.5, sigma, buyers)
        lines += [f"{arm}{i},{arm},{v:.2f}" for i, v in enumerate(revenue)]
    (folder / "units.csv").write_text("\n".join(lines) + "\n")
    (folder / "c.yaml").write_text(CONFIG)
    return folder / "c.yaml"


def _audit(config: Path, *args: str) -> str:
    result = CliRunner().invoke(app, ["audit", "-c", str(config), "-q", "--no-history", *args])
    assert result.exit_code in (0, 1), result.output
    return result.stdout


def test_every_format_and_language_tells_the_guard(tmp_path: Path) -> None:
    config = _experiment(tmp_path, sigma=1.6, buyers=40)
    verdict = json.loads(_audit(config, "--format", "json"))["verdict"]
    assert verdict["status"] == "inconclusive"
    assert [r["kind"] for r in verdict["reasons"]] == ["roi", "heavy_tail"]
    assert verdict["reasons"][1]["phrase"]["params"]["buyers"] < FIRM_BUYERS
    said = {
        Lang.en: ("looks unlikely to pay", "rests on few buyers"),
        Lang.de: ("rechnet sich wohl nicht", "beruht auf wenigen Käufern"),
        Lang.sv: ("lönar sig troligen inte", "vilar på få köpare"),
    }
    for fmt in ("table", "markdown", "html"):
        for lang, words in said.items():
            out = " ".join(_audit(config, "--format", fmt, "--lang", lang.value).split())
            assert all(w in out for w in words), (fmt, lang)


def test_many_even_buyers_keep_does_not_pay(tmp_path: Path) -> None:
    config = _experiment(tmp_path, sigma=0.3, buyers=400)
    verdict = json.loads(_audit(config, "--format", "json"))["verdict"]
    assert verdict["status"] == "does_not_pay"
    assert [r["kind"] for r in verdict["reasons"]] == ["roi"]
