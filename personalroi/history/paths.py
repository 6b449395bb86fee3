"""Where the history file lives by default: the user's data folder."""

from __future__ import annotations

import os
import sys
from pathlib import Path

ENV = "PERSONALROI_HISTORY"


def default_history_path() -> Path:
    """$PERSONALROI_HISTORY, else the platform's user data dir (XDG_DATA_HOME on Linux)."""
    if os.environ.get(ENV):
        return Path(os.environ[ENV]).expanduser()
    if os.environ.get("XDG_DATA_HOME"):
        base = Path(os.environ["XDG_DATA_HOME"]).expanduser()
    elif sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path.home() / ".local" / "share"
    return base / "personalroi" / "history.sqlite"
