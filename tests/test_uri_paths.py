"""URIs in `path:` (s3a://, gs://, https://, ...) are kept as written, not joined to
the config's folder; `file://` names a local file; the embedded engine reads what
DuckDB can and otherwise exits 2 saying what to do. (Spark: test_engine_spark.py.)"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from engine_fixtures import SAMPLE, assert_same_audit, audit_json, sample_config
from typer.testing import CliRunner

from personalroi.cli import app
from personalroi.config.model import Source, Units
from personalroi.config.uri import UriPath
from personalroi.data.inputs import input_files

runner = CliRunner()
URIS = [
    "s3a://bucket/exp42/visitors.parquet",
    "s3://bucket/visitors.csv",
    "gs://bucket/dir/visitors.parquet",
    "abfss://container@account.dfs.core.windows.net/visitors.parquet",
    "hdfs://namenode:8020/data/visitors.csv",
    "https://example.org/exports/visitors.csv?sig=a%2Fb",
]


@pytest.mark.parametrize("uri", URIS)
def test_a_uri_is_kept_as_written(uri: str, tmp_path: Path) -> None:
    context = {"base_dir": tmp_path}
    units = Units.model_validate({"path": uri, "id": "i", "arm": "a"}, context=context)
    source = Source.model_validate({"path": uri, "id": "i"}, context=context)
    for path in (units.path, source.path):
        assert isinstance(path, UriPath) and str(path) == uri and f"{path}" == uri
        assert not path.exists()
    assert units.path.name == uri.rsplit("/", 1)[-1]


def test_file_uris_and_plain_paths_are_local_files(tmp_path: Path) -> None:
    context = {"base_dir": tmp_path}
    local = Source.model_validate({"path": "orders.csv", "id": "i"}, context=context)
    assert local.path == tmp_path.resolve() / "orders.csv"
    uri = Source.model_validate({"path": f"file://{SAMPLE}/my%20orders.csv", "id": "i"})
    assert not isinstance(uri.path, UriPath) and uri.path == SAMPLE / "my orders.csv"


def _with_inputs(prefix: str) -> dict[str, Any]:
    """The sample config with every input's path as `prefix` + the file's name."""
    data = sample_config()
    data["units"]["path"] = prefix + Path(data["units"]["path"]).name
    for source in data["sources"].values():
        source["path"] = prefix + Path(source["path"]).name
    return data


def test_the_audit_of_file_uris_is_the_audit_of_the_files(tmp_path: Path) -> None:
    plain = audit_json(sample_config(), tmp_path, "plain")
    uris = audit_json(_with_inputs(f"file://{SAMPLE}/"), tmp_path, "uris")
    assert_same_audit(plain, uris)


def test_uris_are_not_local_files_the_output_could_overwrite(tmp_path: Path) -> None:
    from personalroi.config.load import load_config
    from personalroi.plan.compile import compile_plan

    path = tmp_path / "c.yaml"
    path.write_text(yaml.safe_dump(_with_inputs("gs://bucket/")))
    assert input_files(compile_plan(load_config(path))) == []


def _audit_exit(config: dict[str, Any], folder: Path) -> tuple[int, str]:
    path = folder / "c.yaml"
    path.write_text(yaml.safe_dump(config))
    result = runner.invoke(app, ["audit", "-c", str(path), "-q", "--no-history"])
    return result.exit_code, result.output


def test_a_scheme_duckdb_cannot_read_is_exit_2(tmp_path: Path) -> None:
    code, output = _audit_exit(_with_inputs("hdfs://namenode:8020/exports/"), tmp_path)
    assert code == 2
    assert output == (
        "personalroi: error: hdfs://namenode:8020/exports/visitors.csv: the embedded engine "
        "(DuckDB) cannot read hdfs:// URIs. Use engine: {kind: spark} (Spark reads them), "
        "or copy the file to a local folder.\n"
    )


@pytest.fixture
def http_server() -> Iterator[str]:
    """The sample's folder served on a local port: http://127.0.0.1:PORT/."""
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(SAMPLE))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def test_an_http_uri_is_read_through_httpfs_or_refused_saying_so(
    http_server: str, tmp_path: Path
) -> None:
    import duckdb

    config = sample_config()
    config["units"]["path"] = http_server + "visitors.csv"
    try:
        duckdb.connect().execute("LOAD httpfs")
    except duckdb.Error:
        # Not installed (no network to fetch it): exit 2 naming the URI and the fix.
        code, output = _audit_exit(config, tmp_path)
        assert code == 2, output
        assert output.startswith(f"personalroi: error: {http_server}visitors.csv: DuckDB ")
        assert "httpfs" in output and "install_extension('httpfs')" in output
        assert "Traceback" not in output
    else:
        # httpfs is there: the file read over HTTP gives the audit of the local file.
        assert_same_audit(
            audit_json(sample_config(), tmp_path, "plain"), audit_json(config, tmp_path, "http")
        )
