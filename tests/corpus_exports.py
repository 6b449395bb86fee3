"""Corpus families from real exports (issue 17): repeated unit rows, row filters, joined
dimensions, heavy tails, booleans, mixed line endings and encodings, control characters,
outputs that name an input, symlink loops, hostile saved results, degenerate statistics.

Each family draws where and how the export is damaged; every case must end in a
located exit 2 or a result whose checks say what happened.
"""

from __future__ import annotations

import json
import math
from dataclasses import replace
from typing import Any

from corpus_inputs import (
    Case,
    base_experiment,
    dump,
    error,
    experiments,
    line_of,
    result,
    same_as,
    seeds,
    set_column,
)
from hypothesis import strategies as st

# ---------------------------------------------------------------- repeated unit rows


def _checks(out: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {c["name"]: c for c in out["data_quality"]["checks"]}


def _top(out: dict[str, Any], metric: str) -> dict[str, Any]:
    return next(m for m in out["metrics"] if m["metric"] == metric and m["dimension"] is None)


@st.composite
def repeated_unit_rows(draw: st.DrawFn) -> Case:
    """Whole-row copies of some units with other values and times, anywhere in the file:
    the audit keeps one whole row per unit by the policy, never a mix."""
    exp = draw(experiments())
    policy = draw(st.sampled_from(["first", "last", "error"]))
    picks = draw(st.lists(st.integers(0, len(exp.rows) - 1), min_size=1, max_size=5, unique=True))
    rows = [list(r) for r in exp.rows]
    for i in picks:
        copy = list(exp.rows[i])
        copy[exp.column("revenue")] = f"{draw(st.integers(0, 500))}.00"
        copy[exp.column("segment")] = draw(st.sampled_from(["new", "returning", "vip"]))
        day, hour = draw(st.integers(1, 28)), draw(st.integers(0, 23))
        copy[exp.column("first_exposure")] = f"2026-07-{day:02d} {hour:02d}:30:00"
        rows.insert(draw(st.integers(0, len(rows))), copy)
    exp = replace(exp, rows=rows).with_config(lambda c: c["units"].update(duplicates=policy))
    if policy == "error":
        return error(exp, r"units\.csv: line \d+: unit '\d+' \(column 'visitor_id'\)")
    ts, rev = exp.column("first_exposure"), exp.column("revenue")
    kept: dict[str, list[str]] = {}
    for position, row in enumerate(rows):
        key = (row[ts], position)
        best = kept.get(row[0])
        if best is None or (key < best[0] if policy == "first" else key > best[0]):
            kept[row[0]] = [key, row]  # type: ignore[list-item]
    control = [float(r[1][rev]) for r in kept.values() if r[1][1] == "generic"]  # type: ignore[index]

    def one_whole_row(out: dict[str, Any]) -> None:
        check = _checks(out)["duplicate_ids"]
        assert check["status"] == "warn" and f"units.duplicates: {policy}" in check["detail"]
        assert check["detail"].startswith(f"{len(picks)} repeated unit rows of {len(picks)} units")
        mean = _top(out, "revenue")["control_value"]
        assert math.isclose(mean, sum(control) / len(control), rel_tol=1e-9), (mean, control)

    return result(exp, check=one_whole_row)


# ---------------------------------------------------------------- row filters

REFUSED = [
    ("revenue > (SELECT max(revenue) FROM units)", "subqueries are not allowed"),
    ("units.revenue > 1", "a table reference"),
    ("{fn}(revenue) > 1", "is not allowed in a row filter"),
    ("revenue > 1; {stmt}", "one expression only"),
    ("revenue >", "not a SQL expression"),
    ("revenue > 1 AND", "not a SQL expression"),
    ("*", "is not allowed in a row filter"),
]


@st.composite
def row_filter_refused(draw: st.DrawFn) -> Case:
    exp = draw(experiments())
    template, message = draw(st.sampled_from(REFUSED))
    text = template.format(
        fn=draw(st.sampled_from(["read_csv", "getenv", "system", "pg_sleep", "load_file"])),
        stmt=draw(st.sampled_from(["DROP TABLE units", "SELECT 1", "COPY units TO 'x'"])),
    )
    if draw(st.booleans()):
        exp = exp.with_config(lambda c: c["units"].update(where=text))
        key = r"units\.where"
    else:
        exp = exp.with_config(lambda c: c["sources"]["orders"].update(where=text))
        key = r"sources\.orders\.where"
    return error(exp, rf"line \d+: {key}: .*{message}")


@st.composite
def row_filter_kept_rows(draw: st.DrawFn) -> Case:
    """A valid filter on a number: the audit reads exactly the rows it keeps."""
    exp = draw(experiments())
    k = draw(st.integers(1, 4))
    op = draw(st.sampled_from([">=", "<=", "<>", "="]))
    items = exp.column("items")
    keep = {
        ">=": lambda v: v >= k,
        "<=": lambda v: v <= k,
        "<>": lambda v: v != k,
        "=": lambda v: v == k,
    }[op]
    kept = [r for r in exp.rows if keep(int(r[items]))]
    exp = exp.with_config(lambda c: c["units"].update(where=f"items {op} {k}"))
    arms = {exp.arm_of(r) for r in kept}
    if not kept:
        return error(exp, r"units\.csv: units\.where excludes every one of its \d+ rows")
    if "generic" not in arms:
        return error(exp, r"units\.csv: control arm 'generic'")
    if "subtle" not in arms:
        return error(exp, r"units\.csv: only the control arm")

    def exactly_the_kept_rows(out: dict[str, Any]) -> None:
        assert sum(out["data_quality"]["units_per_arm"].values()) == len(kept)
        detail = _checks(out)["rows_excluded_units"]["detail"]
        assert detail.startswith(f"{len(exp.rows) - len(kept)} of {len(exp.rows)} rows"), detail

    return result(exp, check=exactly_the_kept_rows)


@st.composite
def row_filter_unknown_column(draw: st.DrawFn) -> Case:
    exp = draw(experiments())
    column = draw(st.sampled_from(["revenu", "segmnt", "Items_", "landing_page"]))
    exp = exp.with_config(lambda c: c["units"].update(where=f"{column} IS NOT NULL"))
    return error(exp, rf"units\.csv: units\.where reads column '{column}'")


# ---------------------------------------------------------------- joined dimensions


@st.composite
def joined_dimension(draw: st.DrawFn) -> Case:
    """A country per unit from a second file, 0-3 rows per unit; or a misspelt column."""
    exp = draw(experiments())
    lines = ["visitor_id,country"]
    for row in exp.rows:
        count = draw(st.integers(0, 3))
        lines += [f"{row[0]},{draw(st.sampled_from(['de', 'se', 'fr']))}" for _ in range(count)]
    column = draw(st.sampled_from(["country", "country", "contry"]))
    exp = replace(exp, extra_files={"countries.csv": ("\n".join(lines) + "\n").encode()})
    exp = exp.with_config(
        lambda c: (
            c["sources"].update(countries={"path": "countries.csv", "id": "visitor_id"}),
            c["units"].update(dimensions=[f"countries.{column}"]),
        )
    )
    if column != "country":
        return error(exp, r"countries\.csv: no column 'contry' \(named by units\.dimensions\)")

    def levels_from_the_source(out: dict[str, Any]) -> None:
        dims = {m["dimension"] for m in out["metrics"]} - {None}
        assert dims <= {"countries.country"}
        assert "dimension_rows_countries" in _checks(out)

    return result(exp, check=levels_from_the_source)


# ---------------------------------------------------------------- heavy tails


@st.composite
def heavy_tail_whales(draw: st.DrawFn) -> Case:
    exp = draw(experiments())
    rows = [list(r) for r in exp.rows]
    for i in draw(st.lists(st.integers(0, len(rows) - 1), min_size=1, max_size=3, unique=True)):
        rows[i][exp.column("revenue")] = f"{draw(st.integers(10_000, 5_000_000))}.00"
    exp = replace(exp, rows=rows)

    def tail_reported(out: dict[str, Any]) -> None:
        tails = [c for c in out["data_quality"]["checks"] if c["name"] == "heavy_tail"]
        assert tails
        for check in tails:
            if check["status"] == "warn":
                assert "the largest value is" in check["detail"]
                assert "winsorize: 0.999" in check["detail"]

    return result(exp, check=tail_reported)


# ---------------------------------------------------------------- booleans, line ends, text

BOOLEANS = [("TRUE", "FALSE"), ("true", "false"), ("yes", "no"), ("t", "f"), ("True", "False")]


@st.composite
def boolean_columns(draw: st.DrawFn) -> Case:
    """TRUE/FALSE, yes/no, t/f in a binary column: 1/0, the same rate as the 0/1 file."""
    exp = draw(experiments())
    yes, no = draw(st.sampled_from(BOOLEANS))
    conv = exp.column("converted")
    rate = [int(r[conv]) for r in exp.rows if exp.arm_of(r) == "generic"]
    exp = set_column(exp, "converted", lambda r: yes if r[conv] == "1" else no)

    def read_as_one_and_zero(out: dict[str, Any]) -> None:
        row = _top(out, "conversion")
        assert math.isclose(row["control_value"], sum(rate) / len(rate), rel_tol=1e-12)

    return result(exp, check=read_as_one_and_zero)


@st.composite
def mixed_line_endings(draw: st.DrawFn) -> Case:
    exp = draw(experiments())
    lines = [",".join(exp.header), *(",".join(r) for r in exp.rows)]
    ends = draw(st.lists(st.sampled_from(["\n", "\r\n"]), min_size=len(lines), max_size=len(lines)))
    if len(set(ends)) == 1:
        ends[0] = "\r\n" if ends[0] == "\n" else "\n"
    body = "".join(line + end for line, end in zip(lines, ends, strict=True)).encode()
    return result(replace(exp, units_bytes=body), check=same_as(exp))


@st.composite
def mixed_encodings(draw: st.DrawFn) -> Case:
    """Rows appended from a Latin-1 export to a UTF-8 one: the first such line is named."""
    exp = draw(experiments())
    picks = draw(st.lists(st.integers(0, len(exp.rows) - 1), min_size=2, max_size=6, unique=True))
    latin = set(picks[1:])  # picks[0] stays UTF-8, so the file holds both encodings
    seg = exp.column("segment")
    lines = [",".join(exp.header).encode()]
    for i, row in enumerate(exp.rows):
        cells = list(row)
        if i in picks:
            cells[seg] = "néw"
        lines.append(",".join(cells).encode("latin-1" if i in latin else "utf-8"))
    body = b"\n".join(lines) + b"\n"
    first = min(latin)
    return error(replace(exp, units_bytes=body), line_of(first) + ": byte 0xE9 is not UTF-8")


@st.composite
def control_character_in_yaml(draw: st.DrawFn) -> Case:
    exp = draw(experiments())
    text = dump(exp.config)
    at = draw(st.integers(0, len(text)))
    char = draw(st.sampled_from(["\x00", "\x01", "\x07", "\x08", "\x0b", "\x1b", "\x7f"]))
    line = text[:at].count("\n") + 1
    bad = text[:at] + char + text[at:]
    return error(replace(exp, config_text=bad), rf"c\.yaml:{line}: contains the control character")


# ---------------------------------------------------------------- outputs and paths


@st.composite
def output_names_an_input(draw: st.DrawFn) -> Case:
    exp = draw(experiments())
    target = draw(st.sampled_from(["c.yaml", "units.csv", "orders.csv", "./units.csv"]))
    fmt = draw(st.sampled_from(["json", "table", "markdown", "csv"]))
    command = ("audit", "-c", "{dir}/c.yaml", "-f", fmt, "-q", "--no-history", "-o")
    return replace(
        error(exp, r"--output names .*, which this command reads; nothing was written"),
        command=(*command, "{dir}/" + target),
    )


@st.composite
def symlink_loop(draw: st.DrawFn) -> Case:
    exp = draw(experiments())
    which = draw(st.sampled_from(["units", "orders"]))
    name = "loop_a.csv"
    links = (("loop_a.csv", "loop_b.csv"), ("loop_b.csv", "loop_a.csv"))
    if which == "units":
        exp = exp.with_config(lambda c: c["units"].update(path=name))
    else:
        exp = exp.with_config(lambda c: c["sources"]["orders"].update(path=name))
    return error(replace(exp, links=links), r"loop_a\.csv: a symbolic link that leads nowhere")


# ---------------------------------------------------------------- saved results


def _saved(seed: int) -> dict[str, Any]:
    return {
        "schema_version": 1,
        "experiment": {"name": f"saved {seed}"},
        "data_quality": {"checks": []},
        "metrics": [{"metric": "m", "p_value": seed / 2**21}],
    }


@st.composite
def report_non_finite(draw: st.DrawFn) -> Case:
    exp = draw(experiments())
    token = draw(st.sampled_from(["NaN", "Infinity", "-Infinity"]))
    text = json.dumps(_saved(draw(seeds)), indent=draw(st.sampled_from([None, 1, 2])))
    lines = text.split("\n")
    text = text.replace('"p_value": ', f'"p_value": {token}, "was": ', 1)
    line = next(i for i, ln in enumerate(lines, 1) if '"p_value"' in ln)
    case = error(exp, rf"<stdin>: line {line}: {token} is not a number JSON allows")
    return replace(case, command=("report", "-"), stdin=text)


@st.composite
def report_deeply_nested(draw: st.DrawFn) -> Case:
    exp = draw(experiments())
    depth = draw(st.integers(5_000, 100_000))
    opener = draw(st.sampled_from(["[", '{"a":']))
    case = error(exp, r"<stdin>: nested too deeply to be a personalroi result")
    return replace(case, command=("report", "-"), stdin=opener * depth)


# ---------------------------------------------------------------- statistics and config


@st.composite
def perfect_separation(draw: st.DrawFn) -> Case:
    exp = base_experiment(draw(seeds), draw(st.integers(50, 80)))
    winner = draw(st.sampled_from(["generic", "subtle"]))
    exp = set_column(exp, "converted", lambda r: "1" if r[1] == winner else "0")

    def tested(out: dict[str, Any]) -> None:
        row = _top(out, "conversion")
        assert row["code"] == "ok" and row["p_value"] < 1e-6, row
        assert row["status"] == ("met" if winner == "subtle" else "harmful")

    return result(exp, check=tested)


@st.composite
def non_positive_control(draw: st.DrawFn) -> Case:
    """Control revenue all negative (refunds exceed sales): no relative lift, no 'met'."""
    exp = draw(experiments())
    rev = exp.column("revenue")
    exp = set_column(
        exp, "revenue", lambda r: f"-{float(r[rev]) + 1:.2f}" if r[1] == "generic" else r[rev]
    )
    exp = exp.with_config(lambda c: c["metrics"]["revenue"].update(goal={"relative_lift": 0.05}))

    def no_relative(out: dict[str, Any]) -> None:
        for name in ("revenue", "per_item"):
            row = _top(out, name)
            if row["code"] != "ok":
                continue
            assert row["relative_lift"] is None and row["relative_ci"] is None, row
            assert row["explanation"].startswith("control value is negative"), row
        assert _top(out, "revenue")["status"] != "met"

    return result(exp, check=no_relative)


@st.composite
def zero_metrics(draw: st.DrawFn) -> Case:
    exp = draw(experiments())
    exp = exp.with_config(lambda c: (c.update(metrics={}), c.pop("economics", None)))
    return error(exp, r"line \d+: metrics: no metrics: an audit compares at least one outcome")


EXPORT_FAMILIES: dict[str, st.SearchStrategy[Case]] = {
    "repeated_unit_rows": repeated_unit_rows(),
    "row_filter_refused": row_filter_refused(),
    "row_filter_kept_rows": row_filter_kept_rows(),
    "row_filter_unknown_column": row_filter_unknown_column(),
    "joined_dimension": joined_dimension(),
    "heavy_tail_whales": heavy_tail_whales(),
    "boolean_columns": boolean_columns(),
    "mixed_line_endings": mixed_line_endings(),
    "mixed_encodings": mixed_encodings(),
    "control_character_in_yaml": control_character_in_yaml(),
    "output_names_an_input": output_names_an_input(),
    "symlink_loop": symlink_loop(),
    "report_non_finite": report_non_finite(),
    "report_deeply_nested": report_deeply_nested(),
    "perfect_separation": perfect_separation(),
    "non_positive_control": non_positive_control(),
    "zero_metrics": zero_metrics(),
}
