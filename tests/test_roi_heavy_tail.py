"""Heavy tails in money: when a few units decide the revenue lift, the ROI says so and
shows the ROI with the top 0.1 % of units capped, equal to the winsorized audit's ROI."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from personalroi.audit.run import run_audit
from personalroi.config import load_config
from personalroi.report.json_format import result_to_dict
from personalroi.report.markdown import render_markdown
from personalroi.report.markdown import text as markdown_text

CONFIG = """\
experiment: {{name: whale, control: generic, correction: none}}
units: {{path: units.csv, id: id, arm: arm}}
metrics:
  revenue_per_visitor: {{type: mean, value: units.revenue{winsorize}}}
costs:
  - {{name: engine, category: technology, one_off: 20000}}
economics: {{revenue_metric: revenue_per_visitor, eligible_units_per_month: 10000}}
"""


def write(folder: Path, winsorize: str = "") -> Path:
    rng = np.random.default_rng(11)
    lines = ["id,arm,revenue"]
    for arm in ("generic", "new"):
        buys = rng.random(3000) < 0.05
        revenue = np.where(buys, rng.lognormal(3.5, 0.6, 3000), 0.0)
        if arm == "new":
            revenue[0] = 250_000.0  # one customer who decides the lift
        lines += [f"{arm}{i},{arm},{v:.2f}" for i, v in enumerate(revenue)]
    (folder / "units.csv").write_text("\n".join(lines) + "\n")
    path = folder / "c.yaml"
    path.write_text(CONFIG.format(winsorize=winsorize))
    return path


def test_capped_roi_equals_the_winsorized_audit(tmp_path: Path) -> None:
    raw = result_to_dict(run_audit(load_config(write(tmp_path))))
    (entry,) = raw["roi"]
    tail = entry["heavy_tail"]
    assert tail is not None and tail["metric"] == "revenue_per_visitor"
    assert tail["capped_lift"] < tail["lift"] and tail["roi"] == entry["roi"]
    capped_dir = tmp_path / "capped"
    capped_dir.mkdir()
    capped = result_to_dict(run_audit(load_config(write(capped_dir, ", winsorize: 0.999"))))
    (winsorized,) = capped["roi"]
    assert winsorized["heavy_tail"] is None  # winsorized: nothing left to warn about
    assert tail["capped_roi"] == pytest.approx(winsorized["roi"], rel=1e-9)
    note = "new: a few extreme units decide revenue_per_visitor's lift"
    assert markdown_text(note) in render_markdown(raw)


def test_no_note_without_a_tail(tmp_path: Path) -> None:
    path = write(tmp_path)
    units = path.parent / "units.csv"
    units.write_text(units.read_text().replace("250000.00", "40.00"))
    (entry,) = result_to_dict(run_audit(load_config(path)))["roi"]
    assert entry["heavy_tail"] is None
