"""Attribution models against credits worked out by hand, and the `attribute` command."""

from __future__ import annotations

import json
from pathlib import Path as FilePath

import attribution_reference as rules
import pytest
from attribution_reference import (
    Path,
    PathTouch,
    attribute_all,
    attribute_markov,
    load_paths,
    removal_effects,
)
from typer.testing import CliRunner

from personalroi.attribution.credits import MODELS, NO_TOUCH
from personalroi.cli import app
from personalroi.config import load_config
from personalroi.plan.compile import compile_plan

ROOT = FilePath(__file__).resolve().parent.parent


def _path(*channels: str, value: float = 0.0, days: tuple[float, ...] = (), converted=True):
    days = days or (0.0,) * len(channels)
    touches = tuple(PathTouch(c, False, d) for c, d in zip(channels, days, strict=True))
    return Path(touches, value, converted)


def _channels(paths: list[Path], weights: rules.Weights) -> dict[str, float]:
    return dict(rules.attribute(paths, weights).channels)


def test_set1_three_distinct_touches() -> None:
    paths = [_path("A", "B", "C", value=100, days=(14, 7, 0))]
    assert _channels(paths, rules.first_touch) == {"A": 100, "B": 0, "C": 0}
    assert _channels(paths, rules.last_touch) == {"A": 0, "B": 0, "C": 100}
    assert _channels(paths, rules.linear) == pytest.approx(
        {"A": 100 / 3, "B": 100 / 3, "C": 100 / 3}
    )
    assert _channels(paths, rules.position_based) == pytest.approx({"A": 40, "B": 20, "C": 40})
    # Half-life 7 days: weights 1/4, 1/2, 1 -> divided by 7/4.
    decay = _channels(paths, rules.time_decay(7))
    assert decay == pytest.approx({"A": 100 / 7, "B": 200 / 7, "C": 400 / 7})


def test_set2_repeated_channel_collects_every_share() -> None:
    paths = [_path("A", "B", "A", value=90, days=(2, 1, 0))]
    assert _channels(paths, rules.first_touch) == {"A": 90, "B": 0}
    assert _channels(paths, rules.last_touch) == {"A": 90, "B": 0}
    assert _channels(paths, rules.linear) == pytest.approx({"A": 60, "B": 30})
    assert _channels(paths, rules.position_based) == pytest.approx({"A": 72, "B": 18})
    # Half-life 1 day: weights 1/4, 1/2, 1; A gets (1/4 + 1) / (7/4).
    assert _channels(paths, rules.time_decay(1)) == pytest.approx(
        {"A": 90 * 5 / 7, "B": 90 * 2 / 7}
    )


def test_set3_two_paths_and_a_two_touch_position_split() -> None:
    paths = [_path("A", "B", value=100), _path("B", value=50)]
    assert _channels(paths, rules.first_touch) == {"A": 100, "B": 50}
    assert _channels(paths, rules.last_touch) == {"A": 0, "B": 150}
    assert _channels(paths, rules.position_based) == pytest.approx({"A": 50, "B": 100})
    assert _channels(paths, rules.linear) == pytest.approx({"A": 50, "B": 100})


def test_set4_markov_removal_effect_with_a_non_converting_path() -> None:
    # start->A 2, start->B 1; A->B 1, A->null 1; B->conversion 2.
    # P(conv) = 2/3 * 1/2 + 1/3 = 2/3; without A: 1/3 (effect 1/2); without B: 0 (effect 1).
    paths = [
        _path("A", "B", value=100),
        _path("A", converted=False),
        _path("B", value=50),
    ]
    effects = removal_effects(paths)
    assert effects == pytest.approx({("A", False): 0.5, ("B", False): 1.0})
    credits = attribute_markov(paths)
    assert dict(credits.channels) == pytest.approx({"A": 50, "B": 100})


def test_set5_markov_with_a_repeated_channel_self_loop() -> None:
    # A->A, A->B, A->null each 1/3; B->conv, B->null 1/2. p_A = 1/4, P = 1/3.
    # Without A: 1/6 (effect 1/2); without B: 0 (effect 1). 60 split 1:2.
    paths = [
        _path("A", "A", "B", value=60),
        _path("B", converted=False),
        _path("A", converted=False),
    ]
    assert removal_effects(paths) == pytest.approx({("A", False): 0.5, ("B", False): 1.0})
    assert dict(attribute_markov(paths).channels) == pytest.approx({"A": 20, "B": 40})


def test_personalized_split_and_untouched_conversions() -> None:
    paths = [
        Path((PathTouch("email", True, 1.0), PathTouch("email", False, 0.0)), 100.0),
        Path((), 30.0),  # bought with no touch since the previous purchase
        Path((PathTouch("social"),), 0.0, converted=False),
    ]
    credits = attribute_all(paths, 7.0)
    assert list(credits) == list(MODELS)
    linear = credits["linear"]
    assert dict(linear.channels) == pytest.approx({"email": 100, NO_TOUCH: 30})
    assert linear.personalized == pytest.approx({"true": 50, "false": 80})
    assert credits["markov"].personalized == pytest.approx({"true": 50, "false": 80})
    for model in credits.values():
        assert model.total == pytest.approx(130)


def test_paths_are_cut_at_each_conversion(tmp_path: FilePath) -> None:
    (tmp_path / "units.csv").write_text("id,arm\n1,a\n2,b\n3,a\n")
    (tmp_path / "touches.csv").write_text(
        "id,at,channel,pers\n"
        "1,2026-07-01 10:00:00,email,1\n"
        "1,2026-07-02 10:00:00,social,0\n"
        "1,2026-07-05 10:00:00,email,0\n"
        "2,2026-07-03 10:00:00,display,0\n"
        "9,2026-07-03 10:00:00,display,0\n"  # not a unit: ignored
    )
    (tmp_path / "orders.csv").write_text(
        "id,at,amount\n"
        "1,2026-07-03 00:00:00,40\n1,2026-07-04 00:00:00,10\n3,2026-07-02 00:00:00,5\n"
    )
    (tmp_path / "c.yaml").write_text(
        "experiment: {name: t, control: a}\n"
        "units: {path: units.csv, id: id, arm: arm}\n"
        "sources:\n"
        "  touches: {path: touches.csv, id: id, timestamp: at}\n"
        "  orders: {path: orders.csv, id: id, timestamp: at}\n"
        "metrics: {conv: {type: binary, value: orders.count}}\n"
        "attribution: {source: touches, channel: channel, personalized: pers,"
        " conversions: orders, value: amount}\n"
    )
    paths = load_paths(compile_plan(load_config(tmp_path / "c.yaml")))
    got = sorted(
        (tuple((t.channel, t.personalized) for t in p.touches), p.value, p.converted) for p in paths
    )
    assert got == sorted(
        [
            ((("email", True), ("social", False)), 40.0, True),
            ((), 10.0, True),  # unit 1's second order: no touch since the first
            ((("email", False),), 0.0, False),  # after unit 1's last order
            ((("display", False),), 0.0, False),  # unit 2 never bought
            ((), 5.0, True),
        ]
    )


def test_attribute_json_models_sum_to_the_converted_value() -> None:
    result = CliRunner().invoke(app, ["attribute", "--format", "json", "-q"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["schema_version"] == 1
    assert list(doc["models"]) == list(MODELS)
    for model in doc["models"].values():
        assert sum(model["channels"].values()) == pytest.approx(doc["total_value"])
        assert sum(model["personalized"].values()) == pytest.approx(doc["total_value"])
        assert set(model["personalized"]) == {"true", "false"}


def test_attribute_table_and_missing_section(tmp_path: FilePath) -> None:
    result = CliRunner().invoke(app, ["attribute", "-q", "-o", str(tmp_path / "a.txt")])
    assert result.exit_code == 0, result.output
    assert "position based" in (tmp_path / "a.txt").read_text()
    text = (ROOT / "configs" / "example.yaml").read_text()
    cut = text[: text.index("\nattribution:")] + "\n"
    cfg = tmp_path / "c.yaml"
    cfg.write_text(cut.replace("../sample_data/", str(ROOT / "sample_data") + "/"))
    result = CliRunner().invoke(app, ["attribute", "-c", str(cfg)])
    assert result.exit_code == 2
    assert "no attribution section" in result.stderr
