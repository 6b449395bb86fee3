"""A starter config from a units file's columns: guessed roles, written as commented YAML.

The guesses are deliberately simple and explained in the comments, so the user
checks each one; `personalroi validate` then confirms the result.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from personalroi.errors import DataError

ID_NAME = re.compile(r"(^|_)(id|uuid|guid|user|visitor|customer|client|member)(_?id)?$", re.I)
ARM_NAME = re.compile(r"variant|arm|group|treatment|bucket|experience|cohort|version", re.I)
TIME_NAME = re.compile(r"time|date|(^|_)(at|ts)$|timestamp|exposure", re.I)
MONEY_NAME = re.compile(r"revenue|amount|spend|sales|gmv|price|value|order|basket|profit", re.I)
BASELINE_NAME = re.compile(r"^(pre|prior|baseline|before|hist)", re.I)
CONTROL_NAMES = ("control", "generic", "default", "baseline", "original", "a", "off", "0")
BINARY_VALUES = {"0", "1", "true", "false", "yes", "no", "0.0", "1.0"}
MAX_ARMS = 10
MAX_LEVELS = 50


class Column(Protocol):
    @property
    def name(self) -> str: ...
    @property
    def rows(self) -> int: ...
    @property
    def distinct(self) -> int: ...
    @property
    def values(self) -> tuple[str, ...]: ...
    @property
    def numeric(self) -> bool: ...
    @property
    def temporal(self) -> bool: ...


@dataclass
class Roles:
    id: str | None = None
    arm: str | None = None
    arms: tuple[str, ...] = ()
    control: str | None = None
    timestamp: str | None = None
    dimensions: list[str] = field(default_factory=list)
    revenue: list[str] = field(default_factory=list)
    binary: list[str] = field(default_factory=list)
    other: list[str] = field(default_factory=list)
    baselines: list[str] = field(default_factory=list)
    why: dict[str, str] = field(default_factory=dict)


def guess_roles(columns: Sequence[Column]) -> Roles:
    roles = Roles()
    left = list(columns)

    def take(col: Column, why: str) -> None:
        left.remove(col)
        roles.why[col.name] = why

    ids = [c for c in left if ID_NAME.search(c.name)]
    unique = [c for c in left if c.rows and c.distinct >= 0.95 * c.rows and not c.temporal]
    candidates = [c for c in ids if c in unique] or ids or unique
    pick = candidates[0] if candidates else None
    if pick is not None:
        roles.id = pick.name
        take(pick, f"{pick.distinct:,} distinct values in {pick.rows:,} rows")
    arms = [c for c in left if 2 <= c.distinct <= MAX_ARMS and not c.temporal]
    arm = next((c for c in arms if ARM_NAME.search(c.name)), None)
    if arm is not None:
        roles.arm, roles.arms = arm.name, tuple(sorted(arm.values))
        roles.control = next(
            (v for name in CONTROL_NAMES for v in roles.arms if v.lower() == name), roles.arms[0]
        )
        take(arm, f"{arm.distinct} values: {', '.join(roles.arms)}")
    for col in list(left):
        lowered = {v.lower() for v in col.values}
        if col.temporal or (TIME_NAME.search(col.name) and not col.numeric):
            if roles.timestamp is None and col.temporal:
                roles.timestamp = col.name
                take(col, "dates or timestamps")
        elif col.numeric and BASELINE_NAME.search(col.name):
            roles.baselines.append(col.name)
            take(col, "a pre-period number: a CUPED baseline")
        elif col.numeric and col.distinct <= 2 and lowered <= BINARY_VALUES:
            roles.binary.append(col.name)
            take(col, "only 0/1 values")
        elif col.numeric and MONEY_NAME.search(col.name):
            roles.revenue.append(col.name)
            take(col, "a money-like name")
        elif col.numeric:
            roles.other.append(col.name)
            take(col, "numbers")
        elif 2 <= col.distinct <= MAX_LEVELS:
            roles.dimensions.append(col.name)
            take(col, f"{col.distinct} text values: a segment")
    return roles


def _yaml_str(value: str) -> str:
    """A YAML scalar that stays a string (quoted when plain style would change it)."""
    if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_ .\-]*", value) and value.lower() not in (
        "yes",
        "no",
        "true",
        "false",
        "on",
        "off",
        "null",
        "y",
        "n",
    ):
        return value
    return "'" + value.replace("'", "''") + "'"


def metric_name(column: str) -> str:
    # No "__": the engine's own column suffixes (<metric>__sum) are refused in names.
    return re.sub(r"[^0-9a-zA-Z]+", "_", column).strip("_").lower() or "metric"


def _unique_names(columns: Sequence[str]) -> list[str]:
    """Metric names for `columns`, numbered where two columns give the same name."""
    out: list[str] = []
    for column in columns:
        name, n = metric_name(column), 2
        while name in out:
            name, n = f"{metric_name(column)}_{n}", n + 1
        out.append(name)
    return out


def require_outcomes(roles: Roles, data: str) -> None:
    """A config without metrics validates nothing and audits nothing: refuse to write one."""
    if not (roles.revenue or roles.binary or roles.other):
        raise DataError(
            f"{data}: no column holds numbers or 0/1 values, so there is no outcome to "
            "compare between the arms. Export an outcome per unit (e.g. converted, revenue) "
            "and run init again, or write the config by hand with the event files under "
            "sources (README, config walk-through)."
        )


def starter_yaml(roles: Roles, data_path: str, source_name: str) -> str:
    why = roles.why
    note = lambda col: f"  # guessed: {why[col]}" if col in why else ""  # noqa: E731
    lines = [
        f"# Starter config written by `personalroi init {source_name}`.",
        "# Every role below is a guess from the column names and values: check each one,",
        "# then run `personalroi validate -c <this file>` and `personalroi audit -c <this file>`.",
        "experiment:",
        f"  name: {_yaml_str(source_name.rsplit('.', 1)[0] + ' experiment')}",
        "  hypothesis: State the expected effect before looking at the results",
        "  alpha: 0.05            # significance threshold, fixed in advance",
        f"  control: {_yaml_str(roles.control or 'control')}"
        + (f"  # guessed from arms: {', '.join(roles.arms)}" if roles.arms else "  # TODO"),
        "  correction: holm       # none | holm | bh, across metrics x arms",
        "",
        "units:                   # one row per randomized visitor/user",
        f"  path: {_yaml_str(data_path)}",
        f"  id: {_yaml_str(roles.id or 'TODO_id_column')}{note(roles.id or '')}",
        f"  arm: {_yaml_str(roles.arm or 'TODO_arm_column')}{note(roles.arm or '')}",
    ]
    if roles.dimensions:
        dims = ", ".join(_yaml_str(d) for d in roles.dimensions)
        lines.append(f"  dimensions: [{dims}]  # guessed: text columns with few values")
    if roles.timestamp:
        lines.append(f"  timestamp: {_yaml_str(roles.timestamp)}{note(roles.timestamp)}")
    kinds = [("mean", roles.revenue, 3), ("binary", roles.binary, 2), ("mean", roles.other, 1)]
    picked = [(kind, col, weight) for kind, cols, weight in kinds for col in cols]
    names = _unique_names([col for _, col, _ in picked])
    metrics = [  # (name, YAML body, column)
        (name, f"{{type: {kind}, value: {_yaml_str('units.' + col)}, weight: {weight}}}", col)
        for name, (kind, col, weight) in zip(names, picked, strict=True)
    ]
    revenue_metric = names[0] if roles.revenue else None
    if roles.baselines and revenue_metric:
        lines.append(
            f"  covariates: {{{revenue_metric}: {_yaml_str(roles.baselines[0])}}}"
            "  # guessed: pre-period baseline (CUPED)"
        )
    elif roles.baselines:
        lines.append(f"  # covariates: {{<metric>: {roles.baselines[0]}}}  # a pre-period baseline")
    lines += ["", "metrics:                 # value: units.<column> for columns of this file"]
    if metrics:
        width = max(len(m[0]) for m in metrics) + 1
        lines += [f"  {(name + ':').ljust(width)} {body}{note(col)}" for name, body, col in metrics]
    else:
        lines[-1] = "metrics: {}              # TODO: no outcome columns found; see the README"
    lines += [
        "",
        "# costs:   - {name: personalization platform, category: technology, monthly: 2000}",
        "economics:",
        "  currency: EUR",
    ]
    if revenue_metric:
        lines.append(f"  revenue_metric: {revenue_metric}")
    lines += [
        "  eligible_units_per_month: 0   # TODO: traffic that would get the experience",
        "  horizon_months: 12",
        "",
    ]
    return "\n".join(lines)
