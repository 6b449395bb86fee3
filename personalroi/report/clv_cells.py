"""Cells the terminal, markdown and CSV views of `personalroi clv` write alike."""

from __future__ import annotations

from typing import Any

from personalroi.i18n import t
from personalroi.report import numbers

BGNBD, GAMMA_GAMMA = ("r", "alpha", "a", "b"), ("p", "q", "v")


def num(value: Any, digits: int = 2) -> str:
    return "-" if value is None else numbers.fixed(value, digits)


def params(fit: dict[str, float] | None, keys: tuple[str, ...], digits: int) -> str:
    """A fitted model's parameters, `r 0.214; alpha 5.1` (`-` when it was not fitted)."""
    return t("fmt.list_sep").join(f"{k} {num(fit[k], digits)}" for k in keys) if fit else "-"


def lift_with_interval(row: dict[str, Any]) -> str:
    """A comparison's absolute lift and its interval, `+0.154 [-2.280, +2.370]`."""
    lift, ci = row["absolute_lift"], row["absolute_ci"]
    shown = "-" if lift is None else numbers.fixed(lift, 3, True)
    if ci is None:
        return shown
    return f"{shown} [{numbers.fixed(ci[0], 3, True)}, {numbers.fixed(ci[1], 3, True)}]"


def method_cell(row: dict[str, Any]) -> str:
    """The test used, or why there is none."""
    return row["method"] if row["code"] == "ok" else f"{row['code']}: {row['explanation']}"
