"""`personalroi attribute` in SQL (journey_sql.py) against the per-touch Python models.

The reference is the pure-Python implementation the command used before: DuckDB cuts
the paths (attribution_reference.py::load_paths), every touch becomes an object, and its rule and
markov.py credit them. The SQL must give the same document to 1e-9.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from attribution_reference import attribute_all, attribution_to_dict, load_paths
from typer.testing import CliRunner

from personalroi.attribution.credits import MODELS
from personalroi.attribution.journey_sql import id_type, journey_query
from personalroi.attribution.journeys import (
    attribution_document,
    fold,
    load_journeys,
    model_credits,
)
from personalroi.cli import app
from personalroi.config import load_config
from personalroi.config.model import Config
from personalroi.data.progress import connect
from personalroi.data.sources import Table, ident, register
from personalroi.plan.compile import compile_plan

ROOT = Path(__file__).resolve().parent.parent
TOL = 1e-9


def reference(config: Config) -> dict[str, Any]:
    assert config.attribution is not None
    half_life = config.attribution.half_life_days
    paths = load_paths(compile_plan(config))
    return attribution_to_dict(attribute_all(paths, half_life), paths, half_life)


def assert_same(doc: dict[str, Any], ref: dict[str, Any]) -> None:
    assert list(doc["models"]) == list(ref["models"]) == list(MODELS)
    for model in MODELS:
        for kind in ("channels", "personalized"):
            got, want = doc["models"][model][kind], ref["models"][model][kind]
            assert set(got) == set(want), (model, kind)
            assert got == pytest.approx(want, rel=TOL, abs=TOL), (model, kind)
    assert doc["total_value"] == pytest.approx(ref["total_value"], rel=TOL)
    for key in ("conversions", "non_converting_paths", "half_life_days"):
        assert doc[key] == ref[key], key


def test_the_bundled_sample_equals_the_per_touch_models() -> None:
    config = load_config(ROOT / "configs" / "example.yaml")
    doc = attribution_document(compile_plan(config))
    assert_same(doc, reference(config))
    for model in doc["models"].values():  # every model credits the whole converted value
        assert sum(model["channels"].values()) == pytest.approx(doc["total_value"], rel=1e-12)


def test_each_arm_equals_the_per_touch_models_on_that_arms_units(tmp_path: Path) -> None:
    config = load_config(ROOT / "configs" / "example.yaml")
    con = connect()
    touches = register(con, "t", config.sources["touchpoints"].path)
    orders = register(con, "o", config.sources["orders"].path)
    units = register(con, "u", config.units.path)
    units_sql = f"SELECT CAST(visitor_id AS VARCHAR) AS unit_id, variant AS arm FROM {units.view}"
    sql = journey_query(compile_plan(config), units_sql, ident(touches.view), ident(orders.view))
    by_arm = fold(con.execute(sql).fetchall())
    assert sorted(by_arm) == ["extreme", "generic", "subtle"]
    for arm, journeys in by_arm.items():
        # The reference over a units file of this arm alone.
        mine = tmp_path / f"{arm}.csv"
        con.execute(f"COPY (SELECT * FROM {units.view} WHERE variant = '{arm}') TO '{mine}'")
        text = (ROOT / "configs" / "example.yaml").read_text().replace("../sample_data/", "")
        text = text.replace("path: visitors.csv", f"path: {mine}")
        (tmp_path / "sample_data").mkdir(exist_ok=True)
        cfg_path = tmp_path / f"{arm}.yaml"
        cfg_path.write_text(text.replace("{path: ", "{path: " + str(ROOT / "sample_data") + "/"))
        ref = reference(load_config(cfg_path))
        credits = model_credits(journeys)
        for model in MODELS:
            want = ref["models"][model]
            assert dict(credits[model].channels) == pytest.approx(want["channels"], rel=TOL)
            assert credits[model].personalized == pytest.approx(want["personalized"], rel=TOL)
        assert journeys.conversions == ref["conversions"]
        assert journeys.open_paths == ref["non_converting_paths"]


# Ties in time, a touch at the very second of a conversion, two conversions in the same
# second, untouched conversions, a unit in two arms, rows outside the window, a channel
# seen only on non-converting paths, ids that are not units.
UNITS = """id,arm,at
1,a,2026-07-01
2,b,2026-07-01
3,a,2026-07-01
4,b,2026-07-01
4,a,2026-07-01
5,b,2026-07-01
5,b,2026-07-02
6,a,2026-06-01
"""
TOUCHES = """id,at,channel,pers
1,2026-07-01 10:00:00,email,1
1,2026-07-01 10:00:00,display,0
1,2026-07-02 10:00:00,social,0
1,2026-07-03 00:00:00,email,0
1,2026-07-05 10:00:00,email,0
1,2026-07-05 10:00:00,sms,1
2,2026-07-03 10:00:00,display,0
2,2026-07-04 10:00:00,display,1
3,2026-06-20 10:00:00,email,1
3,2026-07-10 10:00:00,push,0
4,2026-07-03 10:00:00,email,0
5,2026-07-02 10:00:00,web,0
5,2026-07-03 10:00:00,email,1
5,2026-07-06 10:00:00,email,1
5,2026-07-07 10:00:00,email,0
6,2026-07-02 10:00:00,email,0
9,2026-07-03 10:00:00,display,0
"""
ORDERS = """id,at,amount
1,2026-07-03 00:00:00,40
1,2026-07-04 00:00:00,10
1,2026-07-04 00:00:00,10
3,2026-07-02 00:00:00,5
4,2026-07-04 00:00:00,99
5,2026-07-06 10:00:00,20.5
5,2026-07-08 00:00:00,7.25
5,2026-09-08 00:00:00,1000
9,2026-07-04 00:00:00,3
"""


def _edge_config(tmp_path: Path, personalized: bool = True) -> Config:
    (tmp_path / "units.csv").write_text(UNITS)
    (tmp_path / "touches.csv").write_text(TOUCHES)
    (tmp_path / "orders.csv").write_text(ORDERS)
    pers = " personalized: pers," if personalized else ""
    (tmp_path / "c.yaml").write_text(
        "experiment: {name: t, control: a, start: 2026-07-01, end: 2026-08-31}\n"
        "units: {path: units.csv, id: id, arm: arm, timestamp: at}\n"
        "sources:\n"
        "  touches: {path: touches.csv, id: id, timestamp: at}\n"
        "  orders: {path: orders.csv, id: id, timestamp: at}\n"
        "metrics: {conv: {type: binary, value: orders.count}}\n"
        f"attribution: {{source: touches, channel: channel,{pers} conversions: orders,"
        " value: amount, half_life_days: 2}\n"
    )
    return load_config(tmp_path / "c.yaml")


@pytest.mark.parametrize("personalized", [True, False])
def test_edge_cases_equal_the_per_touch_models(tmp_path: Path, personalized: bool) -> None:
    config = _edge_config(tmp_path, personalized)
    doc = attribution_document(compile_plan(config))
    assert_same(doc, reference(config))
    # Units 1, 3 and 5 (unit 4 is in two arms, unit 6 exposed before the window): five
    # orders in the window, of which two have no touch since the one before.
    assert doc["conversions"] == 6
    assert doc["total_value"] == pytest.approx(40 + 10 + 10 + 5 + 20.5 + 7.25)
    assert doc["models"]["first_touch"]["channels"]["(no touchpoint)"] == pytest.approx(25)
    # A channel seen on non-converting paths only is a Markov state, not a rule credit.
    assert "push" not in doc["models"]["linear"]["channels"]


def test_text_ids_give_the_document_of_the_same_ids_as_integers(tmp_path: Path) -> None:
    """Integer ids in every file are matched as integers (id_type), any other ids as text:
    the edge cases with each id written as text ("u1") give the same document."""
    numbers = attribution_document(compile_plan(_edge_config(tmp_path)))
    for name in ("units.csv", "touches.csv", "orders.csv"):
        lines = (tmp_path / name).read_text().splitlines()
        (tmp_path / name).write_text("\n".join([lines[0], *(f"u{x}" for x in lines[1:])]) + "\n")
    config = load_config(tmp_path / "c.yaml")
    assert attribution_document(compile_plan(config)) == numbers


def test_paths_match_units_as_integers_only_where_every_id_column_is_one_type() -> None:
    def ids(*kinds: str) -> str:
        return id_type(*((Table("v", Path("f.csv"), {"id": k}, "v"), "id") for k in kinds))

    assert ids("BIGINT", "BIGINT", "BIGINT") == "BIGINT"
    assert ids("INTEGER", "INTEGER", "INTEGER") == "INTEGER"
    # Text "007" and the integer 7 are not the same id; nor are 7 and 7.0 as text.
    assert ids("VARCHAR", "BIGINT", "BIGINT") == "VARCHAR"
    assert ids("DOUBLE", "DOUBLE", "DOUBLE") == "VARCHAR"
    assert ids("INTEGER", "BIGINT", "BIGINT") == "VARCHAR"
    assert ids("BIGINT[]", "BIGINT[]", "BIGINT[]") == "VARCHAR"


def test_the_result_is_the_same_to_the_last_bit_on_every_run() -> None:
    config = load_config(ROOT / "configs" / "example.yaml")
    first = json.dumps(attribution_document(compile_plan(config)))
    for _ in range(2):
        assert json.dumps(attribution_document(compile_plan(config))) == first


def test_pooled_journeys_add_up_the_arms() -> None:
    config = load_config(ROOT / "configs" / "example.yaml")
    pooled = load_journeys(compile_plan(config))
    assert pooled.conversions == pooled.untouched_conversions + sum(
        n for (_, to), n in pooled.transitions.items() if to == "(conversion)"
    )
    assert pooled.value == pooled.touched_value + pooled.untouched_value


def test_attribute_command_prints_the_sql_document() -> None:
    run = CliRunner().invoke(app, ["attribute", "-f", "json"])
    assert run.exit_code == 0, run.output
    config = load_config(ROOT / "configs" / "example.yaml")
    assert json.loads(run.stdout) == json.loads(
        json.dumps(attribution_document(compile_plan(config)))
    )
    assert "1,766 conversions and 19,120 non-converting paths" in run.stderr


# Linux keeps a process's peak RSS across fork and exec: a small launcher starts the
# command and reports the command's own peak, not this pytest process's.
LAUNCHER = """
import resource, subprocess, sys
done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
assert done.returncode == 0, done.stderr.decode()[-2000:]
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def _attribute_peak_mb(folder: Path, units: int) -> float:
    """Peak RSS of `personalroi attribute` on a fresh sample of `units` units."""
    cli = [sys.executable, "-m", "personalroi"]
    subprocess.run(
        [*cli, "sample", "--out", str(folder), "--units", str(units), "-q"],
        check=True,
        capture_output=True,
    )
    cmd = [*cli, "attribute", "-c", str(folder / "personalroi.yaml"), "-q", "-f", "json"]
    out = subprocess.run(
        [sys.executable, "-c", LAUNCHER, *cmd], capture_output=True, text=True, check=True
    )
    return int(out.stdout) / 1024


def test_attribute_memory_does_not_grow_with_the_touches(tmp_path: Path) -> None:
    """30 k and 300 k units (75 k and 750 k touches): the per-touch objects took over
    500 MB more at the larger size; the query's result is a few hundred rows, so only
    DuckDB's buffers grow (about 190 MB here: 175 -> 355-372 MB peak). Compared with the
    same command on the smaller file, not with a fixed size: the start-up size differs
    between machines (one CI run peaked at 404 MB against a fixed 400 MB bound)."""
    small = _attribute_peak_mb(tmp_path / "small", 30_000)
    large = _attribute_peak_mb(tmp_path / "large", 300_000)
    assert large - small < 320, f"{small:.0f} MB -> {large:.0f} MB"
