"""A URI where the config names a data file (`path: s3a://bucket/visitors.parquet`).

Read as a file path it would be joined to the config's folder and lose a slash
(/configs/s3a:/bucket/...). A `UriPath` keeps the text as written: `str()` gives
the URI back, `.name` and `.suffix` read its last segment, and as a local file it
does not exist. `file://` URIs name local files and become ordinary paths.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

URI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://")

if TYPE_CHECKING:
    _Concrete = Path
else:
    _Concrete = type(Path())  # PosixPath or WindowsPath: Path itself cannot be subclassed


class UriPath(_Concrete):
    """A remote file's URI, kept as written."""

    _uri: str

    def __new__(cls, uri: str) -> UriPath:
        self = super().__new__(cls, uri)
        self._uri = uri
        return self

    def __str__(self) -> str:
        return getattr(self, "_uri", None) or super().__str__()

    def __fspath__(self) -> str:
        return str(self)

    def __repr__(self) -> str:
        return f"UriPath({str(self)!r})"

    def __reduce__(self) -> tuple[type[UriPath], tuple[str]]:
        return (UriPath, (str(self),))

    @property
    def scheme(self) -> str:
        return urlsplit(str(self)).scheme.lower()


def keep_uri(value: Any) -> Any:
    """A config value for a file path, with a URI kept as a UriPath (a pydantic
    before-validator; anything else is left to the Path field)."""
    if isinstance(value, str) and URI.match(value):
        parts = urlsplit(value)
        if parts.scheme.lower() == "file":
            return Path(unquote(parts.path))
        return UriPath(value)
    return value
