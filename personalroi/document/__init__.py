"""The JSON result (SPEC section 5) as types: what `report/json_format.py` writes, what a
saved file is checked against when it is read back, and what every renderer reads.

One TypedDict per object of the document, named after the object with `Json` at the end
(`RoiJson` is one element of `roi`). A key the current audit always writes is required; a
key that results saved by earlier versions may lack (fields added after SPEC section 5,
phrases) is `NotRequired`, and renderers read it with `.get`. A number the audit may have
had to write as null (NaN is not JSON) is `float | None`.

Renderers take these types, not `dict[str, Any]`, so mypy checks every key they read.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from personalroi.errors import ResultError

if TYPE_CHECKING:
    from pydantic import TypeAdapter

    from personalroi.document.audit import AuditJson

__all__ = ["SCHEMA_VERSION", "AuditJson", "audit_json_problem", "checked_audit_json"]

# The result's version (SPEC section 5): fields are only added within one version.
SCHEMA_VERSION = 1
# Without these a document is not an audit result at all.
REQUIRED = ("experiment", "data_quality", "metrics")

_ADAPTER: TypeAdapter[AuditJson] | None = None


def __getattr__(name: str) -> object:
    # The types load when first asked for (mypy sees them above): writing a result
    # needs only SCHEMA_VERSION, and the audit's start-up stays as it was.
    if name == "AuditJson":
        from personalroi.document.audit import AuditJson

        return AuditJson
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def checked_audit_json(data: object, where: str) -> AuditJson:
    """`data` if it has the shape `personalroi audit --format json` writes (keys a newer
    version added are allowed); else ResultError naming `where` and the first key that
    does not: an edited file fails here, not inside a renderer."""
    if not isinstance(data, dict):
        raise ResultError(f"{where}: expected a JSON object written by `personalroi audit`.")
    version = data.get("schema_version")
    if version != SCHEMA_VERSION:
        raise ResultError(
            f"{where}: schema_version is {version!r}; this personalroi reads schema_version "
            f"{SCHEMA_VERSION}. Re-run the audit with this version."
        )
    missing = [key for key in REQUIRED if key not in data]
    if missing:
        raise ResultError(f"{where}: missing key(s) {', '.join(missing)}; not an audit result.")
    problem = audit_json_problem(data)
    if problem is not None:
        raise ResultError(
            f"{where}: {problem}. This is not what `personalroi audit --format json` writes: "
            "if the file was edited, undo the edit or run the audit again."
        )
    return cast("AuditJson", data)


def audit_json_problem(data: object) -> str | None:
    """None when `data` has the shape of an audit result; else the first place where it
    does not, as `roi[0].roi_ci[1]: ...`. Keys this version does not know are allowed
    (a newer personalroi may add fields without bumping schema_version)."""
    global _ADAPTER
    from pydantic import TypeAdapter, ValidationError

    from personalroi.document.audit import AuditJson

    if _ADAPTER is None:
        _ADAPTER = TypeAdapter(AuditJson)
    try:
        _ADAPTER.validate_python(data, strict=True)
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        return f"{_where(first['loc'])}: {first['msg'].lower()}{_found(first)}"
    return None


def _where(loc: tuple[int | str, ...]) -> str:
    path = ""
    for part in loc:
        path += f"[{part}]" if isinstance(part, int) else f".{part}" if path else str(part)
    return path or "the top level"


def _found(error: object) -> str:
    if not isinstance(error, dict) or error.get("type") == "missing":
        return ""
    shown = repr(error.get("input"))
    return f" (found {shown if len(shown) <= 40 else shown[:37] + '...'})"
