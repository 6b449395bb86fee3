"""Faults a user can cause, produced for real on local engines: each becomes one
DataError naming the engine and the object, never containing the secret."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from engine_fixtures import PG_PASSWORD, PostgresServer, engine_config
from typer.testing import CliRunner

from personalroi.cli import app
from personalroi.config.model import EngineConfig
from personalroi.errors import DataError

runner = CliRunner()
URL_ENV = "PERSONALROI_TEST_FAULT_URL"


def _open_postgres(url: str, monkeypatch: pytest.MonkeyPatch, **engine: Any) -> Any:
    from personalroi.engines.postgres import open_adapter

    monkeypatch.setenv(URL_ENV, url)
    return open_adapter(EngineConfig(kind="postgres", url_env=URL_ENV, **engine))


@pytest.fixture
def pg(postgres: PostgresServer, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    adapter = _open_postgres(postgres.url(), monkeypatch)
    yield adapter
    adapter.close()


def test_postgres_wrong_port(postgres: PostgresServer, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(DataError, match=r"^postgres: cannot connect") as caught:
        _open_postgres(postgres.url(port=postgres.port + 1), monkeypatch)
    assert PG_PASSWORD not in str(caught.value)


def test_postgres_wrong_password(postgres: PostgresServer, monkeypatch: pytest.MonkeyPatch) -> None:
    wrong = "not-the-password-42"
    with pytest.raises(DataError, match=r"^postgres: .*password authentication failed") as caught:
        _open_postgres(postgres.url(password=wrong), monkeypatch)
    assert wrong not in str(caught.value) and PG_PASSWORD not in str(caught.value)


@pytest.mark.parametrize(
    ("sql", "message"),
    [
        ("SELECT * FROM shop.nope", r'postgres: relation "shop.nope" does not exist.*table names'),
        ("SELECT nope FROM shop.visitors", r'postgres: column "nope" does not exist.*column names'),
    ],
)
def test_postgres_missing_objects(pg: Any, sql: str, message: str) -> None:
    with pytest.raises(DataError, match=message):
        pg.query(sql)


def test_postgres_permission_denied(
    postgres: PostgresServer, pg: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    pg.run("DROP ROLE IF EXISTS outsider")
    pg.run("CREATE ROLE outsider LOGIN PASSWORD 'outsider-pw'")
    url = postgres.url(password="outsider-pw").replace(f"//{postgres.user}:", "//outsider:")
    outsider = _open_postgres(url, monkeypatch)
    try:
        with pytest.raises(DataError, match=r"postgres: permission denied.*shop") as caught:
            outsider.query("SELECT * FROM shop.visitors")
        assert "outsider-pw" not in str(caught.value)
    finally:
        outsider.close()


def test_postgres_timeout(postgres: PostgresServer, monkeypatch: pytest.MonkeyPatch) -> None:
    slow = _open_postgres(postgres.url(), monkeypatch, timeout_seconds=0.2)
    try:
        with pytest.raises(DataError, match=r"postgres: the query was cancelled.*timeout_seconds"):
            slow.query("SELECT pg_sleep(3)")
    finally:
        slow.close()


def test_postgres_fault_through_the_cli_exits_2(
    postgres: PostgresServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(URL_ENV, postgres.url(password="wrong-pw-7"))
    path = tmp_path / "c.yaml"
    path.write_text(yaml.safe_dump(engine_config({"kind": "postgres", "url_env": URL_ENV})))
    result = runner.invoke(app, ["audit", "-c", str(path), "-q", "--no-history"])
    assert result.exit_code == 2
    assert "postgres:" in result.output and "wrong-pw-7" not in result.output


def test_snowflake_connection_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    """The official connector, unpatched, against a closed local port."""
    pytest.importorskip("snowflake.connector", reason="pip install 'personalroi[snowflake]'")
    from personalroi.engines.snowflake import open_adapter

    monkeypatch.setenv(
        URL_ENV,
        "snowflake://ana:hunter2@acct/DB/SHOP?host=127.0.0.1&port=9&protocol=http&login_timeout=5",
    )
    with pytest.raises(DataError, match=r"^snowflake: cannot connect") as caught:
        open_adapter(EngineConfig(kind="snowflake", url_env=URL_ENV))
    assert "hunter2" not in str(caught.value)
