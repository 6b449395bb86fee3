"""The one-pass engine: duplicated and contaminated units are handled as before."""

from __future__ import annotations

from pathlib import Path

import yaml

from personalroi.config import load_config
from personalroi.data.load import load_dataset
from personalroi.plan.compile import compile_plan

UNITS = """visitor_id,variant,device,spend
1,a,mobile,10
1,a,mobile,10
2,a,desktop,0
2,b,desktop,5
3,a,mobile,4
4,b,mobile,7
5,b,desktop,1
6,b,mobile,2
"""


def _config(tmp_path: Path, units: str) -> Path:
    (tmp_path / "units.csv").write_text(units)
    config = {
        "experiment": {"name": "t", "control": "a"},
        "units": {
            "path": "units.csv",
            "id": "visitor_id",
            "arm": "variant",
            "dimensions": ["device"],
        },
        "metrics": {"spend": {"type": "mean", "value": "units.spend"}},
    }
    path = tmp_path / "c.yaml"
    path.write_text(yaml.safe_dump(config))
    return path


def test_duplicates_are_kept_once_and_contaminated_units_dropped(tmp_path: Path) -> None:
    data = load_dataset(compile_plan(load_config(_config(tmp_path, UNITS))))
    # Unit 1 twice (kept once), unit 2 in both arms (dropped).
    assert data.units_per_arm == {"a": 2, "b": 3}
    spend_a = data.stats["a"]["spend"]
    assert (spend_a.n, spend_a.sum, spend_a.sum_sq) == (2, 14.0, 116.0)
    by_device = data.by_dimension["device"]
    assert by_device[("b", "mobile")]["spend"].sum == 9.0
    checks = {c.name: c.status for c in data.checks}
    assert checks["duplicate_ids"] == "warn" and checks["units_in_multiple_arms"] == "fail"


def test_clean_file_skips_deduplication_with_the_same_numbers(tmp_path: Path) -> None:
    clean = "\n".join(line for line in UNITS.splitlines() if not line.startswith(("1,", "2,")))
    data = load_dataset(compile_plan(load_config(_config(tmp_path, clean + "\n"))))
    assert data.units_per_arm == {"a": 1, "b": 3}
    assert data.stats["b"]["spend"].sum == 10.0
    assert {c.name: c.status for c in data.checks}["duplicate_ids"] == "pass"
