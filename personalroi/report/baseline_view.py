"""The `baseline` section as plain-text table cells, shared by table, markdown and HTML."""

from __future__ import annotations

from typing import TYPE_CHECKING

from personalroi.i18n import t
from personalroi.report import numbers

if TYPE_CHECKING:
    from personalroi.document import AuditJson

Table = tuple[str, list[str], list[list[str]]]
HEADER_KEYS = ("metric", "pre_column", "arm", "before", "vs_control", "during_test", "change")


def caption() -> str:
    return t("baseline.caption")


def baseline(result: AuditJson) -> Table | None:
    rows = result.get("baseline") or []
    if not rows:
        return None
    types = {r["metric"]: r["type"] for r in result.get("metrics") or []}
    body = [
        [
            r["metric"],
            r["covariate"],
            r["arm"],
            numbers.value(r.get("before"), types.get(r["metric"], "mean")),
            numbers.pct(r.get("before_vs_control")),
            numbers.value(r.get("after"), types.get(r["metric"], "mean")),
            numbers.pct(r.get("change")),
        ]
        for r in rows
    ]
    return t("baseline.title"), [t(f"col.{key}") for key in HEADER_KEYS], body
