"""The data-quality checks' table (data/checks_sql.py) read back as the audit's checks.

The one reader: the audit reads the table its own engine computed, the by-hand path
the table saved as `units.aggregated.checks`. The checks come out in the audit's
order: duplicates, contamination, missing arms, unanalysed arms, the window, each
source's join coverage and window, negative values, dimension sources, row filters,
heavy tails.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from personalroi.data.check import Check
from personalroi.data.checks_sql import COLUMNS, TEXT_COLUMNS
from personalroi.data.duplicates import kept_phrase, phrase_of_note, policy_phrase
from personalroi.data.heavy_tail import TailShift, TailSums, arm_sums, heavy_tail_checks
from personalroi.data.saved_table import read_saved_table
from personalroi.errors import DataError
from personalroi.i18n.phrase import Phrase

FILE_KEY = "units.aggregated.checks"


@dataclass
class _Table:
    """The table's rows gathered by kind: {stat: value} and the notes they carry."""

    values: dict[tuple[str, str | None], dict[str, float]] = field(default_factory=dict)
    notes: dict[tuple[str, str | None, str], str | None] = field(default_factory=dict)
    items: dict[str, list[str]] = field(default_factory=dict)  # kind -> items in table order
    arms: list[str] = field(default_factory=list)
    negatives: list[tuple[str, str, int]] = field(default_factory=list)  # source, column
    tail: dict[str, dict[str, dict[str, float | None]]] = field(default_factory=dict)  # item, arm

    def value(self, kind: str, item: str | None, stat: str) -> int:
        return int(self.values.get((kind, item), {}).get(stat) or 0)

    def note(self, kind: str, item: str | None, stat: str) -> str | None:
        return self.notes.get((kind, item, stat))


def _gather(records: Sequence[Mapping[str, Any]]) -> _Table:
    table = _Table()
    for r in sorted(records, key=lambda r: int(r["part"])):
        kind, item, stat, arm = str(r["kind"]), r["item"], str(r["stat"]), r["arm"]
        item = None if item is None else str(item)
        value = r["value"]
        if kind == "arm":
            table.arms.append(str(arm))
            continue
        if kind == "negative":
            table.negatives.append((str(item), str(r["note"]), int(value or 0)))
            continue
        if kind == "tail" and arm is not None:
            per_arm = table.tail.setdefault(str(item), {}).setdefault(str(arm), {})
            # NULL stays None: an arm without a value below the largest has no next value.
            per_arm[stat] = None if value is None else float(value)
            continue
        if item is not None and item not in table.items.setdefault(kind, []):
            table.items[kind].append(item)
        # A cap or largest value of NULL: the metric has no values (no tail to look at).
        table.values.setdefault((kind, item), {})[stat] = value
        table.notes[(kind, item, stat)] = None if r["note"] is None else str(r["note"])
    return table


def read_checks(
    records: Sequence[Mapping[str, Any]],
    control: str,
    treatments: Sequence[str],
    alpha: float,
    origin: Callable[[str], str],
) -> tuple[list[Check], tuple[TailShift, ...]]:
    """The table's rows (as {column: value}) as the checks, and the heavy-tail shifts.

    `origin(name)`: what an error about input `name` ('units' or a source) starts with.
    """
    t = _gather(records)
    checks = [_duplicates(t, origin)]
    multi_arm, missing = t.value("units", None, "multi_arm"), t.value("units", None, "missing")
    checks.append(
        Check.said(
            "units_in_multiple_arms",
            "pass" if multi_arm == 0 else "fail",
            Phrase.of("dq.multi_arm", units=multi_arm),
        )
    )
    checks.append(
        Check.said(
            "missing_arm",
            "pass" if missing == 0 else "warn",
            Phrase.of("dq.missing_arm", rows=missing),
        )
    )
    ignored = sorted(set(t.arms) - {control, *treatments})
    if ignored:
        said = Phrase.of("dq.unanalysed_arms", arms=", ".join(ignored))
        checks.append(Check.said("unanalysed_arms", "warn", said))
    window = t.note("units", None, "outside")
    if window is not None:
        outside = t.value("units", None, "outside")
        checks.append(
            Check.said(
                "units_outside_window",
                "pass" if outside == 0 else "warn",
                Phrase.of("dq.units_outside", rows=outside, window=window),
            )
        )
    for name in t.items.get("source", []):
        checks += _source(t, name)
    checks += _negatives(t)
    checks += [_dimension(t, name, origin) for name in t.items.get("dimension", [])]
    checks += [_filtered(t, name, origin) for name in t.items.get("filter", [])]
    found = {
        name: TailSums(
            {arm: arm_sums(sums) for arm, sums in t.tail.get(name, {}).items()},
            float(t.values[("tail", name)]["cap"]),
            *_top_two(t, name),
        )
        for name in t.items.get("tail", [])
        if t.values[("tail", name)]["cap"] is not None
    }
    tail_checks, shifts = heavy_tail_checks(found, alpha, control, treatments)
    return [*checks, *tail_checks], shifts


def _duplicates(t: _Table, origin: Callable[[str], str]) -> Check:
    """The `duplicate_ids` check: repeated rows are rows beyond the first of the same
    (id, arm); a unit in two arms is contamination (its own check), not a duplicate."""
    units = t.value("units", None, "n_rows")
    repeated = units - t.value("units", None, "missing") - t.value("units", None, "pairs")
    policy = t.items["policy"][0]
    said = phrase_of_note(policy_phrase, policy, t.note("policy", policy, "policy"))
    if repeated <= 0:
        return Check.said("duplicate_ids", "pass", Phrase.of("dq.duplicates_none", policy=said))
    if policy == "error":
        # The audit names the first repeated line before it gets here (duplicates.py).
        raise DataError(
            f"{origin('units')}: {repeated} repeated unit rows, and units.duplicates is error. "
            "Remove the repeated rows, or set units.duplicates: first or last to keep one "
            "whole row per unit."
        )
    units_hit = t.value("repeats", None, "units_hit")
    disagreeing = t.value("repeats", None, "disagreeing")
    columns = [c for c in t.items.get("repeats", []) if t.value("repeats", c, "differs")]
    where = Phrase.of("dq.in_columns", columns=", ".join(columns)) if columns else None
    return Check.said(
        "duplicate_ids",
        "warn",
        Phrase.of(
            "dq.duplicates_dropped",
            repeated=repeated,
            units=units_hit,
            policy=said,
            disagreeing=disagreeing,
            where=where,
        ),
    )


def _source(t: _Table, name: str) -> list[Check]:
    """Join coverage of a source's rows in the window, and its rows outside it."""
    matched, units_hit = t.value("source", name, "matched"), t.value("source", name, "units_hit")
    total, outside = t.value("source", name, "total"), t.value("source", name, "outside")
    units_total = t.value("units", None, "ids")
    inside = total - outside
    share = matched / inside if inside else 1.0
    coverage = Phrase.of(
        "dq.join_coverage",
        matched=matched,
        rows=inside,
        share=f"{share:.1%}",  # to the English detail's precision
        units_hit=units_hit,
        units=units_total,
    )
    checks = [
        Check.said(
            f"join_coverage_{name}",
            "pass" if share >= 0.99 else ("warn" if share >= 0.9 else "fail"),
            coverage,
        )
    ]
    window = t.note("source", name, "outside")
    if window is not None:
        checks.append(
            Check.said(
                f"{name}_outside_window",
                "pass" if outside == 0 else "warn",
                Phrase.of("dq.source_outside", rows=outside, window=window),
            )
        )
    return checks


def _negatives(t: _Table) -> list[Check]:
    checks = [
        Check.said(
            f"negative_{source}_{column}",
            "warn",
            Phrase.of("dq.negative", rows=count, column=f"{source}.{column}"),
        )
        for source, column, count in t.negatives
        if count
    ]
    if not checks:
        checks.append(Check.said("negative_values", "pass", Phrase.of("dq.no_negatives")))
    return checks


def _dimension(t: _Table, source: str, origin: Callable[[str], str]) -> Check:
    """A source joined dimensions read: its repeated units are resolved by units.duplicates."""
    repeated = t.value("dimension", source, "repeated")
    differing = t.value("dimension", source, "differing")
    columns = t.note("dimension", source, "differing")
    if repeated and t.items["policy"][0] == "error":
        raise DataError(
            f"{origin(source)}: {repeated:,} unit(s) with more than one row, and units.dimensions "
            f"reads {columns} from it with units.duplicates: error. Keep one row "
            "per unit, or set units.duplicates: first or last."
        )
    kept = phrase_of_note(
        kept_phrase, t.items["policy"][0], t.note("dimension", source, "repeated")
    )
    return Check.said(
        f"dimension_rows_{source}",
        "warn" if differing else "pass",
        Phrase.of(
            "dq.dimension_rows",
            repeated=repeated,
            source=source,
            kept=kept,
            differing=differing,
            columns=columns,
        ),
    )


def _filtered(t: _Table, name: str, origin: Callable[[str], str]) -> Check:
    """Rows each row filter excluded: the reviewer sees what the audit did not read."""
    total, excluded = t.value("filter", name, "total"), t.value("filter", name, "excluded")
    key, where = t.note("filter", name, "total"), t.note("filter", name, "excluded")
    if excluded == total:
        raise DataError(
            f"{origin(name)}: {key} excludes every one of its {total:,} rows; "
            "nothing is left to analyse. Check the condition."
        )
    return Check.said(
        f"rows_excluded_{name}",
        "warn" if excluded else "pass",
        Phrase.of("dq.rows_excluded", excluded=excluded, total=total, setting=key, where=where),
    )


def _top_two(t: _Table, name: str) -> tuple[float, float]:
    """The largest value and the next (equal when it repeats), from each arm's count of
    values at the largest and its largest value below it."""
    largest = float(t.values[("tail", name)]["top"])
    arms = t.tail.get(name, {}).values()
    if sum(a.get("at_top") or 0.0 for a in arms) > 1:
        return largest, largest
    below = [v for a in arms if (v := a.get("below_top")) is not None]
    return largest, max(below) if below else largest


def read_checks_file(
    path: Path, control: str, treatments: Sequence[str], alpha: float
) -> tuple[list[Check], tuple[TailShift, ...]]:
    """The by-hand path: the saved table (CSV or Parquet)."""
    types = {c: "VARCHAR" if c in TEXT_COLUMNS else "DOUBLE" for c in COLUMNS}
    records = read_saved_table(path, FILE_KEY, "checks", types)
    return read_checks(records, control, treatments, alpha, lambda _: f"{path} ({FILE_KEY})")
