"""DuckDB's memory limit: --memory-limit, else $PERSONALROI_MEMORY_LIMIT, else half the machine."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from personalroi.cli import app
from personalroi.data import memory, progress

runner = CliRunner()


@pytest.mark.parametrize(
    ("text", "size"),
    [
        ("1GB", 1000**3),
        ("850MB", 850 * 1000**2),
        ("2GiB", 2 * 1024**3),
        ("1.5gb", 1_500_000_000),
        (" 512 MiB ", 512 * 1024**2),
    ],
)
def test_sizes_in_duckdb_units(text: str, size: int) -> None:
    assert memory.parse_size(text) == size


@pytest.mark.parametrize("text", ["", "1", "GB", "1 XB", "-1GB", "1e9B", "lots"])
def test_a_size_needs_a_number_and_a_unit(text: str) -> None:
    with pytest.raises(ValueError, match="is not a size; write a number and a unit"):
        memory.parse_size(text)


def test_a_size_below_duckdbs_minimum_is_refused() -> None:
    with pytest.raises(ValueError, match="too small"):
        memory.parse_size("10MB")


def test_default_is_half_the_usable_memory_with_a_floor(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(memory, "usable_memory", lambda: 24 * 1000**3)
    assert memory.default_limit() == 12 * 1000**3
    monkeypatch.setattr(memory, "usable_memory", lambda: 600 * 1000**2)
    assert memory.default_limit() == memory.FLOOR
    monkeypatch.setattr(memory, "usable_memory", lambda: None)
    assert memory.default_limit() == memory.FALLBACK


def test_usable_memory_is_read_on_this_platform() -> None:
    usable = memory.usable_memory()
    assert usable is not None and usable > memory.FLOOR


def _duckdb_limit() -> str:
    con = progress.connect()
    return str(con.execute("SELECT current_setting('memory_limit')").fetchone()[0])  # type: ignore[index]


def test_connect_takes_the_option_then_the_environment_then_the_default(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv(progress.MEMORY_LIMIT_ENV, raising=False)
    monkeypatch.setattr(memory, "default_limit", lambda: 2 * 1024**3)
    assert _duckdb_limit() == "2.0 GiB"
    monkeypatch.setenv(progress.MEMORY_LIMIT_ENV, "3GiB")
    assert _duckdb_limit() == "3.0 GiB"
    token = progress.LIMIT.set(1024**3)
    try:
        assert _duckdb_limit() == "1.0 GiB"
    finally:
        progress.LIMIT.reset(token)


@pytest.mark.parametrize("command", ["audit", "attribute", "clv"])
def test_commands_that_open_duckdb_pass_the_option_on(
    command: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    seen: list[str] = []
    real = progress.memory_limit

    def spy() -> str:
        seen.append(real())
        return seen[-1]

    monkeypatch.setattr(progress, "memory_limit", spy)
    args = [command, "--memory-limit", "700MiB", "-q", "-f", "json", "-o", str(tmp_path / "o")]
    run = runner.invoke(app, [*args, *(["--no-history"] if command == "audit" else [])])
    assert run.exit_code in (0, 1), run.output
    assert seen and set(seen) == {f"{700 * 1024**2}B"}
    assert progress.LIMIT.get() is None  # reset after the command


@pytest.mark.parametrize("command", ["audit", "attribute", "clv"])
def test_a_bad_memory_limit_exits_2_naming_the_option(command: str) -> None:
    run = runner.invoke(app, [command, "--memory-limit", "lots", "-q"])
    assert run.exit_code == 2
    assert "Invalid value for '--memory-limit': 'lots' is not a size" in run.output
    assert "Traceback" not in run.output


def test_a_bad_environment_limit_exits_2_naming_the_variable(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(progress.MEMORY_LIMIT_ENV, "1 XB")
    run = runner.invoke(app, ["audit", "-q", "--no-history"])
    assert run.exit_code == 2
    assert "personalroi: error: PERSONALROI_MEMORY_LIMIT: '1 XB' is not a size" in run.output


def test_out_of_memory_names_the_limit_and_what_to_do_exit_2(tmp_path: Path) -> None:
    """140 k sample units (34 MB, read on every thread) do not fit in DuckDB's minimum:
    an error saying so, not the file's fault nor a traceback (DuckDB's own message asks to
    change settings the user cannot reach)."""
    made = runner.invoke(app, ["sample", "--out", str(tmp_path), "--units", "140000", "-q"])
    assert made.exit_code == 0, made.output
    out = tmp_path / "a.json"
    config = str(tmp_path / "personalroi.yaml")
    args = ["audit", "-c", config, "-f", "json", "-q", "--no-history", "-o", str(out)]
    result = runner.invoke(app, [*args, "--memory-limit", "64MB"])
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith(
        "personalroi: error: DuckDB ran out of memory within its limit of 64MB: "
    )
    assert "Raise the limit with --memory-limit or PERSONALROI_MEMORY_LIMIT" in result.stderr
    assert "--memory-limit 128MB" in result.stderr
    assert "Traceback" not in result.output and not out.exists()


def test_out_of_memory_outside_a_located_query_is_the_users_error_too(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A DuckDB out-of-memory error from a query no file is named for still exits 2."""
    import duckdb
    import typer

    from personalroi.cli.common import user_errors

    @user_errors
    def quantiles() -> None:
        con = duckdb.connect(config={"memory_limit": "64MB", "threads": 1})
        # A quantile holds every value in memory: 10 M doubles cannot spill.
        con.execute("SELECT quantile_cont(range, 0.5) FROM range(10000000)").fetchall()

    with pytest.raises(typer.Exit) as exit_info:
        quantiles()
    assert exit_info.value.exit_code == 2
    assert "DuckDB ran out of memory within its limit of" in capsys.readouterr().err


def test_out_of_memory_outside_a_located_query_names_the_commands_own_limit(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The message names the limit the command ran with, not the default it returns to."""
    import typer

    from personalroi.cli.common import memory_limited, user_errors
    from personalroi.data.progress import connect

    @user_errors
    @memory_limited
    def quantiles(memory_limit: str | None = None) -> None:
        con = connect()
        con.execute("SET threads = 1")
        con.execute("SELECT quantile_cont(range, 0.5) FROM range(10000000)").fetchall()

    with pytest.raises(typer.Exit) as exit_info:
        quantiles(memory_limit="64MB")
    assert exit_info.value.exit_code == 2
    err = capsys.readouterr().err
    assert "DuckDB ran out of memory within its limit of 64MB: " in err
    assert "--memory-limit 128MB" in err
