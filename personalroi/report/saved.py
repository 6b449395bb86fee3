"""Read a saved JSON result (SPEC section 5) back, with located errors."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from personalroi.document import checked_audit_json
from personalroi.errors import ResultError
from personalroi.i18n import Lang

if TYPE_CHECKING:
    from rich.console import RenderableType

    from personalroi.document import AuditJson
    from personalroi.document.history import HistoryEntryJson
    from personalroi.report.formats import Format


def _refuse_constant(name: str) -> Any:
    raise _NotFinite(name)


class _NotFinite(ValueError):
    pass


def parse_result(text: str, where: str) -> AuditJson:
    """The audit result in `text` (JSON), checked; ResultError naming `where` if it is not one."""
    try:
        # NaN and Infinity are not JSON; personalroi never writes them (SPEC section 5).
        data = json.loads(text, parse_constant=_refuse_constant)
    except _NotFinite as exc:
        token = str(exc)
        found = re.search(rf"(?<![\w\"]){re.escape(token)}(?![\w\"])", text)
        line = f"line {text.count(chr(10), 0, found.start()) + 1}: " if found else ""
        raise ResultError(
            f"{where}: {line}{token} is not a number JSON allows; a result written by "
            "`personalroi audit --format json` uses null for a missing value."
        ) from None
    except RecursionError:
        raise ResultError(
            f"{where}: nested too deeply to be a personalroi result (arrays or objects inside "
            "each other thousands of levels deep)."
        ) from None
    except json.JSONDecodeError as exc:
        raise ResultError(
            f"{where}: line {exc.lineno} column {exc.colno}: not valid JSON ({exc.msg}). "
            "Save the result with `personalroi audit --format json -o result.json`."
        ) from None
    return checked_audit_json(data, where)


def render_saved(
    result: AuditJson,
    fmt: Format,
    where: str,
    history: Sequence[HistoryEntryJson] = (),
    lang: Lang = Lang.en,
) -> RenderableType | str:
    """`formats.render` for a result read back from a file (`where` names it). A value of
    another type or shape than the audit writes (an edited file, most likely) is the
    file's fault: exit 2 naming the file and what the renderer found, not an internal
    error."""
    from personalroi.report.formats import render

    try:
        return render(result, fmt, history, lang)
    except (TypeError, ValueError, KeyError, AttributeError, IndexError) as exc:
        raise ResultError(
            f"{where}: a value is not what `personalroi audit --format json` writes "
            f"({type(exc).__name__}: {exc}). If the file was edited, undo the edit or run "
            "the audit again; if it came unedited from `personalroi audit`, please report it."
        ) from exc


def read_result(path: Path) -> AuditJson:
    if not path.exists():
        raise ResultError(f"{path}: file not found.")
    if path.is_dir():
        raise ResultError(f"{path}: is a folder; pass the JSON file written by --format json.")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise ResultError(f"{path}: not UTF-8 text; is this a JSON result?") from None
    except OSError as exc:
        raise ResultError(f"{path}: cannot read: {exc.strerror}.") from None
    return parse_result(text, str(path))
