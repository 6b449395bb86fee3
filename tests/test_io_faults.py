"""I/O faults end in exit 2 with one located line: full disks, unwritable or special
outputs, a closed stdout, symlink loops, control characters, hostile JSON, damaged
history rows; --output never replaces an input; piped tables keep every figure."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from export_helpers import runner, write_config, write_csv

from personalroi import __version__
from personalroi.cli import app

HEADER = ["user_id", "group", "seg", "revenue"]


def _experiment(folder: Path, rows: int = 12) -> Path:
    data = [
        [f"u{i}", "control" if i % 2 else "treatment", "ab"[i % 3 == 0], i] for i in range(rows)
    ]
    write_csv(folder / "units.csv", HEADER, data)
    config = {
        "experiment": {"name": "io", "control": "control"},
        "units": {"path": "units.csv", "id": "user_id", "arm": "group", "dimensions": ["seg"]},
        "metrics": {"rev": {"type": "mean", "value": "units.revenue"}},
    }
    return write_config(folder, config)


def _audit(config: Path, *extra: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["audit", "-c", str(config), "-q", "--no-history", *extra])
    assert "Traceback" not in result.output
    return result.exit_code, result.stdout, result.stderr


def _one_error_line(stderr: str) -> str:
    assert stderr.startswith("personalroi: error: ") and stderr.count("\n") == 1, stderr
    return stderr.removeprefix("personalroi: error: ").rstrip("\n")


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_output_on_a_full_disk(tmp_path: Path) -> None:
    code, out, err = _audit(_experiment(tmp_path), "-o", "/dev/full")
    assert code == 2 and out == ""
    assert _one_error_line(err) == (
        "/dev/full: cannot write: No space left on device. Nothing was written; "
        "choose another --output."
    )


def test_output_where_no_file_can_be_made(tmp_path: Path) -> None:
    code, _, err = _audit(_experiment(tmp_path), "-o", "/proc/personalroi-result.txt")
    assert code == 2
    assert _one_error_line(err).startswith("/proc/personalroi-result.txt: cannot write: ")


def test_unwritable_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Root may write anywhere: make the temp file fail as a read-only folder would.
    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("personalroi.cli.common.tempfile.mkstemp", refuse)
    code, _, err = _audit(_experiment(tmp_path), "-o", str(tmp_path / "r.txt"))
    assert code == 2
    assert _one_error_line(err) == (
        f"{tmp_path / 'r.txt'}: cannot write: Permission denied. Nothing was written; "
        "choose another --output."
    )


def _run(args: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    return subprocess.run(  # type: ignore[call-overload, no-any-return]
        [sys.executable, "-m", "personalroi", *args], text=True, env=env, **kwargs
    )


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_stdout_on_a_full_disk(tmp_path: Path) -> None:
    config = str(_experiment(tmp_path))
    with open("/dev/full", "w") as full:
        done = _run(["audit", "-c", config, "-q", "--no-history"], stdout=full, stderr=-1)
    assert done.returncode == 2
    assert done.stderr == (
        "personalroi: error: <stdout>: cannot write the result: No space left on device. "
        "Use -o FILE to write it to a file.\n"
    )


def test_stdout_closed(tmp_path: Path) -> None:
    config = str(_experiment(tmp_path))
    cmd = [sys.executable, "-m", "personalroi", "audit", "-c", config, "-q", "--no-history"]
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    done = subprocess.run(
        ["sh", "-c", '"$@" >&-', "sh", *cmd], text=True, env=env, stderr=-1, check=False
    )
    assert done.returncode == 2
    assert done.stderr == (
        "personalroi: error: <stdout>: cannot write the result: it is closed. "
        "Use -o FILE to write it to a file.\n"
    )


@pytest.mark.parametrize("target", ["c.yaml", "units.csv", "./sub/../units.csv"])
def test_output_never_replaces_an_input(
    tmp_path: Path, target: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = _experiment(tmp_path)
    (tmp_path / "sub").mkdir()
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()}
    monkeypatch.chdir(tmp_path)
    code, out, err = _audit(config, "-o", target)
    assert code == 2 and out == ""
    read = "c.yaml" if target == "c.yaml" else str(tmp_path / "units.csv")
    assert _one_error_line(err) == (
        f"{Path(target)}: --output names {read if target != 'c.yaml' else config}, which this "
        "command reads; nothing was written. Choose another file name."
    )
    assert before == {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()}


def test_output_refused_for_a_hard_link_to_the_data(tmp_path: Path) -> None:
    config = _experiment(tmp_path)
    os.link(tmp_path / "units.csv", tmp_path / "alias.csv")
    code, _, err = _audit(config, "-o", str(tmp_path / "alias.csv"))
    assert code == 2 and "which this command reads" in err


@pytest.mark.parametrize(
    "args",
    [["sql", "-c", "{c}", "-o", "{c}"], ["init", "{d}", "-o", "{d}", "--force"]],
)
def test_other_commands_refuse_their_inputs(tmp_path: Path, args: list[str]) -> None:
    config = _experiment(tmp_path)
    data = tmp_path / "units.csv"
    filled = [a.format(c=config, d=data) for a in args]
    result = runner.invoke(app, filled)
    assert result.exit_code == 2 and "which this command reads" in result.stderr


def test_report_refuses_its_input(tmp_path: Path) -> None:
    config = _experiment(tmp_path)
    saved = tmp_path / "r.json"
    assert _audit(config, "-f", "json", "-o", str(saved))[0] == 0
    result = runner.invoke(app, ["report", str(saved), "-o", str(saved)])
    assert result.exit_code == 2 and "which this command reads" in result.stderr


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.stdout == f"personalroi {__version__}\n"


def test_symlink_loop_as_data_path(tmp_path: Path) -> None:
    config = _experiment(tmp_path)
    (tmp_path / "a.csv").symlink_to(tmp_path / "b.csv")
    (tmp_path / "b.csv").symlink_to(tmp_path / "a.csv")
    config.write_text(config.read_text().replace("path: units.csv", "path: a.csv"))
    code, _, err = _audit(config)
    assert code == 2
    assert _one_error_line(err) == (
        f"{tmp_path / 'a.csv'}: a symbolic link that leads nowhere (a loop or a missing "
        "target). Check the path in the config."
    )


def test_nul_byte_in_yaml(tmp_path: Path) -> None:
    config = _experiment(tmp_path)
    config.write_bytes(b"experiment: {name: io}\nunits: {path: \x00}\n")
    code, _, err = _audit(config)
    assert code == 2
    assert _one_error_line(err) == (
        f"{config}:2: contains the control character U+0000 (offset 37); the config is "
        "plain text. Is this the right file?"
    )


def test_report_of_deeply_nested_json() -> None:
    result = runner.invoke(app, ["report", "-"], input="[" * 100_000)
    assert result.exit_code == 2
    assert _one_error_line(result.stderr) == (
        "<stdin>: nested too deeply to be a personalroi result (arrays or objects inside "
        "each other thousands of levels deep)."
    )


@pytest.mark.parametrize("token", ["NaN", "Infinity", "-Infinity"])
def test_report_refuses_non_finite_numbers(token: str) -> None:
    text = '{"schema_version": 1, "experiment": {},\n "metrics": [{"p_value": TOKEN}]}'
    text = text.replace("TOKEN", token)
    result = runner.invoke(app, ["report", "-"], input=text)
    assert result.exit_code == 2
    assert _one_error_line(result.stderr) == (
        f"<stdin>: line 2: {token} is not a number JSON allows; a result written by "
        "`personalroi audit --format json` uses null for a missing value."
    )


@pytest.mark.parametrize("command", [["show", "1"], ["diff", "1", "1"]])
def test_history_row_with_broken_json(tmp_path: Path, command: list[str]) -> None:
    config = _experiment(tmp_path)
    db = tmp_path / "h.db"
    done = runner.invoke(app, ["audit", "-c", str(config), "-q", "--history", str(db)])
    assert done.exit_code == 0, done.output
    with sqlite3.connect(db) as con:
        con.execute("UPDATE audits SET result = '{\"schema_version\": 1, ' WHERE id = 1")
    result = runner.invoke(app, ["history", *command, "--history", str(db)])
    assert result.exit_code == 2, result.output
    line = _one_error_line(result.stderr)
    assert line.startswith(f"{db}: audit 1: the stored result is not valid JSON ("), line


def test_mixed_line_endings_are_read(tmp_path: Path) -> None:
    config = _experiment(tmp_path)
    lines = (tmp_path / "units.csv").read_bytes().split(b"\n")
    (tmp_path / "units.csv").write_bytes(b"\r\n".join(lines[:5]) + b"\r\n" + b"\n".join(lines[5:]))
    code, out, _ = _audit(config, "-f", "json")
    assert code == 0 and '"control": 6' in out


def test_mixed_encodings_name_the_first_bad_line(tmp_path: Path) -> None:
    config = _experiment(tmp_path)
    text = (tmp_path / "units.csv").read_bytes()
    lines = text.split(b"\n")
    lines[3] = lines[3].replace(b",a,", ",néw,".encode("latin-1"))
    lines[4] = lines[4].replace(b",b,", ",néw,".encode())
    (tmp_path / "units.csv").write_bytes(b"\n".join(lines))
    code, _, err = _audit(config)
    assert code == 2
    assert _one_error_line(err) == (
        f"{tmp_path / 'units.csv'}: line 4: byte 0xE9 is not UTF-8, but other lines are "
        "UTF-8: the file mixes two encodings (rows appended from another export?). "
        "Re-export it, or convert it to UTF-8 as a whole."
    )


def test_latin1_beyond_the_sniffed_head_names_its_line(tmp_path: Path) -> None:
    config = _experiment(tmp_path, rows=20_000)
    with (tmp_path / "units.csv").open("ab") as fh:
        fh.write(b"x1,control,n\xe9w,1\n")
    code, _, err = _audit(config)
    assert code == 2
    assert _one_error_line(err).startswith(f"{tmp_path / 'units.csv'}: line 20002: not UTF-8")


def test_piped_tables_keep_every_figure(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    """A table whose figures need more than 140 columns is written at the width it needs,
    to a file and to a pipe: never '…' inside a number."""
    from rich.table import Table

    from personalroi.cli.common import FILE_WIDTH, emit

    table = Table("metric", *(f"arm {i}" for i in range(14)))
    table.add_row("revenue", *(f"{-1234567.891 * i:,.2f}" for i in range(14)))
    out = tmp_path / "t.txt"
    emit(table, out, no_color=True)
    emit(table, None, no_color=True)  # pytest's capture is not a terminal
    for text in (out.read_text(), capsys.readouterr().out):
        assert "…" not in text and "-16,049,382.58" in text
        assert max(len(line) for line in text.splitlines()) > FILE_WIDTH


def test_parquet_list_column_is_named(tmp_path: Path) -> None:
    import duckdb

    data = tmp_path / "u.parquet"
    duckdb.connect().execute(
        "COPY (SELECT i AS id, CASE WHEN i % 2 = 0 THEN 'a' ELSE 'b' END AS arm, "
        f"[i, i + 1] AS rev FROM range(100) t(i)) TO '{data}' (FORMAT parquet)"
    )
    config = write_config(
        tmp_path,
        {
            "experiment": {"name": "pq", "control": "a"},
            "units": {"path": "u.parquet", "id": "id", "arm": "arm"},
            "metrics": {"rev": {"type": "mean", "value": "units.rev"}},
        },
    )
    message = (
        f"{data}: column 'rev' (named by metrics.rev.value) holds BIGINT[] values, not "
        "numbers; a value column needs one number per row."
    )
    code, _, err = _audit(config)
    assert code == 2 and _one_error_line(err) == message
    checked = runner.invoke(app, ["validate", "-c", str(config)])
    assert checked.exit_code == 2 and f"metrics.rev.value: {message}" in checked.stderr
