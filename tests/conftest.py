"""Shared test setup."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _private_history(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Audits run by tests record into a throwaway history, never the user's data folder."""
    path = tmp_path_factory.mktemp("history") / "history.sqlite"
    monkeypatch.setenv("PERSONALROI_HISTORY", str(path))
    return path
