"""An engine driver's errors as one-line messages that name the engine and the object.

Every adapter turns its driver's exceptions into DataError (exit 2) here; what a
driver calls its message, and which of its errors mean what, stays in the adapter.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from urllib.parse import unquote, urlsplit

from personalroi.errors import DataError


@contextmanager
def translated(
    is_fault: Callable[[BaseException], bool], message: Callable[[BaseException], DataError]
) -> Iterator[None]:
    """Re-raise the driver's faults as `message(exc)`; let everything else through."""
    try:
        yield
    except (KeyboardInterrupt, SystemExit, DataError):
        raise
    except BaseException as exc:
        if not is_fault(exc):
            raise
        raise message(exc) from None


def one_line(text: str, fallback: str) -> str:
    """A driver's message as one line of at most 300 characters."""
    lines = text.strip().splitlines()
    line = " ".join(lines[0].split()) if lines else fallback
    return line if len(line) <= 300 else line[:297] + "..."


def short(sql: str) -> str:
    """The object a statement works on, for messages: a table name or the query's start."""
    text = " ".join(sql.split())
    return text if len(text) <= 80 else text[:77] + "..."


def scrub(message: str, secret: str) -> str:
    """The message without the connection string or its password (URL or key=value form)."""
    out = message.replace(secret, "<url_env>") if secret else message
    userinfo = urlsplit(secret).netloc.rpartition("@")[0] if "://" in secret else ""
    password = userinfo.partition(":")[2]
    if password:
        out = out.replace(password, "***").replace(unquote(password), "***")
    return re.sub(r"password=\S+", "password=***", out)
