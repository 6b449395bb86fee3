"""What the audit reads: the units and each source, each a file or an engine's table.

Every place that opens, hashes, names or refuses to overwrite the inputs reads
them from here, so a table and a file are told apart in one place.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from personalroi.config.uri import UriPath
from personalroi.plan.inputs import RowFilter
from personalroi.plan.query_plan import QueryPlan
from personalroi.plan.refs import UNITS


@dataclass(frozen=True)
class Input:
    name: str  # 'units' or the source's name
    view: str  # the name the data layer's queries give it
    path: Path  # the file, or a URI as written (UriPath); unused for a table
    table: str | None  # the engine's table, instead of a file
    row_filter: RowFilter | None

    @property
    def location(self) -> str:
        """How messages name it: the file, or the engine's table."""
        return f"table {self.table}" if self.table else str(self.path)


def audit_inputs(plan: QueryPlan) -> dict[str, Input]:
    """'units' first, then the sources in config order."""
    return {
        name: Input(
            name,
            "src__units" if name == UNITS else f"src_{name}",
            spec.path,
            spec.table,
            spec.row_filter,
        )
        for name, spec in plan.inputs.items()
    }


def input_files(plan: QueryPlan) -> list[Path]:
    """The local data files the config names (tables and URIs are none; aggregated
    input is one)."""
    if plan.units.aggregated is not None:
        return [plan.units.aggregated, *plan.units.section_files.values()]
    inputs = audit_inputs(plan).values()
    return [i.path for i in inputs if i.table is None and not isinstance(i.path, UriPath)]


def input_bytes(plan: QueryPlan) -> int | None:
    """The size of the files the audit reads, together; None if one of them is a table, a
    URI or not a file (the engine reports that), whose size is not known here."""
    files = input_files(plan)
    if len(files) < len(plan.inputs) or not all(path.is_file() for path in files):
        return None
    return sum(path.stat().st_size for path in files)
