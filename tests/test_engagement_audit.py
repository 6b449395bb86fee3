"""Engagement insights end to end: DuckDB aggregates vs pandas on the sample, recovery of
the generator's true effects, the CLI and every report format, and bad config."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from scipy import stats
from typer.testing import CliRunner

from personalroi.cli import app
from personalroi.config.load import load_config
from personalroi.data.dataset import UNIT_TABLE
from personalroi.data.load import load_dataset
from personalroi.data.sample import TRUE_EFFECTS, config_yaml, element_ctr, generate
from personalroi.engagement.aggregates import EngagementData
from personalroi.engagement.result import EngagementSection
from personalroi.engagement.section import build_section
from personalroi.engagement.table import load_engagement
from personalroi.plan.compile import compile_plan

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "configs" / "example.yaml"
runner = CliRunner()


def engagement_of(config_path: Path) -> tuple[EngagementData, EngagementSection]:
    config = load_config(config_path)
    plan = compile_plan(config)
    data = load_dataset(plan)
    sums = load_engagement(data.con, plan, UNIT_TABLE)
    return sums, build_section(config, sums, data.control, data.treatments)


@pytest.fixture(scope="module")
def sample() -> tuple[EngagementData, EngagementSection]:
    return engagement_of(EXAMPLE)


@pytest.fixture(scope="module")
def frames() -> tuple[pd.DataFrame, pd.DataFrame]:
    """Per-session and per-visitor tables computed with pandas from the sample files,
    inside the experiment window (2026-07-01 to 2026-08-31)."""
    data = ROOT / "sample_data"
    visitors = pd.read_csv(data / "visitors.csv")
    sessions = pd.read_csv(data / "sessions.csv").merge(
        visitors[["visitor_id", "variant", "segment"]], on="visitor_id"
    )
    sessions = sessions[sessions["started_at"] < "2026-09-01"]
    orders = pd.read_csv(data / "orders.csv")
    buyers = set(orders.loc[orders["ordered_at"] < "2026-09-01", "visitor_id"])
    per_visitor = sessions.groupby("visitor_id").agg(
        tos=("time_on_site", "sum"), variant=("variant", "first"), segment=("segment", "first")
    )
    per_visitor["converted"] = per_visitor.index.isin(buyers).astype(float)
    return sessions, per_visitor


def test_sql_sums_match_pandas(sample: Any, frames: Any) -> None:
    sums, _ = sample
    sessions, _ = frames
    bins = pd.cut(sessions["pages"], [-np.inf, 1, 3, 6, np.inf], labels=False)
    for g in sums.groups:
        mine = sessions[sessions["variant"] == g.arm]
        if g.segment is not None:
            mine = mine[mine["segment"] == g.segment]
        assert g.bounces.sum_x == mine["bounced"].sum()
        assert g.bounces.sum_y == len(mine)
        assert g.pages.sum_x == mine["pages"].sum()
        assert g.personalized.sum_x == mine["personalized_clicks"].sum()
        assert g.personalized.sum_y == mine["personalized_impressions"].sum()
        assert g.default.sum_x == mine["default_clicks"].sum()
        assert g.page_bins == [int((bins[mine.index] == i).sum()) for i in range(4)]
        per_visitor = mine.groupby("visitor_id")["personalized_clicks"].sum()
        assert g.personalized.sum_x_sq == (per_visitor**2).sum()


def test_windows_and_correlation_match_pandas(sample: Any, frames: Any) -> None:
    sums, section = sample
    _, visitors = frames
    cuts = np.quantile(visitors["tos"], [0.2, 0.4, 0.6, 0.8])  # linear, as quantile_cont
    assert sums.edges[1:-1] == pytest.approx(tuple(cuts))
    window = np.searchsorted(cuts, visitors["tos"], side="left")  # (low, high] windows
    for cell in sums.windows:
        mine = (window == cell.window) & (visitors["variant"] == cell.arm).to_numpy()
        mine &= (visitors["segment"] == cell.segment).to_numpy()
        assert cell.units == mine.sum()
        assert cell.conversions == visitors["converted"].to_numpy()[mine].sum()
    assert section.time_on_site is not None
    for corr in section.time_on_site.correlation:
        arm = visitors[visitors["variant"] == corr.arm]
        ref = stats.pearsonr(arm["tos"], arm["converted"])
        assert corr.r == pytest.approx(ref.statistic, abs=1e-9)
        assert corr.p_value == pytest.approx(ref.pvalue, rel=1e-6, abs=1e-300)


def test_section_is_plain_json_with_findings(sample: Any) -> None:
    _, section = sample
    json.dumps(asdict(section), allow_nan=False)  # no NaN or infinity anywhere
    text = "\n".join(section.findings)
    assert "prevented bounces in extreme are worth EUR" in text
    assert "CTR of personalized elements in extreme" in text
    assert "observational" in text
    assert section.pages is not None and section.time_on_site is not None
    assert [p.arm for p in section.pages] == ["generic", "subtle", "extreme"]
    segments = {s.segment for s in section.time_on_site.segments}
    assert segments == {"new", "returning", "loyal"}


@pytest.fixture(scope="module")
def simulated(tmp_path_factory: pytest.TempPathFactory) -> tuple[EngagementSection, pd.DataFrame]:
    """A fresh, larger draw of the generator (other seed), audited for engagement only."""
    folder = tmp_path_factory.mktemp("sim")
    data = generate(60_000, seed=11)
    frames = {name: pd.DataFrame(columns) for name, columns in data.tables().items()}
    for name, frame in frames.items():
        frame.to_csv(folder / f"{name}.csv", index=False)
    (folder / "personalroi.yaml").write_text(config_yaml("", 60_000))
    _, section = engagement_of(folder / "personalroi.yaml")
    buyers = set(frames["orders"]["visitor_id"])
    sessions = frames["sessions"].merge(
        frames["visitors"][["visitor_id", "variant", "segment"]], on="visitor_id"
    )
    sessions["buyer"] = sessions["visitor_id"].isin(buyers)
    return section, sessions


def _expected_ctr(sessions: pd.DataFrame, arm: str, personalized: bool) -> float:
    """Expected clicks / impressions under the generator's true click probabilities."""
    mine = sessions[sessions["variant"] == arm]
    column = "personalized_impressions" if personalized else "default_impressions"
    pairs = zip(mine["segment"], mine["buyer"], strict=True)
    p = [element_ctr(arm, s, b, personalized) for s, b in pairs]
    return float((np.array(p) * mine[column]).sum() / mine[column].sum())


def test_simulation_recovers_the_true_ctr_lift(simulated: Any) -> None:
    section, sessions = simulated
    control = _expected_ctr(sessions, "generic", personalized=False)
    for row in (r for r in section.ctr or () if r.segment is None):
        truth = _expected_ctr(sessions, row.arm, personalized=True) / control - 1
        assert row.relative_ci is not None
        low, high = row.relative_ci
        assert low <= truth <= high, (row.arm, truth, row.relative_ci)
        # The generator's nominal lift holds up to the buyer mix (a few percent)
        assert truth == pytest.approx(TRUE_EFFECTS[row.arm]["element_ctr"], abs=0.03)


def test_simulation_recovers_the_true_bounce_lift(simulated: Any) -> None:
    section, _ = simulated
    for row in (r for r in section.bounce or () if r.segment is None):
        assert row.relative_ci is not None and row.value_per_month is not None
        low, high = row.relative_ci
        assert low <= TRUE_EFFECTS[row.arm]["bounce_rate"] <= high
        assert row.value_per_month > 0


def test_clickers_convert_more_in_the_simulation(simulated: Any) -> None:
    section, _ = simulated
    for row in (r for r in section.clicks_to_conversion or () if r.segment is None):
        assert row.absolute_ci is not None
        assert row.absolute_ci[0] > 0 and row.significant


def test_audit_shows_engagement_in_every_format(tmp_path: Path) -> None:
    run = runner.invoke(app, ["audit", "--no-history"], env={"COLUMNS": "120"})
    assert run.exit_code in (0, 1), run.output
    shown = " ".join(run.stdout.split())  # the terminal wraps long lines
    assert "Engagement insights" in shown
    assert "prevented bounces in extreme are worth EUR" in shown
    saved = tmp_path / "result.json"
    run = runner.invoke(app, ["audit", "--no-history", "-f", "json", "-o", str(saved)])
    assert run.exit_code in (0, 1), run.output
    result = json.loads(saved.read_text())
    assert result["engagement"]["findings"]
    for fmt, marker in (("markdown", "### Engagement insights"), ("html", "id='engagement'"),
                        ("table", "Engagement insights")):  # fmt: skip
        shown = runner.invoke(app, ["report", str(saved), "-f", fmt], env={"COLUMNS": "120"})
        assert shown.exit_code == 0, shown.output
        assert marker in shown.stdout
        assert "CTR of personalized elements in extreme" in " ".join(shown.stdout.split())
    # The docs show the real output: the section as `personalroi report` prints it at 100 columns.
    table = runner.invoke(app, ["report", str(saved)], env={"COLUMNS": "100"}).stdout
    lines = [line.rstrip() for line in table.splitlines()]
    start = lines.index("Engagement insights")
    # The gaps follow: titled "Gaps", or "Top gaps (N in all)" when some are folded away.
    end = next(i for i in range(start, len(lines)) if lines[i].startswith(("Gaps", "Top gaps")))
    block = "\n".join(lines[start:end]).strip()
    for doc in ("docs/engagement.md", "docs/clv-attribution.md"):
        assert block in (ROOT / doc).read_text(), doc


def _broken(tmp_path: Path, old: str, new: str) -> Path:
    text = EXAMPLE.read_text().replace("../sample_data/", f"{ROOT / 'sample_data'}/")
    assert old in text
    path = tmp_path / "c.yaml"
    path.write_text(text.replace(old, new))
    return path


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("  windows: 5", "  window: 5", 'engagement.window: unknown key (did you mean "windows"?)'),
        ("  segment: segment", "  segment: segmnt",
         "engagement.segment: 'segmnt' is not in units.dimensions (did you mean \"segment\"?)"),
        ("  conversion: orders", "  conversion: order",
         "engagement.conversion: unknown source 'order' (did you mean \"orders\"?)"),
        ("  default_clicks: default_clicks\n", "",
         "engagement: the CTR comparison needs all four click columns; missing default_clicks"),
        ("  windows: 5", "  windows: 1", "engagement.windows: Input should be greater than or"),
        ("  pages: pages", "  pages: pagez",
         "no column 'pagez' (named by engagement.pages) (did you mean \"pages\"?)"),
    ],
)  # fmt: skip
def test_bad_engagement_config_exits_2_naming_the_key(
    tmp_path: Path, old: str, new: str, message: str
) -> None:
    run = runner.invoke(app, ["audit", "--no-history", "-c", str(_broken(tmp_path, old, new))])
    assert run.exit_code == 2
    assert message in run.stderr
    assert "Traceback" not in run.output


def test_without_the_section_there_is_no_engagement_key(tmp_path: Path) -> None:
    text = EXAMPLE.read_text().replace("../sample_data/", f"{ROOT / 'sample_data'}/")
    start, end = text.index("engagement:"), text.index("attribution:")
    path = tmp_path / "c.yaml"
    path.write_text(text[:start] + text[end:].replace("  clv_forecast:", "  #"))
    run = runner.invoke(app, ["audit", "--no-history", "-f", "json", "-c", str(path)])
    assert run.exit_code in (0, 1), run.output
    result = json.loads(run.stdout)
    assert "engagement" not in result
    assert any("no engagement insights" in g["finding"] for g in result["gaps"])


def test_sections_without_segment_or_columns(tmp_path: Path) -> None:
    text = EXAMPLE.read_text().replace("../sample_data/", f"{ROOT / 'sample_data'}/")
    start, end = text.index("engagement:"), text.index("attribution:")
    section = text[start:end]
    no_segment = tmp_path / "no_segment.yaml"
    no_segment.write_text(text.replace(section, section.replace("  segment: segment\n", "")))
    _, result = engagement_of(no_segment)
    assert result.bounce is not None and result.ctr is not None
    assert result.time_on_site is not None
    assert {r.segment for r in (*result.bounce, *result.ctr)} == {None}
    assert [s.segment for s in result.time_on_site.segments] == [None]
    assert any(f.startswith("all visitors: converts best at") for f in result.findings)
    assert result.confusion and {r.segment for r in result.confusion} == {None}
    assert result.pages_windows is not None
    assert [s.segment for s in result.pages_windows.segments] == [None]
    bare = tmp_path / "bare.yaml"
    bare.write_text(text.replace(section, "engagement: {source: sessions, conversion: orders}\n"))
    _, result = engagement_of(bare)
    assert result.findings == ()
    keys = ("time_on_site", "pages", "bounce", "ctr", "pages_windows", "confusion")
    assert all(getattr(result, k) is None for k in keys)


def test_engagement_on_aggregated_input_needs_its_section_file(tmp_path: Path) -> None:
    from personalroi.config.load import check_config

    path = tmp_path / "agg.yaml"
    path.write_text(
        "experiment: {name: t, control: generic}\n"
        "units: {aggregated: stats.csv, arm: arm}\n"
        "metrics: {conversion_rate: {type: binary, value: orders.count}}\n"
        "engagement: {source: sessions, conversion: orders}\n"
    )
    config, problems = check_config(path)
    assert config is None
    assert problems == [
        "2: units.aggregated.engagement: engagement insights need the session sums: save the "
        "engagement query of `personalroi sql` and give it as units.aggregated.engagement "
        "(units: {aggregated: {stats: FILE, engagement: FILE}}), or drop the engagement section"
    ]
