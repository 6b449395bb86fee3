"""Shared test setup."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from engine_fixtures import PostgresServer, postgres_server, spark_session

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def example_config() -> Path:
    return ROOT / "configs" / "example.yaml"


@pytest.fixture
def sample_dir() -> Path:
    return ROOT / "sample_data"


@pytest.fixture(scope="session")
def sample_result() -> dict[str, Any]:
    """The bundled sample's JSON result, audited once per run (not recorded): read it,
    copy it before changing it."""
    from typer.testing import CliRunner

    from personalroi.cli import app

    done = CliRunner().invoke(app, ["audit", "-f", "json", "-q", "--no-history"])
    assert done.exit_code == 0, done.output
    result: dict[str, Any] = json.loads(done.stdout)
    return result


@pytest.fixture(autouse=True)
def _private_history(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Audits run by tests record into a throwaway history, never the user's data folder."""
    path = tmp_path_factory.mktemp("history") / "history.sqlite"
    monkeypatch.setenv("PERSONALROI_HISTORY", str(path))
    return path


@pytest.fixture(scope="session")
def postgres(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PostgresServer]:
    """A PostgreSQL server with the sample in schema shop (skips when none can run)."""
    with postgres_server() as server:
        yield server


@pytest.fixture(scope="session")
def spark(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """One local SparkSession for the whole run, the sample as tables shop.<stem>."""
    with spark_session(tmp_path_factory.mktemp("spark")) as session:
        yield session


@pytest.fixture(autouse=True)
def _english_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    """Reports default to the locale's language; tests expect English unless they pass --lang."""
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
