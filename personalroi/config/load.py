"""Read a YAML config safely, validate it, and locate every problem by file, line and key."""

from __future__ import annotations

import typing
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from personalroi.config.model import Config
from personalroi.errors import ConfigError, did_you_mean

KeyPath = tuple[str | int, ...]


def load_config(path: Path) -> Config:
    """Load and validate a config file; raise ConfigError naming file, line and key."""
    text = _read_text(path)
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark is not None else str(path)
        problem = getattr(exc, "problem", None) or str(exc)
        raise ConfigError(f"{where}: YAML syntax error: {problem}.") from None
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: expected a mapping of sections (experiment, units, metrics).")
    lines = key_lines(text)
    try:
        config = Config.model_validate(data, context={"base_dir": path.parent})
    except ValidationError as exc:
        problems = [_describe(err, lines) for err in exc.errors()]
        raise ConfigError(_join(path, problems)) from None
    problems = [f"{_line(lines, loc)}{_dotted(loc)}: {msg}" for loc, msg in cross_check(config)]
    if problems:
        raise ConfigError(_join(path, problems))
    return config


def _read_text(path: Path) -> str:
    if not path.exists():
        raise ConfigError(f"{path}: config file not found.")
    if path.is_dir():
        raise ConfigError(f"{path}: is a folder; pass the YAML config file (e.g. -c config.yaml).")
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: not UTF-8 text (byte {exc.start}); save it as UTF-8.") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror}.") from None


def _join(path: Path, problems: list[str]) -> str:
    head = f"{path}: {len(problems)} problem{'s' if len(problems) != 1 else ''} in the config:"
    return "\n".join([head, *(f"  line {p}" if p[:1].isdigit() else f"  {p}" for p in problems)])


def key_lines(text: str) -> dict[KeyPath, int]:
    """Map each key path in the YAML text to its 1-based line number."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return {}
    found: dict[KeyPath, int] = {}

    def walk(node: yaml.Node, loc: KeyPath) -> None:
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                child = (*loc, str(key.value))
                found[child] = key.start_mark.line + 1
                walk(value, child)
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                item_loc = loc + (i,)
                found[item_loc] = item.start_mark.line + 1
                walk(item, item_loc)

    if root is not None:
        walk(root, ())
    return found


def _line(lines: dict[KeyPath, int], loc: KeyPath) -> str:
    for end in range(len(loc), 0, -1):
        if loc[:end] in lines:
            return f"{lines[loc[:end]]}: "
    return ""


def _dotted(loc: KeyPath) -> str:
    return ".".join(f"[{p}]" if isinstance(p, int) else p for p in loc).replace(".[", "[")


def _describe(err: Any, lines: dict[KeyPath, int]) -> str:
    loc: KeyPath = tuple(p for p in err["loc"] if not _is_union_tag(p))
    where = f"{_line(lines, loc)}{_dotted(loc)}"
    kind = err["type"]
    if kind == "extra_forbidden":
        allowed = _fields_at(loc[:-1])
        hint = did_you_mean(str(loc[-1]), allowed)
        listing = f"; allowed: {', '.join(sorted(allowed))}" if allowed and not hint else ""
        return f"{where}: unknown key{hint}{listing}"
    if kind == "missing":
        return f"{where}: required key is missing"
    if kind == "literal_error":
        given = err.get("input")
        expected = err.get("ctx", {}).get("expected", "")
        hint = did_you_mean(str(given), [e.strip(" '") for e in expected.split(",")])
        return f"{where}: {given!r} is not one of {expected}{hint}"
    message = str(err["msg"]).removeprefix("Value error, ")
    return (
        f"{where}: {message} (got {err.get('input')!r})"
        if kind != "value_error"
        else (f"{where}: {message}")
    )


def _is_union_tag(part: str | int) -> bool:
    # pydantic adds the union member's type name to the location; users never wrote it.
    return isinstance(part, str) and ("[" in part or part in {"float", "int", "str", "bool"})


def _fields_at(loc: KeyPath) -> list[str]:
    """Field names of the model that sits at `loc` in the config, for "did you mean"."""
    current: Any = Config
    for part in loc:
        current = _unwrap(current)
        if isinstance(current, type) and issubclass(current, BaseModel):
            field = current.model_fields.get(str(part))
            if field is None:
                return []
            current = field.annotation
        else:
            origin = typing.get_origin(current)
            args = typing.get_args(current)
            if origin in (list, dict) and args:
                current = args[-1]
            else:
                return []
    current = _unwrap(current)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _unwrap(annotation: Any) -> Any:
    """Strip Optional/Annotated so the model or container type is left."""
    while True:
        args = typing.get_args(annotation)
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = args[0]
        elif origin in (typing.Union, getattr(__import__("types"), "UnionType", None)):
            members = [a for a in args if a is not type(None)]
            annotation = members[0] if len(members) == 1 else annotation
            if len(members) != 1:
                return annotation
        else:
            return annotation


def cross_check(config: Config) -> list[tuple[KeyPath, str]]:
    """Problems that span sections: references to sources, metrics and arms."""
    problems: list[tuple[KeyPath, str]] = []
    sources = set(config.sources)
    for name, metric in config.metrics.items():
        for key in ("value", "numerator", "denominator"):
            ref = getattr(metric, key)
            if ref is None:
                continue
            src, _, column = ref.partition(".")
            loc: KeyPath = ("metrics", name, key)
            if not column:
                problems.append((loc, f"{ref!r} must be <source>.<column>, e.g. orders.amount"))
            elif src != "units" and src not in sources and config.units.aggregated is None:
                hint = did_you_mean(src, [*sources, "units"])
                problems.append((loc, f"unknown source {src!r}{hint}; define it under sources"))
            elif src == "units" and column == "count":
                problems.append((loc, "units.count is always 1; use a source's count instead"))
    if "units" in sources:
        problems.append((("sources", "units"), "'units' is reserved for the units file"))
    econ = config.economics
    if econ.revenue_metric is not None and econ.revenue_metric not in config.metrics:
        hint = did_you_mean(econ.revenue_metric, config.metrics)
        problems.append(
            (("economics", "revenue_metric"), f"no metric {econ.revenue_metric!r}{hint}")
        )
    for covered in config.units.covariates:
        if covered not in config.metrics:
            hint = did_you_mean(covered, config.metrics)
            problems.append((("units", "covariates", covered), f"no metric {covered!r}{hint}"))
    exp = config.experiment
    if exp.treatments is not None and exp.control in exp.treatments:
        problems.append((("experiment", "treatments"), f"control {exp.control!r} is listed"))
    if exp.expected_split is not None and exp.control not in exp.expected_split:
        problems.append((("experiment", "expected_split"), f"no share for control {exp.control!r}"))
    for name, metric in config.metrics.items():
        if metric.guardrail and metric.goal is not None:
            problems.append((("metrics", name, "goal"), "a guardrail metric takes no goal"))
    return problems
