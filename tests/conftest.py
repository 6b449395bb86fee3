"""Shared test setup."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def example_config() -> Path:
    return ROOT / "configs" / "example.yaml"


@pytest.fixture
def sample_dir() -> Path:
    return ROOT / "sample_data"


@pytest.fixture(autouse=True)
def _private_history(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Audits run by tests record into a throwaway history, never the user's data folder."""
    path = tmp_path_factory.mktemp("history") / "history.sqlite"
    monkeypatch.setenv("PERSONALROI_HISTORY", str(path))
    return path
