"""Config hash and data fingerprint: which inputs produced a result, for transparency.

Both are SHA-256 over file bytes, so the same files give the same hashes on any
machine, and any edit (even a comment in the config) shows up as a change.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from personalroi.config.model import Config
from personalroi.config.uri import UriPath

if TYPE_CHECKING:
    from personalroi.document.core import ProvenanceJson

CHUNK = 1 << 20


def file_digest(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(CHUNK), b""):
            digest.update(block)
    return digest.hexdigest()


def config_hash(path: Path) -> str:
    return "sha256:" + file_digest(path)


def data_fingerprint(config: Config) -> str:
    """One hash over every data file the config names (role, size, content). An engine's
    table enters by its name: hashing a warehouse table would mean reading all of it."""
    from personalroi.plan.compile import compile_plan

    digest = hashlib.sha256()
    for role, spec in sorted(compile_plan(config).inputs.items()):
        path = spec.path
        if spec.table is not None:
            digest.update(f"{role}\0{config.engine.kind} table\0{spec.table}\n".encode())
        elif isinstance(path, UriPath):
            # A remote file enters by its URI, as a table by its name.
            digest.update(f"{role}\0uri\0{path}\n".encode())
        elif path.is_file():
            digest.update(f"{role}\0{path.stat().st_size}\0{file_digest(path)}\n".encode())
        else:
            digest.update(f"{role}\0missing\n".encode())
    return "sha256:" + digest.hexdigest()


def provenance(config_path: Path, config: Config) -> ProvenanceJson:
    return {
        "config_hash": config_hash(config_path),
        "data_fingerprint": data_fingerprint(config),
    }


def provenance_in_background(config_path: Path, config: Config) -> Callable[[], ProvenanceJson]:
    """Start `provenance` on a thread and return a function that waits for it.

    Hashing gigabytes of data files takes seconds, mostly waiting on the disk, and
    hashlib and file reads release the GIL, so it overlaps with the audit's scans.
    The thread is a daemon: an audit that fails exits without waiting for it.
    """
    outcome: dict[str, Any] = {}

    def work() -> None:
        try:
            outcome["value"] = provenance(config_path, config)
        except BaseException as exc:  # re-raised in the caller's thread
            outcome["error"] = exc

    thread = threading.Thread(target=work, name="personalroi-provenance", daemon=True)
    thread.start()

    def wait() -> ProvenanceJson:
        thread.join()
        if "error" in outcome:
            raise outcome["error"]
        value: ProvenanceJson = outcome["value"]
        return value

    return wait
