"""Governance: lift before and after each change inside the test window, checked against a
split done by hand in pandas; the change log, the concurrent-change count, the finding
and gap when the lift shifts, and the section's absence when nothing is configured."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from cli_helpers import audit_json
from scipy import stats
from trend_helpers import exposed_units

CHANGE = "2026-03-16"  # two weeks into a four-week test


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Treatment raises the score by 1.5 for units first exposed before the change and by
    nothing after it: the new checkout (say) made the personalization redundant."""
    rng = np.random.default_rng(18)
    n = 4000
    arm, exposure = exposed_units(rng, n, 28)
    after = exposure >= pd.Timestamp(CHANGE)
    effect = np.where((arm == "treat") & ~after, 1.5, 0.0)
    out = tmp_path_factory.mktemp("governance")
    pd.DataFrame(
        {
            "id": range(n),
            "arm": arm,
            "exposed": exposure.strftime("%Y-%m-%d %H:%M:%S"),
            "score": rng.normal(10, 3, n) + effect,
            "bought": (rng.random(n) < 0.2).astype(int),
        }
    ).to_csv(out / "units.csv", index=False)
    return out


def config(folder: Path, **governance: Any) -> dict[str, Any]:
    return {
        "experiment": {
            "name": "governance",
            "control": "control",
            "start": "2026-03-02",
            "end": "2026-03-29",
        },
        "units": {
            "path": str(folder / "units.csv"),
            "id": "id",
            "arm": "arm",
            "timestamp": "exposed",
        },
        "metrics": {
            "score": {"type": "mean", "value": "units.score"},
            "bought": {"type": "binary", "value": "units.bought"},
        },
        "governance": governance
        or {
            "max_concurrent_changes": 1,
            "changes": [
                {"date": "2026-02-20", "description": "old banner"},
                {"date": CHANGE, "description": "new checkout"},
                {"date": "2026-03-20", "description": "footer links"},
            ],
        },
    }


@pytest.fixture(scope="module")
def result(folder: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    return audit_json(config(folder), tmp_path_factory.mktemp("run"))


def by_hand(folder: Path, metric: str, date: str) -> dict[str, tuple[float, float]]:
    """Relative lift and its delta-method SE for units first exposed before / after `date`."""
    units = pd.read_csv(folder / "units.csv", parse_dates=["exposed"])
    out = {}
    for side, part in (
        ("before", units[units["exposed"] < date]),
        ("after", units[units["exposed"] >= date]),
        ("all", units),
    ):
        c = part.loc[part["arm"] == "control", metric]
        t = part.loc[part["arm"] == "treat", metric]
        var_c, var_t = c.var(ddof=1) / len(c), t.var(ddof=1) / len(t)
        if metric == "bought":  # the binary test's own variance: p(1-p)/n
            var_c, var_t = c.mean() * (1 - c.mean()) / len(c), t.mean() * (1 - t.mean()) / len(t)
        ratio = t.mean() / c.mean()
        out[side] = (ratio - 1, math.sqrt((var_t + ratio**2 * var_c) / c.mean() ** 2))
    return out


def entry(result: dict[str, Any], metric: str, change: str = "new checkout") -> dict[str, Any]:
    found = [
        e
        for e in result["governance"]["with_without"]
        if e["metric"] == metric and e["change"] == change
    ]
    assert len(found) == 1
    return found[0]


@pytest.mark.parametrize("metric", ["score", "bought"])
def test_split_matches_a_split_by_hand(folder: Path, result: dict[str, Any], metric: str) -> None:
    ref = by_hand(folder, metric, CHANGE)
    e = entry(result, metric)
    assert e["scale"] == "relative"
    assert e["lift_before"] == pytest.approx(ref["before"][0], abs=1e-12)
    assert e["lift_after"] == pytest.approx(ref["after"][0], abs=1e-12)
    assert e["lift_all"] == pytest.approx(ref["all"][0], abs=1e-12)
    units = pd.read_csv(folder / "units.csv", parse_dates=["exposed"])
    assert e["units_before"] == int((units["exposed"] < CHANGE).sum())
    assert e["units_after"] == int((units["exposed"] >= CHANGE).sum())
    # Cochran's Q on two levels is the z-test of the difference of two independent lifts.
    (lb, sb), (la, sa) = ref["before"], ref["after"]
    z = (lb - la) / math.hypot(sb, sa)
    assert e["p_value"] == pytest.approx(2 * stats.norm.sf(abs(z)), rel=1e-9)


def test_shift_is_found_and_becomes_a_gap(result: dict[str, Any]) -> None:
    e = entry(result, "score")
    # Two changes in the window, two metrics, one arm: Holm over four tests.
    assert len(result["governance"]["with_without"]) == 4
    assert e["shifts"] is True and e["p_value_adjusted"] < 0.05
    assert e["finding"] == (
        f"the relative lift of score in treat shifts with 'new checkout' ({CHANGE}): "
        f"{e['lift_before']:+.1%} for units first exposed before it, "
        f"{e['lift_after']:+.1%} after (adjusted p = {e['p_value_adjusted']:.2g})"
    )
    gap = next(g for g in result["gaps"] if g["area"] == "governance" and g.get("metric"))
    assert gap["finding"] == e["finding"] and gap["severity"] == "medium"
    assert gap["recommendation"].startswith("quote the lift of units first exposed after")
    from personalroi.i18n import Lang, say, using

    with using(Lang.de):
        assert say(gap["finding_phrase"]).startswith(
            "der relative Lift von score in treat verschiebt sich mit 'new checkout'"
        )
        assert say(gap["recommendation_phrase"]).startswith("für die Website, wie sie jetzt ist")
    assert entry(result, "bought")["shifts"] is False  # no effect on either side


def test_change_log_and_concurrent_count(result: dict[str, Any]) -> None:
    gov = result["governance"]
    assert (gov["window_start"], gov["window_end"]) == ("2026-03-02", "2026-03-29")
    assert gov["concurrent_changes"] == 2 and gov["max_concurrent_changes"] == 1
    assert [(c["description"], c["in_window"], c["split"]) for c in gov["changes"]] == [
        ("old banner", False, False),
        ("new checkout", True, True),
        ("footer links", True, True),
    ]
    assert gov["decisions"] == []
    over = next(g for g in result["gaps"] if g["finding"].startswith("2 other changes"))
    assert over["area"] == "governance"


def test_change_on_the_first_day_has_no_split(folder: Path, tmp_path: Path) -> None:
    changes = [{"date": "2026-03-02", "description": "launch-day banner"}]
    out = audit_json(config(folder, changes=changes), tmp_path)
    (logged,) = out["governance"]["changes"]
    assert logged["in_window"] and not logged["split"]
    assert logged["note"] == "too few units first exposed on one side of its date to compare"
    assert all(e["p_value"] is None for e in out["governance"]["with_without"])


def test_without_exposure_times_the_log_says_why(folder: Path, tmp_path: Path) -> None:
    data = config(folder)
    del data["units"]["timestamp"]
    out = audit_json(data, tmp_path)
    assert out["governance"]["with_without"] == []
    notes = {c["description"]: c["note"] for c in out["governance"]["changes"]}
    assert notes["new checkout"] == "no per-unit first exposure times (units.timestamp)"
    assert notes["old banner"] is None


def test_section_absent_without_changes_or_decisions(folder: Path, tmp_path: Path) -> None:
    data = config(folder)
    del data["governance"]
    assert "governance" not in audit_json(data, tmp_path)


def test_reports_show_the_change_log(result: dict[str, Any]) -> None:
    from personalroi.report.html import render_html
    from personalroi.report.markdown import render_markdown

    md = render_markdown(result)
    assert "### Governance" in md
    line = "2 other changes went live during the test (2026-03-02 to 2026-03-29; at most 1 allowed)"
    assert line + " (over the limit)" in md
    assert "| 2026-03-16 | new checkout | yes | yes |" in md
    assert "**Lift for units first exposed before and after each change**" in md
    html = render_html(result)
    assert "<section id='governance'>" in html and "new checkout" in html
