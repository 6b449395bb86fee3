"""Pages-per-session windows against pandas and scipy on the sample, and the confusion
check on a simulated experiment whose truth is known."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from personalroi.audit.run import run_audit
from personalroi.config.load import load_config
from personalroi.data.dataset import UNIT_TABLE
from personalroi.data.load import load_dataset
from personalroi.engagement.section import build_section
from personalroi.engagement.table import load_engagement
from personalroi.i18n import Lang, say, using
from personalroi.plan.compile import compile_plan

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "configs" / "example.yaml"


@pytest.fixture(scope="module")
def sample() -> Any:
    config = load_config(EXAMPLE)
    plan = compile_plan(config)
    data = load_dataset(plan)
    sums = load_engagement(data.con, plan, UNIT_TABLE)
    return sums, build_section(config, sums, data.control, data.treatments)


@pytest.fixture(scope="module")
def visitors() -> pd.DataFrame:
    """Per visitor with a session in the window: pages per session and converted (pandas)."""
    folder = ROOT / "sample_data"
    units = pd.read_csv(folder / "visitors.csv")
    sessions = pd.read_csv(folder / "sessions.csv")
    sessions = sessions[sessions["started_at"] < "2026-09-01"]
    orders = pd.read_csv(folder / "orders.csv")
    buyers = set(orders.loc[orders["ordered_at"] < "2026-09-01", "visitor_id"])
    per = sessions.groupby("visitor_id").agg(pages=("pages", "sum"), n=("pages", "size"))
    per["pps"] = per["pages"] / per["n"]
    per = per.join(units.set_index("visitor_id")[["variant", "segment"]])
    per["converted"] = per.index.isin(buyers).astype(int)
    return per


def test_pages_windows_match_pandas(sample: Any, visitors: pd.DataFrame) -> None:
    sums, section = sample
    cuts = np.quantile(visitors["pps"], [0.2, 0.4, 0.6, 0.8])  # linear, as quantile_cont
    lo, hi = visitors["pps"].min(), visitors["pps"].max()
    inner = sorted({c for c in cuts if lo < c < hi})
    assert sums.pages_edges == pytest.approx((lo, *inner, hi))
    window = np.searchsorted(inner, visitors["pps"], side="left")  # (low, high] windows
    assert sums.pages_windows
    for cell in sums.pages_windows:
        mine = (window == cell.window) & (visitors["variant"] == cell.arm).to_numpy()
        mine &= (visitors["segment"] == cell.segment).to_numpy()
        assert cell.units == mine.sum()
        assert cell.conversions == visitors["converted"].to_numpy()[mine].sum()
    assert section.pages_windows is not None
    for seg in section.pages_windows.segments:
        rows = visitors[visitors["segment"] == seg.segment]
        w = np.searchsorted(inner, rows["pps"], side="left")
        table = pd.crosstab(w, rows["converted"]).to_numpy()
        ref = stats.chi2_contingency(table, correction=False)
        assert seg.chi2 == pytest.approx(ref.statistic, rel=1e-9)
        assert seg.p_value == pytest.approx(ref.pvalue, rel=1e-9)
        assert seg.df == ref.dof
        rates = rows.groupby(w)["converted"].agg(["mean", "size"])
        best = rates[rates["size"] >= 30]["mean"].idxmax()
        assert seg.best_window == best
        shown = seg.windows[best]
        ci = stats.binomtest(shown.conversions, shown.units).proportion_ci(method="wilson")
        assert shown.ci == pytest.approx((ci.low, ci.high), rel=1e-9)
    text = "\n".join(section.findings)
    assert "pages per session, " in text and "chi-square across windows" in text


def test_sample_has_no_confusion(sample: Any) -> None:
    _, section = sample
    assert section.confusion
    assert not any(r.confusion for r in section.confusion)
    assert any(f.startswith("confusion check: no arm raises") for f in section.findings)


CONFIG = """
experiment: {name: confusion, control: a, treatments: [b], start: 2026-07-01, end: 2026-07-31}
units: {path: units.csv, id: id, arm: arm, dimensions: [segment]}
sources:
  orders: {path: orders.csv, id: id, timestamp: at}
  sessions: {path: sessions.csv, id: id, timestamp: at}
metrics:
  conversion_rate: {type: binary, value: orders.count}
engagement: {source: sessions, conversion: orders, segment: segment,
             time_on_site: time_on_site, pages: pages}
"""


def _simulate(folder: Path, per_cell: int = 4000, seed: int = 5) -> None:
    """Two arms x two segments. Everyone converts more the longer they stay, except:
    in arm b, 30 % of 'new' visitors are lost: +400 s and +4 pages per session, and
    convert at 0.5 %; in arm b, 30 % of 'loyal' visitors are interested: the same extra
    time and pages, converting at 25 %. Truth: confusion in b/new, none in b/loyal."""
    rng = np.random.default_rng(seed)
    units, sessions, orders = [], [], []
    uid = 0
    for arm in ("a", "b"):
        for segment in ("new", "loyal"):
            for _ in range(per_cell):
                uid += 1
                special = arm == "b" and rng.random() < 0.3
                k = int(rng.integers(1, 4))
                tos = rng.exponential(120, k) + (400 if special else 0)
                pages = 1 + rng.poisson(2, k) + (4 if special else 0)
                if special:
                    p = 0.005 if segment == "new" else 0.25
                else:
                    p = min(0.02 + tos.sum() / 4000, 0.3)
                units.append((uid, arm, segment))
                sessions += [
                    (uid, f"2026-07-{10 + i:02d} 10:00:00", round(tos[i]), pages[i])
                    for i in range(k)
                ]
                if rng.random() < p:
                    orders.append((uid, "2026-07-20 12:00:00"))
    pd.DataFrame(units, columns=["id", "arm", "segment"]).to_csv(folder / "units.csv", index=False)
    pd.DataFrame(sessions, columns=["id", "at", "time_on_site", "pages"]).to_csv(
        folder / "sessions.csv", index=False
    )
    pd.DataFrame(orders, columns=["id", "at"]).to_csv(folder / "orders.csv", index=False)
    (folder / "c.yaml").write_text(CONFIG)


@pytest.fixture(scope="module")
def confused(tmp_path_factory: pytest.TempPathFactory) -> Any:
    folder = tmp_path_factory.mktemp("confusion")
    _simulate(folder)
    return run_audit(load_config(folder / "c.yaml"))


def test_confusion_found_where_the_simulation_put_it(confused: Any) -> None:
    rows = {(r.segment, r.measure): r for r in confused.engagement.confusion}
    for measure in ("time_on_site", "pages_per_session"):
        lost, keen = rows[("new", measure)], rows[("loyal", measure)]
        assert lost.confusion and lost.significant
        assert lost.engagement.absolute_lift > 0 and lost.long_conversion.absolute_lift < 0
        # The interested visitors raise the measure too, but their long visits convert more.
        assert keen.engagement.absolute_lift > 0 and keen.engagement.p_value < 0.05
        assert not keen.confusion and keen.long_conversion.absolute_lift > 0
    gaps = [g for g in confused.gaps if g.details.get("kind") == "confusion"]
    assert {(g.details["segment"], g.details["measure"]) for g in gaps} >= {
        ("new", "time_on_site"),
        ("new", "pages_per_session"),
    }
    assert all(g.details["segment"] != "loyal" for g in gaps)
    assert all(g.area == "engagement" and "confusion, not interest" in g.finding for g in gaps)
    assert any("confusion in b, segment new: time on site +" in f
               for f in confused.engagement.findings)  # fmt: skip


def test_confusion_rows_use_the_shared_tests(confused: Any) -> None:
    """The long-visit conversion comparison is the two-proportion z-test of the metrics:
    its p agrees with statsmodels' unpooled Wald test by hand (closed form here)."""
    row = next(r for r in confused.engagement.confusion if r.segment == "new"
               and r.measure == "time_on_site")  # fmt: skip
    c = row.long_conversion
    p1, p2 = c.control_value, c.treatment_value
    se = np.sqrt(p1 * (1 - p1) / c.n_control + p2 * (1 - p2) / c.n_treatment)
    z = (p2 - p1) / se
    assert c.p_value == pytest.approx(2 * stats.norm.sf(abs(z)), rel=1e-9)


def test_confusion_finding_and_gap_in_german(confused: Any) -> None:
    """The finding's numbers come from its row; German words and notation, same numbers."""
    row = next(r for r in confused.engagement.confusion if r.segment == "new"
               and r.measure == "time_on_site")  # fmt: skip
    wanted = {"kind": "confusion", "segment": "new", "measure": "time_on_site"}
    gap = next(g for g in confused.gaps if wanted.items() <= g.details.items())
    lift, (low, high) = row.engagement.relative_lift, row.engagement.relative_ci
    diff = row.long_conversion.absolute_lift * 100
    english = (
        f"confusion in b, segment new: time on site {lift:+.1%} [{low:+.1%}, {high:+.1%}] vs "
        f"control, but visitors above {row.threshold:,.0f} s on site convert at "
        f"{row.long_conversion.treatment_value:.1%}"
    )
    assert gap.finding.startswith(english)
    assert f"({diff:+.1f} pp [" in gap.finding and gap.finding.count("(") == gap.finding.count(")")
    with using(Lang.de):
        german = say(gap.finding_phrase)
        advice = say(gap.recommendation_phrase)
    assert german.startswith("Verwirrung in b, Segment new: Verweildauer ")
    assert (
        f"{lift:+.1%}".replace(".", ",") in german
        and f"{diff:+.1f}".replace(".", ",") + " Pp. [" in german
    )
    assert advice.startswith("prüfen, was die langen Besuche")
