"""Read a YAML config safely, validate it, and locate every problem by file, line and key."""

from __future__ import annotations

import math
import re
import typing
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from personalroi.config.aggregated import missing_section_file
from personalroi.config.engagement_check import engagement_checks
from personalroi.config.model import Config, RatioCovariate
from personalroi.config.money_check import money_checks
from personalroi.errors import ConfigError, did_you_mean

KeyPath = tuple[str | int, ...]
MAX_CONFIG_BYTES = 1024 * 1024
MAX_CONFIG_NODES = 100_000


def load_config(path: Path) -> Config:
    """Load and validate a config file; raise ConfigError naming file, line and key."""
    config, problems = check_config(path)
    if problems or config is None:
        raise ConfigError(_join(path, problems))
    return config


def check_config(path: Path) -> tuple[Config | None, list[str]]:
    """Every problem in a config file ("line N: key.path: message"), and the config if none.

    An unreadable file or a YAML syntax error still raises ConfigError: nothing
    after it can be checked.
    """
    text = _read_text(path)
    data = _parse(path, text)
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: expected a mapping of sections (experiment, units, metrics).")
    lines = key_lines(text)
    non_finite = [f"{_line(lines, loc)}{_dotted(loc)}: {msg}" for loc, msg in _non_finite(data)]
    if non_finite:
        raise ConfigError(_join(path, non_finite))
    try:
        config = Config.model_validate(data, context={"base_dir": path.parent})
    except ValidationError as exc:
        return None, [_describe(err, lines) for err in exc.errors()]
    # pydantic turns the string "1e400" into infinity, so look again after validation.
    found = _non_finite(config.model_dump(mode="python")) + cross_check(config)
    problems = [f"{_line(lines, loc)}{_dotted(loc)}: {msg}" for loc, msg in found]
    return (None if problems else config), problems


def locate(path: Path, loc: KeyPath) -> str:
    """'N: key.path' for a key in the config file, as config problems are written."""
    try:
        line = _line(key_lines(_read_text(path)), loc)
    except ConfigError:
        line = ""
    return f"{line}{_dotted(loc)}"


def format_problems(path: Path, problems: list[str], what: str = "the config") -> str:
    return _join(path, problems, what)


def _read_text(path: Path) -> str:
    if not path.exists():
        raise ConfigError(f"{path}: config file not found.")
    if path.is_dir():
        raise ConfigError(f"{path}: is a folder; pass the YAML config file (e.g. -c config.yaml).")
    try:
        # Bounded: -c /dev/zero or a huge generated file must not exhaust memory.
        with path.open("rb") as fh:
            raw = fh.read(MAX_CONFIG_BYTES + 1)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror}.") from None
    if len(raw) > MAX_CONFIG_BYTES:
        raise ConfigError(
            f"{path}: larger than {MAX_CONFIG_BYTES // 1024 // 1024} MiB; "
            "this is not a personalroi config."
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ConfigError(
            f"{path}:{line}: not UTF-8 text (byte {exc.start}); save it as UTF-8."
        ) from None


def _parse(path: Path, text: str) -> Any:
    """YAML through the safe loader only, with every failure located by line.

    The node graph is checked before anything is built: an alias bomb
    ("billion laughs") would otherwise expand into billions of values, and
    duplicate keys would silently keep only the last value.
    """
    try:
        loader = yaml.SafeLoader(text)
    except yaml.reader.ReaderError as exc:
        # A NUL byte or another control character: the reader refuses the text up front.
        at = text.count("\n", 0, exc.position) + 1
        raise ConfigError(
            f"{path}:{at}: contains the control character U+{int(exc.character):04X} "
            f"(offset {exc.position}); the config is plain text. Is this the right file?"
        ) from None
    root: yaml.Node | None = None
    try:
        root = loader.get_single_node()
        if root is None:
            return None
        size = _expanded_size(root, {})
        if size > MAX_CONFIG_NODES:
            raise ConfigError(
                f"{path}: expands to {size:,} values (more than {MAX_CONFIG_NODES:,}); "
                "YAML aliases (*name) that repeat each other are not supported here."
            )
        duplicates = _duplicate_keys(root, (), set())
        if duplicates:
            raise ConfigError(_join(path, duplicates))
        return loader.construct_document(root)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark is not None else str(path)
        problem = getattr(exc, "problem", None) or str(exc)
        tag = re.search(r"constructor for the tag '([^']+)'", problem)
        if tag:  # !!python/object and friends: the safe loader refuses to build them
            name = tag.group(1).replace("tag:yaml.org,2002:", "!!")
            raise ConfigError(
                f"{where}: YAML tag {name} is not allowed; the config is plain YAML "
                "(mappings, lists, text, numbers, dates)."
            ) from None
        raise ConfigError(f"{where}: YAML syntax error: {problem}.") from None
    except RecursionError:
        raise ConfigError(f"{path}: nested too deeply to be a personalroi config.") from None
    except ValueError as exc:
        # A date such as 2026-13-01 passes YAML's resolver and fails in the constructor.
        line, loc = _failing_scalar(root) if root is not None else (None, ())
        where = f"{path}:{line}" if line else str(path)
        key = f"{_dotted(loc)}: " if loc else ""
        raise ConfigError(f"{where}: {key}invalid value: {exc}.") from None
    finally:
        loader.dispose()


def _expanded_size(node: yaml.Node, memo: dict[int, int]) -> int:
    """How many nodes the document has once every alias is expanded."""
    known = memo.get(id(node))
    if known is not None:
        return known
    size = 1
    if isinstance(node, yaml.MappingNode):
        size += sum(_expanded_size(k, memo) + _expanded_size(v, memo) for k, v in node.value)
    elif isinstance(node, yaml.SequenceNode):
        size += sum(_expanded_size(item, memo) for item in node.value)
    memo[id(node)] = size
    return size


def _duplicate_keys(node: yaml.Node, loc: KeyPath, seen: set[int]) -> list[str]:
    if id(node) in seen:
        return []
    seen.add(id(node))
    problems: list[str] = []
    if isinstance(node, yaml.MappingNode):
        first: dict[str, int] = {}
        for key, value in node.value:
            name = str(key.value)
            line = key.start_mark.line + 1
            if name in first and name != "<<":
                problems.append(
                    f"{line}: {_dotted((*loc, name))}: duplicate key (first at line {first[name]})"
                )
            first.setdefault(name, line)
            problems += _duplicate_keys(value, (*loc, name), seen)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            problems += _duplicate_keys(item, (*loc, i), seen)
    return problems


def _failing_scalar(root: yaml.Node) -> tuple[int | None, KeyPath]:
    """Line and key of the first scalar YAML cannot turn into a value (e.g. month 13)."""
    stack: list[tuple[yaml.Node, KeyPath]] = [(root, ())]
    seen: set[int] = set()
    while stack:
        node, loc = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.ScalarNode):
            try:
                yaml.SafeLoader("").construct_object(node, deep=True)
            except (ValueError, yaml.YAMLError):
                return int(node.start_mark.line) + 1, loc
        elif isinstance(node, yaml.MappingNode):
            stack.extend((v, (*loc, str(k.value))) for k, v in reversed(node.value))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((v, (*loc, n)) for n, v in reversed(list(enumerate(node.value))))
    return None, ()


def _non_finite(value: Any, loc: KeyPath = ()) -> list[tuple[KeyPath, str]]:
    """.inf, .nan and 1e400 (which YAML reads as infinity) are never a sensible setting."""
    if isinstance(value, float) and not math.isfinite(value):
        return [(loc, f"{value} is not a finite number")]
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in _non_finite(v, (*loc, str(k)))]
    if isinstance(value, list):
        return [p for i, v in enumerate(value) for p in _non_finite(v, (*loc, i))]
    return []


def _join(path: Path, problems: list[str], what: str = "the config") -> str:
    head = f"{path}: {len(problems)} problem{'s' if len(problems) != 1 else ''} in {what}:"
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


def _is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def _unwrap(annotation: Any) -> Any:
    """Strip Optional/Annotated so the model or container type is left."""
    while True:
        args = typing.get_args(annotation)
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = args[0]
        elif origin in (typing.Union, getattr(__import__("types"), "UnionType", None)):
            members = [a for a in args if a is not type(None)]
            # A file or a mapping (units.aggregated): the mapping's model has the keys.
            models = [m for m in map(_unwrap, members) if _is_model(m)]
            if len(members) != 1 and len(models) != 1:
                return annotation
            annotation = members[0] if len(members) == 1 else models[0]
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
    for covered, cov in config.units.covariates.items():
        if covered not in config.metrics:
            hint = did_you_mean(covered, config.metrics)
            problems.append((("units", "covariates", covered), f"no metric {covered!r}{hint}"))
        elif isinstance(cov, RatioCovariate) and config.metrics[covered].type != "ratio":
            kind = config.metrics[covered].type
            problems.append(
                (
                    ("units", "covariates", covered),
                    f"{{numerator, denominator}} is a pre-period ratio for ratio metrics; "
                    f"{covered} is a {kind} metric: give one column, e.g. {{{covered}: pre_value}}",
                )
            )
    exp = config.experiment
    if exp.treatments is not None and exp.control in exp.treatments:
        problems.append((("experiment", "treatments"), f"control {exp.control!r} is listed"))
    if exp.expected_split is not None and exp.control not in exp.expected_split:
        problems.append((("experiment", "expected_split"), f"no share for control {exp.control!r}"))
    if not config.metrics:
        problems.append(
            (
                ("metrics",),
                "no metrics: an audit compares at least one outcome between the arms; add "
                "one, e.g. conversion: {type: binary, value: units.converted}",
            )
        )
    for name, metric in config.metrics.items():
        if not name.strip():
            problems.append((("metrics", name), "a metric needs a name (the key is empty)"))
        if metric.guardrail and metric.goal is not None:
            problems.append((("metrics", name, "goal"), "a guardrail metric takes no goal"))
        if "__" in name:
            # <metric>__num, <metric>__n ... are the engine's own columns: a clash mixes metrics up.
            problems.append((("metrics", name), "metric names cannot contain '__'"))
    if (
        config.metrics
        and all(m.weight == 0 for m in config.metrics.values())
        and not config.scorecard.roi_weight
    ):
        problems.append(
            (
                ("metrics",),
                "every weight is 0, so the scorecard has nothing to weigh; "
                "give at least one metric (or scorecard.roi_weight) a positive weight",
            )
        )
    problems += _lifetime_checks(config) + engagement_checks(config) + money_checks(config)
    problems += _filter_checks(config) + _engine_checks(config)
    return problems


def _engine_checks(config: Config) -> list[tuple[KeyPath, str]]:
    """Tables need an engine that has them; warehouses read tables, not local files."""
    kind = config.engine.kind
    inputs: list[tuple[KeyPath, bool]] = []
    if config.units.aggregated is None:
        inputs.append((("units",), config.units.table is not None))
    inputs += [(("sources", n), s.table is not None) for n, s in config.sources.items()]
    problems: list[tuple[KeyPath, str]] = []
    for loc, is_table in inputs:
        if is_table and kind == "duckdb":
            problems.append(
                (
                    (*loc, "table"),
                    "a table needs an engine that holds it: set engine: {kind: postgres, "
                    "url_env: ...} (or spark, bigquery, snowflake), or give path: FILE",
                )
            )
        elif not is_table and kind in ("postgres", "bigquery", "snowflake"):
            problems.append(
                (
                    (*loc, "path"),
                    f"engine {kind} reads tables, not local files: give table: SCHEMA.TABLE",
                )
            )
    if config.units.aggregated is not None and kind != "duckdb":
        problems.append(
            (("units", "aggregated"), "aggregated input is read locally; remove the engine section")
        )
    return problems


def _filter_checks(config: Config) -> list[tuple[KeyPath, str]]:
    """Row filters parse and use only what the whitelist allows (config/where.py)."""
    from personalroi.config.where import parse_where

    filters: list[tuple[KeyPath, str | None]] = [(("units", "where"), config.units.where)]
    filters += [(("sources", n, "where"), s.where) for n, s in config.sources.items()]
    problems: list[tuple[KeyPath, str]] = []
    for loc, text in filters:
        if text is None:
            continue
        try:
            parse_where(text)
        except ValueError as exc:
            problems.append((loc, str(exc)))
    if config.units.where is not None and config.units.aggregated is not None:
        problems.append(
            (("units", "where"), "aggregated input is already summed: filter where it was computed")
        )
    return problems


def _lifetime_checks(config: Config) -> list[tuple[KeyPath, str]]:
    """The clv and attribution sections name timestamped sources."""
    problems: list[tuple[KeyPath, str]] = []
    refs: list[tuple[KeyPath, str]] = []
    files = config.units.aggregated_files()
    if config.clv is not None and not files:
        # On aggregated input the histories were computed where the orders live.
        refs.append((("clv", "source"), config.clv.source))
    if config.attribution is not None and not files:
        # On aggregated input the journeys were summed where the touches live.
        refs.append((("attribution", "source"), config.attribution.source))
        refs.append((("attribution", "conversions"), config.attribution.conversions))
    for loc, name in refs:
        source = config.sources.get(name)
        if source is None:
            hint = did_you_mean(name, config.sources)
            problems.append((loc, f"unknown source {name!r}{hint}; define it under sources"))
        elif source.timestamp is None:
            problems.append((loc, f"source {name!r} needs a timestamp column (sources.{name})"))
    for name, metric in config.metrics.items():
        if metric.type == "clv" and config.clv is None:
            problems.append((("metrics", name, "type"), "a clv metric needs a clv section"))
    problems += [
        missing_section_file(key)
        for key in ("clv", "attribution")
        if files and getattr(config, key) is not None and key not in files
    ]
    return problems
