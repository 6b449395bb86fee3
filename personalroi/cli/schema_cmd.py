"""`personalroi schema`: the config's JSON Schema, for editors that validate YAML as you type."""

from __future__ import annotations

import json
from typing import Any

import typer

from personalroi.cli.common import NoColorOption, OutputOption, emit, user_errors

ORDER = 85
HELP = """Print the JSON Schema of the YAML config (from the same models the audit validates with).

Point your editor at it, e.g. with the YAML language server add this first line
to a config: # yaml-language-server: $schema=personalroi.schema.json

Example: personalroi schema -o personalroi.schema.json
"""

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def config_schema() -> dict[str, Any]:
    from personalroi import __version__
    from personalroi.config.model import Config

    schema = Config.model_json_schema(mode="validation")
    return {
        "$schema": SCHEMA_DIALECT,
        "title": "personalroi config",
        "description": f"Audit config for personalroi {__version__} (SPEC section 3).",
        **{k: v for k, v in schema.items() if k != "title"},
    }


@user_errors
def schema(output: OutputOption = None, no_color: NoColorOption = False) -> None:
    emit(json.dumps(config_schema(), indent=2) + "\n", output, no_color)


def register(app: typer.Typer) -> None:
    app.command("schema", help=HELP)(schema)
