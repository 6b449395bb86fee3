"""Paths in the config: relative to the config file's folder."""

from __future__ import annotations

import os
from pathlib import Path

from pydantic import ValidationInfo

from personalroi.config.uri import UriPath


def resolve_path(path: Path, info: ValidationInfo) -> Path:
    """Relative paths are relative to the config file's folder, not the shell's cwd."""
    if isinstance(path, UriPath):
        return path
    base = (info.context or {}).get("base_dir")
    if base is not None and not path.is_absolute():
        path = Path(base) / path
    try:
        return path.expanduser().resolve()
    except (OSError, RuntimeError):
        # A symlink loop: keep the path as written; reading it names the problem.
        return Path(os.path.abspath(path.expanduser()))
