"""`-o /dev/null` (or a FIFO) is written through, never replaced by a regular file."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from personalroi.cli.common import write_atomic


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs POSIX FIFOs")
def test_write_atomic_keeps_a_fifo(tmp_path: Path) -> None:
    import threading

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[str] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_text()))
    reader.start()
    write_atomic(fifo, "hello\n")
    reader.join(timeout=10)
    assert received == ["hello\n"]
    assert stat.S_ISFIFO(fifo.stat().st_mode)


@pytest.mark.skipif(not Path("/dev/null").exists(), reason="needs /dev/null")
def test_write_atomic_keeps_dev_null() -> None:
    write_atomic(Path("/dev/null"), "discarded\n")
    assert stat.S_ISCHR(Path("/dev/null").stat().st_mode)
