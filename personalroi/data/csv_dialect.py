"""Guess a CSV export's delimiter, decimal mark and encoding from its first bytes.

Exports from European spreadsheets use ';' and a decimal comma; some tools add
a UTF-8 BOM or write Latin-1. DuckDB reads all of these once told which.
"""

from __future__ import annotations

import gzip
import re
from dataclasses import dataclass
from pathlib import Path

from personalroi.errors import DataError

SNIFF_BYTES = 256 * 1024
MAX_HEADER_BYTES = 1024 * 1024
_DELIMITERS = (",", ";", "\t", "|")
_DECIMAL_COMMA = re.compile(r"(?:^|[;\t|])\s*-?\d+,\d+\s*(?=[;\t|]|$)", re.MULTILINE)


@dataclass(frozen=True)
class CsvDialect:
    delimiter: str
    decimal: str
    encoding: str
    header: tuple[str, ...]


def read_head(path: Path, size: int = SNIFF_BYTES) -> bytes:
    try:
        if path.name.endswith(".gz"):
            with gzip.open(path, "rb") as fh:
                return fh.read(size)
        with path.open("rb") as fh:
            return fh.read(size)
    except (OSError, EOFError) as exc:
        raise DataError(f"{path}: cannot read: {exc}.") from None


def sniff(path: Path) -> CsvDialect:
    raw = read_head(path)
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    if not raw.strip():
        raise DataError(f"{path}: the file is empty; expected a header row and data rows.")
    first_newline = raw.find(b"\n")
    if first_newline < 0 and len(raw) >= SNIFF_BYTES:
        raise DataError(
            f"{path}: no line break in the first {SNIFF_BYTES // 1024} KiB; "
            "this is not a CSV export with a header row."
        )
    try:
        text = raw.decode("utf-8")
        encoding = "utf-8"
    except UnicodeDecodeError as exc:
        # A cut multi-byte character at the end of the sample is not an encoding problem.
        if exc.start >= len(raw) - 4:
            text, encoding = raw[: exc.start].decode("utf-8"), "utf-8"
        else:
            text, encoding = raw.decode("latin-1"), "latin-1"
    lines = text.splitlines()
    header_line = lines[0]
    delimiter = max(_DELIMITERS, key=header_line.count)
    if header_line.count(delimiter) == 0:
        delimiter = ","
    body = "\n".join(lines[1:50])
    decimal = "," if delimiter != "," and _DECIMAL_COMMA.search(body) else "."
    header = tuple(h.strip().strip('"') for h in header_line.split(delimiter))
    return CsvDialect(delimiter, decimal, encoding, header)
