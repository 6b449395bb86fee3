"""Where the queries run (SPEC 7.4): the `engine:` section of the config."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, model_validator

from personalroi.config.strict import Strict


class EngineConfig(Strict):
    """Where the queries run (SPEC 7.4). Secrets only through the variable `url_env` names."""

    kind: Literal["duckdb", "postgres", "spark", "bigquery", "snowflake"] = "duckdb"
    url_env: str | None = None  # postgres, snowflake: the connection string's variable
    master: str | None = None  # spark: local[2], spark://host:7077, yarn
    remote: str | None = None  # spark: Spark Connect, sc://host:15002
    project: str | None = None  # bigquery: the billing project
    location: str | None = None  # bigquery: the dataset location (EU, US)
    timeout_seconds: Annotated[float, Field(gt=0)] | None = None

    @property
    def remote_engine(self) -> bool:
        return self.kind != "duckdb"

    @model_validator(mode="after")
    def _keys_of_kind(self) -> EngineConfig:
        own = {
            "duckdb": set(),
            "postgres": {"url_env", "timeout_seconds"},
            "snowflake": {"url_env", "timeout_seconds"},
            "spark": {"master", "remote"},
            "bigquery": {"project", "location", "timeout_seconds"},
        }[self.kind]
        foreign = sorted(self.model_fields_set - own - {"kind"})
        if foreign:
            raise ValueError(f"engine kind {self.kind} takes no {', '.join(foreign)}")
        if self.kind in ("postgres", "snowflake") and not self.url_env:
            raise ValueError(
                f"engine kind {self.kind} needs url_env: the name of an environment variable "
                "holding the connection string (never the string itself)"
            )
        if self.master and self.remote:
            raise ValueError("spark takes master (a SparkSession) or remote (Spark Connect)")
        return self
