"""Corpus families that damage the YAML config: syntax, types, keys, values, references."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from corpus_inputs import (
    Case,
    dump,
    error,
    experiments,
    set_path,
)
from hypothesis import strategies as st
from pydantic import BaseModel

from personalroi.config import model

# Every key the config schema knows: a drawn "unknown" key must not be one of them.
KNOWN_KEYS = {
    name
    for cls in vars(model).values()
    if isinstance(cls, type) and issubclass(cls, BaseModel)
    for name in cls.model_fields
}

# ---------------------------------------------------------------- YAML


@st.composite
def yaml_syntax_error(draw: st.DrawFn) -> Case:
    exp = draw(experiments())
    lines = dump(exp.config).splitlines()
    i = draw(st.integers(1, len(lines) - 1))
    kind = draw(st.sampled_from(["tab", "unclosed", "quote", "colon", "dedent-list"]))
    if kind == "tab":
        lines[i] = "\t" + lines[i].lstrip()
    elif kind == "unclosed":
        lines.insert(i, lines[i][: len(lines[i]) - len(lines[i].lstrip())] + "oops: [a, b")
    elif kind == "quote":
        lines.insert(i, lines[i][: len(lines[i]) - len(lines[i].lstrip())] + 'oops: "unterminated')
    elif kind == "colon":
        lines[0] = lines[0] + " x: y"
    else:
        lines.insert(i, "  - stray")
        lines.insert(i, "key:")
        lines.insert(i, "- item")
    return error(
        replace(exp, config_text="\n".join(lines) + "\n"), r"c\.yaml:\d+: YAML syntax error"
    )


WRONG_TYPES: list[tuple[tuple[str, ...], Any, str]] = [
    (("experiment", "alpha"), "five percent", "valid number"),
    (("experiment", "alpha"), [0.05], "valid number"),
    (("experiment", "alpha"), 1.5, "less than 1"),
    (("experiment", "alpha"), 0, "greater than 0"),
    (("experiment", "control"), ["generic"], "valid string"),
    (("experiment", "control"), {"a": 1}, "valid string"),
    (("experiment", "start"), "someday", "date"),
    (("experiment", "treatments"), "subtle", "valid list"),
    (("units", "dimensions"), "segment", "valid list"),
    (("units", "path"), ["units.csv"], "path"),
    (("units", "id"), None, "valid string"),
    (("metrics", "revenue", "weight"), "heavy", "valid number"),
    (("metrics", "revenue", "weight"), -2, "greater than or equal to 0"),
    (("metrics", "revenue", "winsorize"), 0.2, "greater than 0.5"),
    (("metrics", "revenue", "guardrail"), "maybe", "valid boolean"),
    (("metrics", "revenue"), "units.revenue", "valid dictionary"),
    (("metrics",), ["revenue"], "valid dictionary"),
    (("economics",), {"horizon_months": 1.5}, "valid integer"),
    (("economics",), {"horizon_months": 0}, "greater than 0"),
    (("economics",), {"gross_margin": 1.5}, "less than or equal to 1"),
    (("scorecard",), {"pass_score": 170}, "less than or equal to 100"),
    (("costs",), {"name": "x"}, "valid list"),
    (("experiment", "correction"), "bonferroni", "is not one of"),
    (("metrics", "revenue", "type"), "average", "is not one of"),
    (("metrics", "revenue", "agg"), "median", "is not one of"),
    (("metrics", "revenue", "better"), "up", "is not one of"),
    (("metrics", "revenue", "test"), "t-test", "is not one of"),
]


@st.composite
def yaml_wrong_type(draw: st.DrawFn) -> Case:
    exp = draw(experiments())
    path, value, message = draw(st.sampled_from(WRONG_TYPES))
    exp = exp.with_config(lambda c: set_path(c, path, value))
    key = re.escape(".".join(path))
    return error(exp, rf"c\.yaml: \d+ problems? in the config:\n  line \d+: {key}.*{message}")


@st.composite
def yaml_unknown_key(draw: st.DrawFn) -> Case:
    exp = draw(experiments())
    name = draw(st.from_regex(r"\A[a-z][a-z_]{2,12}\Z"))
    where = draw(
        st.sampled_from(
            [
                (),
                ("experiment",),
                ("units",),
                ("metrics", "revenue"),
                ("sources", "orders"),
                ("economics",),
                ("scorecard",),
            ]
        )
    )
    if name in KNOWN_KEYS or name in exp.config["metrics"]:
        name += "_x"
    exp = exp.with_config(lambda c: set_path(c, (*where, name), 1))
    key = re.escape(".".join((*where, name)))
    return error(exp, rf"line \d+: {key}: unknown key")


REQUIRED = [
    ("experiment",),
    ("units",),
    ("metrics",),
    ("experiment", "name"),
    ("experiment", "control"),
    ("units", "path"),
    ("units", "id"),
    ("units", "arm"),
    ("metrics", "revenue", "type"),
    ("sources", "orders", "path"),
    ("sources", "orders", "id"),
    ("costs", 0, "name"),
    ("costs", 0, "category"),
]


@st.composite
def yaml_missing_key(draw: st.DrawFn) -> Case:
    exp = draw(experiments())
    path = draw(st.sampled_from(REQUIRED))

    def drop(config: dict[str, Any]) -> None:
        node: Any = config
        for key in path[:-1]:
            node = node[key]
        del node[path[-1]]

    dotted = ".".join(str(p) for p in path).replace(".0", "[0]")
    if path[-1] == "path" or path[:1] == ("units",) and len(path) == 2:
        # A file or an engine's table: the section names what it lacks.
        owner = re.escape(".".join(path[:-1]))
        return error(exp.with_config(drop), rf"{owner}: missing required key\(s\) {path[-1]}")
    return error(exp.with_config(drop), rf"{re.escape(dotted)}: required key is missing")


@st.composite
def yaml_bad_numbers(draw: st.DrawFn) -> Case:
    """Negative costs, infinite or NaN settings."""
    exp = draw(experiments())
    field_ = draw(st.sampled_from(["one_off", "monthly", "annual"]))
    kind = draw(st.sampled_from(["negative", ".inf", ".nan", "1e400", "-.inf"]))
    if kind == "negative":
        value = f"-{draw(st.integers(1, 10**6))}"
        message = "Input should be greater than or equal to 0"
    else:
        value, message = kind, "-?(inf|nan) is not a finite number"
    text = dump(exp.config).replace("monthly: 100", f"{field_}: {value}")
    return error(replace(exp, config_text=text), rf"line \d+: costs\[0\]\.{field_}: ({message})")


@st.composite
def yaml_weights_all_zero(draw: st.DrawFn) -> Case:
    exp = draw(experiments())

    def zero(config: dict[str, Any]) -> None:
        for metric in config["metrics"].values():
            metric["weight"] = draw(st.sampled_from([0, 0.0]))

    return error(exp.with_config(zero), r"line \d+: metrics: every weight is 0")


@st.composite
def yaml_bad_paths(draw: st.DrawFn) -> Case:
    exp = draw(experiments())
    which = draw(st.sampled_from([("units", "path"), ("sources", "orders", "path")]))
    kind = draw(st.sampled_from(["missing", "folder", "parent"]))
    if kind == "missing":
        target = draw(st.from_regex(r"\A[a-z]{1,10}\.(csv|parquet|csv\.gz)\Z"))
        where = rf"{re.escape(target)}: file not found"
    elif kind == "folder":
        target, where = ".", r": is a folder"
    else:
        target, where = "..", r": is a folder"
    exp = exp.with_config(lambda c: set_path(c, which, target))
    return error(exp, where)


@st.composite
def yaml_duplicate_key(draw: st.DrawFn) -> Case:
    exp = draw(experiments())
    lines = dump(exp.config).splitlines()
    keyed = [i for i, ln in enumerate(lines) if re.match(r"^\s*[a-z_]+: \S", ln)]
    i = draw(st.sampled_from(keyed))
    lines.insert(i + 1, lines[i])
    return error(
        replace(exp, config_text="\n".join(lines) + "\n"),
        rf"line {i + 2}: [\w.\[\]]+: duplicate key \(first at line {i + 1}\)",
    )


@st.composite
def yaml_bad_date(draw: st.DrawFn) -> Case:
    exp = draw(experiments())
    bad = draw(st.sampled_from(["2026-13-01", "2026-02-30", "2026-00-10", "2026-07-32"]))
    key = draw(st.sampled_from(["start", "end"]))
    text = dump(exp.config)
    text = re.sub(rf"{key}: '?[0-9-]+'?", f"{key}: {bad}", text)
    return error(
        replace(exp, config_text=text), rf"c\.yaml:\d+: experiment\.{key}: invalid value: "
    )


@st.composite
def yaml_not_a_mapping(draw: st.DrawFn) -> Case:
    exp = draw(experiments())
    text = draw(
        st.sampled_from(
            [
                "",
                "\n",
                "# only a comment\n",
                "[]\n",
                "- a\n- b\n",
                "42\n",
                "null\n",
                "just text\n",
                "---\n...\n",
                '"quoted"\n',
            ]
        )
    )
    return error(replace(exp, config_text=text), r"c\.yaml: expected a mapping of sections")


@st.composite
def yaml_tags(draw: st.DrawFn) -> Case:
    exp = draw(experiments())
    tag = draw(
        st.sampled_from(
            [
                "!!python/object/apply:os.system ['echo pwned']",
                "!!python/object:collections.OrderedDict {}",
                "!!python/name:os.system",
                "!!python/tuple [1, 2]",
                "!custom value",
            ]
        )
    )
    text = dump(exp.config).replace("name: corpus", f"name: {tag} #", 1)
    return error(
        replace(exp, config_text=text),
        r"c\.yaml:\d+: YAML tag \S+ is not allowed; the config is plain YAML",
    )


@st.composite
def yaml_bad_references(draw: st.DrawFn) -> Case:
    exp = draw(experiments())
    kind = draw(
        st.sampled_from(
            ["source", "no dot", "column", "revenue_metric", "covariate", "units.count", "dunder"]
        )
    )
    if kind == "source":
        exp = exp.with_config(
            lambda c: set_path(c, ("metrics", "revenue", "value"), "order.amount")
        )
        return error(
            exp, r"metrics\.revenue\.value: unknown source 'order' \(did you mean \"orders\""
        )
    if kind == "no dot":
        exp = exp.with_config(lambda c: set_path(c, ("metrics", "revenue", "value"), "revenue"))
        return error(exp, r"metrics\.revenue\.value: 'revenue' must be <source>\.<column>")
    if kind == "column":
        exp = exp.with_config(
            lambda c: set_path(c, ("metrics", "revenue", "value"), "units.revenu")
        )
        return error(
            exp,
            r"units\.csv: no column 'revenu' \(named by metrics\.revenue\.value\) \(did you mean",
        )
    if kind == "revenue_metric":
        exp = exp.with_config(lambda c: set_path(c, ("economics", "revenue_metric"), "revnue"))
        return error(exp, r"economics\.revenue_metric: no metric 'revnue'")
    if kind == "covariate":
        exp = exp.with_config(lambda c: set_path(c, ("units", "covariates"), {"revnue": "revenue"}))
        return error(exp, r"units\.covariates\.revnue: no metric 'revnue'")
    if kind == "units.count":
        exp = exp.with_config(lambda c: set_path(c, ("metrics", "revenue", "value"), "units.count"))
        return error(exp, r"metrics\.revenue\.value: units\.count is always 1")
    name = draw(st.sampled_from(["revenue__num", "a__n", "x__sum_sq"]))
    exp = exp.with_config(
        lambda c: set_path(c, ("metrics", name), {"type": "mean", "value": "units.revenue"})
    )
    return error(exp, rf"metrics\.{name}: metric names cannot contain '__'")


@st.composite
def yaml_not_utf8(draw: st.DrawFn) -> Case:
    exp = draw(experiments())
    word = draw(st.sampled_from(["Café", "Müller", "Ørsted"]))
    text = dump(exp.config).replace("name: corpus", f"name: {word} corpus", 1)
    # extra files are written after c.yaml, so these Latin-1 bytes replace it
    exp = replace(exp, extra_files={"c.yaml": text.encode("latin-1")})
    return error(exp, r"c\.yaml:\d+: not UTF-8 text")


YAML_FAMILIES: dict[str, st.SearchStrategy[Case]] = {
    "yaml_syntax_error": yaml_syntax_error(),
    "yaml_wrong_type": yaml_wrong_type(),
    "yaml_unknown_key": yaml_unknown_key(),
    "yaml_missing_key": yaml_missing_key(),
    "yaml_bad_numbers": yaml_bad_numbers(),
    "yaml_weights_all_zero": yaml_weights_all_zero(),
    "yaml_bad_paths": yaml_bad_paths(),
    "yaml_duplicate_key": yaml_duplicate_key(),
    "yaml_bad_date": yaml_bad_date(),
    "yaml_not_a_mapping": yaml_not_a_mapping(),
    "yaml_tags": yaml_tags(),
    "yaml_bad_references": yaml_bad_references(),
    "yaml_not_utf8": yaml_not_utf8(),
}
