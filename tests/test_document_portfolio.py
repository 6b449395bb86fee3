"""The `history portfolio` document's types (document/portfolio.py) against what the
command writes: every key declared, the producer's dataclasses field for field, a wrong
value located to its key path."""

from __future__ import annotations

import copy
import json
import typing
from pathlib import Path
from typing import Any

import pytest
from document_keys import field_mismatches, required_keys, undeclared_keys
from pydantic import TypeAdapter, ValidationError
from typer.testing import CliRunner

from personalroi.cli import app
from personalroi.document.portfolio import (
    PortfolioExperimentJson,
    PortfolioJson,
    PortfolioTotalJson,
)
from personalroi.history import store
from personalroi.history.portfolio import Portfolio, PortfolioExperiment, PortfolioTotal

runner = CliRunner()
ADAPTER = TypeAdapter(PortfolioJson)


def portfolio(path: Path, *args: str) -> dict[str, Any]:
    done = runner.invoke(app, ["history", "portfolio", "--history", str(path), "-f", "json", *args])
    assert done.exit_code == 0, done.output
    out: dict[str, Any] = json.loads(done.stdout)
    return out


def renamed(result: dict[str, Any], name: str, **roi: object) -> dict[str, Any]:
    """The sample's result as another experiment's, its ROI entries changed by `roi`."""
    out = copy.deepcopy(result)
    out["experiment"]["name"] = name
    for entry in out["roi"]:
        entry.update(roi)
    return out


@pytest.fixture(scope="module")
def programme(sample_result: dict[str, Any], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Real audit results as five experiments, one per way a line can end up:
    decided (rollout of the arm ranked 2nd), ranked first, stopped, in another currency,
    and without money; one on another basis and horizon, so the totals carry notes."""
    path = tmp_path_factory.mktemp("portfolio") / "h.sqlite"
    decided = store.record(path, renamed(sample_result, "Decided"))
    store.record(path, renamed(sample_result, "Ranked", basis="revenue", horizon_months=6))
    stopped = store.record(path, renamed(sample_result, "Stopped"))
    store.record(path, renamed(sample_result, "Dollars", currency="USD"))
    store.record(path, {**renamed(sample_result, "No money"), "roi": [], "priorities": []})
    store.record_decision(path, decided, "rollout", "subtle", "Ana Silva")
    store.record_decision(path, stopped, "stop", "extreme", "Bo", "no budget")
    return path


@pytest.fixture(scope="module")
def document(programme: Path) -> dict[str, Any]:
    return portfolio(programme, "--currency", "EUR")


def test_every_kind_of_line_is_declared_and_valid(document: dict[str, Any]) -> None:
    lines = {x["experiment"]: x for x in document["experiments"]}
    # The branches the fixture is there for: if one stops appearing, it tests less.
    assert lines["Decided"]["chosen_by"] == "decision" and lines["Decided"]["counted"]
    assert lines["Ranked"]["chosen_by"] == "priority" and lines["Ranked"]["counted"]
    assert lines["Stopped"]["note_phrase"]["key"] == "programme.note.stopped"
    assert lines["Dollars"]["note_phrase"]["key"] == "programme.note.other_currency"
    assert lines["No money"]["chosen_by"] == "none" and lines["No money"]["currency"] is None
    assert len(document["total"]["note_phrases"]) == 2  # bases and horizons differ
    assert undeclared_keys(document, PortfolioJson) == []
    ADAPTER.validate_python(document, strict=True)


def test_an_empty_programme_is_declared_and_valid(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite"
    with store.connect(path):
        pass
    doc = portfolio(path)
    assert doc["experiments"] == [] and doc["total"]["roi"] is None
    assert undeclared_keys(doc, PortfolioJson) == []
    ADAPTER.validate_python(doc, strict=True)


@pytest.mark.parametrize(
    ("json_type", "producer"),
    [
        (PortfolioJson, Portfolio),
        (PortfolioExperimentJson, PortfolioExperiment),
        (PortfolioTotalJson, PortfolioTotal),
    ],
)
def test_the_types_follow_the_producer(json_type: Any, producer: Any) -> None:
    """Field for field, null where the dataclass allows None: the JSON encoder writes
    every field, so a field added there must be declared here."""
    assert field_mismatches(json_type, producer) == []
    assert required_keys(json_type) == frozenset(
        typing.get_type_hints(json_type)
    )  # built anew: nothing optional


@pytest.mark.parametrize(
    ("path", "value", "where", "kind"),
    [
        (["experiments", 1, "roi"], "high", ("experiments", 1, "roi"), "float_type"),
        (["experiments", 0, "audit_id"], 1.5, ("experiments", 0, "audit_id"), "int_type"),
        (["total", "roi_ci", 0], None, ("total", "roi_ci", 0), "float_type"),
        # Not a phrase's key: stored phrases are not checked (a broken one reads as its text).
        (["experiments", 2, "arm"], 7, ("experiments", 2, "arm"), "string_type"),
        (["total", "notes"], "one note", ("total", "notes"), "list_type"),
    ],
)
def test_a_wrong_value_is_located(
    document: dict[str, Any], path: list[Any], value: object, where: tuple[Any, ...], kind: str
) -> None:
    edited = copy.deepcopy(document)
    *parents, last = path
    at: Any = edited
    for part in parents:
        at = at[part]
    at[last] = value
    with pytest.raises(ValidationError) as caught:
        ADAPTER.validate_python(edited, strict=True)
    first = caught.value.errors()[0]
    assert (first["loc"], first["type"]) == (where, kind)


def test_a_missing_key_is_located(document: dict[str, Any]) -> None:
    edited = copy.deepcopy(document)
    del edited["total"]["experiments_counted"]
    with pytest.raises(ValidationError) as caught:
        ADAPTER.validate_python(edited, strict=True)
    first = caught.value.errors()[0]
    assert (first["loc"], first["type"]) == (("total", "experiments_counted"), "missing")
