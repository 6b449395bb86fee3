"""The `engagement` section's TypedDicts (document/engagement.py) against what the
audit writes: every key declared, real results valid, an edited value refused at its path."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml
from cli_helpers import audit_json
from document_keys import undeclared_keys

from personalroi.document import audit_json_problem
from personalroi.document.engagement import EngagementJson

ROOT = Path(__file__).resolve().parent.parent
ADDED_LATER = ("pages_windows", "confusion", "finding_phrases")
ENGAGED_VALUE = ("conversion_rate_engaged", "aov", "value_per_engaged_session")


def _example(tmp_path: Path, engagement: dict[str, Any]) -> dict[str, Any]:
    """configs/example.yaml with another engagement section (CLV and attribution left out:
    they take time and have their own tests)."""
    data = yaml.safe_load((ROOT / "configs" / "example.yaml").read_text())
    data["units"]["path"] = str(ROOT / "sample_data" / "visitors.csv")
    for source in data["sources"].values():
        source["path"] = str(ROOT / "sample_data" / Path(source["path"]).name)
    del data["clv"], data["attribution"], data["metrics"]["clv_forecast"]
    data["engagement"] = engagement
    return audit_json(data, tmp_path)


@pytest.fixture(scope="module")
def variants(
    sample_result: dict[str, Any], tmp_path_factory: pytest.TempPathFactory
) -> list[dict[str, Any]]:
    """The sample's result, one without a segment or a value, one with no insight asked."""
    eng = yaml.safe_load((ROOT / "configs" / "example.yaml").read_text())["engagement"]
    unsegmented = {k: v for k, v in eng.items() if k not in ("segment", "value")}
    bare = {"source": "sessions", "conversion": "orders"}
    folder = tmp_path_factory.mktemp("engagement_document")
    return [sample_result, _example(folder, unsegmented), _example(folder, bare)]


@pytest.fixture
def doc(sample_result: dict[str, Any]) -> dict[str, Any]:
    """A copy of the bundled sample's result, to spoil."""
    return copy.deepcopy(sample_result)


def test_every_key_of_the_sample_is_declared(sample_result: dict[str, Any]) -> None:
    eng = sample_result["engagement"]
    parts = ("time_on_site", "pages", "bounce", "ctr", "clicks_to_conversion", *ADDED_LATER)
    assert all(eng[part] for part in parts)
    assert undeclared_keys(eng, EngagementJson) == []
    assert audit_json_problem(sample_result) is None


def test_every_variant_is_declared_and_valid(variants: list[dict[str, Any]]) -> None:
    _, unsegmented, bare = variants
    # What the variants make null: the segment, a bounce's value, every part.
    assert unsegmented["engagement"]["segment_dimension"] is None
    bounce = unsegmented["engagement"]["bounce"]
    assert all(r[k] is None for r in bounce for k in (*ENGAGED_VALUE, "value_per_month"))
    assert all(r["segment"] is None for r in bounce)
    assert bare["engagement"]["time_on_site"] is None and bare["engagement"]["confusion"] is None
    for result in variants:
        assert undeclared_keys(result["engagement"], EngagementJson) == []
        assert audit_json_problem(result) is None


def test_an_undeclared_key_is_listed(sample_result: dict[str, Any]) -> None:
    """The checks above can fail: a key the types do not know is named with its path."""
    eng = copy.deepcopy(sample_result["engagement"])
    eng["time_on_site"]["segments"][0]["by_arm"][2]["share"] = 0.3
    eng["pages"][0]["counts"]["8+"] = 3  # a map keyed by data: any key, checked values
    assert undeclared_keys(eng, EngagementJson) == ["time_on_site.segments[0].by_arm[2].share"]


def test_a_result_saved_before_the_later_keys_is_valid(doc: dict[str, Any]) -> None:
    eng = doc["engagement"]
    for key in ADDED_LATER:
        del eng[key]
    for row in eng["bounce"]:
        for key in ENGAGED_VALUE:
            del row[key]
    assert audit_json_problem(doc) is None


@pytest.mark.parametrize(
    "path",
    [
        ("time_on_site", "correlation", 0, "ci"),
        ("time_on_site", "segments", 0, "windows", 1, "rate"),
        ("time_on_site", "segments", 0, "by_arm", 0, "best_window"),
        ("time_on_site", "segments", 0, "segment"),
        ("pages", 0, "mean"),
        ("pages", 0, "shares", "7+"),
        ("pages", 1, "vs_control", "df"),
        ("pages", 1, "vs_control", "mean_lift", "relative_ci"),
        ("bounce", 0, "value_per_month_ci"),
        ("ctr", 0, "default_ctr_in_arm"),
        ("clicks_to_conversion", 0, "p_value_adjusted"),
        ("confusion", 0, "long_conversion", "absolute_lift"),
        ("pages_windows", "segments", 1, "chi2"),
        ("ctr",),
    ],
)
def test_what_the_audit_may_write_as_null_is_valid_as_null(
    doc: dict[str, Any], path: tuple[str | int, ...]
) -> None:
    *parents, last = path
    where: Any = doc["engagement"]
    for part in parents:
        where = where[part]
    where[last] = None
    assert audit_json_problem(doc) is None


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda e: e["pages"][1]["counts"].update({"2-3": 15.5}),
            "engagement.pages[1].counts.2-3: input should be a valid integer (found 15.5)",
        ),
        (
            lambda e: e["bounce"][1].update(value_per_month="42,668"),
            "engagement.bounce[1].value_per_month: input should be a valid number (found '42,668')",
        ),
        (
            lambda e: e["time_on_site"]["segments"][2]["windows"][3].pop("units"),
            "engagement.time_on_site.segments[2].windows[3].units: field required",
        ),
        (
            lambda e: e["confusion"][5]["engagement"].update(n_treatment=None),
            "engagement.confusion[5].engagement.n_treatment: input should be a valid integer "
            "(found None)",
        ),
        (
            lambda e: e["ctr"][0].update(significant="yes"),
            "engagement.ctr[0].significant: input should be a valid boolean (found 'yes')",
        ),
        (
            lambda e: e["clicks_to_conversion"][2].pop("observational"),
            "engagement.clicks_to_conversion[2].observational: field required",
        ),
        (
            lambda e: e["pages_windows"].update(window_edges=[1.0, "2.75", 4.0]),
            "engagement.pages_windows.window_edges[1]: input should be a valid number "
            "(found '2.75')",
        ),
        (
            lambda e: e["findings"].append(None),
            "engagement.findings[16]: input should be a valid string (found None)",
        ),
        (lambda e: e.pop("currency"), "engagement.currency: field required"),
    ],
)
def test_an_edited_value_is_refused_at_its_path(
    doc: dict[str, Any], change: Any, message: str
) -> None:
    change(doc["engagement"])
    assert audit_json_problem(doc) == message
