"""CSV: one row per metric x arm x level, for spreadsheets and BI tools.

Text cells that a spreadsheet would run as a formula (starting with = + - @,
tab or carriage return) get a leading apostrophe, the OWASP advice against CSV
injection. Numbers are written as numbers, so a negative lift stays a number. The first
line is the verdict's headline as a `#` comment, as every format opens with it.
"""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING

from personalroi.report import verdict_view

if TYPE_CHECKING:
    from personalroi.document import AuditJson
    from personalroi.document.core import MetricJson

COLUMNS = (
    "metric",
    "type",
    "arm",
    "dimension",
    "level",
    "n_control",
    "n_treatment",
    "control_value",
    "treatment_value",
    "absolute_lift",
    "absolute_ci_low",
    "absolute_ci_high",
    "relative_lift",
    "relative_ci_low",
    "relative_ci_high",
    "p_value",
    "p_value_adjusted",
    "significant",
    "chance_to_beat_control",
    "method",
    "status",
    "better",
    "guardrail",
    "code",
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell(value: object) -> str | int | float:
    """One CSV cell: None is empty, booleans are true/false, risky text is defused."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return value
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def _row(r: MetricJson) -> list[str | int | float]:
    flat: dict[str, object] = dict(r)
    for key, ci in (("absolute_ci", r["absolute_ci"]), ("relative_ci", r["relative_ci"])):
        flat[f"{key}_low"], flat[f"{key}_high"] = ci or (None, None)
    return [cell(flat.get(col)) for col in COLUMNS]


def render_csv(result: AuditJson) -> str:
    """The verdict headline as a leading `#` line (readers skip it: comment="#"), then rows."""
    buffer = io.StringIO()
    buffer.write("# " + " ".join(verdict_view.headline(result).split()) + "\r\n")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    writer.writerows(_row(r) for r in result.get("metrics", []))
    return buffer.getvalue()
