"""Attribution per arm inside the audit: credits worked by hand on a tiny experiment,
credits summing to each arm's converted value, the SQL models against the Python models
of `personalroi attribute` on each arm's paths, and the reports."""

from __future__ import annotations

import itertools
import json
from pathlib import Path
from typing import Any

import duckdb
import pytest
from attribution_reference import _paths, attribute_all, path_ctes
from typer.testing import CliRunner

from personalroi.attribution.credits import MODELS
from personalroi.attribution.journey_sql import share_parts
from personalroi.attribution.section import attribution_section
from personalroi.cli import app
from personalroi.config.load import load_config
from personalroi.data.dataset import UNIT_TABLE
from personalroi.data.load import load_dataset
from personalroi.data.sources import ident
from personalroi.data.unit_sql import UNIT_ROW
from personalroi.plan.compile import compile_plan

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "configs" / "example.yaml"
runner = CliRunner()

CONFIG = """
experiment: {name: tiny, control: a, treatments: [b], start: 2026-07-01, end: 2026-07-31}
units: {path: units.csv, id: id, arm: arm}
sources:
  orders: {path: orders.csv, id: id, timestamp: at}
  touches: {path: touches.csv, id: id, timestamp: at}
metrics:
  conversion_rate: {type: binary, value: orders.count}
attribution: {source: touches, channel: channel, personalized: pers, conversions: orders,
              value: amount, half_life_days: 1}
"""
UNITS = "id,arm\n1,a\n2,a\n3,b\n4,b\n5,b\n"
# Unit 1 (a): email, then search a day later, buys 100 on day 2; then a display touch
#   that never converts. Unit 2 (a): buys 40 with no touch before.
# Unit 3 (b): personalized banner, email, banner again (same day), buys 90; then a
#   second purchase of 30 after one more personalized touch.
# Unit 4 (b): a touch and nothing else. Unit 5 (b): a touch outside the window, buys 10.
TOUCHES = """id,at,channel,pers
1,2026-07-01 00:00:00,email,0
1,2026-07-02 00:00:00,search,0
1,2026-07-05 00:00:00,display,0
3,2026-07-03 00:00:00,banner,1
3,2026-07-03 12:00:00,email,0
3,2026-07-04 00:00:00,banner,1
3,2026-07-06 00:00:00,banner,1
4,2026-07-02 00:00:00,search,0
5,2026-06-20 00:00:00,search,0
"""
ORDERS = """id,at,amount
1,2026-07-03 00:00:00,100
2,2026-07-10 00:00:00,40
3,2026-07-04 00:00:00,90
3,2026-07-06 00:00:00,30
5,2026-07-07 00:00:00,10
"""


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> Any:
    folder = tmp_path_factory.mktemp("tiny")
    for name, text in [("units.csv", UNITS), ("touches.csv", TOUCHES), ("orders.csv", ORDERS)]:
        (folder / name).write_text(text)
    (folder / "c.yaml").write_text(CONFIG)
    config = load_config(folder / "c.yaml")
    plan = compile_plan(config)
    data = load_dataset(plan)
    section = attribution_section(config, plan, data, UNIT_TABLE)
    assert section is not None
    return section


def test_tiny_credits_worked_by_hand(tiny: Any) -> None:
    a, b = tiny.by_arm["a"], tiny.by_arm["b"]
    assert (a.conversions, a.total_value) == (2, 140.0)
    assert (b.conversions, b.total_value) == (3, 130.0)
    # a: path (email, search) -> 100; (no touch) -> 40.
    # Every touched channel has an entry, 0 where a model gives it nothing (as `attribute`).
    assert a.models["first_touch"] == {"email": 100.0, "search": 0.0, "(no touchpoint)": 40.0}
    assert a.models["last_touch"] == {"search": 100.0, "email": 0.0, "(no touchpoint)": 40.0}
    assert a.models["linear"] == pytest.approx(
        {"email": 50.0, "search": 50.0, "(no touchpoint)": 40.0}
    )
    assert a.models["position_based"] == pytest.approx(a.models["linear"])  # two touches: 50/50
    # Half-life 1 day, days before the purchase 2 and 1: weights 1/4, 1/2 -> 1/3, 2/3.
    assert a.models["time_decay"] == pytest.approx(
        {"email": 100 / 3, "search": 200 / 3, "(no touchpoint)": 40.0}
    )
    # b: (banner*, email, banner*) -> 90; (banner*) -> 30; unit 5's touch is outside the
    # window, so its 10 has no touch.
    assert b.models["first_touch"] == {"banner": 120.0, "email": 0.0, "(no touchpoint)": 10.0}
    assert b.models["linear"] == pytest.approx(
        {"banner": 90.0, "email": 30.0, "(no touchpoint)": 10.0}
    )
    assert b.models["position_based"] == pytest.approx(
        {"banner": 0.8 * 90 + 30, "email": 0.2 * 90, "(no touchpoint)": 10.0}
    )
    # Days before 90's purchase: 1, 0.5, 0 -> weights 1/2, 1/sqrt(2), 1.
    w = [0.5, 2**-0.5, 1.0]
    banner = 90 * (w[0] + w[2]) / sum(w) + 30
    assert b.models["time_decay"] == pytest.approx(
        {"banner": banner, "email": 130 - 10 - banner, "(no touchpoint)": 10.0}
    )
    assert b.personalized_share["first_touch"] == pytest.approx(120 / 130)
    assert b.personalized_share["linear"] == pytest.approx(90 / 130)
    assert a.personalized_share["linear"] == 0.0


def test_tiny_markov_worked_by_hand(tiny: Any) -> None:
    # Arm a's paths: start-email-search-conv, start-display-null. Removing email or
    # search loses the only conversion (effect 1 each), display none: 50/50 of 100.
    assert tiny.by_arm["a"].models["markov"] == pytest.approx(
        {"email": 50.0, "search": 50.0, "display": 0.0, "(no touchpoint)": 40.0}
    )
    # Arm b's paths: start-banner-email-banner-conv, start-banner-conv, start-search-null.
    # From banner: 1/3 to email (which returns to banner), 2/3 to conversion, so
    # P(conv | banner) = 1 and P(conv) = 2/3. Without banner: 0 (effect 1); without
    # email: 2/3 x 2/3 = 4/9 (effect 1 - (4/9)/(2/3) = 1/3); without search: 2/3 (0).
    # The 120 with touches split 1 : 1/3 -> 90 and 30; unit 5's 10 has no touch.
    assert tiny.by_arm["b"].models["markov"] == pytest.approx(
        {"banner": 90.0, "email": 30.0, "search": 0.0, "(no touchpoint)": 10.0}
    )
    assert tiny.by_arm["b"].personalized["markov"] == pytest.approx(90.0)


def test_tiny_comparison_and_findings(tiny: Any) -> None:
    rows = {(r.arm, r.model): r for r in tiny.comparison}
    assert set(rows) == {("b", m) for m in MODELS}
    assert rows[("b", "markov")].p_value is None and rows[("b", "markov")].absolute_ci is None
    first = rows[("b", "first_touch")]
    assert first.control_share == 0.0
    assert first.treatment_share == pytest.approx(120 / 130)
    assert tiny.findings[0].startswith("b: personalized touches earn ")
    assert "ROI never adds it" in tiny.not_in_roi


@pytest.fixture(scope="module")
def sample_section() -> Any:
    config = load_config(EXAMPLE)
    plan = compile_plan(config)
    data = load_dataset(plan)
    return config, data, attribution_section(config, plan, data, UNIT_TABLE)


def test_sample_credits_sum_to_each_arms_converted_value(sample_section: Any) -> None:
    _, data, section = sample_section
    # Each arm's converted value, independently of the attribution SQL.
    orders = duckdb.sql(
        "SELECT v.variant, COUNT(*), SUM(o.amount) FROM read_csv_auto("
        f"'{ROOT}/sample_data/orders.csv') o JOIN read_csv_auto("
        f"'{ROOT}/sample_data/visitors.csv') v USING (visitor_id) "
        "WHERE o.ordered_at >= '2026-07-01' AND o.ordered_at < '2026-09-01' GROUP BY 1"
    ).fetchall()
    for arm, n, value in orders:
        entry = section.by_arm[arm]
        assert entry.conversions == n
        assert entry.total_value == pytest.approx(value, rel=1e-12)
        for model in MODELS:
            assert sum(entry.models[model].values()) == pytest.approx(value, rel=1e-9)
            assert entry.personalized_share[model] == pytest.approx(
                entry.personalized[model] / value
            )
    assert {a for a, *_ in orders} == set(section.by_arm)


def test_sample_sql_models_equal_the_python_models_per_arm(sample_section: Any) -> None:
    """The per-touch Python models of `personalroi attribute`, run on one arm's paths,
    give the credits the audit's SQL gives that arm."""
    config, data, section = sample_section
    con = duckdb.connect()
    tables = {}
    for name in ("touchpoints", "orders"):
        tables[name] = f"ref_{name}"
        path = config.sources[name].path
        con.execute(f"CREATE VIEW ref_{name} AS SELECT * FROM read_csv_auto('{path}')")
    for arm in section.by_arm:
        units = (
            "SELECT CAST(visitor_id AS VARCHAR) AS unit_id, variant AS arm FROM "
            f"read_csv_auto('{config.units.path}') WHERE variant = '{arm}'"
        )
        sql = path_ctes(compile_plan(config), units, tables["touchpoints"], tables["orders"])
        rows = con.execute(
            sql + "\nSELECT * FROM conv_touch UNION ALL SELECT * FROM open_touch "
            "ORDER BY 1, 2, 7, 4, 5"
        ).fetchall()
        reference = attribute_all(_paths(rows), config.attribution.half_life_days)
        for model in MODELS:
            expected = dict(reference[model].channels)
            assert section.by_arm[arm].models[model] == pytest.approx(expected, rel=1e-9)
            assert section.by_arm[arm].personalized[model] == pytest.approx(
                reference[model].personalized["true"], rel=1e-9, abs=1e-9
            )


def test_audit_json_markdown_and_html_show_attribution(tmp_path: Path) -> None:
    out = tmp_path / "r.json"
    result = runner.invoke(app, ["audit", "--no-history", "--quiet", "-f", "json", "-o", str(out)])
    assert result.exit_code in (0, 1), result.output
    doc = json.loads(out.read_text())
    att = doc["attribution"]
    assert set(att["by_arm"]) == {"generic", "subtle", "extreme"}
    credit = att["by_arm"]["extreme"]["models"]["markov"]["organic"]
    assert isinstance(credit, float)
    assert 0 < att["by_arm"]["extreme"]["personalized_share"]["last_touch"] < 1
    # Not in ROI: the ROI section has no attribution component.
    assert all("attribution" not in json.dumps(r) for r in doc["roi"])
    for fmt, marker in [("markdown", "### Attribution"), ("html", "id='attribution'")]:
        shown = runner.invoke(app, ["report", str(out), "-f", fmt])
        assert shown.exit_code == 0, shown.output
        assert marker in shown.output
        assert "personalized touches earn" in shown.output
        assert "ROI never adds it" in shown.output


def test_sample_table_same_by_unit_number_or_id_on_any_thread_count(
    sample_section: Any,
) -> None:
    """The audit partitions the paths by the unit table's number per unit, the printed
    statement by unit id, and matches integer ids as integers, the printed statement as
    text: the same rows to the last digit, on one thread or four (every sum is an exact
    decimal)."""
    _, data, _ = sample_section
    plan = compile_plan(load_config(EXAMPLE))
    att = plan.attribution
    assert att is not None
    touches, convs = data.tables[att.touches.name], data.tables[att.conversions.name]
    results = []
    # The sample's ids are integers in every file: matched as integers or as text.
    for key, ids in itertools.product((UNIT_ROW, "unit_id"), ("BIGINT", "VARCHAR")):
        ctes, select = share_parts(
            plan, ident(UNIT_TABLE), ident(touches.view), ident(convs.view), key, ids
        )
        for threads in (1, 4):
            data.con.execute(f"SET threads = {threads}")
            results.append(data.con.execute("WITH " + ",\n".join(ctes) + "\n" + select).fetchall())
    data.con.execute("SET threads = 1")
    assert len(results[0]) > 20
    assert all(r == results[0] for r in results[1:])
