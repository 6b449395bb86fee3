"""Corpus families that damage the CSV files: structure, values, arms, time, statistics."""

from __future__ import annotations

import gzip
import re
from dataclasses import replace
from typing import Any

from corpus_inputs import (
    NUMERIC,
    Case,
    error,
    experiments,
    line_of,
    result,
    row_index,
    same_as,
    set_cell,
    set_column,
    to_csv,
)
from hypothesis import strategies as st

# ---------------------------------------------------------------- CSV structure


@st.composite
def truncated_last_row(draw: st.DrawFn) -> Case:
    exp = draw(experiments())
    last = ",".join(exp.rows[-1])
    cut = draw(st.integers(min_value=1, max_value=last.rindex(",")))  # keep at least 1 field short
    body = to_csv(exp.header, exp.rows[:-1]) + last[:cut].encode()
    body += draw(st.sampled_from([b"", b"\n"]))
    return error(replace(exp, units_bytes=body), line_of(len(exp.rows) - 1))


@st.composite
def ragged_row(draw: st.DrawFn) -> Case:
    exp = draw(experiments())
    i = row_index(draw, exp)
    rows = [list(r) for r in exp.rows]
    if draw(st.booleans()):
        rows[i] += draw(st.lists(st.sampled_from(["x", "", "1", "2026"]), min_size=1, max_size=4))
    else:
        rows[i] = rows[i][: draw(st.integers(min_value=1, max_value=len(rows[i]) - 1))]
    return error(replace(exp, rows=rows), line_of(i) + r": \d+ fields? where the header has 7")


@st.composite
def body_in_other_delimiter(draw: st.DrawFn) -> Case:
    exp = draw(experiments())
    i = row_index(draw, exp)
    delimiter = draw(st.sampled_from([";", "\t", "|"]))
    lines = [",".join(exp.header), *(",".join(r) for r in exp.rows[:i])]
    lines += [delimiter.join(r) for r in exp.rows[i:]]
    return error(replace(exp, units_bytes=("\n".join(lines) + "\n").encode()), line_of(i))


@st.composite
def whole_file_in_other_dialect(draw: st.DrawFn) -> Case:
    """Semicolon/tab/pipe exports, CRLF, BOM, quoted headers: all valid, all read the same."""
    exp = draw(experiments())
    delimiter = draw(st.sampled_from([",", ";", "\t", "|"]))
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    header = exp.header
    if draw(st.booleans()):
        header = [f'"{h}"' for h in header]
    body = to_csv(header, exp.rows, delimiter, newline)
    if draw(st.booleans()):
        body = b"\xef\xbb\xbf" + body
    return result(replace(exp, units_bytes=body), check=same_as(exp))


@st.composite
def decimal_comma(draw: st.DrawFn) -> Case:
    """A European export: ';' and decimal commas; the numbers must come out the same."""
    exp = draw(experiments())
    rows = [
        [c.replace(".", ",") if j == exp.column("revenue") else c for j, c in enumerate(r)]
        for r in exp.rows
    ]
    body = to_csv(exp.header, rows, ";", draw(st.sampled_from(["\n", "\r\n"])))
    return result(replace(exp, units_bytes=body), check=same_as(exp))


@st.composite
def decimal_comma_in_comma_file(draw: st.DrawFn) -> Case:
    exp = draw(experiments())
    i = row_index(draw, exp)
    value = exp.rows[i][exp.column("revenue")].replace(".", ",")
    if draw(st.booleans()):  # quoted: one field that is not a number
        exp = set_cell(exp, i, "revenue", f'"{value}"')
        return error(exp, r"units\.csv: line \d+, column 'revenue': .* is not a number")
    return error(set_cell(exp, i, "revenue", value), line_of(i))


@st.composite
def latin1_file(draw: st.DrawFn) -> Case:
    """Latin-1 bytes in values (and a header matched by a UTF-8 config) are read, not rejected."""
    exp = draw(experiments())
    word = draw(st.sampled_from(["né", "Müller", "café", "señor", "Øst"]))
    exp = set_column(exp, "segment", lambda r: word if r[0] == "1" else r[2])
    header = list(exp.header)
    if draw(st.booleans()):
        header[exp.column("segment")] = "ségment"
        exp = exp.with_config(lambda c: c["units"].update(dimensions=["ségment"]))
    body = ("\n".join([",".join(header), *(",".join(r) for r in exp.rows)]) + "\n").encode(
        "latin-1"
    )
    return result(replace(exp, units_bytes=body), check=same_as(exp))


@st.composite
def empty_file(draw: st.DrawFn) -> Case:
    exp = draw(experiments())
    body = draw(st.sampled_from([b"", b"\n", b"   \n\n", b"\xef\xbb\xbf", b"\r\n\r\n", b"\t\n"]))
    target = draw(st.sampled_from(["units", "orders"]))
    changed = replace(exp, **{f"{target}_bytes": body})
    return error(changed, rf"{target}\.csv: the file is empty")


@st.composite
def header_only(draw: st.DrawFn) -> Case:
    exp = draw(experiments())
    body = ",".join(exp.header).encode() + draw(st.sampled_from([b"", b"\n", b"\r\n", b"\n\n\n"]))
    return error(replace(exp, units_bytes=body), r"units\.csv: no data rows .*units\.arm")


@st.composite
def missing_column(draw: st.DrawFn) -> Case:
    exp = draw(experiments())
    column = draw(st.sampled_from(["visitor_id", "variant", "revenue", "items", "converted"]))
    j = exp.column(column)
    header = [h for k, h in enumerate(exp.header) if k != j]
    rows = [[c for k, c in enumerate(r) if k != j] for r in exp.rows]
    key = {"visitor_id": "units.id", "variant": "units.arm"}.get(column, r"metrics\.\w+\.\w+")
    return error(
        replace(exp, header=header, rows=rows),
        rf"units\.csv: no column '{column}' \(named by {key}",
    )


@st.composite
def duplicated_column(draw: st.DrawFn) -> Case:
    exp = draw(experiments())
    a, b = draw(st.lists(st.sampled_from(exp.header), min_size=2, max_size=2, unique=True))
    header = [a if h == b else h for h in exp.header]
    return error(replace(exp, header=header), rf"units\.csv: line 1: duplicated column .*{a}")


@st.composite
def binary_file(draw: st.DrawFn) -> Case:
    exp = draw(experiments())
    junk = draw(st.binary(min_size=1, max_size=400))
    at = draw(st.integers(min_value=0, max_value=len(junk)))
    body = junk[:at] + b"\x00" + junk[at:]  # any NUL byte: binary, not CSV
    if draw(st.booleans()):
        body = to_csv(exp.header, exp.rows) + body
    return error(replace(exp, units_bytes=body), r"units\.csv: line \d+: contains NUL bytes")


@st.composite
def utf16_file(draw: st.DrawFn) -> Case:
    exp = draw(experiments())
    text = to_csv(exp.header, exp.rows).decode()
    body = text.encode(draw(st.sampled_from(["utf-16", "utf-16-le", "utf-16-be"])))
    return error(replace(exp, units_bytes=body), r"units\.csv: (the file is UTF-16|line \d+: )")


@st.composite
def stray_quote(draw: st.DrawFn) -> Case:
    """An unbalanced quote: either the line is named or no unit is silently lost."""
    exp = draw(experiments())
    i = row_index(draw, exp)
    exp = set_cell(exp, i, "segment", '"' + exp.rows[i][exp.column("segment")])

    def nothing_lost(out: dict[str, Any]) -> None:
        assert sum(out["data_quality"]["units_per_arm"].values()) == len(exp.rows)

    return result(exp, check=nothing_lost)


@st.composite
def quoted_fields(draw: st.DrawFn) -> Case:
    """Delimiters, quotes and newlines inside quoted dimension values are data, not damage."""
    exp = draw(experiments())
    value = draw(st.sampled_from(['"a,b"', '"line\nbreak"', '"say ""hi"""', '" padded "']))
    i = row_index(draw, exp)
    exp = set_cell(exp, i, "segment", value)
    exp = exp.with_config(lambda c: c["units"].update(dimensions=["segment"]))
    return result(exp, check=same_as(exp))


@st.composite
def bad_compressed_or_parquet(draw: st.DrawFn) -> Case:
    exp = draw(experiments())
    plain = to_csv(exp.header, exp.rows)
    kind = draw(st.sampled_from(["truncated gz", "not gz", "not parquet", "good gz"]))
    name = {"not parquet": "units.parquet"}.get(kind, "units.csv.gz")
    body = {
        "truncated gz": gzip.compress(plain)[: draw(st.integers(min_value=12, max_value=60))],
        "not gz": plain,
        "not parquet": plain,
        "good gz": gzip.compress(plain),
    }[kind]
    exp = replace(exp, units_name=name, units_bytes=body)
    exp = exp.with_config(lambda c: c["units"].update(path=name))
    if kind == "good gz":
        return result(exp, check=same_as(exp))
    return error(exp, rf"{re.escape(name)}: ")


# ---------------------------------------------------------------- CSV values


letters = st.text(alphabet="bcdghjkmopqrsuvwxz€$ _-", min_size=1, max_size=8)


@st.composite
def text_in_numeric_column(draw: st.DrawFn) -> Case:
    exp = draw(experiments())
    i = row_index(draw, exp)
    column = draw(st.sampled_from(NUMERIC))
    junk = draw(
        st.one_of(letters, st.builds(lambda d, t: d + t, st.sampled_from(["12", "1.5"]), letters))
    )
    junk = junk.strip() or "x"
    exp = set_cell(exp, i, column, junk)
    return error(exp, line_of(i) + rf", column '{column}': .* is not a number \(named by metrics")


@st.composite
def non_finite_value(draw: st.DrawFn) -> Case:
    exp = draw(experiments())
    i = row_index(draw, exp)
    column = draw(st.sampled_from(NUMERIC))
    value = draw(st.sampled_from(["nan", "NaN", "inf", "-inf", "Infinity", "-Infinity"]))
    return error(set_cell(exp, i, column, value), line_of(i) + rf", column '{column}': .* finite")


@st.composite
def absurd_value(draw: st.DrawFn) -> Case:
    exp = draw(experiments())
    i = row_index(draw, exp)
    exponent = draw(st.integers(min_value=16, max_value=307))
    sign = draw(st.sampled_from(["", "-"]))
    exp = set_cell(exp, i, "revenue", f"{sign}{draw(st.integers(1, 9))}e{exponent}")
    return error(exp, line_of(i) + r", column 'revenue': .* too large")


@st.composite
def negative_revenue(draw: st.DrawFn) -> Case:
    exp = draw(experiments())
    rows = draw(st.lists(st.integers(0, len(exp.rows) - 1), min_size=1, max_size=5, unique=True))
    for i in rows:
        exp = set_cell(exp, i, "revenue", f"-{draw(st.integers(1, 500))}.5")

    def warned(out: dict[str, Any]) -> None:
        check = next(c for c in out["data_quality"]["checks"] if c["name"].startswith("negative_"))
        assert check["status"] == "warn" and check["detail"].startswith(f"{len(rows)} rows")

    return result(exp, check=warned)


@st.composite
def missing_cells(draw: st.DrawFn) -> Case:
    """Empty ids or arms are excluded and counted, empty values are missing; nothing crashes."""
    exp = draw(experiments())
    picks = draw(st.lists(st.integers(2, len(exp.rows) - 1), min_size=1, max_size=4, unique=True))
    column = draw(st.sampled_from(["visitor_id", "variant", "revenue", "segment"]))
    for i in picks:
        exp = set_cell(exp, i, column, "")
    exp = exp.with_config(lambda c: c["units"].update(dimensions=["segment"]))

    def counted(out: dict[str, Any]) -> None:
        check = next(c for c in out["data_quality"]["checks"] if c["name"] == "missing_arm")
        if column in ("visitor_id", "variant"):
            assert check["status"] == "warn" and check["detail"].startswith(f"{len(picks)} ")

    return result(exp, check=counted)


# ---------------------------------------------------------------- arms and units


def swap_arm(arm: str) -> str:
    return "subtle" if arm == "generic" else "generic"


@st.composite
def ids_in_two_arms(draw: st.DrawFn) -> Case:
    exp = draw(experiments())
    picks = draw(st.lists(st.integers(0, len(exp.rows) - 1), min_size=1, max_size=6, unique=True))
    extra = [[*r[:1], swap_arm(r[1]), *r[2:]] for r in (exp.rows[i] for i in picks)]
    exp = replace(exp, rows=[*exp.rows, *extra])

    def flagged(out: dict[str, Any]) -> None:
        check = next(
            c for c in out["data_quality"]["checks"] if c["name"] == "units_in_multiple_arms"
        )
        assert check["status"] == "fail" and check["detail"].startswith(f"{len(picks)} units")
        assert sum(out["data_quality"]["units_per_arm"].values()) == len(exp.rows) - 2 * len(picks)

    return result(exp, check=flagged)


@st.composite
def every_id_in_two_arms(draw: st.DrawFn) -> Case:
    exp = draw(experiments())
    extra = [[*r[:1], swap_arm(r[1]), *r[2:]] for r in exp.rows]
    return error(replace(exp, rows=[*exp.rows, *extra]), r"units\.csv: arm '\w+' has no units left")


@st.composite
def one_arm_only(draw: st.DrawFn) -> Case:
    exp = draw(experiments())
    arm = draw(st.sampled_from(["generic", "subtle"]))
    exp = set_column(exp, "variant", lambda r: arm)
    if arm == "generic":
        return error(exp, r"units\.csv: only the control arm 'generic'")
    return error(exp, r"units\.csv: control arm 'generic' \(experiment\.control\) is not in column")


@st.composite
def arm_with_zero_units(draw: st.DrawFn) -> Case:
    """An arm named by the config with no rows, or whose rows all fall outside the window."""
    exp = draw(experiments())
    if draw(st.booleans()):
        ghost = draw(st.sampled_from(["extreme", "subtle2", "B", "treatment"]))
        exp = exp.with_config(lambda c: c["experiment"].update(treatments=["subtle", ghost]))
        return error(exp, rf"units\.csv: treatment arm '{ghost}' \(experiment\.treatments\)")
    ts = exp.column("first_exposure")
    exp = set_column(
        exp,
        "first_exposure",
        lambda r: r[ts].replace("2026-", "2025-") if r[1] == "subtle" else r[ts],
    )
    return error(exp, r"units\.csv: arm 'subtle' has no units left after the window")


@st.composite
def control_not_in_data(draw: st.DrawFn) -> Case:
    exp = draw(experiments())
    name = draw(st.sampled_from(["Generic", "control", "generic ", "genric", "A", "0", "ctrl"]))
    exp = exp.with_config(lambda c: c["experiment"].update(control=name))
    return error(
        exp, r"units\.csv: control arm .* \(experiment\.control\) is not in column 'variant'"
    )


@st.composite
def expected_split_mismatch(draw: st.DrawFn) -> Case:
    exp = draw(experiments())
    if draw(st.booleans()):
        split = {"generic": 0.5, draw(st.sampled_from(["subtel", "B", "other"])): 0.5}
    else:
        split = {"generic": 1.0}
    exp = exp.with_config(lambda c: c["experiment"].update(expected_split=split))
    return error(exp, r"units\.csv: experiment\.expected_split ")


# ---------------------------------------------------------------- timestamps


@st.composite
def unparsable_timestamp(draw: st.DrawFn) -> Case:
    exp = draw(experiments())
    i = row_index(draw, exp)
    value = draw(
        st.sampled_from(
            ["2026-13-01", "31/07/2026 10:00", "yesterday", "2026-07-32 10:00:00", "07/2026", "x"]
        )
    )
    exp = set_cell(exp, i, "first_exposure", value)
    return error(exp, line_of(i) + r", column 'first_exposure': .* not a date or timestamp")


@st.composite
def timestamps_outside_window(draw: st.DrawFn) -> Case:
    exp = draw(experiments())
    picks = draw(st.lists(st.integers(2, len(exp.rows) - 1), min_size=1, max_size=6, unique=True))
    for i in picks:
        year = draw(st.sampled_from(["2025", "2027", "1999"]))
        exp = set_cell(exp, i, "first_exposure", exp.rows[i][3].replace("2026", year))

    def dropped(out: dict[str, Any]) -> None:
        check = next(
            c for c in out["data_quality"]["checks"] if c["name"] == "units_outside_window"
        )
        assert check["status"] == "warn" and check["detail"].startswith(f"{len(picks)} unit rows")
        assert sum(out["data_quality"]["units_per_arm"].values()) == len(exp.rows) - len(picks)

    return result(exp, check=dropped)


@st.composite
def every_timestamp_outside_window(draw: st.DrawFn) -> Case:
    exp = draw(experiments())
    year = draw(st.sampled_from(["2025", "2027"]))
    exp = set_column(exp, "first_exposure", lambda r: r[3].replace("2026", year))
    return error(exp, r"units\.csv: arm '\w+' has no units left after the window")


# ---------------------------------------------------------------- degenerate statistics


@st.composite
def all_zero_metrics(draw: st.DrawFn) -> Case:
    exp = draw(experiments())
    for column in NUMERIC:
        exp = set_column(exp, column, lambda r: draw(st.sampled_from(["0", "0.0", "0.00"])))
    codes = {
        "conversion": "no_conversions",
        "revenue": "zero_variance",
        "per_item": "zero_denominator",
    }
    return result(exp, codes=codes)


@st.composite
def zero_variance(draw: st.DrawFn) -> Case:
    exp = draw(experiments())
    value = draw(st.integers(1, 999))
    exp = set_column(exp, "revenue", lambda r: f"{value}.25")
    exp = set_column(exp, "converted", lambda r: "1")
    exp = set_column(exp, "items", lambda r: "2")
    codes = {
        "conversion": "all_conversions",
        "revenue": "zero_variance",
        "per_item": "zero_variance",
    }
    return result(exp, codes=codes)


@st.composite
def empty_arm_for_a_metric(draw: st.DrawFn) -> Case:
    exp = draw(experiments())
    arm = draw(st.sampled_from(["generic", "subtle"]))
    rev = exp.column("revenue")
    exp = set_column(exp, "revenue", lambda r: "" if r[1] == arm else r[rev])
    return result(exp, codes={"revenue": "empty_arm", "per_item": "empty_arm"})


@st.composite
def zero_denominator(draw: st.DrawFn) -> Case:
    exp = draw(experiments())
    arm = draw(st.sampled_from(["generic", "subtle"]))
    items = exp.column("items")
    exp = set_column(exp, "items", lambda r: "0" if r[1] == arm else r[items])
    return result(exp, codes={"per_item": "zero_denominator"})


# ---------------------------------------------------------------- event source (orders)


@st.composite
def orders_damage(draw: st.DrawFn) -> Case:
    exp = draw(experiments())
    kind = draw(st.sampled_from(["text", "ragged", "no id", "nan"]))
    i = draw(st.integers(0, len(exp.orders) - 1))
    orders = [list(r) for r in exp.orders]
    if kind == "text":
        orders[i][1] = draw(letters).strip() or "x"
        where = rf"orders\.csv: line {i + 2}, column 'amount': .* not a number"
    elif kind == "nan":
        orders[i][1] = "NaN"
        where = rf"orders\.csv: line {i + 2}, column 'amount': .* finite"
    elif kind == "ragged":
        orders[i].append("extra")
        where = rf"orders\.csv: line {i + 2}: 3 fields"
    else:
        return error(
            replace(exp, orders_header=["visitor", "amount"]),
            r"orders\.csv: no column 'visitor_id' \(named by sources\.orders\.id\)",
        )
    return error(replace(exp, orders=orders), where)


@st.composite
def orders_for_unknown_units(draw: st.DrawFn) -> Case:
    exp = draw(experiments())
    orders = [[str(10_000 + int(r[0])), r[1]] for r in exp.orders]

    def flagged(out: dict[str, Any]) -> None:
        check = next(
            c for c in out["data_quality"]["checks"] if c["name"] == "join_coverage_orders"
        )
        assert check["status"] == "fail"

    return result(
        replace(exp, orders=orders), codes={"order_value": "zero_variance"}, check=flagged
    )


CSV_FAMILIES: dict[str, st.SearchStrategy[Case]] = {
    "truncated_last_row": truncated_last_row(),
    "ragged_row": ragged_row(),
    "body_in_other_delimiter": body_in_other_delimiter(),
    "whole_file_in_other_dialect": whole_file_in_other_dialect(),
    "decimal_comma": decimal_comma(),
    "decimal_comma_in_comma_file": decimal_comma_in_comma_file(),
    "latin1_file": latin1_file(),
    "empty_file": empty_file(),
    "header_only": header_only(),
    "missing_column": missing_column(),
    "duplicated_column": duplicated_column(),
    "binary_file": binary_file(),
    "utf16_file": utf16_file(),
    "stray_quote": stray_quote(),
    "quoted_fields": quoted_fields(),
    "bad_compressed_or_parquet": bad_compressed_or_parquet(),
    "text_in_numeric_column": text_in_numeric_column(),
    "non_finite_value": non_finite_value(),
    "absurd_value": absurd_value(),
    "negative_revenue": negative_revenue(),
    "missing_cells": missing_cells(),
    "ids_in_two_arms": ids_in_two_arms(),
    "every_id_in_two_arms": every_id_in_two_arms(),
    "one_arm_only": one_arm_only(),
    "arm_with_zero_units": arm_with_zero_units(),
    "control_not_in_data": control_not_in_data(),
    "expected_split_mismatch": expected_split_mismatch(),
    "unparsable_timestamp": unparsable_timestamp(),
    "timestamps_outside_window": timestamps_outside_window(),
    "every_timestamp_outside_window": every_timestamp_outside_window(),
    "all_zero_metrics": all_zero_metrics(),
    "zero_variance": zero_variance(),
    "empty_arm_for_a_metric": empty_arm_for_a_metric(),
    "zero_denominator": zero_denominator(),
    "orders_damage": orders_damage(),
    "orders_for_unknown_units": orders_for_unknown_units(),
}
