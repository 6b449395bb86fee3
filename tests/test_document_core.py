"""The result's types (personalroi/document) against what the audit writes, and
the check of a saved result against what the renderers can read."""

from __future__ import annotations

import copy
import functools
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from document_keys import undeclared_keys
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from personalroi.cli import app
from personalroi.document import AuditJson, audit_json_problem, checked_audit_json
from personalroi.errors import ResultError
from personalroi.report.formats import Format, render

ROOT = Path(__file__).resolve().parent.parent
runner = CliRunner()


def _audit(*args: str) -> dict[str, Any]:
    done = runner.invoke(app, ["audit", "-f", "json", "-q", "--no-history", *args])
    assert done.exit_code in (0, 1), done.output
    result: dict[str, Any] = json.loads(done.stdout)
    return result


@pytest.fixture(scope="module")
def example() -> dict[str, Any]:
    """Every section: trend, engagement, CLV, governance, attribution, baseline."""
    return _audit("-c", str(ROOT / "configs" / "example.yaml"))


@pytest.fixture(scope="module")
def sequential() -> dict[str, Any]:
    return _audit("--sequential")


def test_the_example_result_has_the_declared_shape(example: dict[str, Any]) -> None:
    assert {"clv", "trend", "engagement", "governance", "attribution", "baseline"} <= set(example)
    assert audit_json_problem(example) is None
    assert undeclared_keys(example, AuditJson) == []


def test_the_sample_and_sequential_results_have_the_declared_shape(
    sample_result: dict[str, Any], sequential: dict[str, Any]
) -> None:
    assert sequential["experiment"]["sequential"] is not None
    for result in (sample_result, sequential):
        assert audit_json_problem(result) is None
        assert undeclared_keys(result, AuditJson) == []


def test_the_key_check_finds_an_undeclared_key(example: dict[str, Any]) -> None:
    edited = copy.deepcopy(example)
    edited["metrics"][1]["surprise"] = 1
    edited["verdict"]["reasons"][0]["also"] = {}
    assert undeclared_keys(edited, AuditJson) == ["verdict.reasons[0].also", "metrics[1].surprise"]


@pytest.mark.parametrize(
    ("path", "value", "problem"),
    [
        (("schema_version",), "1", "schema_version: input should be a valid integer (found '1')"),
        (
            ("metrics", 0, "significant"),
            1,
            "metrics[0].significant: input should be a valid boolean",
        ),
        (("metrics", 2, "absolute_ci", 1), "0.1", "metrics[2].absolute_ci[1]: input should be"),
        (
            ("data_quality", "srm", "ok"),
            None,
            "data_quality.srm.ok: input should be a valid boolean",
        ),
        (("verdict", "reasons"), {}, "verdict.reasons: input should be a valid list (found {})"),
        (("scorecard", "items", 0, "weight"), "3", "scorecard.items[0].weight: input should be"),
    ],
)
def test_a_problem_names_the_first_key_that_is_wrong(
    example: dict[str, Any], path: tuple[str | int, ...], value: object, problem: str
) -> None:
    edited = copy.deepcopy(example)
    node: Any = edited
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = value
    found = audit_json_problem(edited)
    assert found is not None and found.startswith(problem), found


def test_integers_stand_for_floats_but_not_the_reverse(example: dict[str, Any]) -> None:
    # JSON writes 3.0 as 3 in some tools; a count written as 3.0 is not a count.
    edited = copy.deepcopy(example)
    edited["experiment"]["alpha"] = 0
    assert audit_json_problem(edited) is None
    edited["metrics"][0]["n_control"] = 6800.0
    assert audit_json_problem(edited) == (
        "metrics[0].n_control: input should be a valid integer (found 6800.0)"
    )


# Replacements a hand edit might make; whichever the check lets through must render.
VALUES = st.sampled_from([None, 0, 1, -2.5, 1e300, "", "x", "[new]", True, [], {}, [None], [0.5]])


def _paths(node: Any, at: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    if isinstance(node, dict):
        for key, value in node.items():
            yield (*at, key)
            yield from _paths(value, (*at, key))
    elif isinstance(node, list):
        for i, value in enumerate(node[:3]):
            yield (*at, i)
            yield from _paths(value, (*at, i))


@functools.cache
def _example_text() -> str:
    # Read here, not through a fixture: Hypothesis would print the whole result with
    # every failing example.
    return json.dumps(_audit("-c", str(ROOT / "configs" / "example.yaml")))


@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_what_passes_the_check_renders_in_every_format(data: st.DataObject) -> None:
    """The check and the renderers agree: an edit the types allow renders (table,
    markdown, CSV, JSON); one they do not is refused with a located message."""
    edited = json.loads(_example_text())
    paths = sorted(_paths(edited), key=repr)
    for _ in range(data.draw(st.integers(1, 3))):
        path = data.draw(st.sampled_from(paths))
        node: Any = edited
        try:
            for part in path[:-1]:
                node = node[part]
            if data.draw(st.booleans()) and isinstance(node, dict):
                node.pop(path[-1], None)
            else:
                node[path[-1]] = data.draw(VALUES)
        except (KeyError, IndexError, TypeError):
            continue  # an earlier edit removed or replaced this path
    try:
        result = checked_audit_json(edited, "edited.json")
    except ResultError as exc:
        assert str(exc).startswith("edited.json: ")
        return
    for fmt in (Format.table, Format.markdown, Format.csv, Format.json):
        render(result, fmt)
