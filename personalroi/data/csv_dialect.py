"""Guess a CSV export's delimiter, decimal mark and encoding from its first bytes.

Exports from European spreadsheets use ';' and a decimal comma; some tools add
a UTF-8 BOM or write Latin-1. DuckDB reads all of these once told which.
"""

from __future__ import annotations

import csv
import gzip
import re
from dataclasses import dataclass
from pathlib import Path

from personalroi.errors import DataError

SNIFF_BYTES = 256 * 1024
MAX_HEADER_BYTES = 1024 * 1024
MAX_COLUMNS = 10_000
_DELIMITERS = (",", ";", "\t", "|")
# A UTF-8 multi-byte character; in Latin-1 text these byte pairs (e.g. "Ã©") are rare.
_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
_DECIMAL_COMMA = re.compile(r"(?:^|[;\t|])\s*-?\d+,\d+\s*(?=[;\t|]|$)", re.MULTILINE)


@dataclass(frozen=True)
class CsvDialect:
    delimiter: str
    decimal: str
    encoding: str
    header: tuple[str, ...]
    # CRLF and LF lines in one file (a file appended to on another system).
    mixed_newlines: bool = False


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
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DataError(f"{path}: the file is UTF-16 text; save or export it as UTF-8 CSV.")
    if b"\x00" in raw:
        # DuckDB would read NUL bytes as one giant column name: say what it is instead.
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        raise DataError(
            f"{path}: line {line}: contains NUL bytes; this is a binary file, not a text CSV "
            "(Excel .xlsx, a database dump, or a truncated download?)."
        )
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
        elif _UTF8_MULTIBYTE.search(raw):
            # Reading it all as Latin-1 would turn the UTF-8 rows' "néw" into "nÃ©w":
            # one segment split in two, silently.
            line = raw[: exc.start].count(b"\n") + 1
            raise DataError(
                f"{path}: line {line}: byte 0x{raw[exc.start]:02X} is not UTF-8, but other "
                "lines are UTF-8: the file mixes two encodings (rows appended from another "
                "export?). Re-export it, or convert it to UTF-8 as a whole."
            ) from None
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
    if len(header) > MAX_COLUMNS:
        raise DataError(
            f"{path}: line 1: the header has {len(header):,} columns; at most {MAX_COLUMNS:,} "
            "are supported. Is this the right file, and is the delimiter right?"
        )
    crlf = raw.count(b"\r\n")
    mixed = 0 < crlf < raw.count(b"\n")
    return CsvDialect(delimiter, decimal, encoding, header, mixed)


def first_malformed_row(path: Path, dialect: CsvDialect, max_rows: int = 100_000) -> str | None:
    """Describe the first row whose field count differs from the header's, if any.

    DuckDB's own sniffer only says "could not detect the dialect" when early rows
    are ragged; this streams the start of the file to name the line instead.
    """
    opener = gzip.open if path.name.endswith(".gz") else open
    start = 1
    try:
        with opener(path, "rt", encoding=dialect.encoding, errors="replace", newline="") as fh:
            reader = csv.reader(fh, delimiter=dialect.delimiter, strict=True)
            expected: int | None = None
            for row in reader:
                if expected is None:
                    expected = len(row)
                elif row and len(row) != expected:
                    return (
                        f"line {start}: {len(row)} field{'s' if len(row) != 1 else ''} where "
                        f"the header has {expected} (delimiter {dialect.delimiter!r})"
                    )
                start = reader.line_num + 1
                if reader.line_num > max_rows:
                    return None
    except csv.Error as exc:
        return f"line {start}: {exc}"
    except (OSError, EOFError) as exc:
        return f"cannot read: {exc}"
    return None


def first_long_line(path: Path, limit: int) -> int | None:
    """The 1-based number of the first line longer than `limit` bytes, streaming in chunks.

    DuckDB reports its line-size error against the wrong line; this finds the
    right one without ever holding more than one chunk in memory.
    """
    opener = gzip.open if path.name.endswith(".gz") else open
    line, length = 1, 0
    try:
        with opener(path, "rb") as fh:
            while chunk := fh.read(1 << 20):
                start = 0
                while (newline := chunk.find(b"\n", start)) >= 0:
                    if length + newline - start > limit:
                        return line
                    line, length, start = line + 1, 0, newline + 1
                length += len(chunk) - start
                if length > limit:
                    return line
    except (OSError, EOFError):
        return None
    return None
