"""Real engines for the tests: a throwaway PostgreSQL server, a local SparkSession, fakesnow.

Each engine holds the bundled sample (sample_data/*.csv) as tables of a schema
`shop` (shop.visitors, shop.orders, shop.sessions, shop.nps, shop.touchpoints),
typed as DuckDB types the CSV files, so an audit through the engine and the local
audit of the files read the same values. When an engine cannot run here (no
PostgreSQL server binaries, no Java, a client library missing) its fixture skips
and says why; CI (.ci/run) installs them, so there they run.

Imported by the tests as `from engine_fixtures import ...` (CI installs the
package, not the tests); the fixtures are registered in conftest.py.
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "sample_data"
SCHEMA = "shop"
PG_USER = "personalroi"
# A password, so that a wrong one can be tried; it is not a secret anywhere else.
PG_PASSWORD = "s3cret-test-pw"
PG_DATABASE = "audit"
PG_PORT = 5432  # on a private socket folder: no clash with any other server


def sample_tables() -> dict[str, Path]:
    """Table name (the file's stem) -> CSV file of the bundled sample."""
    return {p.stem: p for p in sorted(SAMPLE.glob("*.csv"))}


def csv_columns(path: Path) -> list[tuple[str, str]]:
    """The CSV's columns with the DuckDB types the local audit reads them as."""
    rows = duckdb.sql(f"DESCRIBE SELECT * FROM read_csv('{path}')").fetchall()
    return [(str(r[0]), str(r[1])) for r in rows]


EXAMPLE = ROOT / "configs" / "example.yaml"


def sample_config() -> dict[str, Any]:
    """configs/example.yaml with absolute paths (the local audit reads the files)."""
    data: dict[str, Any] = yaml.safe_load(EXAMPLE.read_text())
    data["units"]["path"] = str((EXAMPLE.parent / data["units"]["path"]).resolve())
    for source in data["sources"].values():
        source["path"] = str((EXAMPLE.parent / source["path"]).resolve())
    return data


def engine_tables() -> dict[str, str]:
    """Config name (units or a source) -> the engine's table holding that file."""
    data = sample_config()
    names = {"units": data["units"]["path"], **{n: s["path"] for n, s in data["sources"].items()}}
    return {name: f"{SCHEMA}.{Path(path).stem}" for name, path in names.items()}


def engine_config(engine: dict[str, Any], full: bool = True) -> dict[str, Any]:
    """The sample config reading the engine's tables shop.<stem> instead of the files."""
    data = sample_config() if full else per_unit_config()
    tables = engine_tables()
    data["engine"] = engine
    data["units"]["table"] = tables["units"]
    del data["units"]["path"]
    for name, source in data.get("sources", {}).items():
        source["table"] = tables[name]
        del source["path"]
    return data


def per_unit_config() -> dict[str, Any]:
    """The sample config without the parts per-arm statistics cannot reproduce.

    The CLV forecast is fitted on order histories, attribution and engagement read
    touchpoints and sessions row by row: none of them comes from `personalroi sql`.
    """
    data = sample_config()
    for key in ("clv", "attribution", "engagement"):
        data.pop(key, None)
    data["metrics"] = {n: m for n, m in data["metrics"].items() if m["type"] != "clv"}
    return data


def aggregated_config(stats_file: Path) -> dict[str, Any]:
    """The per-unit config reading `stats_file` (a `personalroi sql` result) instead."""
    data = per_unit_config()
    units = data["units"]
    data["units"] = {
        "aggregated": str(stats_file),
        "dimensions": units["dimensions"],
        "covariates": units["covariates"],
    }
    del data["sources"]
    return data


def clv_config() -> dict[str, Any]:
    """The sample config with its CLV section: what the by-hand stats and clv files cover."""
    data = sample_config()
    for key in ("attribution", "engagement"):
        data.pop(key, None)
    return data


def by_hand_config(files: dict[str, Path]) -> dict[str, Any]:
    """`clv_config` reading the saved section tables (units: {aggregated: {...}})."""
    data = clv_config()
    units = data["units"]
    data["units"] = {
        "aggregated": {name: str(path) for name, path in files.items()},
        "dimensions": units["dimensions"],
        "covariates": units["covariates"],
    }
    del data["sources"]
    return data


def split_sections(printed: str) -> dict[str, str]:
    """`personalroi sql`'s output as {section: statement without its comments and semicolon}."""
    out = {}
    for part in printed.split("\n-- section: ")[1:]:
        name, _, body = part.partition("\n")
        lines = body.strip().splitlines()
        while lines and lines[0].startswith("--"):
            lines.pop(0)
        out[name.split()[0]] = "\n".join(lines).rstrip(";")
    return out


def write_csv(path: Path, names: list[str], rows: list[tuple[Any, ...]]) -> None:
    """A query result as CSV: NULL as an empty field, numbers as exact text."""
    import csv

    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(names)
        writer.writerows(["" if v is None else v for v in row] for row in rows)


def assert_close(a: Any, b: Any, where: str = "", rel: float = 1e-9) -> None:
    """Equal structure; floats equal to `rel` (absolute 1e-12 around zero)."""
    import math

    if isinstance(a, dict):
        assert set(a) == set(b), where
        for key in a:
            assert_close(a[key], b[key], f"{where}.{key}", rel)
    elif isinstance(a, list):
        assert len(a) == len(b), where
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            assert_close(x, y, f"{where}[{i}]", rel)
    elif isinstance(a, float) and isinstance(b, float):
        assert math.isclose(a, b, rel_tol=rel, abs_tol=1e-12), (where, a, b)
    else:
        assert a == b, (where, a, b)


def audit_json(config: dict[str, Any], folder: Path, name: str) -> dict[str, Any]:
    """`personalroi audit -f json` of `config` (saved as folder/<name>.yaml), parsed."""
    import json

    from typer.testing import CliRunner

    from personalroi.cli import app

    path = folder / f"{name}.yaml"
    path.write_text(yaml.safe_dump(config))
    args = ["audit", "-c", str(path), "-f", "json", "-q", "--no-history"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code in (0, 1), result.output  # 1: a gate failed, the audit ran
    out: dict[str, Any] = json.loads(result.stdout)
    return out


def assert_same_audit(
    local: dict[str, Any], remote: dict[str, Any], sections: tuple[str, ...] = ()
) -> None:
    """`sections` of the two audits equal to 1e-9; by default every section but provenance."""
    if not sections:
        assert set(local) == set(remote)
        sections = tuple(sorted(set(local) - {"provenance"}))
    for section in sections:
        assert_close(local[section], remote[section], section)


def assert_engine_audits_like_local(
    engine: dict[str, Any], folder: Path, full: bool = True
) -> dict[str, Any]:
    """The sample audited from its files and through `engine` (tables shop.<stem>):
    every section equal. `full=False`: the per-unit config (no CLV, attribution,
    engagement). Returns the engine's audit."""
    local = audit_json(sample_config() if full else per_unit_config(), folder, "local")
    remote = audit_json(engine_config(engine, full), folder, str(engine["kind"]))
    assert_same_audit(local, remote)
    return remote


def printed_query(dialect: str, folder: Path) -> str:
    """`personalroi sql --dialect D` over the engine's tables, without the final semicolon."""
    from typer.testing import CliRunner

    from personalroi.cli import app

    config = folder / "raw.yaml"
    config.write_text(yaml.safe_dump(per_unit_config()))
    args = ["sql", "-c", str(config), "--dialect", dialect, "--section", "stats"]
    for name, table in engine_tables().items():
        args += ["--table", f"{name}={table}"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    return result.stdout.strip().rstrip(";")


# ---------------------------------------------------------------- PostgreSQL

PG_TYPES = {
    "BIGINT": "bigint",
    "INTEGER": "integer",
    "DOUBLE": "double precision",
    "VARCHAR": "text",
    "TIMESTAMP": "timestamp",
    "DATE": "date",
    "BOOLEAN": "boolean",
}


@dataclass(frozen=True)
class PostgresServer:
    """A running server on a unix socket in `socket_dir`; `url()` is a libpq URL."""

    socket_dir: Path
    port: int = PG_PORT
    user: str = PG_USER
    password: str = PG_PASSWORD
    database: str = PG_DATABASE

    def url(self, password: str | None = None, port: int | None = None) -> str:
        secret = self.password if password is None else password
        return (
            f"postgresql://{self.user}:{secret}@/{self.database}"
            f"?host={self.socket_dir}&port={port or self.port}"
        )

    def connect(self) -> Any:
        import psycopg

        return psycopg.connect(self.url(), autocommit=True)


def postgres_bin() -> Path | None:
    """The folder with initdb and pg_ctl: on PATH, else Debian's versioned folder."""
    found = shutil.which("initdb")
    if found and shutil.which("pg_ctl"):
        return Path(os.path.realpath(found)).parent
    versions = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"),
        key=lambda p: [int(n) for n in re.findall(r"\d+", p)],
    )
    return Path(versions[-1]).parent if versions else None


def _server_account() -> tuple[int, int] | None:
    """initdb refuses to run as root: as root, run the server as Debian's `postgres` user."""
    if os.geteuid() != 0:
        return None
    try:
        entry = pwd.getpwnam("postgres")
    except KeyError:
        pytest.skip("PostgreSQL cannot run as root and there is no 'postgres' user")
    return entry.pw_uid, entry.pw_gid


@contextlib.contextmanager
def postgres_server() -> Iterator[PostgresServer]:
    """initdb + pg_ctl start in a temporary folder, listening on a unix socket only."""
    pytest.importorskip("psycopg", reason="psycopg not installed: pip install 'psycopg[binary]'")
    bindir = postgres_bin()
    if bindir is None:
        pytest.skip("no PostgreSQL server binaries (initdb, pg_ctl): apt-get install postgresql")
    account = _server_account()
    base = Path(tempfile.mkdtemp(prefix="personalroi-pg-"))
    data, sock = base / "data", base / "sock"
    sock.mkdir()
    pwfile = base / "pw"
    pwfile.write_text(PG_PASSWORD + "\n")
    as_server: dict[str, Any] = {}
    if account:
        for path in (base, sock, pwfile):
            os.chown(path, *account)
        as_server = {"user": account[0], "group": account[1], "extra_groups": []}
    env = {**os.environ, "LC_ALL": "C", "LANG": "C"}
    subprocess.run(
        [bindir / "initdb", "-D", data, "-U", PG_USER, f"--pwfile={pwfile}",
         "--auth=scram-sha-256", "-E", "UTF8", "--no-locale", "--no-sync"],
        check=True, capture_output=True, env=env, **as_server,
    )  # fmt: skip
    options = (
        f"-c listen_addresses='' -k {sock} -p {PG_PORT} -c fsync=off "
        "-c synchronous_commit=off -c full_page_writes=off -c timezone=UTC"
    )
    log = base / "server.log"
    started = subprocess.run(
        [bindir / "pg_ctl", "-D", data, "-o", options, "-l", log, "-w", "-t", "60", "start"],
        capture_output=True, text=True, env=env, **as_server,
    )  # fmt: skip
    if started.returncode != 0:
        text = log.read_text() if log.exists() else started.stderr
        shutil.rmtree(base, ignore_errors=True)
        raise RuntimeError(f"PostgreSQL did not start:\n{text}")
    try:
        server = PostgresServer(sock)
        with _admin(server) as con:
            con.execute(f"CREATE DATABASE {PG_DATABASE}")
        load_postgres(server)
        yield server
    finally:
        subprocess.run(
            [bindir / "pg_ctl", "-D", data, "-m", "immediate", "-w", "stop"],
            capture_output=True, env=env, **as_server,
        )  # fmt: skip
        shutil.rmtree(base, ignore_errors=True)


@contextlib.contextmanager
def _admin(server: PostgresServer) -> Iterator[Any]:
    import psycopg

    url = server.url().replace(f"/{server.database}?", "/postgres?")
    with psycopg.connect(url, autocommit=True) as con:
        yield con


def load_postgres(server: PostgresServer) -> None:
    """The sample's CSV files as typed tables shop.<stem>, copied in with COPY."""
    with server.connect() as con:
        con.execute(f"CREATE SCHEMA {SCHEMA}")
        for name, path in sample_tables().items():
            copy_csv(con, f"{SCHEMA}.{name}", path)
            con.execute(f"ANALYZE {SCHEMA}.{name}")


def copy_csv(con: Any, table: str, path: Path) -> None:
    """The CSV file as a new PostgreSQL table with the types the local audit reads."""
    columns = ", ".join(f'"{c}" {PG_TYPES[t]}' for c, t in csv_columns(path))
    con.execute(f"CREATE TABLE {table} ({columns})")
    with (
        con.cursor() as cur,
        cur.copy(f"COPY {table} FROM STDIN (FORMAT csv, HEADER true)") as copy,
    ):
        copy.write(path.read_bytes())


# ---------------------------------------------------------------- Spark

SPARK_TYPES = {
    "BIGINT": "BIGINT",
    "INTEGER": "INT",
    "DOUBLE": "DOUBLE",
    "VARCHAR": "STRING",
    "TIMESTAMP": "TIMESTAMP",
    "DATE": "DATE",
    "BOOLEAN": "BOOLEAN",
}

# Spark logs INFO/WARN to stderr from the JVM's start; this keeps it to errors.
LOG4J2 = """\
rootLogger.level = error
rootLogger.appenderRef.stderr.ref = console
appender.console.type = Console
appender.console.name = console
appender.console.target = SYSTEM_ERR
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = %d{HH:mm:ss} %p %c{1}: %m%n
"""


def java_missing() -> str | None:
    """Why Spark cannot start here, or None."""
    if not (shutil.which("java") or os.environ.get("JAVA_HOME")):
        return "no Java runtime for Spark: apt-get install default-jre-headless"
    return None


@contextlib.contextmanager
def spark_session(folder: Path) -> Iterator[Any]:
    """One local SparkSession (local[2]) with the sample as tables shop.<stem>."""
    pytest.importorskip("pyspark", reason="pyspark not installed: pip install 'personalroi[spark]'")
    reason = java_missing()
    if reason:
        pytest.skip(reason)
    from pyspark.sql import SparkSession

    log_config = folder / "log4j2.properties"
    log_config.write_text(LOG4J2)
    java_options = f"-Dlog4j.configurationFile=file:{log_config}"
    spark = (
        SparkSession.builder.master("local[2]")
        .appName("personalroi-tests")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.default.parallelism", "2")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        # Local mode needs no network name; this skips the host lookup and its warning.
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.sql.warehouse.dir", str(folder / "warehouse"))
        .config("spark.driver.extraJavaOptions", java_options)
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    try:
        load_spark(spark)
        yield spark
    finally:
        spark.stop()


def load_spark(spark: Any) -> None:
    """The sample's CSV files as external CSV tables shop.<stem> with the DuckDB types."""
    spark.sql(f"CREATE DATABASE IF NOT EXISTS {SCHEMA}")
    for name, path in sample_tables().items():
        columns = ", ".join(f"`{c}` {SPARK_TYPES[t]}" for c, t in csv_columns(path))
        spark.sql(
            f"CREATE TABLE {SCHEMA}.{name} ({columns}) USING csv OPTIONS ("
            f"path '{path}', header 'true', mode 'FAILFAST', "
            "timestampFormat 'yyyy-MM-dd HH:mm:ss')"
        )
        # Parse each file once: every later scan reads the cached rows.
        spark.sql(f"CACHE TABLE {SCHEMA}.{name}")


# ---------------------------------------------------------------- Snowflake (fakesnow)

SNOWFLAKE_DATABASE = "AUDIT"
SNOWFLAKE_TYPES = {
    "BIGINT": "NUMBER(38,0)",
    "INTEGER": "NUMBER(38,0)",
    "DOUBLE": "FLOAT",
    "VARCHAR": "VARCHAR",
    "TIMESTAMP": "TIMESTAMP_NTZ",
    "DATE": "DATE",
    "BOOLEAN": "BOOLEAN",
}
# The URL the adapter reads; fakesnow accepts any user, password and account.
SNOWFLAKE_URL = f"snowflake://tester:pw%40x@test-account/{SNOWFLAKE_DATABASE}/{SCHEMA}?warehouse=WH"


@contextlib.contextmanager
def snowflake_emulator() -> Iterator[Any]:
    """fakesnow patching snowflake.connector.connect (its documented use), the sample
    loaded as tables SHOP.<STEM> created the usual (unquoted, upper-case) way.

    Yields a connection of the official connector to the emulator."""
    pytest.importorskip("snowflake.connector", reason="pip install 'personalroi[snowflake]'")
    fakesnow = pytest.importorskip("fakesnow", reason="fakesnow not installed")
    import snowflake.connector
    import snowflake.connector.pandas_tools as pandas_tools

    with fakesnow.patch():
        con = snowflake.connector.connect(
            user="tester", password="pw", account="test-account",
            database=SNOWFLAKE_DATABASE, schema=SCHEMA,
        )  # fmt: skip
        for name, path in sample_tables().items():
            columns = ", ".join(f"{c} {SNOWFLAKE_TYPES[t]}" for c, t in csv_columns(path))
            con.cursor().execute(f"CREATE TABLE {SCHEMA}.{name} ({columns})")
            frame = duckdb.sql(f"SELECT * FROM read_csv('{path}')").df()
            frame.columns = [str(c).upper() for c in frame.columns]
            # Through the module: fakesnow patches the name there.
            pandas_tools.write_pandas(con, frame, name.upper(), schema=SCHEMA.upper())
        yield con
        con.close()
