"""The `attribution` section and the `attribute` command's document against their types
(personalroi/document/attribution.py): what the audit and the command
write, a treatment that converted nothing (null shares, untested rows) and a result saved
before the phrases included, has only declared keys and passes the checks; a value edited
into another type is named by its path."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
from cli_helpers import audit_json
from document_keys import undeclared_keys
from pydantic import TypeAdapter, ValidationError

from personalroi.document import AuditJson, audit_json_problem
from personalroi.document.attribution import AttributeJson, AttributionJson

# Arm b's units are touched (one by a personalized banner) but never buy.
UNITS = "id,arm\n1,a\n2,a\n3,a\n4,b\n5,b\n6,b\n"
TOUCHES = """id,at,channel,pers
1,2026-07-01 00:00:00,email,0
1,2026-07-02 00:00:00,search,0
2,2026-07-03 00:00:00,banner,1
4,2026-07-03 00:00:00,banner,1
5,2026-07-04 00:00:00,search,0
"""
ORDERS = """id,at,amount
1,2026-07-03 00:00:00,100
2,2026-07-05 00:00:00,60
3,2026-07-06 00:00:00,40
"""


@pytest.fixture(scope="module")
def no_sale(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    folder = tmp_path_factory.mktemp("attribution_types")
    for name, text in [("units.csv", UNITS), ("touches.csv", TOUCHES), ("orders.csv", ORDERS)]:
        (folder / name).write_text(text)
    config = {
        "experiment": {"name": "no sale", "control": "a", "treatments": ["b"],
                       "start": "2026-07-01", "end": "2026-07-31"},
        "units": {"path": str(folder / "units.csv"), "id": "id", "arm": "arm"},
        "sources": {
            "orders": {"path": str(folder / "orders.csv"), "id": "id", "timestamp": "at"},
            "touches": {"path": str(folder / "touches.csv"), "id": "id", "timestamp": "at"},
        },
        "metrics": {"conversion_rate": {"type": "binary", "value": "orders.count"}},
        "attribution": {"source": "touches", "channel": "channel", "personalized": "pers",
                        "conversions": "orders", "value": "amount"},
    }  # fmt: skip
    return audit_json(config, folder)


def test_a_treatment_without_conversions(no_sale: dict[str, Any]) -> None:
    att = no_sale["attribution"]
    # The variant this module is for: null shares and rows without a test.
    assert att["by_arm"]["b"]["total_value"] == 0.0
    assert set(att["by_arm"]["b"]["personalized_share"].values()) == {None}
    assert all(r["p_value"] is None and r["absolute_ci"] is None for r in att["comparison"])
    assert undeclared_keys(att, AttributionJson) == []
    assert audit_json_problem(no_sale) is None


def test_the_sample_section(sample_result: dict[str, Any]) -> None:
    att = sample_result["attribution"]
    assert any(r["absolute_ci"] for r in att["comparison"])  # the rule models' tests
    assert att["finding_phrases"] and att["not_in_roi_phrase"]
    assert undeclared_keys(att, AttributionJson) == []
    assert undeclared_keys(sample_result, AuditJson) == []
    assert audit_json_problem(sample_result) is None


def test_a_result_saved_before_the_phrases(sample_result: dict[str, Any]) -> None:
    """The phrases came after the section: a result without them is valid and renders
    its English findings."""
    from personalroi.report.attribution_view import findings

    result = copy.deepcopy(sample_result)
    del result["attribution"]["finding_phrases"], result["attribution"]["not_in_roi_phrase"]
    assert audit_json_problem(result) is None
    att = result["attribution"]
    assert findings(result) == [*att["findings"], att["not_in_roi"]]
    # A stored phrase is not checked: one that is not a phrase reads as its English text.
    result = copy.deepcopy(sample_result)
    result["attribution"]["not_in_roi_phrase"] = {"params": 3}
    assert audit_json_problem(result) is None
    assert findings(result)[-1] == att["not_in_roi"]


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (
            lambda a: a["by_arm"]["subtle"]["models"]["markov"].update(email="12"),
            "attribution.by_arm.subtle.models.markov.email: input should be a valid number "
            "(found '12')",
        ),
        (
            lambda a: a["by_arm"]["extreme"].update(conversions=591.5),
            "attribution.by_arm.extreme.conversions: input should be a valid integer (found 591.5)",
        ),
        (
            lambda a: a["comparison"][2].update(significant="no"),
            "attribution.comparison[2].significant: input should be a valid boolean (found 'no')",
        ),
        (
            lambda a: a["comparison"][0].update(absolute_ci=[None, "0.1"]),
            "attribution.comparison[0].absolute_ci[1]: input should be a valid number "
            "(found '0.1')",
        ),
        (lambda a: a.pop("comparison"), "attribution.comparison: field required"),
        (
            lambda a: a.update(models="first_touch"),
            "attribution.models: input should be a valid list (found 'first_touch')",
        ),
        (
            lambda a: a.update(finding_phrases="att.finding"),
            "attribution.finding_phrases: input should be a valid list (found 'att.finding')",
        ),
    ],
)
def test_an_edited_value_is_named_by_its_path(
    sample_result: dict[str, Any], edit: Any, message: str
) -> None:
    result = copy.deepcopy(sample_result)
    edit(result["attribution"])
    assert audit_json_problem(result) == message


def test_a_null_bound_renders_as_a_dash(sample_result: dict[str, Any]) -> None:
    """The types allow a null CI bound (a bound that was not finite): the share table
    shows it as a dash instead of failing on it."""
    from personalroi.report.attribution_view import share_table

    result = copy.deepcopy(sample_result)
    row = next(r for r in result["attribution"]["comparison"] if r["absolute_ci"])
    row["absolute_ci"][1] = None
    assert audit_json_problem(result) is None
    shares = share_table(result)
    assert shares is not None
    column = shares[0].index(row["arm"])
    (cell,) = [r[column][1] for r in shares[1] if r[0][0] == row["model"].replace("_", " ")]
    assert cell.endswith(", –]") or cell.endswith(", –] *")


@pytest.fixture(scope="module")
def attribute_doc(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """`personalroi attribute --format json` on the bundled sample."""
    import json

    from typer.testing import CliRunner

    from personalroi.cli import app

    root = Path(__file__).resolve().parent.parent
    out = tmp_path_factory.mktemp("attribute") / "doc.json"
    args = ["attribute", "-c", str(root / "configs" / "example.yaml"), "-f", "json", "-q"]
    done = CliRunner().invoke(app, [*args, "-o", str(out)])
    assert done.exit_code == 0, done.output
    doc: dict[str, Any] = json.loads(out.read_text())
    return doc


def test_the_attribute_document(attribute_doc: dict[str, Any]) -> None:
    assert undeclared_keys(attribute_doc, AttributeJson) == []
    TypeAdapter(AttributeJson).validate_python(attribute_doc, strict=True)


def test_an_edited_attribute_document_is_refused(attribute_doc: dict[str, Any]) -> None:
    doc = copy.deepcopy(attribute_doc)
    doc["models"]["linear"]["personalized"]["true"] = "1.0"
    with pytest.raises(ValidationError) as found:
        TypeAdapter(AttributeJson).validate_python(doc, strict=True)
    assert found.value.errors()[0]["loc"] == ("models", "linear", "personalized", "true")
