"""The `clv` section's TypedDicts (document/clv.py) against what the audit and
`personalroi clv --format json` write, and the located message for a wrong value."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from document_keys import field_mismatches, undeclared_keys
from typer.testing import CliRunner

from personalroi.cli import app
from personalroi.clv.bgnbd import BgNbd
from personalroi.clv.document import ArmClv, ClvComparison, ClvDocument, HoldoutCheck, PooledFits
from personalroi.clv.gamma_gamma import GammaGamma
from personalroi.document import audit_json_problem
from personalroi.document.clv import (
    ArmClvJson,
    BgNbdJson,
    ClvComparisonJson,
    ClvJson,
    GammaGammaJson,
    HoldoutCheckJson,
    PooledFitsJson,
)
from personalroi.report import clv_view

ROOT = Path(__file__).resolve().parent.parent
runner = CliRunner()


@pytest.mark.parametrize(
    ("producer", "shape"),
    [
        (ClvDocument, ClvJson),
        (PooledFits, PooledFitsJson),
        (ArmClv, ArmClvJson),
        (HoldoutCheck, HoldoutCheckJson),
        (ClvComparison, ClvComparisonJson),
        (BgNbd, BgNbdJson),
        (GammaGamma, GammaGammaJson),
    ],
)
def test_each_type_has_its_dataclass_fields(producer: type, shape: type) -> None:
    # `clean` writes a dataclass field by field: a field added there must be typed here.
    assert field_mismatches(shape, producer) == []


def test_the_audit_section_is_declared_and_valid(sample_result: dict[str, Any]) -> None:
    section = sample_result["clv"]
    assert section["comparisons"] and section["arms"]
    assert undeclared_keys(section, ClvJson) == []
    assert audit_json_problem(sample_result) is None


def _variant(folder: Path, name: str, few_repeaters: bool = False, control: bool = True) -> Path:
    """configs/example.yaml with the orders thinned to about one per buyer (every arm's
    fit too rough: warnings, no own fits, no holdout check), or without the control
    arm's units and without categories."""
    config = yaml.safe_load((ROOT / "configs" / "example.yaml").read_text())
    for source in config["sources"].values():
        source["path"] = str(ROOT / "configs" / source["path"])
    config["units"]["path"] = str(ROOT / "configs" / config["units"]["path"])
    if few_repeaters:
        head, *rows = (ROOT / "sample_data" / "orders.csv").read_text().splitlines()
        seen: set[str] = set()
        kept = []
        for row in rows:
            visitor = row.split(",")[1]
            if visitor not in seen or int(visitor) % 40 == 0:
                kept.append(row)
            seen.add(visitor)
        orders = folder / f"{name}-orders.csv"
        orders.write_text("\n".join([head, *kept]) + "\n")
        config["sources"]["orders"]["path"] = str(orders)
    if not control:
        head, *rows = (ROOT / "sample_data" / "visitors.csv").read_text().splitlines()
        units = folder / f"{name}-visitors.csv"
        units.write_text(
            "\n".join([head, *(r for r in rows if r.split(",")[1] != "generic")]) + "\n"
        )
        config["units"]["path"] = str(units)
        del config["clv"]["category"]
    path = folder / f"{name}.yaml"
    path.write_text(yaml.safe_dump(config))
    return path


@pytest.fixture(scope="module")
def clv_docs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    """`personalroi clv --format json`: on the example, and on variants where the
    optional parts are null or filled the other way."""
    folder = tmp_path_factory.mktemp("clv_docs")
    configs = {
        "example": ROOT / "configs" / "example.yaml",
        "few_repeaters": _variant(folder, "few", few_repeaters=True),
        "no_control": _variant(folder, "no_control", control=False),
    }
    docs = {}
    for name, config in configs.items():
        done = runner.invoke(app, ["clv", "-c", str(config), "-f", "json", "-q"])
        assert done.exit_code == 0, done.output
        docs[name] = json.loads(done.stdout)
    return docs


def test_the_variants_reach_the_optional_parts(clv_docs: dict[str, dict[str, Any]]) -> None:
    example, few, alone = clv_docs["example"], clv_docs["few_repeaters"], clv_docs["no_control"]
    assert all(a["bgnbd"] and a["gamma_gamma"] and a["holdout"] for a in example["arms"])
    assert example["pooled"]["bgnbd"] and example["pooled"]["gamma_gamma"]
    assert few["warning_phrases"] and len(few["warning_phrases"]) == len(few["warnings"])
    assert all(a["bgnbd"] is None and a["holdout"] is None and a["problem"] for a in few["arms"])
    assert alone["control"] is None and alone["comparisons"] == []
    assert all(a["categories_per_customer"] is None for a in alone["arms"])


@pytest.mark.parametrize("name", ["example", "few_repeaters", "no_control"])
def test_the_clv_command_document_is_declared_and_valid(
    name: str, clv_docs: dict[str, dict[str, Any]], sample_result: dict[str, Any]
) -> None:
    doc = clv_docs[name]
    assert undeclared_keys(doc, ClvJson) == []
    # The same document is the audit's section: checked in place, with the audit's paths.
    assert audit_json_problem({**sample_result, "clv": doc}) is None


def _arm_customers(doc: dict[str, Any]) -> None:
    doc["arms"][1]["customers"] = "345"


def _no_p_value(doc: dict[str, Any]) -> None:
    del doc["comparisons"][2]["p_value"]


def _text_in_interval(doc: dict[str, Any]) -> None:
    doc["comparisons"][2]["absolute_ci"] = [0.1, "wide"]


def _null_parameter(doc: dict[str, Any]) -> None:
    doc["pooled"]["bgnbd"]["alpha"] = None


def _half_holdout(doc: dict[str, Any]) -> None:
    doc["arms"][0]["holdout"] = {"ok": True}


def _warning_not_text(doc: dict[str, Any]) -> None:
    doc["warnings"] = [3]


def _units_as_float(doc: dict[str, Any]) -> None:
    doc["arms"][2]["units"] = 6800.0


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (_arm_customers, "clv.arms[1].customers: input should be a valid integer (found '345')"),
        (_no_p_value, "clv.comparisons[2].p_value: field required"),
        (
            _text_in_interval,
            "clv.comparisons[2].absolute_ci[1]: input should be a valid number (found 'wide')",
        ),
        (_null_parameter, "clv.pooled.bgnbd.alpha: input should be a valid number (found None)"),
        (_half_holdout, "clv.arms[0].holdout.calibration_end: field required"),
        (_warning_not_text, "clv.warnings[0]: input should be a valid string (found 3)"),
        (_units_as_float, "clv.arms[2].units: input should be a valid integer (found 6800.0)"),
    ],
)
def test_a_wrong_value_is_named_by_its_path(
    edit: Any, message: str, clv_docs: dict[str, dict[str, Any]], sample_result: dict[str, Any]
) -> None:
    doc = copy.deepcopy(clv_docs["example"])
    edit(doc)
    assert audit_json_problem({**sample_result, "clv": doc}) == message


def test_a_section_saved_before_the_later_fields_still_reads(
    sample_result: dict[str, Any],
) -> None:
    old = copy.deepcopy(sample_result)
    section = old["clv"]
    del section["pooled"], section["warning_phrases"]
    for row in section["comparisons"]:
        del row["better"], row["reading"]
    assert audit_json_problem(old) is None
    shown = clv_view.comparisons(old)
    assert shown is not None
    _, _, rows = shown
    assert rows and all(row[-1] == "" for row in rows)  # no reading stored, none shown


@pytest.mark.parametrize("lang", ["en", "de", "sv"])
def test_a_document_without_control_says_so_in_markdown(
    clv_docs: dict[str, dict[str, Any]], lang: str
) -> None:
    from personalroi.i18n import Lang, using
    from personalroi.report.clv_export import render_clv_markdown

    with using(Lang(lang)):
        alone = render_clv_markdown(clv_docs["no_control"])
        example = render_clv_markdown(clv_docs["example"])
    # It printed "control **None**" before.
    assert "None" not in alone and "**generic**" in example
    assert {"en": "no control arm", "de": "keine Kontrollgruppe", "sv": "ingen kontrollgrupp"}[
        lang
    ] in alone
