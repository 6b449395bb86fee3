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
