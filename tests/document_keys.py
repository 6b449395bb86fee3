"""Keys of a JSON document that its TypedDict does not declare (the schema must cover
everything the audit writes; reading tolerates unknown keys, this check does not)."""

from __future__ import annotations

import types
import typing
from typing import Any, Union

from typing_extensions import NotRequired, Required, is_typeddict


def undeclared_keys(value: Any, shape: Any, where: str = "") -> list[str]:
    """Every path in `value` whose key `shape` (a TypedDict, or a type built from them)
    does not declare; [] when the TypedDicts describe the whole document."""
    origin = typing.get_origin(shape)
    if origin in (NotRequired, Required):
        return undeclared_keys(value, typing.get_args(shape)[0], where)
    if origin is Union or origin is types.UnionType:
        options = [a for a in typing.get_args(shape) if a is not type(None)]
        found = [undeclared_keys(value, option, where) for option in options]
        return min(found, key=len) if found else []
    if is_typeddict(shape):
        if not isinstance(value, dict):
            return []
        hints = typing.get_type_hints(shape)
        out = [f"{where}.{k}".lstrip(".") for k in value if k not in hints]
        for key, hint in hints.items():
            if key in value:
                out += undeclared_keys(value[key], hint, f"{where}.{key}")
        return out
    if origin is list and isinstance(value, list):
        (item,) = typing.get_args(shape)
        return [p for i, v in enumerate(value) for p in undeclared_keys(v, item, f"{where}[{i}]")]
    if origin is dict and isinstance(value, dict):
        _, item = typing.get_args(shape)
        return [p for k, v in value.items() for p in undeclared_keys(v, item, f"{where}.{k}")]
    return []


def required_keys(shape: Any) -> frozenset[str]:
    """The keys a TypedDict requires. Not `__required_keys__`: under `from __future__
    import annotations` the annotations are strings when the class is made, so it
    counts every key as required; the evaluated hints know `NotRequired`."""
    hints = typing.get_type_hints(shape, include_extras=True)
    return frozenset(k for k, h in hints.items() if typing.get_origin(h) is not NotRequired)


def field_mismatches(shape: Any, producer: Any) -> list[str]:
    """How a TypedDict differs from the dataclass the JSON encoder writes it from: fields
    one has and the other lacks, and fields null in one but not the other ([] when they
    agree; the order of keys is not part of a JSON object)."""
    declared = typing.get_type_hints(shape)
    produced = typing.get_type_hints(producer)
    out = [f"{k}: only in {shape.__name__}" for k in declared if k not in produced]
    out += [f"{k}: only in {producer.__name__}" for k in produced if k not in declared]
    for name in declared.keys() & produced.keys():
        nullable = [type(None) in typing.get_args(h) for h in (declared[name], produced[name])]
        if nullable[0] != nullable[1]:
            out.append(f"{name}: null in {'the type' if nullable[0] else 'the dataclass'} only")
    return sorted(out)
