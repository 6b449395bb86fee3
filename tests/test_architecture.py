"""The data layer reads the compiled query plan, never the config model (issue 21 item 3).

Parsed from the source, not imported: a forbidden import inside a function or under
TYPE_CHECKING counts as much as one at the top.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "personalroi"
# The SQL builders and loaders; the sections' business halves (engagement/section.py,
# attribution/section.py, the CLV forecasts) read the config's business keys.
PLAN_ONLY = sorted(
    [
        *(PACKAGE / "data").glob("*.py"),
        PACKAGE / "engagement" / "table.py",
        PACKAGE / "engagement" / "aggregates.py",
        PACKAGE / "clv" / "summary.py",
        PACKAGE / "clv" / "run.py",
        PACKAGE / "attribution" / "journeys.py",
        PACKAGE / "attribution" / "journey_sql.py",
        PACKAGE / "attribution" / "arm_journeys.py",
    ]
)


def config_imports(path: Path) -> list[str]:
    """`module.name` of every import of the config model class in `path`."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(
            "personalroi.config"
        ):
            found += [f"{node.module}.{a.name}" for a in node.names if a.name == "Config"]
        elif isinstance(node, ast.Import):
            found += [a.name for a in node.names if a.name == "personalroi.config.model"]
    return found


@pytest.mark.parametrize("path", PLAN_ONLY, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_the_data_layer_takes_the_plan_not_the_config(path: Path) -> None:
    assert config_imports(path) == []


def test_the_check_finds_a_config_import(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text(
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from personalroi.config.model import Config\n"
        "def f() -> None:\n    from personalroi.config import Config\n"
    )
    assert config_imports(bad) == ["personalroi.config.model.Config", "personalroi.config.Config"]


def test_the_plan_is_compiled_in_one_place() -> None:
    """Only the compiler reads the config into a plan; no module under plan/ but it imports it."""
    readers = [p.name for p in (PACKAGE / "plan").glob("*.py") if config_imports(p)]
    assert readers == ["compile.py"]


def imported_modules(path: Path) -> set[str]:
    """Every `personalroi...` module `path` imports, at any depth of the file."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
    return {m for m in found if m.startswith("personalroi.")}


@pytest.mark.parametrize(
    "layer", ["data", "plan"], ids=lambda name: f"{name}/ imports no section or renderer"
)
def test_lower_layers_import_no_section(layer: str) -> None:
    """data/ and plan/ sit under the sections (engagement, CLV, attribution), the audit and
    the renderers: an import upwards would bring back the circles the plan removed."""
    above = ("engagement", "clv", "attribution", "audit", "report", "cli")
    upward = {
        f"{path.name}: {module}"
        for path in (PACKAGE / layer).glob("*.py")
        for module in imported_modules(path)
        if module.split(".")[1] in above
    }
    assert upward == set()


def test_the_result_types_stand_on_the_ground_floor() -> None:
    """personalroi/document types the JSON documents that the audit, history, the
    sections and the renderers all read and write: it imports none of them (only its
    own modules and the errors), so any layer may use it without an arrow running back up."""
    outside = {
        f"{path.name}: {module}"
        for path in (PACKAGE / "document").glob("*.py")
        for module in imported_modules(path)
        if not module.startswith("personalroi.document") and module != "personalroi.errors"
    }
    assert outside == set()


def test_the_result_types_load_only_to_check_a_saved_result() -> None:
    """The result types are TypedDicts for mypy: the renderers, the writers and the
    history import them only under TYPE_CHECKING, so an audit does not pay for building
    them (tens of ms of start-up); they load, with pydantic's TypeAdapter, to check a
    saved file (`checked_audit_json`)."""
    import subprocess
    import sys

    modules = [
        "personalroi.report.json_format",
        "personalroi.report.table",
        "personalroi.report.html",
        "personalroi.history.store",
        "personalroi.history.portfolio",
        "personalroi.attribution.journeys",
        "personalroi.audit.planning",
    ]
    code = f"import sys, {', '.join(modules)}; print('personalroi.document.audit' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.stdout.strip() == "False", done.stderr
