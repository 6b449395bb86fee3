"""How much memory DuckDB may hold before it spills to disk.

The default is half of the memory this process can use: physical RAM, or a
container's cgroup limit when that is lower. DuckDB's own default is 80 %, which
assumes it is alone; the audit's Python side needs about 0.5 GB beyond DuckDB's
buffers, and the machine usually runs other work (a browser, CI jobs, a second
audit), so half leaves room for both without giving up the in-memory speed on
big machines. The floor keeps a small or unreadable machine from a limit so
low that window functions and hash joins fail instead of spilling.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

SHARE = 0.5
FLOOR = 512 * 1000**2  # bytes: 512 MB
FALLBACK = 1000**3  # bytes, when the machine's memory cannot be read: 1 GB
MINIMUM = 64 * 1000**2  # the smallest limit accepted from the user: 64 MB

# DuckDB's units: KB, MB, GB, TB are powers of 1000, KiB ... TiB powers of 1024.
_UNITS = {
    "b": 1,
    "kb": 1000,
    "mb": 1000**2,
    "gb": 1000**3,
    "tb": 1000**4,
    "kib": 1024,
    "mib": 1024**2,
    "gib": 1024**3,
    "tib": 1024**4,
}
_SIZE = re.compile(r"\s*(\d+(?:\.\d+)?)\s*([a-z]+)\s*", re.IGNORECASE)
# cgroup v2, then v1; "max" or a huge number means no limit.
_CGROUP_FILES = (
    Path("/sys/fs/cgroup/memory.max"),
    Path("/sys/fs/cgroup/memory/memory.limit_in_bytes"),
)


def parse_size(text: str) -> int:
    """Bytes in a size such as `1GB`, `850MB` or `2GiB`; ValueError saying what is wrong."""
    match = _SIZE.fullmatch(text)
    if match is None or match.group(2).lower() not in _UNITS:
        raise ValueError(
            f"{text!r} is not a size; write a number and a unit, e.g. 1GB, 850MB or 2GiB "
            "(units: KB, MB, GB, TB, KiB, MiB, GiB, TiB)"
        )
    size = int(float(match.group(1)) * _UNITS[match.group(2).lower()])
    if size < MINIMUM:
        raise ValueError(f"{text!r} is too small; DuckDB needs at least 64MB")
    return size


def duckdb_size(size: int) -> str:
    """`size` bytes as DuckDB's memory_limit setting reads it."""
    return f"{size}B"


def readable(size: int) -> str:
    """`size` bytes as a user writes it: 1GB, 850MB (DuckDB's powers of 1000)."""
    if size % 1000**3 == 0:
        return f"{size // 1000**3}GB"
    return f"{round(size / 1000**2)}MB"


def usable_memory() -> int | None:
    """Bytes of memory this process can use, or None when the platform does not say."""
    sizes = [s for s in (_physical(), _cgroup_limit()) if s]
    return min(sizes) if sizes else None


def default_limit() -> int:
    """SHARE of the usable memory, at least FLOOR (FALLBACK when it is unknown)."""
    usable = usable_memory()
    if usable is None:
        return FALLBACK
    return max(FLOOR, int(usable * SHARE))


def _physical() -> int | None:
    if sys.platform == "win32":
        return _windows_physical()
    try:
        pages, page = os.sysconf("SC_PHYS_PAGES"), os.sysconf("SC_PAGE_SIZE")
    except (ValueError, OSError, AttributeError):
        return None
    return pages * page if pages > 0 and page > 0 else None


def _windows_physical() -> int | None:
    import ctypes

    class MemoryStatus(ctypes.Structure):
        _fields_ = [  # the layout of MEMORYSTATUSEX
            ("length", ctypes.c_ulong),
            ("load", ctypes.c_ulong),
            ("total_phys", ctypes.c_ulonglong),
            ("avail_phys", ctypes.c_ulonglong),
            ("total_page_file", ctypes.c_ulonglong),
            ("avail_page_file", ctypes.c_ulonglong),
            ("total_virtual", ctypes.c_ulonglong),
            ("avail_virtual", ctypes.c_ulonglong),
            ("avail_extended_virtual", ctypes.c_ulonglong),
        ]

    status = MemoryStatus()
    status.length = ctypes.sizeof(MemoryStatus)
    if not ctypes.windll.kernel32.GlobalMemoryStatusEx(ctypes.byref(status)):  # type: ignore[attr-defined]
        return None
    return int(status.total_phys)


def _cgroup_limit() -> int | None:
    for path in _CGROUP_FILES:
        try:
            text = path.read_text().strip()
        except OSError:
            continue
        if text.isdigit() and int(text) < 1 << 60:  # v1 writes "no limit" as about 2**63
            return int(text)
    return None
