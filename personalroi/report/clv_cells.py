"""Cells the terminal, markdown and CSV views of `personalroi clv` write alike."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from personalroi.i18n import t
from personalroi.report import numbers

if TYPE_CHECKING:
    from personalroi.document.clv import BgNbdJson, ClvComparisonJson, GammaGammaJson

BGNBD: tuple[Literal["r", "alpha", "a", "b"], ...] = ("r", "alpha", "a", "b")
GAMMA_GAMMA: tuple[Literal["p", "q", "v"], ...] = ("p", "q", "v")


def num(value: float | None, digits: int = 2) -> str:
    return "-" if value is None else numbers.fixed(value, digits)


def bgnbd_params(fit: BgNbdJson | None, digits: int) -> str:
    """The fitted BG/NBD parameters, `r 0.214; alpha 5.1; ...` (`-` when not fitted)."""
    return _named([(k, fit[k]) for k in BGNBD] if fit else [], digits)


def gamma_gamma_params(fit: GammaGammaJson | None, digits: int) -> str:
    """The fitted Gamma-Gamma parameters, `p 3.24; q 9.17; v 153.16` (`-` when not fitted)."""
    return _named([(k, fit[k]) for k in GAMMA_GAMMA] if fit else [], digits)


def _named(params: list[tuple[str, float]], digits: int) -> str:
    return t("fmt.list_sep").join(f"{k} {num(v, digits)}" for k, v in params) if params else "-"


def lift_with_interval(row: ClvComparisonJson) -> str:
    """A comparison's absolute lift and its interval, `+0.154 [-2.280, +2.370]`."""
    lift, ci = row["absolute_lift"], row["absolute_ci"]
    shown = "-" if lift is None else numbers.fixed(lift, 3, True)
    if ci is None:
        return shown
    return f"{shown} [{numbers.fixed(ci[0], 3, True)}, {numbers.fixed(ci[1], 3, True)}]"


def method_cell(row: ClvComparisonJson) -> str:
    """The test used, or why there is none."""
    return row["method"] if row["code"] == "ok" else f"{row['code']}: {row['explanation']}"
