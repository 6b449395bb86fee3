"""Where the audit's queries run: embedded DuckDB, or the user's warehouse or Spark.

`open_engine` returns a connection with the DuckDB methods the data layer uses;
for a remote engine it is a `RemoteConnection` over that engine's adapter. The
clients are optional extras, imported only here and only when configured.
"""

from __future__ import annotations

import importlib
import os
from typing import TYPE_CHECKING

from personalroi.errors import DataError

if TYPE_CHECKING:
    from personalroi.config.engine import EngineConfig
    from personalroi.engines.base import Adapter, RemoteConnection

# kind -> (module with `open_adapter`, the extra that installs its client)
ADAPTERS = {
    "postgres": ("personalroi.engines.postgres", "postgres"),
    "spark": ("personalroi.engines.spark", "spark"),
    "snowflake": ("personalroi.engines.snowflake", "snowflake"),
    "bigquery": ("personalroi.engines.bigquery", "bigquery"),
}


def secret_from_env(engine: EngineConfig) -> str:
    """The connection string named by `engine.url_env`; never printed or stored."""
    if not engine.url_env:
        raise DataError(
            f"engine.url_env: a {engine.kind} engine needs the name of an environment "
            "variable that holds its connection string (e.g. url_env: PERSONALROI_PG_URL)."
        )
    value = os.environ.get(engine.url_env, "")
    if not value:
        raise DataError(
            f"engine.url_env: environment variable {engine.url_env} is not set or empty; "
            f"set it to the {engine.kind} connection string."
        )
    return value


def open_adapter(engine: EngineConfig) -> Adapter:
    module_name, extra = ADAPTERS[engine.kind]
    module = importlib.import_module(module_name)
    opened: Adapter = module.open_adapter(engine)
    return opened


def open_engine(engine: EngineConfig) -> RemoteConnection:
    from personalroi.engines.base import RemoteConnection

    return RemoteConnection(open_adapter(engine))


def missing_client(kind: str, package: str) -> DataError:
    """The error for an engine whose optional client is not installed."""
    _, extra = ADAPTERS[kind]
    return DataError(
        f"engine.kind {kind} needs the {package} client, which is not installed: "
        f"pip install 'personalroi[{extra}]'."
    )
