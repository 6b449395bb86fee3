"""The arms in the data: control and treatments as the config names them, checked."""

from __future__ import annotations

from typing import TYPE_CHECKING

from personalroi.data.sources import Table, ident
from personalroi.errors import DataError, did_you_mean
from personalroi.plan.query_plan import QueryPlan

if TYPE_CHECKING:
    from personalroi.engines.base import Connection


def find_arms(
    con: Connection, plan: QueryPlan, units: Table, index: str | None = None
) -> tuple[str, list[str]]:
    """Control and treatments; `index` (the checks' unit index) is read instead of the file."""
    exp, column = plan.arms, plan.units.arm
    arm = "arm" if index else f"CAST({ident(column)} AS VARCHAR)"
    source = index or ident(units.view)
    rows = con.execute(
        f"SELECT DISTINCT {arm} FROM {source} WHERE {arm} IS NOT NULL ORDER BY 1"
    ).fetchall()
    present = [r[0] for r in rows]
    if not present:
        raise DataError(
            f"{units.path}: no data rows with an arm in column {column!r} "
            "(units.arm); the file has a header but nothing to analyse."
        )
    if exp.control not in present:
        raise DataError(
            f"{units.path}: control arm {exp.control!r} (experiment.control) is not in column "
            f"{column!r}{did_you_mean(exp.control, present)}. "
            f"Arms found: {', '.join(present) or 'none'}."
        )
    treatments = list(exp.treatments or ()) or [a for a in present if a != exp.control]
    for arm in treatments:
        if arm not in present:
            raise DataError(
                f"{units.path}: treatment arm {arm!r} (experiment.treatments) is not in column "
                f"{column!r}{did_you_mean(arm, present)}. "
                f"Arms found: {', '.join(present)}."
            )
    if not treatments:
        raise DataError(
            f"{units.path}: only the control arm {exp.control!r} is in the data; "
            "a comparison needs at least one personalized arm."
        )
    _check_split(plan, units, present, [exp.control, *treatments])
    return exp.control, treatments


def _check_split(plan: QueryPlan, units: Table, present: list[str], arms: list[str]) -> None:
    """expected_split must give a share to exactly the arms analysed (SRM is silent otherwise)."""
    split, column = plan.arms.expected_split, plan.units.arm
    if split is None:
        return
    for arm in split:
        if arm not in present:
            raise DataError(
                f"{units.path}: experiment.expected_split names arm {arm!r}, which is not in "
                f"column {column!r}{did_you_mean(arm, present)}. "
                f"Arms found: {', '.join(present)}."
            )
    missing = [a for a in arms if a not in split]
    if missing:
        raise DataError(
            f"{plan.units.path}: experiment.expected_split has no share for arm(s) "
            f"{', '.join(map(repr, missing))}; give every analysed arm a share."
        )
