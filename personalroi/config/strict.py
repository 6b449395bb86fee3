"""The base of every config model: unknown keys are refused, values are frozen.

Its own module so that the config's parts (model.py, engine.py) share it without
importing one another.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
